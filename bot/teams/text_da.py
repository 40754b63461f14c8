"""Danish texts of the Teams adapter: help, setup card, welcome, card notes and the app
manifest.

Layered over the flows' catalogue by `bot.teams.blocks.Style`; keys keep their `teams.` prefix.
A file sent in Teams is answered with the Slack adapter's `slack.import.*` texts, merged in here.
"""

from __future__ import annotations

from bot.learning_help import help_texts  # the learning loop and the offer level (issue 17)
from bot.slack.text_da import IMPORT
from flows.text.base import Entry

CATALOGUE: dict[str, Entry] = {
    "teams.no_group": "Denne kanal har endnu ingen refleksionsgruppe. Skriv @Datadialog setup GRUPPENAVN og nævn deltagerne med @.",
    "teams.group_exists_here": "Denne kanal har allerede gruppen {name}.",
    "teams.setup.usage": "Skriv: @Datadialog setup GRUPPENAVN @deltager @deltager … Du bliver mødeleder; de nævnte bliver deltagere.",
    "teams.saved": "Gemt.",
    "teams.card.done": "✔ {what} ({who})",
    "teams.verb.advance": "Videre til næste trin",
    "teams.verb.cancel": "Mødet er aflyst",
    "teams.welcome.channel": "Hej! Jeg er Datadialog og hjælper jer med datainformerede refleksionsmøder: forberedelse, de fire trin og aftalepapiret. Opret gruppen her med @Datadialog setup GRUPPENAVN og nævn deltagerne med @. Skriv @Datadialog help for at se alt, hvad jeg kan.",
    "teams.welcome.personal": "Hej! Jeg er Datadialog. Her i vores chat får du din forberedelse og påmindelser om jeres aftaler. Skriv help for at se, hvad jeg kan.",
    "teams.button.save_points": "Gem mine punkter",
    "teams.help.heading": "Datadialog i Teams. Nævn mig (@Datadialog) i kanalen og skriv:",
    "teams.help.setup": "setup: opret gruppen for denne kanal i en formular (eller straks: setup GRUPPENAVN @deltager …; du bliver mødeleder)",
    "teams.help.prepare": "prepare: åbn forberedelsen; hver deltager får en personlig besked (mødeleder)",
    "teams.help.start": "start: start mødet (mødeleder)",
    "teams.help.status": "status: mødets trin, tid og hvem der har forberedt sig",
    "teams.help.next": "next: næste trin; i sidste trin afsluttes mødet (mødeleder)",
    "teams.help.obs": "obs TEKST: en iagttagelse i data",
    "teams.help.theme": "theme TITEL: foreslå et tema",
    "teams.help.vote": "vote NR: stem på et tema",
    "teams.help.explain": "explain NR TEKST: en forklaring på tema NR",
    "teams.help.focus": "focus NR: vælg fokusområdet (mødeleder)",
    "teams.help.goal": "goal TEKST: mål til næste møde (longgoal: på længere sigt)",
    "teams.help.sign": "sign TEKST: et tegn i data på, at vi er på rette vej",
    "teams.help.action": "action HVAD | HVEM | OPFØLGNING | DATO: en handling",
    "teams.help.takeaway": "takeaway TEKST: det tager du med",
    "teams.help.agreements": "agreements: aftalepapiret",
    "teams.help.cancel": "cancel [ja]: aflys mødet; uden »ja« spørges du først (mødeleder)",
    # Cancel with care (issue 14)
    "teams.help.undo": "fortryd: fortryd dagens aflysning; mødet genoptages (mødeleder)",
    "teams.help.edit": "ret HVAD NR TEKST: ret noget, du har skrevet (fx ret observation 3 ny tekst); mødelederen kan rette alt og ændre aftalepapiret efter mødet",
    "teams.help.remove": "fjern HVAD NR: træk noget tilbage, du har skrevet (fx fjern tema 2)",
    "teams.help.help": "help: denne liste. Knapperne på kortene gør det samme.",
    "teams.setup.title": "Ny refleksionsgruppe for denne kanal",
    "teams.setup.name": "Gruppens navn",
    "teams.setup.level": "Niveau",
    "teams.setup.leader": "Mødeleder",
    "teams.setup.participants": "Deltagere (1-8)",
    "teams.setup.cadence": "Dage mellem møderne",
    "teams.setup.first_date": "Første møde (dato)",
    "teams.setup.first_time": "Første møde (klokkeslæt)",
    "teams.button.setup": "Opret gruppen",
    "teams.verb.setup": "Gruppen er oprettet",
    "teams.manifest.short": "Datainformerede refleksionsmøder for teams",
    "teams.manifest.full": "Datadialog faciliterer jeres refleksionsmøder om egne data: forberedelse med tre punkter, de fire dialogtrin (siden sidst, udforsk, fortolk, forbered handling), aftalepapiret og påmindelser.",
    "teams.manifest.written": "Teams-app-pakken er skrevet: {path}. Upload den i Teams under Apps → Administrer dine apps → Upload en app.",
    # Planning on every platform (issue 14)
    "teams.help.schedule": "schedule (planlæg) [ÅÅÅÅ-MM-DD TT:MM]: planlæg næste møde; uden tidspunkt efter gruppens rytme (mødeleder)",
    "teams.help.move": "move (flyt) ÅÅÅÅ-MM-DD TT:MM: flyt det planlagte møde (mødeleder)",
    "teams.help.skip": "skip (spring over): spring det planlagte møde over; det flyttes til næste gang i rytmen (mødeleder)",
    "teams.move.date": "Ny dato",
    "teams.move.time": "Nyt klokkeslæt",
    # Focus parameters (issue 13)
    "teams.help.parameters": "parameters (parametre) [NAVN; NAVN … | alle]: vis parametrene i gruppens data, eller vælg dem, graferne viser (alle: alle igen; mødeleder)",
    # Group changes (issue 14)
    "teams.help.settings": "settings (indstillinger): ret gruppen på et kort: navn, mødeleder, medleder, deltagere (fra kanalen), rytme, tidsrammer, helligdage, arkivering (mødeleder)",
    "teams.help.member": "member (medlem) tilføj @navn | fjern NAVN: tilføj en deltager (@nævn vedkommende), eller fjern et medlem; det, de har skrevet, bliver stående (mødeleder)",
    "teams.help.leader": "leader (leder) NAVN: gør NAVN til mødeleder; den hidtidige mødeleder bliver deltager (mødeleder)",
    "teams.help.coleader": "coleader (medleder) NAVN: gør NAVN til medleder (mødeleder)",
    "teams.help.participant": "participant (deltager) NAVN: gør en medleder til deltager (mødeleder)",
    "teams.help.rename": "rename (omdøb) NAVN: giv gruppen et nyt navn (mødeleder)",
    "teams.help.rhythm": "rhythm (rytme) dage N | uger N | månedlig N: gruppens nye rytme (månedlig 1-4, -1 for den sidste ugedag; mødeleder)",
    "teams.help.timebox": "timebox (tidsramme) TRIN MIN: minutter til et trin (1-4 eller navnet; mødeleder)",
    "teams.help.holidays": "holidays (helligdage) behold | spring over | næste hverdag: hvad et møde på en helligdag gør (mødeleder)",
    "teams.help.archive": "archive (arkivér): læg gruppen væk: ingen møder eller påmindelser, alt gemmes (mødeleder)",
    "teams.help.unarchive": "unarchive (genåbn): hent en arkiveret gruppe tilbage (mødeleder)",
    "teams.member.mention": "@nævn den, der skal tilføjes: @Datadialog medlem tilføj @navn.",
    "teams.settings.title": "Indstillinger for {group}",
    "teams.settings.co_leader": "Medleder (den, der mister rollen, bliver deltager)",
    "teams.settings.no_co_leader": "Ingen medleder",
    "teams.settings.participants": "Deltagere (1-8; tag en person ud for at fjerne vedkommende fra gruppen)",
    "teams.settings.rhythm": "Rytme (ugedag og klokkeslæt fra det planlagte møde)",
    "teams.settings.rhythm.days": "Hver N. dag",
    "teams.settings.rhythm.weeks": "Hver N. uge",
    "teams.settings.rhythm.monthly_1": "Månedligt, den første af den ugedag",
    "teams.settings.rhythm.monthly_2": "Månedligt, den anden af den ugedag",
    "teams.settings.rhythm.monthly_3": "Månedligt, den tredje af den ugedag",
    "teams.settings.rhythm.monthly_4": "Månedligt, den fjerde af den ugedag",
    "teams.settings.rhythm.monthly_last": "Månedligt, den sidste af den ugedag",
    "teams.settings.interval": "N: dage eller uger mellem møderne",
    "teams.settings.timebox": "Minutter til {step}",
    "teams.settings.holidays": "Et møde på en helligdag",
    "teams.settings.holidays.keep": "holdes alligevel",
    "teams.settings.holidays.skip": "springes over",
    "teams.settings.holidays.next_working_day": "flyttes til næste hverdag",
    "teams.settings.archived": "Arkiveret: ingen møder eller påmindelser, alt gemmes",
    "teams.button.settings": "Gem indstillingerne",
    "teams.verb.settings": "Gruppens indstillinger er gemt",
    "teams.settings.refused": "{field}: {problem}",
    "teams.settings.unchanged": "Intet blev ændret.",
    # Issue 16: the archive toggle's label; theme rows beyond a card's six buttons
    "teams.settings.status": "Status",
    "teams.themes.more": "Flere temaer ({count})",
    # Issue 16 (Teams Store-regler): intet om en gruppe til ikke-medlemmer; et eksempel på
    # en kommando, som den skrives i Teams; hvert verbum Teams læser i hjælpen, og en
    # kommandos brug vist med verbet alene ("vote NR"), aldrig konsollens "/stem NR"
    "teams.members_only": "Det kan kun refleksionsgruppens medlemmer. Spørg mødelederen, hvis du vil være med.",
    "teams.help.example": "For eksempel: @Datadialog stem 2 i kanalen; i din personlige chat med mig blot stem 2.",
    "teams.help.extend": "extend [MIN]: giv trinnet mere tid, 5 min som standard (mødeleder)",
    "teams.help.review": "review NR done|continues|dropped [NOTE]: status på en aftale fra sidst",
    "teams.help.unvote": "unvote NR: træk en stemme tilbage",
    "teams.help.positive": "positive TEKST: din positive tendens (i din personlige chat med mig)",
    "teams.help.improve": "improve TEKST: din forbedringsmulighed",
    "teams.help.question": "question TEKST: dit spørgsmål til data",
    "teams.help.remind": "remind: påmind dem, der ikke har forberedt sig (mødeleder)",
    "teams.setup.channel_elsewhere": "Der kan ikke oprettes en gruppe i denne kanal herfra.",
    # Ret og fjern fra et bidrags kort (issue 14)
    "teams.correct.edit": "Ret",
    "teams.correct.remove": "Fjern",
    "teams.correct.field": "Ny tekst til {item} {number}",
    "teams.correct.save": "Gem rettelsen",
    "teams.correct.remove_text": "Fjern {item} {number}?",
    "teams.correct.confirm": "Ja, fjern",
    **IMPORT,
}
CATALOGUE.update(help_texts("da", "teams.help"))
