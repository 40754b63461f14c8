"""Danske tekster om ændringer af en gruppe (issue 14, `flows.group_changes`,
`flows.group_settings`): medlemmer og roller, navn, rytme, tidsrammer, helligdagsregel,
kanal, arkivering; og ordene, der skrives tilbage for roller, helligdagsregler og trin
(`bot.console.group_verbs`)."""

from __future__ import annotations

from flows.text.base import Entry

CATALOGUE: dict[str, Entry] = {
    "Role.former": "tidligere medlem",
    "HolidayRule.keep": "behold",
    "HolidayRule.skip": "spring over",
    "HolidayRule.next_working_day": "næste hverdag",
    "group.error.not_leader": "Kun mødelederen ({leader}) eller medlederen kan ændre gruppen {group}.",
    "group.error.archived": "Gruppen {group} er arkiveret: der sker intet i den, før en mødeleder henter den tilbage.",
    # Members
    "group.member_added": "{name} er kommet med i {group} som deltager.",
    "group.welcome": "Velkommen i {group}: du er tilføjet som deltager (mødeleder: {leader}).",
    "group.welcome_next": "Næste møde er møde {number}, {at}. Invitationen og forberedelsen følger.",
    "group.member_removed": "{name} er gået ud af {group}. Alt, hvad {name} har skrevet, bliver stående.",
    "group.open_actions": lambda p: (
        f"{p['name']} havde {p['count']} åben{'' if p['count'] == 1 else 'e'} handling"
        f"{'' if p['count'] == 1 else 'er'}:"
    ),
    "group.open_action": "{number}. {what} (møde {meeting}, frist {due})",
    "group.open_actions_hint": (
        "Giv hver af dem til en anden ved at rette den (ret handling NR HVAD | ANSVARLIG | "
        "OPFØLGER | DATO: sidste mødes handlinger), eller markér den som ikke længere "
        "relevant (irrelevant NR)."
    ),
    "group.error.already_member": "{name} er allerede med i gruppen ({role}).",
    "group.error.full": "{group} har allerede {limit} deltagere, det højeste en gruppe kan have.",
    "group.error.remove_leader": "{name} leder gruppen og kan ikke fjernes. Gør først en anden til mødeleder.",
    "group.error.last_participant": "{name} er den eneste deltager i {group}; en gruppe skal have mindst én.",
    # Roles
    "group.role_set.leader": "{name} er nu mødeleder for {group}.",
    "group.role_set.co_leader": "{name} er nu medleder for {group}.",
    "group.role_set.participant": "{name} er nu deltager i {group}.",
    "group.role_stepped": "{name} er nu deltager.",
    "group.error.role": "Et medlem kan gøres til mødeleder, medleder eller deltager.",
    "group.error.same_role": "{name} er allerede {role}.",
    "group.error.leader_needed": "{name} er mødeleder, og en gruppe har altid én. Gør i stedet en anden til mødeleder.",
    # Archiving
    "group.archived": "{group} er arkiveret: ingen møder og ingen påmindelser, før en mødeleder henter gruppen tilbage. Alt er gemt.",
    "group.unarchived": "{group} er aktiv igen.",
    "group.unarchived_unplanned": "Der er ikke planlagt noget møde endnu: en mødeleder planlægger det næste.",
    "group.error.archive_running": "Møde {number} er i gang. Afslut eller aflys det, før gruppen arkiveres.",
    "group.error.not_archived": "{group} er ikke arkiveret.",
    "group.archived_line": "{line} · arkiveret",
    "group.archived_on": "Arkiveret siden {at}.",
    # Settings
    "group.renamed": "Gruppen {before} hedder nu {name}.",
    "group.error.same_name": "Gruppen hedder allerede {name}.",
    "group.rhythm_changed": "{group} holder nu møde {rhythm}.",
    "group.rhythm_next": "Møde {number} bliver liggende {at}; mødet efter er {after}.",
    "group.error.no_rhythm": "Angiv den nye rytme: hver N. dag, hver N. uge eller månedligt (1-4, eller -1 for den sidste).",
    "group.timeboxes_changed": "Tidsrammer for {group} (fra det næste trin, et møde starter):",
    "group.timebox_line": "{step}: {minutes} min",
    "group.error.no_timebox": "Angiv trin og antal minutter.",
    "group.error.timebox_step": "Kun de fire dialogtrin har tidsrammer, ikke {step}.",
    "group.error.timebox_minutes": "En tidsramme for {step} er 1 til {limit} minutter.",
    "group.holidays.keep": "Fra nu af holder {group} også møde på helligdage. Møder, der allerede er planlagt, bliver liggende.",
    "group.holidays.skip": "Fra nu af springer {group} et møde på en helligdag over; rytmens næste er mødet. Møder, der allerede er planlagt, bliver liggende.",
    "group.holidays.next_working_day": "Fra nu af flyttes et møde i {group} på en helligdag til næste hverdag. Møder, der allerede er planlagt, bliver liggende.",
    "group.channel_changed": "{group} holder nu møde i #{channel}.",
    "group.error.same_channel": "Gruppen holder allerede møde i #{channel}.",
    "group.error.channel_taken": "#{channel} hører allerede til gruppen {group}.",
    # Words typed back (`bot.console.group_verbs`)
    "group.error.unknown_role": "»{word}« er ikke en rolle: mødeleder, medleder eller deltager.",
    "group.error.unknown_holidays": "»{word}« er ikke en helligdagsregel: behold, spring over eller næste hverdag.",
    "group.error.unknown_step": "»{word}« er ikke et trin: 1-4, siden sidst, udforsk, fortolk eller forbered handling.",
}
