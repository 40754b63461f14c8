"""Danish texts of the Slack adapter: help, setup and preparation modals, App Home,
delivery problems, and the messages of a measurement file shared in Slack.

Layered over the flows' catalogue by `bot.slack.blocks.Style`; keys keep their `slack.` prefix.
`IMPORT` (`slack.import.*`) is shared with the Teams adapter's file import.
"""

from __future__ import annotations

from bot.learning_help import help_texts  # the learning loop and the offer level (issue 17)
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
    "slack.home.learned": "Lært for nylig ({command} læring viser hele læringsloggen):",
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
    # Group changes (issue 14)
    "slack.help.settings": "settings (indstillinger): ret gruppen i en formular: navn, mødeleder, medleder, deltagere, kanal, rytme, tidsrammer, helligdage, arkivering (mødeleder)",
    "slack.help.archive": "archive (arkivér): læg gruppen væk: ingen møder eller påmindelser, alt gemmes (mødeleder)",
    "slack.help.unarchive": "unarchive (genåbn): hent en arkiveret gruppe tilbage (mødeleder)",
    "slack.settings.title": "Gruppens indstillinger",
    "slack.settings.leader_hint": "Vælg en anden, så bliver den hidtidige mødeleder deltager.",
    "slack.settings.co_leader_hint": "Den, der mister rollen, bliver deltager. Tom: ingen medleder.",
    "slack.settings.participants_hint": "Tag en person ud her for at fjerne vedkommende fra gruppen; det, de har skrevet, bliver stående, og deres åbne handlinger sendes til mødelederen.",
    "slack.settings.channel_hint": "En kanal, der endnu ikke har en gruppe.",
    "slack.settings.rhythm": "Rytme (ugedag og klokkeslæt fra det planlagte møde)",
    "slack.settings.rhythm.days": "Hver N. dag (tallet nedenfor)",
    "slack.settings.rhythm.weeks": "Hver N. uge (tallet nedenfor)",
    "slack.settings.rhythm.monthly_1": "Månedligt, den første af den ugedag",
    "slack.settings.rhythm.monthly_2": "Månedligt, den anden af den ugedag",
    "slack.settings.rhythm.monthly_3": "Månedligt, den tredje af den ugedag",
    "slack.settings.rhythm.monthly_4": "Månedligt, den fjerde af den ugedag",
    "slack.settings.rhythm.monthly_last": "Månedligt, den sidste af den ugedag",
    "slack.settings.interval": "N: dage eller uger mellem møderne",
    "slack.settings.holidays": "Et møde på en helligdag",
    "slack.settings.holidays.keep": "holdes alligevel",
    "slack.settings.holidays.skip": "springes over",
    "slack.settings.holidays.next_working_day": "flyttes til næste hverdag",
    "slack.settings.archive": "Arkivér",
    "slack.settings.archived": "Arkiveret: ingen møder eller påmindelser, alt gemmes",
    "slack.settings.unchanged": "Intet blev ændret.",
    # Ret eller fjern fra en besked (issue 14)
    "slack.correct.edit": "Ret",
    "slack.correct.remove": "Fjern",
    "slack.correct.field": "Ny tekst",
    "slack.correct.edit_title": "Ret {item} {number}",
    "slack.correct.remove_title": "Fjern {item} {number}",
    "slack.correct.remove_text": "Fjern {item} {number}? Der stod: {text}",
    **IMPORT,
    # Eksporten (issue 15)
    "slack.help.export": "export (eksport): gruppens data som én zip-fil i dine direkte beskeder (mødeleder)",
    # Arbejdsområdets grænser og formularer, der ikke kunne åbne (issue 16)
    "slack.setup.channel_elsewhere": "Der kan ikke oprettes en gruppe i den kanal fra dette arbejdsområde. Vælg en kanal i dit eget arbejdsområde.",
    "slack.press_again": "Slack var for længe om at åbne formularen. Tryk på knappen (eller send kommandoen) igen.",
}
CATALOGUE.update(help_texts("da", "slack.help"))
