"""Danish texts of the offer level's review part (issue 17): the preparation digest across
the offer's citizen-level groups, the data of the intended results, the core-elements
review with the handbook's guide questions ("Refleksioner over indsatsen") and the tags."""

from __future__ import annotations

from typing import Any

from flows.text.base import Entry


def _note(p: dict[str, Any]) -> str:
    return f" – {p['note']}" if p["note"] else ""


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _heading(p: dict[str, Any]) -> str:
    since = f"siden {p['since']}" if p["since"] else "fra begyndelsen"
    return (
        f"Overblik for tilbuddet {p['offer']}: {_n(p['meetings'], 'møde', 'møder')} i "
        f"{_n(p['groups'], 'gruppe', 'grupper')} på borgerniveau, {since}"
    )


def _result(p: dict[str, Any]) -> str:
    head = f"{p['text']} ({p['parameter']}): "
    if p["mean"] is None:
        if not p["measured"]:
            return head + "ingen målinger i perioden"
        return head + f"for få borgere målt til at vise tal (færre end {p['min']})"
    return head + f"gennemsnit {p['mean']:.1f} over {p['n']} borgere".replace(".", ",", 1)


def _element_count(p: dict[str, Any]) -> str:
    return (
        f"Kerneelement {p['number']}. {p['name']}: "
        f"{_n(p['explanations'], 'forklaring', 'forklaringer')}, "
        f"{_n(p['actions'], 'handling', 'handlinger')}"
    )


CATALOGUE: dict[str, Entry] = {
    # The digest
    "offer_digest.heading": _heading,
    "offer_digest.nothing": "Intet holdt i perioden.",
    "offer_digest.recurring": "Tilbagevendende tema: {title}",
    "offer_digest.element": _element_count,
    "offer_digest.group": lambda p: (
        f"{p['group']}: møde {p['meetings']}" if p["count"] else f"{p['group']}: ingen møder"
    ),
    "offer_digest.group_nothing": "Intet at vise.",
    "offer_digest.theme": lambda p: (
        f"Tema: {p['title']}" + (" (tilbagevendende)" if p["recurring"] else "")
    ),
    "offer_digest.focus": "Indsatsområde valgt: {title}",
    "offer_digest.action": lambda p: (
        f"Møde {p['number']} aftalte: {p['what']} ({p['owner']}, frist {p['due']}) · "
        f"{p['status']}{_note(p)}"
    ),
    "offer_digest.outcome": lambda p: (
        f"Møde {p['number']} gav status på »{p['what']}« (aftalt på møde {p['agreed']}): "
        f"{p['status']}{_note(p)}"
    ),
    "offer_digest.verdict": lambda p: (
        f"Møde {p['number']} vurderede »{p['sign']}«: {p['verdict']}{_note(p)}"
    ),
    "offer_digest.error.not_offer_level": (
        "{group} er ikke en gruppe på tilbudsniveau med et tilbud, så der er intet overblik."
    ),
    # The results' data
    "offer_results.heading": "Data for tilbuddets resultater, efter kerneelement",
    "offer_results.element": lambda p: (
        f"Kerneelement {p['number']}. {p['name']}" if p["number"] else "Uden kerneelement"
    ),
    "offer_results.result": _result,
    # The core-elements review
    "review.heading": "Gennemgang af kerneelementerne i {offer}",
    "review.element": lambda p: (
        f"{p['number']}. {p['name']}" + (f": {p['description']}" if p["description"] else "")
    ),
    "review.no_elements": "Tilbuddet har ingen kerneelementer endnu.",
    "review.questions_heading": "Refleksioner over indsatsen",
    "review.q.right_ones": (
        "Er det de rigtige kerneelementer, vi har fastlagt for indsatsen? "
        "(Mangler der noget? Kan noget undværes?)"
    ),
    "review.q.adjust": (
        "Bør vi justere på baggrund af vores viden fra praksiserfaringer, borgerfeedback "
        "eller andre data? (Hvad ved vi ikke nok om endnu?)"
    ),
    "review.q.into_play": (
        "Får vi bragt alle kerneelementer i spil over for borgerne? "
        "Udfører vi aktiviteter for alle kerneelementer?"
    ),
    "review.q.as_intended": "Ser aktiviteterne ud til at virke efter hensigten med kerneelementet?",
    "review.q.works_well": (
        "Kan vi bringe kerneelementer bedre i spil over for borgerne? Har vi særligt gode "
        "erfaringer med bestemte aktiviteter til udfoldelse af kerneelementet?"
    ),
    "review.q.unclear": (
        "Er der tilfælde, hvor det ikke er tilstrækkeligt tydeligt, hvordan kerneelementet "
        "skal anvendes?"
    ),
    "review.hint": "Notér, hvad I finder, ved hvert kerneelement.",
    "review.noted": "{name} noterede ved kerneelementet {element}: {text}",
    "review.note_line": "{element}: {text} ({name})",
    "review.paper_heading": "Kerneelementer",
    "review.tagged_line": "{line} [kerneelement: {element}]",
    "review.tag": " [kerneelement: {element}]",
    "review.tagged": "{item} {number} »{text}« [kerneelement: {element}]",
    "review.untagged": "{item} {number} »{text}« har ikke længere et kerneelement.",
    "review.error.no_element": lambda p: (
        f"Tilbuddet har intet kerneelement {p['number']}."
        + (f" Kerneelementerne er: {p['elements']}." if p["elements"] else "")
    ),
    "review.error.not_offer_level": (
        "Kerneelementerne gennemgås i grupper på tilbudsniveau; {group} er på borgerniveau."
    ),
    "review.error.no_offer": (
        "{group} hører ikke til et tilbud, så der er ingen kerneelementer at mærke med."
    ),
}
