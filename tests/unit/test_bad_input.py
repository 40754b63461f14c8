"""Bad input: every free text is checked before anything is stored, and nothing saved is lost.

Each refusal names what is wrong (empty, too long with the limit, a CPR-like number with
the hint about pseudonyms, the wrong step). After it, what the group had already saved
is still there, unchanged: Bo's prepared point, Cai's observation, the goal, Bo's
take-away and the last meeting's agreement paper.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from flows.commands import (
    AddAction,
    AddExplanation,
    AddObservation,
    AddSign,
    AddTakeaway,
    MeetingCommand,
    OpenPreparation,
    ProposeTheme,
    RemindUnprepared,
    ReviewAction,
    SetGoal,
    SubmitPoint,
)
from flows.model import ActionStatus, PointKind
from flows.outputs import Refusal
from flows.steps import Step
from flows.validation import MAX_LABEL, MAX_TEXT
from tests.transcript import Reply, Room, say, team_nord

S = Step

SAVED_POINT = "Well-being rose for 4 of 5 citizens"
SAVED_OBSERVATION = "3 of the 5 evening incidents were on Sundays"
SAVED_GOAL = "Calmer evenings for B-17"
SAVED_TAKEAWAY = "Call before we visit"

CPR_HINT = (
    "The text looks like a CPR number and was not saved. Refer to citizens by pseudonym "
    "or case number, never by name or CPR number."
)
EMPTY = "The text is empty. Write something before you send."


@dataclass(frozen=True)
class Field:
    """Where a free text goes: the command, its other fields, the step, and its limit."""

    step: Step
    command: type[MeetingCommand]
    name: str
    limit: int
    others: tuple[tuple[str, Any], ...] = ()

    def fields(self, text: str) -> dict[str, Any]:
        return {**dict(self.others), self.name: text}


FIELDS = {
    "point": Field(S.PREPARING, SubmitPoint, "text", MAX_TEXT, (("kind", PointKind.POSITIVE),)),
    "observation": Field(S.EXPLORE, AddObservation, "text", MAX_TEXT),
    "theme": Field(S.EXPLORE, ProposeTheme, "title", MAX_LABEL),
    "explanation": Field(S.INTERPRET, AddExplanation, "text", MAX_TEXT, (("theme_number", 1),)),
    "goal": Field(S.PREPARE_ACTION, SetGoal, "text", MAX_LABEL, (("long_term", False),)),
    "long-term-goal": Field(S.PREPARE_ACTION, SetGoal, "text", MAX_LABEL, (("long_term", True),)),
    "sign": Field(S.PREPARE_ACTION, AddSign, "text", MAX_LABEL),
    "action": Field(
        S.PREPARE_ACTION,
        AddAction,
        "what",
        MAX_LABEL,
        (("owner", "bo"), ("follow_up", "lea"), ("due", date(2027, 1, 5))),
    ),
    "take-away": Field(S.PREPARE_ACTION, AddTakeaway, "text", MAX_TEXT),
    "review-note": Field(
        S.SINCE_LAST,
        ReviewAction,
        "note",
        MAX_TEXT,
        (("action_ref", 1), ("status", ActionStatus.DONE)),
    ),
}


def test_the_limits_are_the_documented_ones():
    assert (MAX_TEXT, MAX_LABEL) == (1000, 300)


#: The steps in which the group has observations.
EXPLORING = (S.EXPLORE, S.INTERPRET, S.PREPARE_ACTION)


@functools.cache
def _scene(step: Step) -> Room:
    """Meeting 2 of Team Nord in `step`, with things already saved that must survive.

    Meeting 1 is closed with one open action. In meeting 2 Bo has prepared a positive
    trend; from explore on Cai has added an observation; in prepare action Cai has set
    the short-term goal and Bo has given a take-away.
    """
    room = team_nord()
    room.walk_to(S.CLOSED)
    room.latest_meeting()
    room.must("lea", OpenPreparation)
    room.must("bo", SubmitPoint, kind=PointKind.POSITIVE, text=SAVED_POINT)
    if step in EXPLORING:
        room.walk_to(S.EXPLORE)
        room.must("cai", AddObservation, text=SAVED_OBSERVATION)
    room.walk_to(step)
    if step is S.PREPARE_ACTION:
        room.must("cai", SetGoal, long_term=False, text=SAVED_GOAL)
        room.must("bo", AddTakeaway, text=SAVED_TAKEAWAY)
    assert (room.meeting.number, room.meeting.step) == (2, step)
    return room


def scene(step: Step) -> Room:
    return _scene(step).copy()


def assert_nothing_lost(room: Room, before: Any, reply: Reply, text: str) -> None:
    """Refused with `text`, only to the sender, and everything saved is still there."""
    reply.shows(f"@{reply.command.actor} (refused): {text}")
    assert [type(o) for o in reply.outputs] == [Refusal], room.failure(reply, "not one refusal")
    assert room.snapshot() == before, room.failure(reply, "the refusal changed what is saved")
    meeting = room.meeting
    assert meeting.points_of("bo")[PointKind.POSITIVE].text == SAVED_POINT
    if meeting.step in EXPLORING:
        assert SAVED_OBSERVATION in [o.text for o in meeting.observations]
    if meeting.step is S.PREPARE_ACTION:
        assert meeting.agreement.short_term_goal == SAVED_GOAL
        assert [(t.author, t.text) for t in meeting.takeaways] == [("bo", SAVED_TAKEAWAY)]
    (first,) = [m for m in room.meetings() if m.number == 1]
    assert [(a.status, a.status_note) for a in first.agreement.actions] == [(ActionStatus.OPEN, "")]


def send(field: Field, text: str) -> tuple[Room, Any, Reply]:
    room = scene(field.step)
    before = room.snapshot()
    return room, before, room.run("bo", field.command, **field.fields(text))


def stored_texts(room: Room) -> list[str]:
    """Every free text saved in the group's meetings."""
    texts: list[str] = []
    for m in room.meetings():
        texts += [p.text for p in m.points] + [o.text for o in m.observations]
        texts += [t.title for t in m.themes] + [e.text for e in m.explanations]
        paper = m.agreement
        texts += [paper.short_term_goal, paper.long_term_goal, *(s.text for s in paper.signs)]
        texts += [a.what for a in paper.actions] + [a.status_note for a in paper.actions]
        texts += [t.text for t in m.takeaways] + [r.note for r in m.reviews]
    return texts


# Empty and too long ----------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", " \n\t "], ids=["empty", "spaces", "whitespace"])
@pytest.mark.parametrize("where", [k for k in FIELDS if k != "review-note"])
def test_an_empty_text_is_refused(where, text):
    room, before, reply = send(FIELDS[where], text)
    assert_nothing_lost(room, before, reply, EMPTY)


def test_a_review_note_may_be_left_out():
    room, _, reply = send(FIELDS["review-note"], "   ")
    reply.shows("#channel: Bo: 1. A fixed evening routine with B-17: owner Ali, follow-up Lea")
    (first,) = [m for m in room.meetings() if m.number == 1]
    assert [(a.status, a.status_note) for a in first.agreement.actions] == [(ActionStatus.DONE, "")]


def test_a_ten_thousand_character_point_is_refused_with_the_limit():
    text = ("B-17 sleeps better. " * 500)[:-1] + "!"
    assert len(text) == 10_000
    room, before, reply = send(FIELDS["point"], text)
    assert_nothing_lost(
        room,
        before,
        reply,
        "The text is too long (10000 characters). The limit is 1000; shorten it and try again.",
    )


def test_a_301_character_theme_title_is_refused_with_the_limit():
    room, before, reply = send(FIELDS["theme"], "E" * 301)
    assert_nothing_lost(
        room,
        before,
        reply,
        "The text is too long (301 characters). The limit is 300; shorten it and try again.",
    )


@pytest.mark.parametrize("where", list(FIELDS))
def test_one_character_over_the_limit_is_refused(where):
    field = FIELDS[where]
    room, before, reply = send(field, "x" * (field.limit + 1))
    assert_nothing_lost(
        room,
        before,
        reply,
        f"The text is too long ({field.limit + 1} characters). The limit is {field.limit};",
    )


@pytest.mark.parametrize("where", list(FIELDS))
def test_exactly_the_limit_is_accepted(where):
    field = FIELDS[where]
    text = "x" * field.limit
    room, _, reply = send(field, f"  {text}\n")
    assert not reply.refused, room.failure(reply, "refused")
    assert text in stored_texts(room)


# CPR numbers -----------------------------------------------------------------------


CPR_LIKE = [
    "010190-1234",
    "0101901234",
    "010190 1234",
    "311299-4321",
    "290200-1111",
    "01 01 90 1234",
    "01.01.90-1234",
    "010190\u20131234",  # an en dash, as word processors write it
]


@pytest.mark.parametrize("cpr", CPR_LIKE)
@pytest.mark.parametrize("where", list(FIELDS))
def test_a_cpr_like_number_is_refused_with_the_pseudonym_hint(where, cpr):
    room, before, reply = send(FIELDS[where], f"B-17 ({cpr}) slept badly")
    assert_nothing_lost(room, before, reply, CPR_HINT)


@pytest.mark.parametrize("cpr", CPR_LIKE)
def test_a_cpr_number_alone_is_refused(cpr):
    room, before, reply = send(FIELDS["point"], cpr)
    assert_nothing_lost(room, before, reply, CPR_HINT)


NOT_CPR = [
    "9999999999",  # ten digits, but day 99 is no date
    "sag 14",
    "sag 2024-0117",
    "B-17",
    "310290-1234",  # 31 February
    "290201-1234",  # 29 February in a year that is not a leap year
    "01019012345",  # eleven digits
    "Phone 12 34 56 78",
]


@pytest.mark.parametrize("text", NOT_CPR)
@pytest.mark.parametrize("where", ["point", "observation", "theme"])
def test_numbers_that_are_not_cpr_numbers_are_accepted(where, text):
    field = FIELDS[where]
    room, _, reply = send(field, f"Case {text} needs a look")
    assert not reply.refused, room.failure(reply, "refused")
    assert f"Case {text} needs a look" in stored_texts(room)


def test_a_point_refused_for_a_cpr_number_can_be_sent_again_with_a_pseudonym():
    room = scene(S.PREPARING)
    room.play(
        say("bo", SubmitPoint, kind=PointKind.POSITIVE, text="010190-1234 answered the phone"),
        f"@bo (refused): {CPR_HINT}",
        say("bo", SubmitPoint, kind=PointKind.POSITIVE, text="B-22 answered the phone"),
        "@bo (only you): Saved: positive trend.",
    )
    assert room.meeting.points_of("bo")[PointKind.POSITIVE].text == "B-22 answered the phone"


# Chat markup is text -----------------------------------------------------------------


MARKUP = ["<!channel>", "@here", "@channel", "<@U123>", "<!here|here> *bold* <https://x.dk|x>"]


@pytest.mark.parametrize("markup", MARKUP)
def test_markup_in_a_point_is_stored_and_shown_as_typed(markup):
    room = team_nord()
    room.must("lea", OpenPreparation)
    typed = f"{markup} B-22 answered the phone {{group}}"
    room.play(
        say("bo", SubmitPoint, kind=PointKind.POSITIVE, text=typed),
        "@bo (only you): Saved: positive trend.",
        say("lea", RemindUnprepared),
        f"@bo (dm): [positive trend] {typed}",
    )
    assert room.meeting.points_of("bo")[PointKind.POSITIVE].text == typed
    room.must("bo", SubmitPoint, kind=PointKind.IMPROVEMENT, text="Few home visits")
    room.walk_to(S.EXPLORE)
    (line,) = [ln for ln in room.replies[-1].lines if "B-22 answered" in ln]
    assert line == f"#channel:   1. {typed} (Bo, prepared)"


@pytest.mark.parametrize("markup", MARKUP)
def test_markup_in_an_observation_is_shown_as_typed(markup):
    room = scene(S.EXPLORE)
    reply = room.run("bo", AddObservation, text=f"{markup} look at week 48")
    assert reply.lines == [f"#channel: 5. {markup} look at week 48 (Bo)"]


# The wrong step --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("step", "command", "fields", "text"),
    [
        (
            S.EXPLORE,
            SubmitPoint,
            {"kind": PointKind.POSITIVE, "text": "Well-being rose for 5 of 5"},
            "the meeting is in explore. Possible in: scheduled, preparation.",
        ),
        (
            S.PREPARING,
            AddObservation,
            {"text": "Two questionnaires are missing"},
            "the meeting is in preparation. Possible in: explore.",
        ),
        (
            S.INTERPRET,
            ProposeTheme,
            {"title": "Sleep"},
            "the meeting is in interpret. Possible in: explore.",
        ),
        (
            S.PREPARE_ACTION,
            AddExplanation,
            {"theme_number": 1, "text": "Staff rotates"},
            "the meeting is in prepare action. Possible in: interpret.",
        ),
    ],
    ids=lambda v: v.__name__ if isinstance(v, type) else None,
)
def test_a_command_in_the_wrong_step_is_refused_and_nothing_is_lost(step, command, fields, text):
    room = scene(step)
    before = room.snapshot()
    reply = room.run("bo", command, **fields)
    assert_nothing_lost(room, before, reply, f"That is not possible now: {text}")
