"""Erasure (issue 15, GDPR art. 17): what erasing a member or a citizen changes in a
meeting, as plain functions of the meeting (`storage.erasure_member` and
`storage.erasure_citizen` load each meeting, apply them and save it).

A member's erasure **removes** what they wrote that the agreement paper does not need:
their prepared points (and the observations they became), observations, votes,
explanations, "since last" reviews (and a review's note where the paper shows it as the
action's status note) and take-aways. What the paper needs keeps its text and names a
placeholder instead of them (a former member of the group whose name is the language's
word for "a participant"): the signs and actions they wrote, the actions they own or
follow up, the amendments they made. A theme they proposed stays too, anonymised: it is
the group's (others voted for it and explained it, and it may be the meeting's focus on
the paper); their own votes go.

A citizen's erasure replaces every whole-token occurrence of their pseudonym in what the
group wrote by a neutral marker (`citizen_pattern`: "B-07" is found in "B-07's" and
"(B-07)", never in "B-070" or "AB-07"; letter case is ignored).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flows.model import Meeting
from flows.validation import MAX_LABEL


@dataclass
class Forgotten:
    """What a member's erasure did to one meeting: rows removed, items anonymised."""

    removed: int = 0
    anonymised: int = 0

    def __iadd__(self, other: Forgotten) -> Forgotten:
        self.removed += other.removed
        self.anonymised += other.anonymised
        return self


def forget_member(
    meeting: Meeting,
    user_id: str,
    placeholder: str,
    notes: Mapping[tuple[int, int], str] | None = None,
) -> Forgotten:
    """Remove what `user_id` wrote in `meeting` that the paper does not need, and name
    `placeholder` instead of them where it does (see the module). `notes`: the notes of
    their reviews of actions, by (meeting id, action number): a review's note is also the
    action's status note on its paper, and goes from there too (its status stays)."""
    done = Forgotten()
    m = meeting
    for action in m.agreement.actions:
        note = (notes or {}).get((m.id or 0, action.number))
        if note and action.status_note == note:
            action.status_note = ""
            done.removed += 1

    def keep(items: list[Any], who: str) -> list[Any]:
        kept = [item for item in items if getattr(item, who) != user_id]
        done.removed += len(items) - len(kept)
        return kept

    m.points = keep(m.points, "author")
    m.observations = keep(m.observations, "author")
    m.votes = keep(m.votes, "voter")
    m.explanations = keep(m.explanations, "author")
    m.reviews = keep(m.reviews, "author")
    m.takeaways = keep(m.takeaways, "author")
    m.verdicts = keep(m.verdicts, "author")  # the learning loop (issue 17): notes like reviews
    named: list[tuple[Any, str]] = [(theme, "proposed_by") for theme in m.themes]
    named += [(sign, "author") for sign in m.agreement.signs]
    named += [(a, who) for a in m.agreement.actions for who in ("author", "owner", "follow_up")]
    named += [(amendment, "by") for amendment in m.amendments]
    named += [(note, "author") for note in m.element_notes]  # offer level: on the paper
    for item, who in named:
        if getattr(item, who) == user_id:
            setattr(item, who, placeholder)
            done.anonymised += 1
    return done


def citizen_pattern(pseudonym: str) -> re.Pattern[str]:
    """The pseudonym as a whole token: not inside a longer word, number or hyphenated code."""
    return re.compile(rf"(?<![\w-]){re.escape(pseudonym)}(?![\w]|-\w)", re.IGNORECASE)


def scrub_text(text: str, pattern: re.Pattern[str], marker: str) -> str:
    return pattern.sub(marker, text)


def scrub_citizen(meeting: Meeting, pattern: re.Pattern[str], marker: str) -> int:
    """Replace the pseudonym (`pattern`) by `marker` in every text of `meeting`; how many
    texts changed. A theme's title stays within the length a title may have."""
    m, paper = meeting, meeting.agreement
    texts: list[tuple[Any, str]] = [(p, "text") for p in m.points]
    texts += [(o, "text") for o in m.observations]
    texts += [(e, "text") for e in m.explanations]
    texts += [(s, "text") for s in paper.signs]
    texts += [(a, field) for a in paper.actions for field in ("what", "status_note")]
    texts += [(r, "note") for r in m.reviews]
    texts += [(tk, "text") for tk in m.takeaways]
    texts += [(v, "note") for v in m.verdicts]  # the learning loop (issue 17)
    texts += [(n, "text") for n in m.element_notes]  # the offer level (issue 17)
    texts += [(paper, "short_term_goal"), (paper, "long_term_goal")]
    texts += [(theme, "title") for theme in m.themes]
    changed = 0
    for item, field in texts:
        before = getattr(item, field)
        after = scrub_text(before, pattern, marker)
        if field == "title":
            after = after[:MAX_LABEL]
        if after != before:
            setattr(item, field, after)
            changed += 1
    return changed


def scrub_value(value: Any, pattern: re.Pattern[str], marker: str) -> Any:
    """`value` (JSON: a reminder's payload) with the pseudonym replaced in every string."""
    if isinstance(value, str):
        return scrub_text(value, pattern, marker)
    if isinstance(value, list):
        return [scrub_value(v, pattern, marker) for v in value]
    if isinstance(value, dict):
        return {k: scrub_value(v, pattern, marker) for k, v in value.items()}
    return value
