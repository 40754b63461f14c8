"""English texts of the offer level's review part (issue 17): the preparation digest across
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
    since = f"since {p['since']}" if p["since"] else "from the start"
    return (
        f"Digest for the offer {p['offer']}: {_n(p['meetings'], 'meeting', 'meetings')} in "
        f"{_n(p['groups'], 'citizen-level group', 'citizen-level groups')}, {since}"
    )


def _result(p: dict[str, Any]) -> str:
    head = f"{p['text']} ({p['parameter']}): "
    if p["mean"] is None:
        if not p["measured"]:
            return head + "no measurements in the period"
        return head + f"too few citizens measured to show numbers (fewer than {p['min']})"
    return head + f"mean {p['mean']:.1f} over {p['n']} citizens"


def _element_count(p: dict[str, Any]) -> str:
    return (
        f"Core element {p['number']}. {p['name']}: "
        f"{_n(p['explanations'], 'explanation', 'explanations')}, "
        f"{_n(p['actions'], 'action', 'actions')}"
    )


CATALOGUE: dict[str, Entry] = {
    # The digest
    "offer_digest.heading": _heading,
    "offer_digest.nothing": "Nothing held in the period.",
    "offer_digest.recurring": "Recurring theme: {title}",
    "offer_digest.element": _element_count,
    "offer_digest.group": lambda p: (
        f"{p['group']}: meeting {p['meetings']}" if p["count"] else f"{p['group']}: no meetings"
    ),
    "offer_digest.group_nothing": "Nothing to show.",
    "offer_digest.theme": lambda p: (
        f"Theme: {p['title']}" + (" (recurring)" if p["recurring"] else "")
    ),
    "offer_digest.focus": "Focus area chosen: {title}",
    "offer_digest.action": lambda p: (
        f"Meeting {p['number']} agreed: {p['what']} ({p['owner']}, due {p['due']}) · "
        f"{p['status']}{_note(p)}"
    ),
    "offer_digest.outcome": lambda p: (
        f"Meeting {p['number']} gave the status of “{p['what']}” (agreed at meeting "
        f"{p['agreed']}): {p['status']}{_note(p)}"
    ),
    "offer_digest.verdict": lambda p: (
        f"Meeting {p['number']} judged “{p['sign']}”: {p['verdict']}{_note(p)}"
    ),
    "offer_digest.error.not_offer_level": (
        "{group} is not an offer-level group with an offer, so there is no digest."
    ),
    # The results' data
    "offer_results.heading": "Data of the offer's results, by core element",
    "offer_results.element": lambda p: (
        f"Core element {p['number']}. {p['name']}" if p["number"] else "No core element"
    ),
    "offer_results.result": _result,
    # The core-elements review
    "review.heading": "Reviewing the core elements of {offer}",
    "review.element": lambda p: (
        f"{p['number']}. {p['name']}" + (f": {p['description']}" if p["description"] else "")
    ),
    "review.no_elements": "The offer has no core elements yet.",
    "review.questions_heading": "Reflections on the intervention",
    "review.q.right_ones": (
        "Are these the right core elements for the intervention? "
        "(Is one missing? Is one dispensable?)"
    ),
    "review.q.adjust": (
        "Should we adjust from what we know from practice, citizens' feedback or other data? "
        "(What do we not know enough about yet?)"
    ),
    "review.q.into_play": (
        "Do we bring all core elements into play for every citizen? "
        "Do we carry out activities for every core element?"
    ),
    "review.q.as_intended": "Do the activities seem to work as the core element intends?",
    "review.q.works_well": (
        "Can we bring the core elements better into play? Which activities work especially "
        "well to unfold a core element?"
    ),
    "review.q.unclear": "Where is it not clear enough how a core element is to be applied?",
    "review.hint": "Note what you find for each core element.",
    "review.noted": "{name} noted on the core element {element}: {text}",
    "review.note_line": "{element}: {text} ({name})",
    "review.paper_heading": "Core elements",
    "review.tagged_line": "{line} [core element: {element}]",
    "review.tag": " [core element: {element}]",
    "review.tagged": "{item} {number} “{text}” [core element: {element}]",
    "review.untagged": "{item} {number} “{text}” no longer has a core element.",
    "review.error.no_element": lambda p: (
        f"The offer has no core element {p['number']}."
        + (f" Its core elements are: {p['elements']}." if p["elements"] else "")
    ),
    "review.error.not_offer_level": (
        "Core elements are reviewed in offer-level groups; {group} is a citizen-level group."
    ),
    "review.error.no_offer": (
        "{group} belongs to no offer, so there are no core elements to tag with."
    ),
}
