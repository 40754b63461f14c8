"""Every refusal: who may not send a command, when it may not be sent, and what does not fit.

The who/when refusals are generated from `flows.machine.RULES`, so a new rule is
covered as soon as `COMMANDS` has a valid-looking example of it: meeting commands
(member, leader, responsible; and the meeting's step), group commands (member or
leader of the group they name; the operator may do what a leader may) and setting up
a group (anyone). Every refusal is checked twice: the person sees why (a distinctive
part of the text), and nothing committed has changed (`room.snapshot()` before and after).
"""

from __future__ import annotations

import copy
import dataclasses
import functools
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from flows.audited import AUDITED  # the audit log (issue 15)
from flows.cadence import HolidayRule
from flows.commands import (
    OPERATOR_ACTOR,
    SYSTEM_ACTOR,
    ActionAnswer,
    AddAction,
    AddExplanation,
    AddObservation,
    AddSign,
    AddTakeaway,
    Advance,
    AnswerActionReminder,
    Cancel,
    CastVote,
    CheckTimebox,
    ChooseFocus,
    CreateGroup,
    EditAction,
    EditItem,
    Extend,
    ImportMeasurements,
    Item,
    MeetingCommand,
    MoveMeeting,
    OpenPreparation,
    ProposeTheme,
    RemindUnprepared,
    RemoveItem,
    ReviewAction,
    ScheduleMeeting,
    SetGoal,
    ShowAgreements,
    ShowStatus,
    SkipMeeting,
    StartMeeting,
    SubmitPoint,
    UndoCancel,
    WithdrawVote,
)
from flows.escalation import ChangeEscalation  # management (issue 17)
from flows.export import ExportGroup, ExportMember  # the export (issue 15)
from flows.group_commands import (  # group changes (issue 14)
    AddMember,
    ArchiveGroup,
    ChangeChannel,
    ChangeHolidayRule,
    ChangeRhythm,
    ChangeTimeboxes,
    RemoveMember,
    RenameGroup,
    SetRole,
    UnarchiveGroup,
)
from flows.learning import LinkExplanation, PickVerdict, RecordVerdict, ShowLearnings
from flows.learning_model import Verdict
from flows.machine import RULES, Who
from flows.measurements import Measurement, MeasurementPoint
from flows.model import ActionStatus, Explanation, Level, PointKind, Role, Sign
from flows.offer_commands import (  # the offer level: offers (issue 17)
    AddElement,
    AddResult,
    DescribeElement,
    ImportTheoryOfChange,
    JoinOffer,
    LeaveOffer,
    RemoveElement,
    RemoveResult,
    RenameElement,
    ShowTheoryOfChange,
    TheoryRow,
)
from flows.offer_model import CoreElement, IntendedResult, Offer
from flows.outputs import Refusal, StepStarted
from flows.parameters import ChooseParameters, ShowParameters
from flows.ratings import ImportRatings, ShowRatings  # core-element ratings (issue 17)
from flows.review_commands import (  # the offer level: review (issue 17)
    AddElementNote,
    ShowOfferDigest,
    TagAction,
    TagExplanation,
)
from flows.rules import Scope
from flows.steps import Step
from tests.transcript import RacingUnitOfWork, Reply, Room, not_said, say, team_nord

S = Step

MEASUREMENTS = (
    Measurement("B-01", "Psykisk trivsel", MeasurementPoint.named("start"), 3.5, 2025),
    Measurement("B-02", "Psykisk trivsel", MeasurementPoint.named("start"), 4.0, 2025),
)
#: Core-element ratings (issue 17): of the element of the offer `_ratings_scene` makes.
RATINGS = (Measurement("B-01", "Relationsarbejde", MeasurementPoint.named("start"), 4.0, 2026),)

#: A valid-looking example of every command (actor, meeting and group are added per test,
#: see `example`).
COMMANDS: dict[type, dict[str, Any]] = {
    OpenPreparation: {},
    StartMeeting: {},
    Advance: {},
    Cancel: {},
    Extend: {"minutes": 5},
    RemindUnprepared: {},
    ChooseFocus: {"theme_number": 1},
    SubmitPoint: {"kind": PointKind.POSITIVE, "text": "B-17 sleeps through more nights"},
    ReviewAction: {"action_ref": 1, "status": ActionStatus.DONE, "note": "Routine in place"},
    AddObservation: {"text": "Two of five questionnaires are missing"},
    ProposeTheme: {"title": "Questionnaire response rate"},
    CastVote: {"theme_number": 1},
    WithdrawVote: {"theme_number": 2},
    AddExplanation: {"theme_number": 1, "text": "The evening shift changes every week"},
    SetGoal: {"long_term": False, "text": "Every citizen answers the questionnaire"},
    AddSign: {"text": "Response rate above 80 %"},
    AddAction: {
        "what": "Hand out the questionnaire at the evening meal",
        "owner": "bo",
        "follow_up": "lea",
        "due": date(2027, 1, 5),
    },
    AddTakeaway: {"text": "Look at the evenings first"},
    # Corrections: Ali proposed theme 1 (explore) and wrote action 1 (prepare action)
    EditItem: {"item": Item.THEME, "number": 1, "text": "Evening routines at home"},
    RemoveItem: {"item": Item.THEME, "number": 1},
    EditAction: {
        "number": 1,
        "what": "A fixed evening routine with B-17 and B-04",
        "owner": "ali",
        "follow_up": "lea",
        "due": date(2027, 1, 6),
    },
    ShowStatus: {},
    ShowAgreements: {},
    CheckTimebox: {},
    # Planning and reminders
    CreateGroup: {
        "name": "Team Syd",
        "level": Level.OFFER,
        "leader": ("mia", "Mia"),
        "participants": (("ole", "Ole"), ("pia", "Pia")),
    },
    ScheduleMeeting: {"at": datetime(2027, 1, 12, 8, 0, tzinfo=UTC)},
    MoveMeeting: {"at": datetime(2027, 1, 12, 8, 0, tzinfo=UTC)},
    SkipMeeting: {},
    # On meeting 1's agreement: Ali owns action 1, Lea (the leader) follows it up.
    AnswerActionReminder: {"action_number": 1, "answer": ActionAnswer.DONE},
    # Data
    ImportMeasurements: {"measurements": MEASUREMENTS, "filename": "maalinger.csv"},
    # Cancel with care (issue 14): the same day as the cancel (an unconfirmed `Cancel`, the
    # example above, only asks: it is accepted and changes nothing)
    UndoCancel: {},
    # Focus parameters (issue 13): every scene's group has a data set (`_scene`)
    ChooseParameters: {"parameters": ("psykisk trivsel",)},
    ShowParameters: {},
    # Group changes (issue 14): on Team Nord (Lea leads; Ali, Bo, Cai, Dina take part); an
    # unarchive on the group archived (`example`)
    AddMember: {"user_id": "eva", "name": "Eva"},
    RemoveMember: {"user_id": "dina"},
    SetRole: {"user_id": "bo", "role": Role.CO_LEADER},
    RenameGroup: {"name": "Team Nordvest"},
    ChangeRhythm: {"weeks": 2},
    ChangeTimeboxes: {"minutes": {Step.EXPLORE: 25}},
    ChangeHolidayRule: {"rule": HolidayRule.KEEP},
    ChangeChannel: {"channel": "team-nordvest"},
    ArchiveGroup: {},
    UnarchiveGroup: {},
    # The export (issue 15): by a group's leaders (and the operator)
    ExportGroup: {},
    ExportMember: {"user_id": "ali"},
    # The learning loop (issue 17): on meeting 1's sign (since last), explanation 1 of
    # meeting 2 (interpret); both are put there by `example`
    RecordVerdict: {"sign_ref": 1, "verdict": Verdict.AS_EXPECTED, "note": "Calmer evenings"},
    PickVerdict: {"sign_ref": 1, "verdict": Verdict.TOO_EARLY},
    LinkExplanation: {"explanation": 1, "sign_ref": 1},
    ShowLearnings: {},
    # The offer level (issue 17): Team Nord joins the offer "Mentorindsats" (made by
    # `example`); for the rest it belongs to it, and edits it as an offer-level group
    JoinOffer: {"name": "Mentorindsats"},
    LeaveOffer: {},
    AddElement: {"name": "Forældreinddragelse"},
    RenameElement: {"element": "1", "name": "Relationsarbejde"},
    DescribeElement: {"element": "1", "description": "Mentor og den unge mødes hver uge"},
    RemoveElement: {"element": "1"},
    AddResult: {"text": "Den unge klarer sig bedre i skolen", "elements": ("1",)},
    RemoveResult: {"number": 1},
    ImportTheoryOfChange: {
        "filename": "forandringsteori.csv",
        "rows": (TheoryRow(2, "kerneelement", "Relationsskabende aktiviteter"),),
    },
    ShowTheoryOfChange: {},
    ChangeEscalation: {"days": 5},  # management (issue 17)
    # Core-element ratings (issue 17): Team Nord at the offer level, linked to an offer with
    # rated core elements (made by `example`)
    ImportRatings: {"filename": "kik.csv", "ratings": RATINGS},
    ShowRatings: {},
    # The offer level's review (issue 17): Team Nord in offer "Mentor" (made by `example`),
    # at the offer level for the digest and the notes; Ali wrote explanation 1 and action 1
    ShowOfferDigest: {},
    AddElementNote: {"element": 1, "text": "Parents are missing"},
    TagExplanation: {"number": 1, "element": 1},
    TagAction: {"number": 1, "element": 1},
}
#: The group changes (issue 14): commands of a group's leaders.
GROUP_CHANGES = {
    AddMember, RemoveMember, SetRole, RenameGroup, ChangeRhythm, ChangeTimeboxes,
    ChangeHolidayRule, ChangeChannel, ArchiveGroup, UnarchiveGroup,
}  # fmt: skip
#: The export (issue 15): read only, but each writes its audit row.
EXPORTS = {ExportGroup, ExportMember}
#: Management (issue 17): a group's leaders set when overdue actions are escalated.
MANAGEMENT = {ChangeEscalation}
#: The offer level (issue 17): a group's leaders move it into an offer and edit its theory.
OFFER_CHANGES = {
    JoinOffer, LeaveOffer, AddElement, RenameElement, DescribeElement, RemoveElement, AddResult,
    RemoveResult, ImportTheoryOfChange,
}  # fmt: skip
#: Core-element ratings (issue 17): imported by a group's leaders, read by any member.
RATINGS_COMMANDS = {ImportRatings, ShowRatings}

#: Who sends a command when it is theirs to send.
SENDER = {
    Who.SYSTEM: SYSTEM_ACTOR,
    Who.LEADER: "lea",
    Who.MEMBER: "ali",
    Who.RESPONSIBLE: "ali",  # the owner of the action answered
    Who.ANYONE: "mia",  # not in Team Nord: she sets up her own group
}

#: The scene an example needs to be accepted, when not the first step its rule allows:
#: a new meeting is scheduled only when the last one is over.
EXAMPLE_STEP = {
    ScheduleMeeting: S.CANCELLED,
    EditItem: S.EXPLORE,
    RemoveItem: S.EXPLORE,
    EditAction: S.PREPARE_ACTION,
    TagExplanation: S.INTERPRET,  # the offer level's review (issue 17)
    TagAction: S.PREPARE_ACTION,
}

#: How the English catalogue names each step.
STEP_NAMES = {
    S.SCHEDULED: "scheduled",
    S.PREPARING: "preparation",
    S.SINCE_LAST: "since last",
    S.EXPLORE: "explore",
    S.INTERPRET: "interpret",
    S.PREPARE_ACTION: "prepare action",
    S.CLOSED: "closed",
    S.CANCELLED: "cancelled",
}

NOT_MEMBER = "You are not in the group Team Nord. Ask the meeting leader to add you."
NOT_LEADER = "Only the meeting leader (Lea) can steer the meeting."
SYSTEM_ONLY = "Only the system can do that."
#: What a participant is told for a leader command, when not `NOT_LEADER`.
LEADER_REFUSAL = {
    ImportMeasurements: "Only a group's meeting leader can import its data (Lea leads Team Nord).",
    ChooseParameters: (
        "Only a group's meeting leader can choose the parameters its charts show "
        "(Lea leads Team Nord)."
    ),
    **{
        command: "Only the meeting leader (Lea) or the co-leader can change the group Team Nord."
        for command in GROUP_CHANGES | MANAGEMENT  # management (issue 17) as group changes
    },
    **{  # the export (issue 15)
        command: "Only a group's meeting leader can export its data (Lea leads Team Nord)."
        for command in EXPORTS
    },
    **{  # the offer level (issue 17)
        command: "Only the meeting leader (Lea) or the co-leader of Team Nord can change which "
        "offer it belongs to or the offer's theory of change."
        for command in OFFER_CHANGES
    },
    ImportRatings: (  # core-element ratings (issue 17)
        "Only a group's meeting leader can import its offer's core-element ratings "
        "(Lea leads Team Nord)."
    ),
}
NOT_YOURS = (
    "Only the owner, the follow-up person or the meeting leader can answer for "
    "“A fixed evening routine with B-17”."
)


def first_step(command: type[MeetingCommand]) -> Step:
    """The earliest step in which the command's rule lets it through."""
    return min(RULES[command].steps, key=list(Step).index)


def example_step(command: type) -> Step:
    return EXAMPLE_STEP.get(command, first_step(command))


def first_meeting_id(room: Room) -> int:
    """Meeting 1, closed in every scene with one action on its agreement paper."""
    return next(m.id or 0 for m in room.meetings() if m.number == 1)


def example(room: Room, command: type) -> dict[str, Any]:
    """The example of `command`, naming the room's group and (for an answer) meeting 1."""
    fields = dict(COMMANDS[command])
    if command is AnswerActionReminder:
        fields.setdefault("meeting_id", first_meeting_id(room))
    if command is UnarchiveGroup:  # group changes (issue 14): brings back an archived group
        room.store.groups[room.group_id].archived_at = room.clock.now()
    if command in (RecordVerdict, PickVerdict, LinkExplanation):  # the learning loop (17)
        first = room.store.meetings[first_meeting_id(room)]
        first.agreement.signs[:] = [Sign("Calmer evenings for B-17", "cai")]
        if room.meeting_id in room.store.meetings:
            current = room.store.meetings[room.meeting_id]
            current.explanations[:] = [Explanation(1, 1, "bo", "The evening staff rotates")]
    if command in OFFER_CHANGES | {ShowTheoryOfChange}:  # the offer level (issue 17)
        _offer_scene(room, command)
    if command in RATINGS_COMMANDS:  # core-element ratings (issue 17)
        _ratings_scene(room)
    if command in REVIEW_COMMANDS:  # the offer level's review (issue 17)
        _review_scene(room, command)
    if "group_id" in {f.name for f in dataclasses.fields(command)}:
        fields.setdefault("group_id", room.group_id)
    return fields


def _offer_scene(room: Room, command: type) -> None:
    """The offer "Mentorindsats" with core element 1 and result 1; Team Nord belongs to it
    (but for joining it) and, to edit its theory of change, is an offer-level group."""
    offers = room.store.offers.offers
    if not offers:
        elements = [CoreElement(1, "Relationsskabende aktiviteter")]
        results = [IntendedResult(1, "Den unge får øget tillid til voksne")]
        offers[1] = Offer("Mentorindsats", elements=elements, results=results, id=1)
    group = room.store.groups[room.group_id]
    group.offer_id = None if command is JoinOffer else 1
    if command not in (JoinOffer, LeaveOffer, ShowTheoryOfChange):
        group.level = Level.OFFER


def _ratings_scene(room: Room) -> None:
    """Team Nord at the offer level, linked to an offer whose core element has ratings."""
    offers = room.store.offers
    offers.offers[7] = Offer("Spydspidsen", elements=[CoreElement(1, "Relationsarbejde")], id=7)
    offers.ratings[7] = RATINGS
    group = room.store.groups[room.group_id]
    group.level, group.offer_id = Level.OFFER, 7


#: The offer level's review (issue 17).
REVIEW_COMMANDS = {ShowOfferDigest, AddElementNote, TagExplanation, TagAction}


def _review_scene(room: Room, command: type) -> None:
    """Team Nord in the offer "Mentor" (core element 1), at the offer level for the digest
    and the review's notes; Ali's explanation 1 in the meeting (for a tag)."""
    room.store.offers.offers[9] = Offer("Mentor", elements=[CoreElement(1, "Relations")], id=9)
    group = room.store.groups[room.group_id]
    group.offer_id = 9
    if command in (ShowOfferDigest, AddElementNote):
        group.level = Level.OFFER
    if command is TagExplanation and room.meeting_id in room.store.meetings:
        current = room.store.meetings[room.meeting_id]
        current.explanations[:] = [Explanation(1, 1, "ali", "The evening staff rotates")]


@functools.cache
def _scene(step: Step) -> Room:
    """Team Nord's meeting 2 in `step`, with meeting 1 closed on one action to review.

    From explore on there are two themes ("Evening routines" and "Home visits"), and
    Ali has voted for theme 2. The group has a data set (`MEASUREMENTS`). Cached: tests
    get a copy.
    """
    room = team_nord()
    room.must("lea", ImportMeasurements, group_id=room.group_id, measurements=MEASUREMENTS)
    room.walk_to(S.CLOSED)
    room.latest_meeting()
    if step is S.CANCELLED:
        # As a cancel left a group before issue 14, with no meeting ahead: so a new one may
        # be scheduled (today a cancel plans the next meeting itself, `test_cancel`).
        room.cancel_without_next()
        return room
    if list(Step).index(step) >= list(Step).index(S.EXPLORE):
        room.walk_to(S.EXPLORE)
        room.must("ali", ProposeTheme, title="Evening routines")
        room.must("bo", ProposeTheme, title="Home visits")
        room.must("ali", CastVote, theme_number=2)
    room.walk_to(step)
    if step is S.PREPARE_ACTION:
        room.must(
            "ali", AddAction, what="Call B-17's school", owner="ali", follow_up="lea",
            due=date(2027, 1, 5),
        )  # fmt: skip
    assert room.meeting.number == 2
    return room


def scene(step: Step) -> Room:
    return _scene(step).copy()


def assert_refused(room: Room, before: Any, reply: Reply, text: str) -> None:
    """Only the sender is answered, with `text`, and nothing committed has changed."""
    reply.shows(f"@{reply.command.actor} (refused): {text}")
    kinds = [type(o) for o in reply.outputs]
    assert kinds == [Refusal], room.failure(reply, f"expected one refusal, got {kinds}")
    assert room.snapshot() == before, room.failure(reply, "the refusal changed what is saved")


def attempt(room: Room, actor: str, command: type, **fields: Any) -> tuple[Any, Reply]:
    before = room.snapshot()
    return before, room.run(actor, command, **fields)


# The table of examples ------------------------------------------------------------


def test_every_rule_has_an_example_command():
    assert set(COMMANDS) == set(RULES)


@pytest.mark.parametrize("command", list(RULES), ids=lambda c: c.__name__)
def test_the_example_is_accepted_from_its_sender_in_its_step(command):
    """So the refusals below are about who and when, not about a malformed example."""
    rule = RULES[command]
    room = scene(example_step(command))
    before, reply = attempt(room, SENDER[rule.who], command, **example(room, command))
    assert not reply.refused, room.failure(reply, "the example was refused")
    # The audit log (issue 15): a read it records (the agreement paper) commits its row alone.
    logged = not rule.writes and AUDITED[command] is not None
    assert (room.snapshot() != before) is (rule.writes or logged)
    assert not logged or room.snapshot()[:2] == before[:2]


# Who may send it -------------------------------------------------------------------


#: Every command but setting up a group, which anyone may do.
FOR_MEMBERS = [c for c, rule in RULES.items() if rule.who is not Who.ANYONE]


def test_only_setting_up_a_group_is_open_to_anyone():
    assert [c for c in RULES if c not in FOR_MEMBERS] == [CreateGroup]


@pytest.mark.parametrize("command", FOR_MEMBERS, ids=lambda c: c.__name__)
def test_a_non_member_is_refused_every_command(command):
    room = scene(example_step(command))
    before, reply = attempt(room, "zed", command, **example(room, command))
    expected = SYSTEM_ONLY if RULES[command].who is Who.SYSTEM else NOT_MEMBER
    assert_refused(room, before, reply, expected)


def test_anyone_may_set_up_a_group():
    room = scene(S.SCHEDULED)
    before, reply = attempt(room, "zed", CreateGroup, **example(room, CreateGroup))
    reply.shows("#channel: The group Team Syd is set up.")
    assert room.snapshot() != before


LEADER_ONLY = [c for c, rule in RULES.items() if rule.who is Who.LEADER]


def test_the_leader_only_commands_are_the_method_controls():
    """The method's controls, and planning meetings and importing the group's data."""
    assert set(LEADER_ONLY) == {
        OpenPreparation,
        StartMeeting,
        Advance,
        Cancel,
        Extend,
        RemindUnprepared,
        ChooseFocus,
        ScheduleMeeting,
        MoveMeeting,
        SkipMeeting,
        ImportMeasurements,
        UndoCancel,
        ChooseParameters,
        *GROUP_CHANGES,
        *EXPORTS,  # the export (issue 15)
        *OFFER_CHANGES,  # the offer level (issue 17)
        *MANAGEMENT,  # management (issue 17)
        ImportRatings,  # core-element ratings (issue 17)
    }


@pytest.mark.parametrize("command", LEADER_ONLY, ids=lambda c: c.__name__)
def test_a_participant_is_refused_a_leader_command_and_told_who_leads(command):
    room = scene(example_step(command))
    before, reply = attempt(room, "ali", command, **example(room, command))
    assert_refused(room, before, reply, LEADER_REFUSAL.get(command, NOT_LEADER))


@pytest.mark.parametrize("command", LEADER_ONLY, ids=lambda c: c.__name__)
def test_a_co_leader_may_send_a_leader_command(command):
    room = scene(example_step(command)).copy()
    group = room.store.groups[room.group_id]
    ali = group.member("ali")
    assert ali is not None
    ali.role = Role.CO_LEADER
    before, reply = attempt(room, "ali", command, **example(room, command))
    assert not reply.refused, room.failure(reply, "the co-leader was refused")
    logged = AUDITED[command] is not None  # the audit log (issue 15): its row is committed
    assert (room.snapshot() != before) is (RULES[command].writes or logged)


# The operator (the command line) ------------------------------------------------------

GROUP_LEADER_COMMANDS = [
    c for c, rule in RULES.items() if rule.who is Who.LEADER and rule.scope is Scope.GROUP
]
MEETING_LEADER_COMMANDS = [
    c for c, rule in RULES.items() if rule.who is Who.LEADER and rule.scope is Scope.MEETING
]


def test_the_group_commands_for_leaders_are_scheduling_and_importing():
    assert set(GROUP_LEADER_COMMANDS) == {
        ScheduleMeeting,
        ImportMeasurements,
        ChooseParameters,
        *GROUP_CHANGES,
        *EXPORTS,  # the export (issue 15)
        *OFFER_CHANGES,  # the offer level (issue 17)
        *MANAGEMENT,  # management (issue 17)
        ImportRatings,  # core-element ratings (issue 17)
    }


@pytest.mark.parametrize("command", GROUP_LEADER_COMMANDS, ids=lambda c: c.__name__)
def test_the_operator_may_send_a_groups_leader_command(command):
    room = scene(example_step(command))
    before, reply = attempt(room, OPERATOR_ACTOR, command, **example(room, command))
    assert not reply.refused, room.failure(reply, "the operator was refused")
    assert room.snapshot() != before


@pytest.mark.parametrize("command", MEETING_LEADER_COMMANDS, ids=lambda c: c.__name__)
def test_the_operator_is_not_a_member_in_a_meeting(command):
    room = scene(example_step(command))
    before, reply = attempt(room, OPERATOR_ACTOR, command, **example(room, command))
    assert_refused(room, before, reply, NOT_MEMBER)


@pytest.mark.parametrize("command", GROUP_LEADER_COMMANDS, ids=lambda c: c.__name__)
def test_a_group_command_for_a_group_that_does_not_exist_is_refused(command):
    room = scene(example_step(command))
    fields = {**example(room, command), "group_id": 99}
    before, reply = attempt(room, OPERATOR_ACTOR, command, **fields)
    assert_refused(room, before, reply, "That group does not exist.")


# Answering an action reminder: the action's owner, its follow-up person or a leader ----


RESPONSIBLE = [c for c, rule in RULES.items() if rule.who is Who.RESPONSIBLE]


def test_only_an_action_reminder_is_answered_by_those_responsible():
    assert set(RESPONSIBLE) == {AnswerActionReminder}


@pytest.mark.parametrize("actor", ["ali", "lea"], ids=["owner", "follow-up-and-leader"])
@pytest.mark.parametrize("answer", list(ActionAnswer), ids=str)
def test_the_owner_or_the_follow_up_answers_an_action_reminder(actor, answer):
    room = scene(S.SCHEDULED)
    fields = {**example(room, AnswerActionReminder), "answer": answer}
    before, reply = attempt(room, actor, AnswerActionReminder, **fields)
    (said,) = reply.lines
    assert said.startswith(f"@{actor} (only you): "), room.failure(reply, "not answered")
    assert "“A fixed evening routine with B-17”" in said
    assert room.snapshot() != before


@pytest.mark.parametrize("answer", list(ActionAnswer), ids=str)
def test_a_participant_who_is_not_responsible_is_refused_an_answer(answer):
    room = scene(S.SCHEDULED)
    fields = {**example(room, AnswerActionReminder), "answer": answer}
    reminders = copy.deepcopy(room.store.reminders)
    before, reply = attempt(room, "bo", AnswerActionReminder, **fields)
    assert_refused(room, before, reply, NOT_YOURS)
    assert room.store.reminders == reminders


def test_an_answer_on_an_action_that_does_not_exist_is_refused():
    room = scene(S.SCHEDULED)
    fields = {**example(room, AnswerActionReminder), "action_number": 7}
    before, reply = attempt(room, "lea", AnswerActionReminder, **fields)
    assert_refused(room, before, reply, "There is no agreement number 7 (there are 1).")


@pytest.mark.parametrize("first", [ActionAnswer.DONE, ActionAnswer.IRRELEVANT], ids=str)
@pytest.mark.parametrize("again", list(ActionAnswer), ids=str)
def test_an_old_reminder_answered_again_changes_nothing(first, again):
    """A reminder's buttons stay in the chat: once the action is done or dropped, a second
    press of any of them is refused and leaves the action and its reminders as they are."""
    room = scene(S.SCHEDULED)
    fields = example(room, AnswerActionReminder)
    room.must("ali", AnswerActionReminder, **{**fields, "answer": first})
    reminders = copy.deepcopy(room.store.reminders)
    before, reply = attempt(room, "ali", AnswerActionReminder, **{**fields, "answer": again})
    assert_refused(room, before, reply, "“A fixed evening routine with B-17” is already closed.")
    assert room.store.reminders == reminders


@pytest.mark.parametrize(
    ("status", "open_"),
    [(ActionStatus.DONE, False), (ActionStatus.DROPPED, False), (ActionStatus.CONTINUED, True)],
    ids=str,
)
def test_an_action_reviewed_in_since_last_is_answered_only_while_it_continues(status, open_):
    room = scene(S.SINCE_LAST)
    room.must("ali", ReviewAction, action_ref=1, status=status, note="Reviewed")
    fields = {**example(room, AnswerActionReminder), "answer": ActionAnswer.SNOOZE}
    before, reply = attempt(room, "ali", AnswerActionReminder, **fields)
    if open_:
        reply.shows("@ali (only you): Fine, you will be reminded of")
    else:
        assert_refused(
            room, before, reply, "“A fixed evening routine with B-17” is already closed."
        )


SYSTEM_ONLY_COMMANDS = [c for c, rule in RULES.items() if rule.who is Who.SYSTEM]


@pytest.mark.parametrize("actor", ["lea", "ali"])
@pytest.mark.parametrize("command", SYSTEM_ONLY_COMMANDS, ids=lambda c: c.__name__)
def test_a_member_is_refused_a_system_command(command, actor):
    room = scene(S.EXPLORE)
    room.clock.advance(hours=1)  # the time-box has run out: the system would speak now
    before, reply = attempt(room, actor, command, **COMMANDS[command])
    assert_refused(room, before, reply, SYSTEM_ONLY)
    assert not room.snapshot()[1][room.meeting_id].timeup_notified


def test_a_non_member_pressing_an_old_next_button_is_refused_as_a_non_member():
    room = scene(S.EXPLORE)
    before, reply = attempt(room, "zed", Advance, expected_step=S.SINCE_LAST)
    reply.shows(not_said("moved on"))
    assert_refused(room, before, reply, NOT_MEMBER)


# When it may be sent ---------------------------------------------------------------


WRONG_STEPS = [(c, step) for c, rule in RULES.items() for step in Step if step not in rule.steps]


@pytest.mark.parametrize(
    ("command", "step"),
    WRONG_STEPS,
    ids=[f"{c.__name__}-in-{step}" for c, step in WRONG_STEPS],
)
def test_a_command_in_a_step_outside_its_rule_is_refused(command, step):
    rule = RULES[command]
    room = scene(step)
    before, reply = attempt(room, SENDER[rule.who], command, **example(room, command))
    allowed = ", ".join(STEP_NAMES[s] for s in Step if s in rule.steps)
    assert_refused(
        room,
        before,
        reply,
        f"That is not possible now: the meeting is in {STEP_NAMES[step]}. Possible in: {allowed}.",
    )


def test_the_wrong_step_cases_cover_every_step():
    assert {step for _, step in WRONG_STEPS} == set(Step)


def test_moving_and_skipping_are_refused_once_the_meeting_has_started():
    assert {step for c, step in WRONG_STEPS if c in (MoveMeeting, SkipMeeting)} == set(Step) - {
        S.SCHEDULED,
        S.PREPARING,
    }


def test_group_commands_are_not_bound_to_a_step():
    """They name a group, not a meeting: the steps of its meetings do not matter."""
    unbound = [c for c, rule in RULES.items() if rule.scope is not Scope.MEETING]
    assert set(unbound) == {
        CreateGroup,
        ScheduleMeeting,
        ImportMeasurements,
        ChooseParameters,
        ShowParameters,
        *GROUP_CHANGES,
        *EXPORTS,  # the export (issue 15)
        *OFFER_CHANGES,  # the offer level (issue 17)
        *MANAGEMENT,  # management (issue 17)
        ShowTheoryOfChange,
        *RATINGS_COMMANDS,  # core-element ratings (issue 17)
    }
    assert not [c for c, _ in WRONG_STEPS if c in unbound]


# Leaving a step too early ------------------------------------------------------------


def test_explore_cannot_be_left_without_a_theme(room):
    room.walk_to(S.EXPLORE)
    room.must("bo", AddObservation, text="Two of five questionnaires are missing")
    before, reply = attempt(room, "lea", Advance, expected_step=S.EXPLORE)
    assert_refused(room, before, reply, "Propose at least one theme before moving on to interpret.")
    assert room.meeting.step is S.EXPLORE


def test_interpret_cannot_be_left_without_a_focus(room):
    room.walk_to(S.INTERPRET)
    room.must("bo", AddExplanation, theme_number=1, text="The evening shift changes every week")
    before, reply = attempt(room, "lea", Advance, expected_step=S.INTERPRET)
    assert_refused(room, before, reply, "Choose a focus area among the themes before moving on.")
    assert room.meeting.step is S.INTERPRET


def test_the_meeting_cannot_close_without_an_action(room):
    room.walk_to(S.PREPARE_ACTION)
    room.must("cai", SetGoal, long_term=False, text="Calmer evenings for B-17")
    room.must("cai", AddSign, text="Fewer evening incidents in the log")
    before, reply = attempt(room, "lea", Advance, expected_step=S.PREPARE_ACTION)
    assert_refused(room, before, reply, "Agree on at least one action before closing the meeting.")
    assert [m.number for m in room.meetings()] == [1]


# Themes and votes --------------------------------------------------------------------


@pytest.fixture
def exploring(room: Room) -> Room:
    room.walk_to(S.EXPLORE)
    for title in ("Evening routines", "Home visits", "Response rate", "Sleep"):
        room.must("bo", ProposeTheme, title=title)
    return room


def test_voting_twice_for_one_theme_is_refused(exploring):
    exploring.play(say("ali", CastVote, theme_number=2), "Vote given to “Home visits”. You have 2")
    before, reply = attempt(exploring, "ali", CastVote, theme_number=2)
    assert_refused(exploring, before, reply, "You have already voted for theme 2.")
    assert exploring.meeting.votes_for(2) == 1


def test_a_fourth_vote_is_refused_with_the_budget_of_three(exploring):
    exploring.play(
        say("ali", CastVote, theme_number=1),
        "You have 2 left.",
        say("ali", CastVote, theme_number=2),
        "You have 1 left.",
        say("ali", CastVote, theme_number=3),
        "You have 0 left.",
    )
    before, reply = attempt(exploring, "ali", CastVote, theme_number=4)
    assert_refused(exploring, before, reply, "You have used all 3 votes. Withdraw one to move it.")
    assert len(exploring.meeting.votes_by("ali")) == 3


def test_a_withdrawn_vote_can_be_moved_within_the_budget(exploring):
    for number in (1, 2, 3):
        exploring.must("ali", CastVote, theme_number=number)
    exploring.play(
        say("ali", WithdrawVote, theme_number=1),
        "@ali (only you): Vote withdrawn from “Evening routines”.",
        say("ali", CastVote, theme_number=4),
        "@ali (only you): Vote given to “Sleep”. You have 0 left.",
    )


def test_withdrawing_a_vote_never_given_is_refused(exploring):
    exploring.must("bo", CastVote, theme_number=1)
    before, reply = attempt(exploring, "ali", WithdrawVote, theme_number=1)
    assert_refused(exploring, before, reply, "You have not voted for theme 1.")
    assert exploring.meeting.votes_for(1) == 1


@pytest.mark.parametrize(
    ("step", "actor", "command", "fields"),
    [
        (S.EXPLORE, "ali", CastVote, {}),
        (S.EXPLORE, "ali", WithdrawVote, {}),
        (S.INTERPRET, "ali", AddExplanation, {"text": "The evening shift changes"}),
        (S.INTERPRET, "lea", ChooseFocus, {}),
    ],
    ids=lambda v: v.__name__ if isinstance(v, type) else None,
)
@pytest.mark.parametrize("number", [0, 2, 99])
def test_a_theme_number_that_does_not_exist_is_refused(room, step, actor, command, fields, number):
    room.walk_to(S.EXPLORE)
    room.must("ali", ProposeTheme, title="Evening routines")
    room.walk_to(step)
    before, reply = attempt(room, actor, command, theme_number=number, **fields)
    assert_refused(room, before, reply, f"There is no theme number {number} (there are 1).")


def test_a_theme_title_already_proposed_is_refused_whatever_its_case(exploring):
    before, reply = attempt(exploring, "cai", ProposeTheme, title="  home VISITS ")
    assert_refused(exploring, before, reply, "The theme “home VISITS” already exists.")
    assert [t.title for t in exploring.meeting.themes] == [
        "Evening routines",
        "Home visits",
        "Response rate",
        "Sleep",
    ]


# The agreement paper -----------------------------------------------------------------


@pytest.fixture
def preparing_action(room: Room) -> Room:
    room.walk_to(S.PREPARE_ACTION)
    room.must("cai", SetGoal, long_term=False, text="Calmer evenings for B-17")
    return room


@pytest.mark.parametrize("role", ["owner", "follow_up"])
def test_an_action_for_someone_outside_the_group_is_refused(preparing_action, role):
    room = preparing_action
    fields = {**COMMANDS[AddAction], role: "zed"}
    before, reply = attempt(room, "cai", AddAction, **fields)
    assert_refused(room, before, reply, "zed is not in the group Team Nord.")


def test_an_action_due_in_the_past_is_refused(preparing_action):
    room = preparing_action
    fields = {**COMMANDS[AddAction], "due": room.today - timedelta(days=1)}
    before, reply = attempt(room, "cai", AddAction, **fields)
    assert_refused(
        room, before, reply, "The date Mon 30 Nov 2026 has already passed. Choose a date ahead."
    )


def test_an_action_due_today_is_accepted(preparing_action):
    room = preparing_action
    fields = {**COMMANDS[AddAction], "due": room.today}
    room.play(say("cai", AddAction, **fields), "#channel: New action: 1. Hand out the")


def test_yesterday_is_in_the_past_just_after_midnight_in_copenhagen(preparing_action):
    room = preparing_action
    # Wed 2 Dec 2026 00:30 in Copenhagen; the console's "today" is 2 Dec.
    room.clock.current = datetime(2026, 12, 1, 23, 30, tzinfo=UTC)
    fields = {**COMMANDS[AddAction], "due": date(2026, 12, 1)}
    before, reply = attempt(room, "cai", AddAction, **fields)
    assert_refused(room, before, reply, "The date Tue 1 Dec 2026 has already passed.")


# Time-boxes -----------------------------------------------------------------------------


@pytest.mark.parametrize("minutes", [0, -5, 61, 600])
def test_extending_outside_one_to_sixty_minutes_is_refused(room, minutes):
    room.walk_to(S.EXPLORE)
    before, reply = attempt(room, "lea", Extend, minutes=minutes)
    assert_refused(room, before, reply, "Extend by 1 to 60 minutes.")


@pytest.mark.parametrize("minutes", [1, 60])
def test_extending_by_one_or_sixty_minutes_is_accepted(room, minutes):
    room.walk_to(S.EXPLORE)
    deadline = room.meeting.step_deadline
    assert deadline is not None
    room.play(say("lea", Extend, minutes=minutes), f"#channel: {minutes} more minutes for explore")
    assert room.meeting.step_deadline == deadline + timedelta(minutes=minutes)


# Since last ------------------------------------------------------------------------------


@pytest.mark.parametrize("number", [0, 2, 7])
def test_reviewing_an_agreement_number_that_does_not_exist_is_refused(number):
    room = scene(S.SINCE_LAST)
    before, reply = attempt(
        room, "ali", ReviewAction, action_ref=number, status=ActionStatus.DONE, note="Done"
    )
    assert_refused(room, before, reply, f"There is no agreement number {number} (there are 1).")


def test_reviewing_on_a_first_meeting_is_refused(room):
    room.walk_to(S.SINCE_LAST)
    before, reply = attempt(room, "ali", ReviewAction, action_ref=1, status=ActionStatus.DONE)
    assert_refused(room, before, reply, "There is no agreement number 1 (there are 0).")


def test_a_review_must_give_a_status_other_than_open():
    room = scene(S.SINCE_LAST)
    before, reply = attempt(
        room, "ali", ReviewAction, action_ref=1, status=ActionStatus.OPEN, note="Not yet"
    )
    assert_refused(room, before, reply, "The status must be done, continues or dropped.")
    (previous,) = [m for m in room.meetings() if m.number == 1]
    assert previous.agreement.actions[0].status is ActionStatus.OPEN


# Pressing "next" twice, and two people at once -----------------------------------------


def test_a_double_pressed_next_is_answered_already_moved_on(room):
    room.walk_to(S.SINCE_LAST)
    room.play(
        say("lea", Advance, expected_step=S.SINCE_LAST),
        "#channel: Step 2 of 4 · Explore (20 min)",
    )
    before, reply = attempt(room, "lea", Advance, expected_step=S.SINCE_LAST)
    assert_refused(room, before, reply, "The meeting has already moved on (now: explore).")
    assert room.meeting.step is S.EXPLORE


def test_a_double_pressed_close_does_not_touch_the_next_meeting(room):
    room.walk_to(S.PREPARE_ACTION)
    room.ready_to_leave()
    room.must("lea", Advance, expected_step=S.PREPARE_ACTION)
    before, reply = attempt(room, "lea", Advance, expected_step=S.PREPARE_ACTION)
    assert_refused(room, before, reply, "The meeting has already moved on (now: closed).")
    assert [m.number for m in room.meetings()] == [1, 2]


def race_two_leaders() -> tuple[Room, RacingUnitOfWork, Reply, int]:
    """Lea and her co-leader Kim both press "next" in since last; Kim's commit lands first."""
    room = team_nord(co_leader=("kim", "Kim"))
    room.walk_to(S.SINCE_LAST)
    version = room.meeting.version
    kim = room.command("kim", Advance, expected_step=S.SINCE_LAST)
    uow = RacingUnitOfWork(room.store, room.clock, kim, live_version_check=True)
    reply = room.send(room.command("lea", Advance, expected_step=S.SINCE_LAST), uow=uow)
    return room, uow, reply, version


def test_two_leaders_pressing_next_at_once_change_the_step_once():
    room, uow, reply, version = race_two_leaders()
    meeting = room.meeting
    assert (meeting.step, meeting.version) == (S.EXPLORE, version + 1)
    assert len([o for o in uow.competitor_outputs if isinstance(o, StepStarted)]) == 1
    assert reply.refused
    assert not reply.of_type(StepStarted)
    reply.shows(not_said("Interpret"), not_said("#channel"))


def test_the_leader_who_loses_the_race_is_told_the_meeting_moved_on():
    _, _, reply, _ = race_two_leaders()
    reply.shows("@lea (refused): The meeting has already moved on (now: explore).")


def test_a_contribution_that_loses_a_race_is_applied_again_on_fresh_state(room):
    room.walk_to(S.EXPLORE)
    prepared = [o.text for o in room.meeting.observations]
    bo = room.command("bo", AddObservation, text="Two of five questionnaires are missing")
    uow = RacingUnitOfWork(room.store, room.clock, bo, live_version_check=True)
    reply = room.send(
        room.command("ali", AddObservation, text="B-17 was awake after midnight twice"), uow=uow
    )
    reply.shows("#channel: 4. B-17 was awake after midnight twice (Ali)")
    assert [o.text for o in room.meeting.observations] == [
        *prepared,
        "Two of five questionnaires are missing",
        "B-17 was awake after midnight twice",
    ]


def test_a_vote_that_loses_a_race_still_respects_the_budget(exploring):
    for number in (1, 2):
        exploring.must("ali", CastVote, theme_number=number)
    twin = exploring.command("ali", CastVote, theme_number=3)
    uow = RacingUnitOfWork(exploring.store, exploring.clock, twin, live_version_check=True)
    before = exploring.snapshot()
    reply = exploring.send(exploring.command("ali", CastVote, theme_number=4), uow=uow)
    reply.shows("@ali (refused): You have used all 3 votes.")
    assert sorted(v.theme_number for v in exploring.meeting.votes_by("ali")) == [1, 2, 3]
    assert exploring.snapshot() != before  # the competitor's vote counts


# Setting up groups and meetings ------------------------------------------------------


def create(room: Room, **fields: Any) -> tuple[Any, Reply]:
    command: dict[str, Any] = {
        "actor": "mia",
        "name": "Team Syd",
        "level": Level.OFFER,
        "leader": ("mia", "Mia"),
        "participants": (("ole", "Ole"), ("pia", "Pia")),
        **fields,
    }
    before = room.snapshot()
    return before, room.send(CreateGroup(**command))


def test_a_well_formed_group_is_created(room):
    before, reply = create(room)
    reply.shows("#channel: The group Team Syd is set up.")
    assert room.snapshot() != before


NINE = tuple((f"p{i}", f"Person {i}") for i in range(9))


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({"participants": ()}, "A group needs between 1 and 8 participants."),
        ({"participants": NINE}, "A group needs between 1 and 8 participants."),
        (
            {"participants": (("ole", "Ole"), ("mia", "Mia"))},
            "The same person is listed more than once.",
        ),
        (
            {"participants": (("ole", "Ole"), ("ole", "Ole B."))},
            "The same person is listed more than once.",
        ),
        ({"co_leader": ("ole", "Ole")}, "The same person is listed more than once."),
        ({"cadence_days": 0}, "The meeting interval must be between 1 and 365 days."),
        ({"cadence_days": 366}, "The meeting interval must be between 1 and 365 days."),
        ({"name": "Team Nord"}, "There is already a group called Team Nord."),
    ],
    ids=[
        "no-participants",
        "nine-participants",
        "leader-also-participant",
        "participant-twice",
        "co-leader-also-participant",
        "cadence-0",
        "cadence-366",
        "existing-name",
    ],
)
def test_a_group_that_does_not_fit_is_refused(room, fields, text):
    before, reply = create(room, **fields)
    assert_refused(room, before, reply, text)
    assert [g.name for g in room.store.groups.values()] == ["Team Nord"]


def test_eight_participants_are_enough_for_a_group(room):
    _, reply = create(room, participants=NINE[:8])
    assert not reply.refused, room.failure(reply, "refused")
    (group,) = [g for g in room.store.groups.values() if g.name == "Team Syd"]
    assert len(group.participants) == 8


def test_only_the_leader_schedules_a_meeting():
    room = team_nord()
    room.walk_to(S.CANCELLED)
    before, reply = attempt(room, "ali", ScheduleMeeting)
    assert_refused(room, before, reply, NOT_LEADER)


def test_a_meeting_cannot_be_scheduled_while_one_is_pending(room):
    before, reply = attempt(room, "lea", ScheduleMeeting, at=datetime(2027, 1, 5, 8, 0, tzinfo=UTC))
    assert_refused(
        room,
        before,
        reply,
        "Meeting 1 (Tue 8 Dec 2026 09:00) is already scheduled and not closed.",
    )


def test_a_meeting_cannot_be_scheduled_in_the_past():
    room = team_nord()
    room.walk_to(S.EXPLORE)
    room.cancel_without_next()
    before, reply = attempt(
        room, "lea", ScheduleMeeting, at=datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    )
    assert_refused(room, before, reply, "The time Mon 30 Nov 2026 09:00 has already passed.")


def test_a_group_a_cancel_left_without_a_next_meeting_schedules_one():
    room = team_nord()
    room.walk_to(S.EXPLORE)
    room.cancel_without_next()
    room.play(
        say("lea", ScheduleMeeting, at=datetime(2026, 12, 10, 8, 0, tzinfo=UTC)),
        "#channel: Meeting 2 is scheduled for Thu 10 Dec 2026 09:00.",
    )
    assert [(m.number, m.step) for m in room.meetings()] == [(1, S.CANCELLED), (2, S.SCHEDULED)]
