"""English texts of corrections (`flows.corrections`): edits, withdrawals and amendments."""

from __future__ import annotations

from flows.text.base import Entry

CATALOGUE: dict[str, Entry] = {
    "Item.point": "your point",
    "Item.review": "status",
    "Item.observation": "observation",
    "Item.theme": "theme",
    "Item.explanation": "explanation",
    "Item.goal": "goal",
    "Item.sign": "sign of progress",
    "Item.action": "action",
    "Item.takeaway": "take-away",
    "correct.edited": "{name} corrected {item} {number}: {text}",
    "correct.removed": "{name} withdrew {item} {number}.",
    "correct.action_edited": "{name} changed an action: {line}",
    "takeaway.replaced": "Thank you: your new take-away replaces the one you gave before.",
    "correct.error.changed": (
        "Number {number} ({item}) now says something else than in that message (something "
        "before it may have been withdrawn): look at the list again and use its newest message."
    ),
    "correct.error.no_item": "There is no {item} number {number}.",
    "correct.error.not_yours": (
        "Only the one who wrote it ({name}) or the meeting leader can correct or withdraw it."
    ),
    "correct.error.closed": (
        "The meeting has closed: only the meeting leader ({leader}) can amend its agreement paper."
    ),
    "correct.error.closed_item": (
        "The meeting has closed: now only its agreement paper (goals, signs, actions) and "
        "the take-aways can be corrected."
    ),
    "correct.error.point_started": (
        "The meeting has started and the prepared points are now observations: correct the "
        "observation instead."
    ),
    "paper.amendments_heading": "Amended after the meeting",
    "paper.amendment": lambda p: (
        f"{p['at']}: {p['name']} {'withdrew' if p['removed'] else 'changed'} "
        f"{p['item']} {p['number']}"
    ),
}
