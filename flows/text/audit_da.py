"""Danske tekster til revisionsloggen og eksporten (issue 15): `datadialog audit list`,
`datadialog export` og eksporten, som bedes om i en chat."""

from __future__ import annotations

from flows.text.base import Entry

CATALOGUE: dict[str, Entry] = {
    # Hvad en række i revisionsloggen siger, der blev gjort (`flows.audit.AuditAction`)
    "AuditAction.group_created": "oprettede gruppen",
    "AuditAction.data_imported": "importerede data",
    "AuditAction.data_replaced": "erstattede data",
    "AuditAction.data_restored": "gendannede tidligere data",
    "AuditAction.parameters_chosen": "valgte parametrene til graferne",
    "AuditAction.charts_sent": "fik tilsendt grafer over data",
    "AuditAction.paper_read": "læste aftalepapiret",
    "AuditAction.exported": "eksporterede",
    "AuditAction.member_added": "tilføjede et medlem",
    "AuditAction.member_removed": "fjernede et medlem",
    "AuditAction.role_changed": "ændrede en rolle",
    "AuditAction.group_renamed": "omdøbte gruppen",
    "AuditAction.rhythm_changed": "ændrede rytmen",
    "AuditAction.timeboxes_changed": "ændrede tidsrammerne",
    "AuditAction.holiday_rule_changed": "ændrede helligdagsreglen",
    "AuditAction.channel_changed": "ændrede kanalen",
    "AuditAction.group_archived": "arkiverede gruppen",
    "AuditAction.group_unarchived": "genåbnede gruppen",
    "AuditAction.installed": "installerede appen",
    # datadialog audit list
    "audit.heading": "Revisionsloggen ({count} rækker), ældste først:",
    "audit.line": "{at} · {actor} ({platform}) {action} · {group} · {ref}",
    "audit.no_group": "ingen gruppe",
    "audit.none": "Revisionsloggen har ingen rækker for det valg.",
    "audit.error.bad_since": "--since skal være en dato som 2026-12-01 (fik »{text}«).",
    # Eksporten (datadialog export; "eksport" i en chat)
    "export.error.not_leader": "Kun en gruppes mødeleder kan eksportere dens data ({leader} leder {group}).",
    "export.error.what": "Sig, hvad der skal eksporteres: --group NAVN eller --member ID (med --group NAVN for kun én gruppe).",
    "export.error.no_member": "{member} er ikke og har ikke været medlem af {groups}.",
    "export.error.no_member_anywhere": "Ingen gruppe har eller har haft et medlem med bruger-id {member}.",
    "export.written": "Eksporten af {group} ligger i {path}: {papers} aftalepapirer, {meetings} møder, {measurements} målinger, {rows} rækker fra revisionsloggen.",
    "export.member_written": "Eksporten af det, {member} har skrevet, ligger i {path}: {meetings} møder i {groups} grupper, {rows} rækker fra revisionsloggen.",
    "export.chat.sent": "Eksporten af {group} ligger i dine direkte beskeder ({file}).",
    "export.chat.saved": "Eksporten af {group} er gemt i {path}.",
    "export.chat.teams": 'Teams kan ikke modtage eksporten som fil her. Driftsansvarlig kan eksportere {group} på kommandolinjen: datadialog export --group "{group}"',
    "export.chat.failed": "Eksporten af {group} kunne ikke sendes. Prøv igen, eller bed driftsansvarlig om at eksportere den på kommandolinjen.",
    "export.readme.group": lambda p: (
        f"Datadialog: eksporten af data for {p['group']}, lavet {p['at']}.\n\n"
        "paper-N.md, paper-N.html: aftalepapiret fra møde N (hvert afsluttet møde), som"
        " Markdown og som webside.\n"
        "meetings/meeting-N.json: alt, hvad der er gemt om møde N: forberedelsespunkter,"
        " observationer, temaer, stemmer, forklaringer, aftalepapiret (mål, tegn på fremskridt,"
        " handlinger), opfølgningen på tidligere handlinger, det, hver tager med, og"
        ' mødelederens rettelser. Hvem der skrev hvad, står som bruger-id; "people" giver'
        " navnene.\n"
        + (
            "measurements.csv: gruppens nuværende data i importformatet (datadialog data import"
            " læser dem igen).\n"
            if p["data"]
            else "Gruppen har ingen importerede målinger, så der er ingen measurements.csv.\n"
        )
        + "audit-log.csv: revisionsloggens rækker om gruppen: hvem gjorde hvad, hvornår, hvorfra.\n"
        "group-settings.json: gruppens medlemmer (også tidligere), rytme og indstillinger.\n\n"
        "Ikke med: de beskeder, Datadialog har sendt (de laves ud fra mødet, når de sendes, og"
        " gemmes ikke), graferne (de tegnes ud fra målingerne) og de tidligere versioner af"
        " data (datadialog data history viser dem)."
    ),
    "export.readme.member": lambda p: (
        f"Datadialog: det, {p['name']} (bruger-id {p['user_id']}) har skrevet, eksporteret"
        f" {p['at']}.\n\n"
        "member.json: gruppe for gruppe og møde for møde deres forberedelsespunkter,"
        " observationer, temaer, stemmer, forklaringer, tegn på fremskridt, handlinger de har"
        " skrevet, opfølgninger, det de tager med og rettelser, og de handlinger, der er aftalt"
        " for dem (som ansvarlig eller opfølgningsansvarlig).\n"
        "audit-log.csv: revisionsloggens rækker om det, de har gjort.\n\n"
        "Ikke med: de beskeder, Datadialog har sendt til dem (påmindelser, opfordringer til at"
        " forberede sig, svar): de laves ud fra mødet, når de sendes, og gemmes ikke, så ingen"
        " eksport kan indeholde dem; det, der er aftalt for dem, står i member.json. Aftale-"
        "papirets mål er gruppens (der gemmes ingen forfatter), så de er med i gruppens eksport."
    ),
}
