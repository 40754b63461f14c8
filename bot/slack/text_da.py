"""Danish texts of the Slack adapter: help, setup and preparation modals, App Home,
delivery problems, and the messages of a measurement file shared in Slack.

Layered over the flows' catalogue by `bot.slack.blocks.Style`; keys keep their `slack.` prefix.
`IMPORT` (`slack.import.*`) is shared with the Teams adapter's file import.
"""

from __future__ import annotations

from flows.text.base import Entry

#: A measurement file shared in chat (also used by the Teams adapter).
IMPORT: dict[str, Entry] = {
    "slack.import.not_leader": "Kun en gruppes mødeleder kan importere gruppens data, og du er ikke mødeleder for en gruppe her.",
    "slack.import.which_group": "Du er mødeleder for flere grupper ({groups}). Del filen igen, og skriv gruppens navn i beskeden.",
    "slack.import.not_a_data_file": "{name} er ikke en målingsfil. Del en .csv- eller .xlsx-fil (se skabelonen: datadialog data template).",
    "slack.import.too_big": "{name} er for stor (højst {limit} MB).",
    "slack.import.result": "{name} til {group}: {summary}",
    "slack.import.valid_hint": "Ret fejlene og del filen igen, eller del den igen med ordet »gyldige« i beskeden for kun at importere de gyldige rækker.",
    "slack.import.failed": "Filen kunne ikke hentes eller læses. Prøv igen om lidt.",
}

CATALOGUE: dict[str, Entry] = {
    "slack.help.heading": "Datadialog i denne kanal. Skriv {command} efterfulgt af:",
    "slack.help.help": "help: denne liste",
    "slack.help.setup": "setup: opret en refleksionsgruppe for denne kanal (en formular)",
    "slack.help.start": "start: start mødet (mødeleder)",
    "slack.help.status": "status: mødets trin, tid og hvem der har forberedt sig",
    "slack.help.prepare": "prepare: åbn forberedelsen; hver deltager får en direkte besked (mødeleder)",
    "slack.help.agreements": "agreements: aftalepapiret",
    "slack.help.cancel": "cancel: aflys mødet (mødeleder)",
    "slack.no_group": "Denne kanal har endnu ingen refleksionsgruppe. Opret en med {command} setup.",
    "slack.group_exists_here": "Denne kanal har allerede gruppen {name}.",
    "slack.not_in_channel": "Jeg kan ikke skrive i <#{channel}>. Inviter mig med /invite, og prøv igen.",
    "slack.channel_not_found": "Jeg kan ikke finde gruppens kanal <#{channel}>; den er måske arkiveret eller slettet.",
    "slack.member_unreachable": "Jeg kunne ikke sende en direkte besked til {name}: Slack-kontoen er deaktiveret eller kan ikke nås.",
    "slack.failed": "Slack afviste en besked fra Datadialog ({error}). Intet er gået tabt; prøv igen om lidt.",
    "slack.cancel": "Annuller",
    "slack.save": "Gem",
    "slack.setup.title": "Ny refleksionsgruppe",
    "slack.setup.name": "Gruppens navn",
    "slack.setup.level": "Niveau",
    "slack.setup.leader": "Mødeleder",
    "slack.setup.co_leader": "Medmødeleder (valgfri)",
    "slack.setup.participants": "Deltagere (1-8)",
    "slack.setup.channel": "Kanal",
    "slack.setup.rhythm": "Rytme (ugedag og klokkeslæt fra første møde)",
    "slack.setup.rhythm.days": "Hver X. dag (feltet ovenfor)",
    "slack.setup.rhythm.weekly": "Hver uge",
    "slack.setup.rhythm.biweekly": "Hver anden uge",
    "slack.setup.rhythm.monthly_first": "Første gang i måneden på den ugedag",
    "slack.setup.rhythm.monthly_last": "Sidste gang i måneden på den ugedag",
    "slack.setup.cadence": "Dage mellem møderne",
    "slack.setup.first": "Første møde",
    "slack.setup.timebox": "Minutter til {step}",
    "slack.prep.button": "Skriv mine punkter",
    "slack.prep.title": "Min forberedelse",
    "slack.home.heading": "Dine refleksionsgrupper",
    "slack.home.none": "Du er ikke med i en refleksionsgruppe endnu. En mødeleder opretter en med {command} setup i en kanal.",
    "slack.home.group": "{name} i <#{channel}>: møde {number}, {at} ({step})",
    "slack.home.prepared": "Din forberedelse: klar",
    "slack.home.unprepared": "Din forberedelse: mangler",
    "slack.home.prepared_count": "Forberedt: {done} af {total}",
    "slack.home.actions": "Dine åbne handlinger",
    # Planning on every platform (issue 14)
    "slack.help.schedule": "schedule [ÅÅÅÅ-MM-DD TT:MM]: planlæg næste møde; uden tidspunkt efter gruppens rytme (mødeleder)",
    "slack.help.move": "move ÅÅÅÅ-MM-DD TT:MM: flyt det planlagte møde (mødeleder)",
    "slack.help.skip": "skip: spring det planlagte møde over; det flyttes til næste gang i rytmen (mødeleder)",
    "slack.move.title": "Flyt mødet",
    "slack.move.date": "Ny dato",
    "slack.move.time": "Nyt klokkeslæt",
    "slack.setup.bot_member": "Datadialog kan ikke selv være med i gruppen. Vælg en person.",
    # Cancel with care (issue 14)
    "slack.help.undo": "undo (eller fortryd): fortryd dagens aflysning; mødet genoptages, og det møde, der blev planlagt i stedet, tages af planen (mødeleder)",
    "slack.help.edit": "ret HVAD NR TEKST: ret noget, du har skrevet, fx ret observation 3 ny tekst, ret handling 1 HVAD | ANSVARLIG | OPFØLGER | DATO (mødelederen kan rette alt og ændre aftalepapiret efter mødet)",
    "slack.help.remove": "fjern HVAD NR: træk noget tilbage, du har skrevet, fx fjern tema 2 (stemmerne gives tilbage)",
    "slack.confirm_cancel.title": "Aflys mødet?",
    "slack.confirm_cancel.text": "Alle får en aflysning i kalenderen, og næste møde planlægges efter gruppens rytme. Du kan fortryde indtil midnat.",
    "slack.confirm_cancel.yes": "Ja, aflys mødet",
    "slack.confirm_cancel.no": "Nej, behold det",
    # Focus parameters (issue 13)
    "slack.help.parameters": "parameters (parametre) [NAVN; NAVN … | alle]: vis parametrene i gruppens data, eller vælg dem, graferne viser (alle: alle igen; mødeleder)",
    **IMPORT,
}
