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
    "AuditAction.escalation_changed": "ændrede, hvornår handlinger over tid eskaleres",  # issue 17
    "AuditAction.group_archived": "arkiverede gruppen",
    "AuditAction.group_unarchived": "genåbnede gruppen",
    "AuditAction.installed": "installerede appen",
    # Afinstallation (issue 15): appen fjernet, grupperne frosset og tøet op (datadialog group list, show)
    "AuditAction.uninstalled": "fjernede appen (eller tilbagekaldte dens tokens)",
    "AuditAction.group_frozen": "frøs gruppen (appen blev fjernet)",
    "AuditAction.group_thawed": "tøede gruppen op (appen blev installeret igen)",
    "group.frozen_line": "{line} · frosset: slettes efter {until}, medmindre appen installeres igen",
    "group.frozen_on": "Frosset siden {since}: appen blev fjernet fra dens arbejdsområde eller team. Gruppen slettes efter {until}, medmindre appen installeres der igen.",
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
    # Sletning (datadialog erase; issue 15, GDPR art. 17)
    "AuditAction.erased": "slettede et medlems eller en borgers data",
    "AuditAction.group_deleted": "slettede gruppen",
    "erase.participant": "en deltager",
    "erase.citizen_marker": "[borger]",
    "erase.error.what": "Sig, hvad der skal slettes: --group NAVN (hele gruppen), --member ID (med --group NAVN for kun én gruppe) eller --citizen PSEUDONYM --group NAVN.",
    "erase.error.citizen_group": "--citizen kræver --group NAVN: et pseudonym hører til én gruppes data.",
    "erase.error.one": "Slet én ting ad gangen: --member ID eller --citizen PSEUDONYM, ikke begge.",
    "erase.error.no_citizen": "Data for {group} har ingen borger {citizen}. Intet er slettet.",
    "erase.error.leader": 'Sletningen stopper: {member} er mødeleder for {group}, og en gruppe kan ikke miste sin mødeleder. Gør først en anden til mødeleder (datadialog group set-role "{group}" NAVN leader), eller slet hele gruppen.',
    "erase.error.busy": "Data blev ændret under sletningen, så intet er slettet. Prøv igen.",
    "erase.confirm.member": "Dette sletter {member} ({name}) fra {groups}: {removed} ting, de har skrevet, slettes, {anonymised} punkter på aftalepapirerne beholder deres tekst, men nævner “{word}” i stedet, og {reminders} påmindelser slettes.",
    "erase.confirm.citizen": "Dette sletter borger {citizen} fra {group}: {measurements} målinger i {versions} gemte versioner af data og {charts} gemte grafer slettes, og {citizen} bliver til “{marker}” i {texts} tekster.",
    "erase.confirm.group": "Dette sletter hele {group}: {meetings} møder, {members} medlemmer og tidligere medlemmer, {measurements} målinger, {rows} rækker i alt. Gruppens rækker i revisionsloggen bliver.",
    "erase.confirm.ask": "Det kan ikke fortrydes. Slet? [j/N] ",
    "erase.cancelled": "Intet er slettet.",
    "erase.done.member": "{member} er slettet fra {groups}: {removed} slettet, {anonymised} nævner nu “{word}”, {reminders} påmindelser slettet.",
    "erase.done.citizen": "Borger {citizen} er slettet fra {group}: {measurements} målinger, {charts} grafer, {texts} tekster ændret.",
    "erase.done.group": "{group} er slettet: {rows} rækker.",
    # Opbevaring (issue 15): datadialog group retention, datadialog retention run
    "AuditAction.retention_changed": "ændrede opbevaringsperioderne",
    "AuditAction.retention_deleted": "slettede det, der var ældre end opbevaringsperioden",
    "retention.kind.meetings": "mødeindhold",
    "retention.kind.measurements": "målinger",
    "retention.kind.charts": "grafbilleder",
    "retention.kind.reminders": "påmindelser",
    "retention.word.meetings": "møder",
    "retention.word.measurements": "målinger",
    "retention.word.charts": "grafer",
    "retention.word.reminders": "påmindelser",
    "retention.heading": "Så længe gemmer {group} sine data:",
    "retention.line.own": "  {kind}: {days} dage (gruppens egen)",
    "retention.line.default": "  {kind}: {days} dage (standard)",
    "retention.changed": "Opbevaringsperioderne for {group} er ændret.",
    "retention.error.days": "{option} skal være et antal dage fra {low} til {high} (fik »{text}«).",
    "retention.error.kind": "--default skal være meetings, measurements, charts eller reminders (møder, målinger, grafer, påmindelser) (fik »{text}«).",
    "retention.error.both": "Giv {option} et antal dage eller --default, ikke begge.",
    "retention.ran": "Opbevaring: slettede {meetings} møder, {measurements} målinger ({versions} tidligere datasæt), {charts} grafbilleder og {reminders} påmindelser.",
}
