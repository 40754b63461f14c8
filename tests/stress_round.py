"""The stress round of issue 16: a big group using every list the method allows, with texts
at their longest, played through the flows like every transcript test. The Slack and Teams
tests render every output of it (and every form at its fullest) with the adapters' own
builders and check them against what the platforms accept.

Eight participants each prepare three points of 1,000 characters; explore gets 40 more
observations, 20 themes (300-character titles) and every vote; interpret 20 explanations;
prepare action both goals, 5 signs and 10 actions; everyone leaves a take-away; then the
next meeting reviews all 10 actions with 1,000-character notes.
"""

from __future__ import annotations

from datetime import timedelta

from flows.commands import (
    AddAction,
    AddExplanation,
    AddObservation,
    AddSign,
    AddTakeaway,
    Advance,
    CastVote,
    ChooseFocus,
    OpenPreparation,
    ProposeTheme,
    ReviewAction,
    SetGoal,
    StartMeeting,
    SubmitPoint,
)
from flows.model import ActionStatus, PointKind
from flows.steps import Step
from flows.validation import MAX_LABEL, MAX_TEXT
from tests.transcript import Room

LEADER = "lea"
EIGHT = (
    ("ali", "Ali Hassan"), ("bo", "Bo Jensen"), ("cai", "Cai Larsen"), ("dina", "Dina Olsen"),
    ("emil", "Emil Berg"), ("frida", "Frida Holm"), ("gorm", "Gorm Krog"), ("hanne", "Hanne Vad"),
)  # fmt: skip
PEOPLE = tuple(user for user, _ in EIGHT)
OBSERVATIONS, THEMES, EXPLANATIONS, SIGNS, ACTIONS = 40, 20, 20, 5, 10


def long(label: str, size: int = MAX_TEXT) -> str:
    """Words of exactly `size` characters, starting with `label` (so each is its own)."""
    words = f"{label} "
    while len(words) < size:
        words += "Æblerne ved B-17 vokser støt mens borgerne øver hverdagens rutiner. "
    return words[: size - 1] + "."


def stress_round(lang: str = "da") -> Room:
    """The room after both meetings (its `outputs` hold everything said)."""
    room = Room(lang=lang)
    room.create_group(participants=EIGHT)
    room.must(LEADER, OpenPreparation)
    for person in PEOPLE:
        for kind in PointKind:
            room.must(person, SubmitPoint, kind=kind, text=long(f"{person} {kind}"))
    room.must(LEADER, StartMeeting)
    room.must(LEADER, Advance, expected_step=Step.SINCE_LAST)
    _explore(room)
    room.must(LEADER, Advance, expected_step=Step.EXPLORE)
    for number in range(1, EXPLANATIONS + 1):
        who = PEOPLE[number % len(PEOPLE)]
        room.must(who, AddExplanation, theme_number=number, text=long(f"forklaring {number}"))
    room.must(LEADER, ChooseFocus, theme_number=1)
    room.must(LEADER, Advance, expected_step=Step.INTERPRET)
    _paper(room)
    room.must(LEADER, Advance, expected_step=Step.PREPARE_ACTION)
    for person in PEOPLE:
        room.must(person, AddTakeaway, text=long(f"take-away {person}"))
    room.latest_meeting()
    room.must(LEADER, OpenPreparation)
    room.must(LEADER, StartMeeting)
    for number in range(1, ACTIONS + 1):
        status = (ActionStatus.DONE, ActionStatus.CONTINUED, ActionStatus.DROPPED)[number % 3]
        room.must(
            LEADER, ReviewAction, action_ref=number, status=status, note=long(f"note {number}")
        )
    return room


def _explore(room: Room) -> None:
    for number in range(1, OBSERVATIONS + 1):
        who = PEOPLE[number % len(PEOPLE)]
        room.must(who, AddObservation, text=long(f"observation {number}"))
    for number in range(1, THEMES + 1):
        room.must(
            PEOPLE[number % len(PEOPLE)], ProposeTheme, title=long(f"tema {number}", MAX_LABEL)
        )
    budget = room.group.vote_budget
    for index, person in enumerate(PEOPLE):
        for vote in range(budget):
            room.must(person, CastVote, theme_number=(index + vote) % THEMES + 1)


def _paper(room: Room) -> None:
    room.must(LEADER, SetGoal, long_term=False, text=long("kort mål", MAX_LABEL))
    room.must(LEADER, SetGoal, long_term=True, text=long("langt mål", MAX_LABEL))
    for number in range(1, SIGNS + 1):
        room.must(PEOPLE[number], AddSign, text=long(f"tegn {number}", MAX_LABEL))
    for number in range(1, ACTIONS + 1):
        owner = PEOPLE[number % len(PEOPLE)]
        room.must(
            LEADER, AddAction, what=long(f"handling {number}", MAX_LABEL), owner=owner,
            follow_up=LEADER, due=room.today + timedelta(days=14),
        )  # fmt: skip
