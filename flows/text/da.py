"""Danish catalogue (the default). Values are format strings or functions of the params."""

from __future__ import annotations

from flows.text.audit_da import CATALOGUE as AUDIT  # the audit log (issue 15)
from flows.text.base import Entry
from flows.text.cancel_da import CATALOGUE as CANCELLING  # cancel with care (issue 14)
from flows.text.charts_da import CATALOGUE as CHARTS
from flows.text.corrections_da import CATALOGUE as CORRECTIONS
from flows.text.datasets_da import CATALOGUE as DATASETS
from flows.text.disclosure_da import CATALOGUE as DISCLOSURE
from flows.text.forms_da import CATALOGUE as FORMS
from flows.text.group_changes_da import CATALOGUE as GROUP_CHANGES  # issue 14
from flows.text.imports_da import CATALOGUE as IMPORTS
from flows.text.learning_da import CATALOGUE as LEARNING  # the learning loop (issue 17)
from flows.text.looks_da import CATALOGUE as LOOKS
from flows.text.offer_review_da import CATALOGUE as OFFER_REVIEW  # issue 17: offer level
from flows.text.offers_da import CATALOGUE as OFFERS  # issue 17: offers, theory of change
from flows.text.oversight_da import CATALOGUE as OVERSIGHT  # management (issue 17)
from flows.text.ratings_da import CATALOGUE as RATINGS  # issue 17: core-element ratings
from flows.text.scheduling_da import CATALOGUE as SCHEDULING
from flows.text.secrets_da import CATALOGUE as SECRETS  # secrets at rest (issue 15)
from flows.text.words_da import CATALOGUE as WORDS

CATALOGUE: dict[str, Entry] = {
    # Names of things
    "Step.scheduled": "planlagt",
    "Step.preparing": "forberedelse",
    "Step.since_last": "siden sidst",
    "Step.explore": "udforsk",
    "Step.interpret": "fortolk",
    "Step.prepare_action": "forbered handling",
    "Step.closed": "afsluttet",
    "Step.cancelled": "aflyst",
    "PointKind.positive": "positiv tendens",
    "PointKind.improvement": "forbedringsmulighed",
    "PointKind.question": "spørgsmål til data",
    "ActionStatus.open": "åben",
    "ActionStatus.done": "udført",
    "ActionStatus.continued": "fortsætter",
    "ActionStatus.dropped": "droppet",
    "ObservationSource.preparation": "forberedelse",
    "ObservationSource.meeting": "mødet",
    "Level.citizen": "borgerniveau",
    "Level.offer": "tilbudsniveau",
    # Guiding questions
    "q.preparing.observations": "Hvad er de tre vigtigste observationer i data?",
    "q.preparing.puzzles": "Hvad undrer mig mest?",
    "q.preparing.prioritise": "Hvad ville jeg prioritere at gøre noget ved?",
    "q.preparing.compare": (
        "Sammenlign med sidste måling, borgerens egne mål og resultater i andre målinger."
    ),
    "q.preparing.involve": "Hvem kunne være relevant at involvere, hvis vi sætter nyt i gang?",
    "q.since_last.agreed": "Hvad aftalte vi sidst?",
    "q.since_last.status": "Hvad er status på aftalerne?",
    "q.since_last.data": "Kan vi se resultaterne i data?",
    "q.since_last.learned": "Hvad har vi lært af de ting, vi har afprøvet?",
    "q.since_last.not_done": (
        "Aftaler, der ikke blev ført ud i livet: giver de stadig mening, skal de droppes, "
        "eller skal de have mere opmærksomhed?"
    ),
    "q.explore.data_tells": "Hvad fortæller data os?",
    "q.explore.notice": "Hvad lægger vi mærke til?",
    "q.explore.need_to_know": "Hvad har vi ellers brug for at vide?",
    "q.explore.glad": "Hvilke positive ting kan vi glæde os over?",
    "q.explore.challenges": "Hvilke udfordringer er relevante at sætte fokus på?",
    "q.interpret.challenges": "Hvilke udfordringer ser vi for borgerens udvikling?",
    "q.interpret.prevents": "Hvad forhindrer progression?",
    "q.interpret.maintains": "Hvad fastholder de nuværende mønstre?",
    "q.interpret.core_elements": "Bruger vi vores kerneelementer nok, og er det de rigtige?",
    "q.interpret.relation": (
        "Hvad betyder relationen mellem borger og medarbejder, borgerens oplevelse og "
        "de individuelle forhold?"
    ),
    "q.prepare_action.short_term": "Hvad vil vi opnå til næste dialogmøde?",
    "q.prepare_action.long_term": "Hvad vil vi opnå på længere sigt (om x måneder)?",
    "q.prepare_action.signs": "Hvilke data vil være tegn på, at vi er på rette vej?",
    "q.prepare_action.actions": "Hvad er de nye handlinger?",
    "q.prepare_action.who": "Hvem gør hvad, hvem følger op, og hvornår?",
    "q.prepare_action.takeaway": "Hvad tager hver af os med fra mødet?",
    # Steps
    "step.since_last.title": "Trin 1 af 4 · Siden sidst ({minutes} min)",
    "step.explore.title": "Trin 2 af 4 · Udforsk ({minutes} min)",
    "step.interpret.title": "Trin 3 af 4 · Fortolk ({minutes} min)",
    "step.prepare_action.title": "Trin 4 af 4 · Forbered handling ({minutes} min)",
    # Preparation
    "prep.opened": (
        "Forberedelsen til møde {number} ({at}) er åben. Alle deltagere har fået data og "
        "bedes forberede tre punkter."
    ),
    "prep.request": (
        "Forbered dig til refleksionsmødet i {group} {at}: skriv tre punkter ud fra data: "
        "en positiv tendens, en forbedringsmulighed og gerne et spørgsmål til data. "
        "Du kan rette dem, indtil mødet starter."
    ),
    "prep.reminder": (
        "Påmindelse: refleksionsmødet i {group} er {at}, og vi mangler dine punkter "
        "(en positiv tendens, en forbedringsmulighed, gerne et spørgsmål til data)."
    ),
    "prep.saved": "Gemt: {kind}. Du kan rette det, indtil mødet starter.",
    "prep.member_ready": "{name} har forberedt sig ({done} af {total}).",
    "prep.all_ready": "Alle deltagere har forberedt sig.",
    "prep.reminded": "Påmindelse sendt til: {names}.",
    "prep.status_heading": "Forberedelse: {done} af {total} klar",
    "prep.status_line": lambda p: f"{p['name']}: {'klar' if p['prepared'] else 'mangler'}",
    # Meeting
    "meeting.started": "Møde {number} i {group} er i gang. Velkommen!",
    "meeting.cancelled": "Møde {number} er aflyst.",
    "meeting.closed": "Møde {number} er afsluttet. Her er aftalepapiret:",
    "meeting.next_scheduled": "Næste møde ({number}) er planlagt {at}.",
    "meeting.scheduled": "Møde {number} er planlagt {at}.",
    "group.created": ("Gruppen {name} er oprettet. Første møde er {at}; derefter {rhythm}."),
    "timebox.extended": "{minutes} minutter mere til {step} (til {until}).",
    "timebox.up": "Tiden for {step} er gået. Forlænge, eller gå videre?",
    "choice.extend": "Forlæng {minutes} min",
    "choice.next": "Gå videre",
    "choice.next_step": "Næste trin",
    "choice.close": "Afslut mødet",
    "choice.cancel": "Aflys mødet",
    "choice.vote": "Stem",
    "choice.vote_on": "Stem på {number}",
    "status.heading": "Status for {group}",
    "status.step": "Møde {number} ({at}): {step}",
    "status.time_left": "{minutes} min tilbage (til {until})",
    "status.counts": (
        "{points} forberedte punkter · {observations} observationer · {themes} temaer · "
        "{actions} handlinger"
    ),
    "since_last.first_meeting": (
        "Det er gruppens første møde, så der er ingen aftaler at følge op på. "
        "Brug tiden til at afstemme formål og rammer."
    ),
    "since_last.actions_heading": "Aftaler fra møde {number} ({at})",
    "since_last.no_actions": "Sidste møde sluttede uden handlinger.",
    "since_last.review_hint": (
        "Giv hver aftale en status: udført, fortsætter eller droppet (med en kort note)."
    ),
    "since_last.reviewed": "{name}: {line}",
    "explore.points_heading": "Fra jeres forberedelse",
    "explore.no_points": "Ingen forberedte punkter. Start med det, I ser i data.",
    "explore.hint": (
        "Hold jer til det, data viser, og vent med forklaringer. Skriv observationer, "
        "foreslå temaer, og prioritér dem med jeres {budget} stemmer hver."
    ),
    "interpret.hint": (
        "Søg flere forklaringer på hvert prioriteret tema. Lederen vælger til sidst fokusområdet."
    ),
    "interpret.added": "Forklaring på »{title}« ({name}): {text}",
    "interpret.focus_chosen": "Fokusområde: {title}",
    "prepare_action.focus": "Fokusområde: {title}",
    "prepare_action.hint": (
        "Skriv aftalepapiret: mål til næste møde og på længere sigt, tegn i data på at I er "
        "på rette vej, og handlinger med ansvarlig, opfølger og dato."
    ),
    "themes.heading": "Temaer (flest stemmer først)",
    "themes.none": "Ingen temaer endnu.",
    "paper.goals_heading": "Aftalepapir, møde {number}",
    "paper.short_term": "Mål til næste møde: {text}",
    "paper.long_term": "Mål på længere sigt: {text}",
    "paper.sign": "Tegn på fremgang: {text}",
    "paper.actions_heading": "Handlinger",
    "paper.no_actions": "Ingen handlinger.",
    "paper.takeaways_heading": "Det tager vi med",
    "paper.no_takeaways": "Ingen endnu.",
    "paper.action_added": "Ny handling: {line}",
    "takeaway.ask": "Tak for mødet i {group}. Hvad tager du med dig?",
    "takeaway.saved": "Tak, gemt.",
    "vote.counted": "Stemme givet til »{title}«. Du har {left} tilbage.",
    "vote.withdrawn": "Stemme trukket tilbage fra »{title}«.",
    # Items
    "item.observation": lambda p: (
        f"{p['number']}. {p['text']} ({p['name']}" + (", forberedt" if p["prepared"] else "") + ")"
    ),
    "item.theme": lambda p: (
        f"{p['number']}. {p['title']}: {p['votes']} stemme{'' if p['votes'] == 1 else 'r'}"
        + (" ← fokus" if p["focus"] else "")
    ),
    "item.explanation": "{text} ({name})",
    "item.action": lambda p: (
        f"{p['index']}. {p['what']}: ansvarlig {p['owner']}, opfølgning {p['follow_up']}, "
        f"senest {p['due']} [{p['status']}]" + (f" – {p['note']}" if p["note"] else "")
    ),
    "item.takeaway": "{name} tager med: {text}",
    # Errors
    "error.text_empty": "Teksten er tom. Skriv noget, før du sender.",
    "error.text_too_long": (
        "Teksten er for lang ({length} tegn). Grænsen er {limit} tegn; forkort den og prøv igen."
    ),
    "error.cpr": (
        "Teksten ligner et CPR-nummer og er ikke gemt. Omtal borgere med pseudonym eller "
        "sagsnummer, aldrig navn eller CPR-nummer."
    ),
    "error.system_only": "Det kan kun systemet gøre.",
    "error.not_member": "Du er ikke med i gruppen {group}. Spørg mødelederen, om du kan komme med.",
    "error.not_leader": "Kun mødelederen ({leader}) kan styre mødet.",
    "import.error.not_leader": "Kun en gruppes mødeleder kan importere gruppens data ({leader} er mødeleder for {group}).",
    "error.wrong_step": "Det kan ikke lade sig gøre nu: mødet er i trinnet {step}. Muligt i: {allowed}.",
    "error.already_moved_on": "Mødet er allerede gået videre (nu: {step}).",
    "error.already_moved_on_retry": "Mødet blev ændret samtidig af en anden. Prøv igen.",
    "error.need_theme": "Foreslå mindst ét tema, før I går videre til fortolkning.",
    "error.need_focus": "Vælg et fokusområde blandt temaerne, før I går videre.",
    "error.need_action": "Aftal mindst én handling, før mødet afsluttes.",
    "error.extend_range": "Forlæng med 1 til {limit} minutter.",
    "error.no_theme": "Der er intet tema nummer {number} (der er {count}).",
    "error.no_action": "Der er ingen aftale nummer {number} (der er {count}).",
    "error.review_status": "Status skal være udført, fortsætter eller droppet.",
    "error.theme_exists": "Temaet »{title}« findes allerede.",
    "error.too_many": "Der kan højst være {limit}.",
    "error.already_voted": "Du har allerede stemt på tema {number}.",
    "error.no_votes_left": "Du har brugt alle dine {budget} stemmer. Træk en tilbage for at flytte den.",
    "error.not_voted": "Du har ikke stemt på tema {number}.",
    "error.unknown_person": "{name} er ikke med i gruppen {group}.",
    "error.due_in_past": "Datoen {due} er allerede passeret. Vælg en dato fremover.",
    "error.bad_button": "Den knap kan jeg ikke læse. Brug knapperne i den seneste besked.",
    "error.no_meeting": "Mødet findes ikke.",
    "error.no_group": "Gruppen findes ikke.",
    "error.participant_count": "En gruppe skal have mellem 1 og {limit} deltagere.",
    "error.duplicate_member": "Den samme person står der flere gange.",
    "error.cadence": "Mødeintervallet skal være mellem 1 og 365 dage.",
    "error.group_exists": "Der findes allerede en gruppe ved navn {name}.",
    "error.meeting_pending": "Møde {number} ({at}) er allerede planlagt og ikke afsluttet.",
    "error.time_in_past": "Tidspunktet {at} er allerede passeret.",
    # A group's rhythm
    "rhythm.days": "hver {days}. dag",
    "rhythm.weekly": "hver {weekday}",
    "rhythm.weeks": "hver {interval}. uge om {weekday}en",
    "rhythm.monthly": "den {nth} {weekday} i måneden",
    "rhythm.monthly_last": "den sidste {weekday} i måneden",
    "weekday.0": "mandag",
    "weekday.1": "tirsdag",
    "weekday.2": "onsdag",
    "weekday.3": "torsdag",
    "weekday.4": "fredag",
    "weekday.5": "lørdag",
    "weekday.6": "søndag",
    "ordinal.1": "1.",
    "ordinal.2": "2.",
    "ordinal.3": "3.",
    "ordinal.4": "4.",
    # Said by the flows and by more than one adapter, under their first user's prefix.
    # The adapters' own texts are in bot/<adapter>/text_<lang>.py.
    "console.usage": "Brug: {usage}",
    "console.bad_date": "Datoen »{text}« kan ikke læses. Skriv fx 2026-12-08, 08-12-2026 eller +14 (dage fra i dag).",
    "console.group_line": lambda p: (
        f"{p['name']} ({p['level']}, {p['count']} deltager{'' if p['count'] == 1 else 'e'}, "
        f"{p['rhythm']})"
    ),
    # Planning on every platform (issue 14): a planned meeting's buttons; a time typed in any chat
    "choice.move": "Flyt mødet",
    "choice.skip": "Spring mødet over",
    "status.planning": "Møde {number} er planlagt {at}. Du kan flytte det eller springe det over:",
    "console.bad_time": "Tidspunktet »{text}« kan ikke læses. Skriv fx 2026-12-08 09:00.",
    # Roles
    "Role.leader": "mødeleder",
    "Role.co_leader": "medleder",
    "Role.participant": "deltager",
    # Reminders
    "invite.new": "Kalenderinvitation: møde {number} i {group}, {at}.",
    "invite.moved": "Mødet er flyttet: møde {number} i {group} er nu {at}. Her er den nye kalenderinvitation.",
    "invite.title": "Refleksionsmøde {number}: {group}",
    "invite.description": (
        "Datainformeret refleksionsmøde i {group} ({level}), møde {number}. "
        "Formål: at se på vores egne data sammen, reflektere og aftale konkrete handlinger. "
        "Forbered tre punkter: en positiv tendens, en forbedringsmulighed og gerne et spørgsmål "
        "til data. Data og forberedelsesskema kommer {days} dage før."
    ),
    "meeting.moved": "Møde {number} er flyttet fra {before} til {at}.",
    "meeting.skipped": "Møde {number} springes over ({before}); næste møde er {at}.",
    "reminder.note": "{text}",
    "reminder.prep_request": (
        "Refleksionsmødet i {group} er {at}. Se data (grafen følger) og skriv dine tre punkter: "
        "en positiv tendens, en forbedringsmulighed og gerne et spørgsmål til data."
    ),
    "reminder.unprepared": (
        "Påmindelse: refleksionsmødet i {group} er {at}, og vi mangler stadig dine punkter."
    ),
    "reminder.leader_status": (
        "Inden møde {number} ({at}): {done} af {total} har forberedt sig; "
        "{actions} aftaler har frist inden mødet."
    ),
    "reminder.action_line": "Aftale: {what} (ansvarlig {owner}, frist {due})",
    "reminder.start_nudge": "Det er tid til møde {number} i {group}. Start mødet, når I er samlet.",
    "reminder.action_before": "Påmindelse: “{what}” har frist {due}.",
    "reminder.action_due": "I dag er fristen for “{what}”. Hvordan går det?",
    "reminder.action_overdue": "Fristen for “{what}” ({owner}, {group}) var {due}, og aftalen er ikke markeret som udført.",
    "reminder.choice.done": "Udført",
    "reminder.choice.snooze": "Mind mig om det senere",
    "reminder.choice.irrelevant": "Ikke længere relevant",
    "reminder.digest": "Ugens aftaler i {group}: {open} åbne, heraf {overdue} over fristen",
    "reminder.digest_line": lambda p: (
        f"{p['what']} ({p['owner']}, frist {p['due']})"
        + (" · over fristen" if p["overdue"] else "")
    ),
    "reminder.digest_empty": "Ingen åbne aftaler.",
    "reminder.snoozed": "Fint, du bliver mindet om “{what}” igen {at}.",
    "reminder.answered": "“{what}” er nu markeret: {status}.",
    "reminder.error.not_yours": "Kun den ansvarlige, opfølgeren eller mødelederen kan svare på “{what}”.",
    "reminder.error.closed": "“{what}” er allerede afsluttet.",
    "reminder.line": "{id} · {due} · {kind} · {recipient} · {status} · forsøg {attempts}",
    "reminder.none": "Ingen påmindelser.",
    "reminder.sent_due": "Sendt: {sent}; udløbet: {expired}; sprunget over: {skipped}; fejlet: {failed}.",
    **CANCELLING,
    **CHARTS,
    **CORRECTIONS,
    **DATASETS,
    **DISCLOSURE,
    **FORMS,
    **GROUP_CHANGES,  # group changes (issue 14)
    **IMPORTS,
    **LOOKS,
    **SCHEDULING,
    **SECRETS,  # secrets at rest (issue 15)
    **AUDIT,  # the audit log (issue 15)
    **WORDS,
    **LEARNING,  # the learning loop (issue 17)
    **RATINGS,  # core-element ratings (issue 17)
    **OVERSIGHT,  # management and quality team: digest, escalation (issue 17)
    **OFFERS,  # the offer level: offers and their theory of change (issue 17)
    **OFFER_REVIEW,  # the offer level: digest, core-elements review, tags (issue 17)
}
