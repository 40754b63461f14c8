"""The method as data: the meeting's steps, their order, guiding questions and time-boxes."""

from __future__ import annotations

from enum import StrEnum


class Step(StrEnum):
    SCHEDULED = "scheduled"
    PREPARING = "preparing"
    SINCE_LAST = "since_last"
    EXPLORE = "explore"
    INTERPRET = "interpret"
    PREPARE_ACTION = "prepare_action"
    CLOSED = "closed"
    CANCELLED = "cancelled"


#: The four dialogue steps, in the order the group walks through them.
DIALOGUE_STEPS: tuple[Step, ...] = (
    Step.SINCE_LAST,
    Step.EXPLORE,
    Step.INTERPRET,
    Step.PREPARE_ACTION,
)

#: Steps in which the meeting is still alive (can be cancelled).
OPEN_STEPS: frozenset[Step] = frozenset(
    {Step.SCHEDULED, Step.PREPARING, *DIALOGUE_STEPS},
)

FINAL_STEPS: frozenset[Step] = frozenset({Step.CLOSED, Step.CANCELLED})

#: Default time-box per dialogue step, in minutes (a 75-minute meeting).
DEFAULT_TIMEBOX_MINUTES: dict[Step, int] = {
    Step.SINCE_LAST: 15,
    Step.EXPLORE: 20,
    Step.INTERPRET: 20,
    Step.PREPARE_ACTION: 20,
}

#: Guiding-question keys per step; the texts live in the catalogues.
GUIDING_QUESTIONS: dict[Step, tuple[str, ...]] = {
    Step.PREPARING: (
        "q.preparing.observations",
        "q.preparing.puzzles",
        "q.preparing.prioritise",
        "q.preparing.compare",
        "q.preparing.involve",
    ),
    Step.SINCE_LAST: (
        "q.since_last.agreed",
        "q.since_last.status",
        "q.since_last.data",
        "q.since_last.learned",
        "q.since_last.not_done",
    ),
    Step.EXPLORE: (
        "q.explore.data_tells",
        "q.explore.notice",
        "q.explore.need_to_know",
        "q.explore.glad",
        "q.explore.challenges",
    ),
    Step.INTERPRET: (
        "q.interpret.challenges",
        "q.interpret.prevents",
        "q.interpret.maintains",
        "q.interpret.core_elements",
        "q.interpret.relation",
    ),
    Step.PREPARE_ACTION: (
        "q.prepare_action.short_term",
        "q.prepare_action.long_term",
        "q.prepare_action.signs",
        "q.prepare_action.actions",
        "q.prepare_action.who",
        "q.prepare_action.takeaway",
    ),
}


def next_dialogue_step(step: Step) -> Step:
    """The step that follows `step` when the leader moves on (prepare_action closes)."""
    if step is Step.PREPARE_ACTION:
        return Step.CLOSED
    return DIALOGUE_STEPS[DIALOGUE_STEPS.index(step) + 1]
