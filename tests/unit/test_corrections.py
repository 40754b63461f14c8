"""A team corrects itself: every contribution edited and withdrawn by its author and by the
leader, refused for anyone else and after close, and the leader's amendments to a closed
paper kept with who and when, with the action reminders following them.

Team Nord: Lea leads; Ali, Bo, Cai and Dina take part (`tests.transcript.team_nord`).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from flows.commands import (
    AddAction,
    AddExplanation,
    AddObservation,
    AddSign,
    AddTakeaway,
    CastVote,
    EditAction,
    EditItem,
    Item,
    ProposeTheme,
    RemoveItem,
    ReviewAction,
    SetGoal,
    ShowAgreements,
    SubmitPoint,
)
from flows.model import ActionStatus, PointKind
from flows.reminder_plan import ReminderStatus, actions_source
from flows.steps import Step
from tests.transcript import Room, say, team_nord

S = Step
NOT_YOURS = "Only the one who wrote it ({name}) or the meeting leader can correct or withdraw it."


def pending_for(room: Room, meeting_id: int, number: int) -> list:
    return [
        r
        for r in room.store.reminders.values()
        if r.source == actions_source(meeting_id)
        and r.action_number == number
        and r.status is ReminderStatus.PENDING
    ]


def explore() -> Room:
    room = team_nord()
    room.walk_to(S.EXPLORE)
    room.play(
        say("ali", AddObservation, text="Two of five questionnaires are missing"),
        say("bo", ProposeTheme, title="Evening routines"),
        say("cai", ProposeTheme, title="Home visits"),
        say("ali", CastVote, theme_number=1),
        say("dina", CastVote, theme_number=1),
    )
    return room


# What each author may correct ----------------------------------------------------------


def test_a_prepared_point_is_corrected_and_withdrawn_by_its_author_before_the_meeting():
    room = team_nord()
    room.walk_to(S.PREPARING)
    room.must("ali", SubmitPoint, kind=PointKind.POSITIVE, text="B-17 sleeps better")
    room.must("ali", SubmitPoint, kind=PointKind.QUESTION, text="Why do evenings differ?")
    room.play(
        say("ali", EditItem, item=Item.POINT, number=1, text="B-17 sleeps through most nights"),
        "@ali (only you): Ali corrected your point 1: B-17 sleeps through most nights",
        say("ali", RemoveItem, item=Item.POINT, number=3),
        "@ali (only you): Ali withdrew your point 3.",
        say("lea", RemoveItem, item=Item.POINT, number=1),
        "@lea (refused): There is no your point number 1.",
    )
    assert [(p.kind, p.text) for p in room.meeting.points] == [
        (PointKind.POSITIVE, "B-17 sleeps through most nights")
    ]
    room.walk_to(S.SINCE_LAST)
    room.play(
        say("ali", EditItem, item=Item.POINT, number=1, text="Later"),
        "@ali (refused): The meeting has started and the prepared points are now observations",
    )


def test_an_observation_is_corrected_by_its_author_and_withdrawn_by_the_leader():
    room = explore()  # observations 1 and 2 are Ali's prepared points, 3 what she added
    room.play(
        say("ali", EditItem, item=Item.OBSERVATION, number=3, text="Three of five are missing"),
        "#channel: Ali corrected observation 3: Three of five are missing",
        say("bo", EditItem, item=Item.OBSERVATION, number=3, text="None are missing"),
        "@bo (refused): " + NOT_YOURS.format(name="Ali"),
        say("lea", RemoveItem, item=Item.OBSERVATION, number=1),
        "#channel: Lea withdrew observation 1.",
        say("ali", AddObservation, text="Evenings are calmer on Tuesdays"),
    )
    # The others keep their numbers: "observation 3" means the same to everyone.
    assert [(o.number, o.text) for o in room.meeting.observations][1:] == [
        (3, "Three of five are missing"),
        (4, "Evenings are calmer on Tuesdays"),
    ]


def test_a_theme_withdrawn_gives_its_votes_back():
    room = explore()
    room.play(
        say("bo", EditItem, item=Item.THEME, number=1, text="Evening routines at home"),
        "#channel: Bo corrected theme 1: Evening routines at home",
        say("cai", RemoveItem, item=Item.THEME, number=1),
        "@cai (refused): " + NOT_YOURS.format(name="Bo"),
        say("bo", RemoveItem, item=Item.THEME, number=1),
        "#channel: Bo withdrew theme 1.",
    )
    assert [t.title for t in room.meeting.themes] == ["Home visits"]
    assert room.meeting.votes == []
    room.play(say("ali", CastVote, theme_number=2), "Home visits")
    assert len(room.meeting.votes_by("ali")) == 1


def test_an_explanation_is_corrected_and_withdrawn():
    room = explore()
    room.walk_to(S.INTERPRET)
    room.play(
        say("bo", AddExplanation, theme_number=1, text="The evening staff rotates"),
        say("bo", EditItem, item=Item.EXPLANATION, number=1, text="Evening staff rotates weekly"),
        "#channel: Bo corrected explanation 1: Evening staff rotates weekly",
        say("ali", RemoveItem, item=Item.EXPLANATION, number=1),
        "@ali (refused): " + NOT_YOURS.format(name="Bo"),
        say("lea", RemoveItem, item=Item.EXPLANATION, number=1),
        "#channel: Lea withdrew explanation 1.",
    )
    assert room.meeting.explanations == []


def prepare_action() -> Room:
    room = explore()
    room.walk_to(S.PREPARE_ACTION)
    room.play(
        say("cai", SetGoal, long_term=False, text="Calmer evenings for B-17"),
        say("dina", AddSign, text="B-17 is in bed before 22"),
        say(
            "ali",
            AddAction,
            what="Ring til skolen",
            owner="ali",
            follow_up="lea",
            due=date(2026, 12, 22),
        ),
        say("bo", AddTakeaway, text="Look at the evenings first"),
    )
    return room


def test_the_paper_is_corrected_by_its_authors_and_the_goals_by_anyone_while_open():
    room = prepare_action()
    room.play(
        say("bo", EditItem, item=Item.GOAL, number=1, text="Calm evenings for B-17"),
        "#channel: Bo corrected goal 1: Calm evenings for B-17",
        say("dina", EditItem, item=Item.SIGN, number=1, text="B-17 is in bed before 21:30"),
        "#channel: Dina corrected sign of progress 1: B-17 is in bed before 21:30",
        say("bo", RemoveItem, item=Item.SIGN, number=1),
        "@bo (refused): " + NOT_YOURS.format(name="Dina"),
        say(
            "ali",
            EditAction,
            number=1,
            what="Call the school",
            owner="ali",
            follow_up="bo",
            due=date(2026, 12, 23),
        ),
        "#channel: Ali changed an action: 1. Call the school: owner Ali, follow-up Bo",
        say("bo", RemoveItem, item=Item.ACTION, number=1),
        "@bo (refused): " + NOT_YOURS.format(name="Ali"),
        say("bo", AddTakeaway, text="Evenings, then home visits"),
        "@bo (only you): Thank you: your new take-away replaces the one you gave before.",
        say("cai", RemoveItem, item=Item.TAKEAWAY, number=1),
        "@cai (refused): " + NOT_YOURS.format(name="Bo"),
        say("bo", RemoveItem, item=Item.TAKEAWAY, number=1),
        "#channel: Bo withdrew take-away 1.",
    )
    paper = room.meeting.agreement
    assert paper.short_term_goal == "Calm evenings for B-17"
    assert [s.text for s in paper.signs] == ["B-17 is in bed before 21:30"]
    action = room.meeting.action(1)
    assert action is not None
    assert (action.what, action.follow_up, action.due) == (
        "Call the school", "bo", date(2026, 12, 23),
    )  # fmt: skip
    room.play(
        say("ali", RemoveItem, item=Item.ACTION, number=1),
        "#channel: Ali withdrew action 1.",
        say("lea", RemoveItem, item=Item.GOAL, number=1),
        "#channel: Lea withdrew goal 1.",
    )
    assert room.meeting.agreement.actions == []
    assert room.meeting.agreement.short_term_goal == ""


def test_a_status_given_in_since_last_is_corrected_and_withdrawn():
    room = prepare_action()
    room.walk_to(S.CLOSED)
    room.latest_meeting()
    room.walk_to(S.SINCE_LAST)
    first = next(m for m in room.meetings() if m.number == 1)
    room.play(
        say("bo", ReviewAction, action_ref=1, status=ActionStatus.DONE, note="Called on Monday"),
        say("bo", EditItem, item=Item.REVIEW, number=1, text="Called on Tuesday"),
        "#channel: Bo corrected status 1: Called on Tuesday",
        say("bo", RemoveItem, item=Item.REVIEW, number=1),
        "#channel: Bo withdrew status 1.",
    )
    assert room.meeting.reviews == []
    again = next(m for m in room.meetings() if m.number == 1)
    assert again.id == first.id
    action = again.action(1)
    assert action is not None and action.status is ActionStatus.OPEN


# After close: only the paper, only the leader, kept as amendments ------------------------


def test_after_close_the_leader_amends_the_paper_and_the_reminders_follow():
    room = prepare_action()
    room.walk_to(S.CLOSED)
    closed = room.meeting
    mid = closed.id or 0
    before = pending_for(room, mid, 1)
    assert before, "the action has follow-up reminders"
    room.play(
        say("ali", EditItem, item=Item.SIGN, number=1, text="In bed before 21"),
        "@ali (refused): The meeting has closed: only the meeting leader (Lea) can amend",
        say("lea", EditItem, item=Item.OBSERVATION, number=1, text="Late"),
        "@lea (refused): The meeting has closed: now only its agreement paper",
        say(
            "lea",
            EditAction,
            number=1,
            what="Call the school",
            owner="ali",
            follow_up="lea",
            due=date(2027, 1, 12),
        ),
        "#channel: Lea changed an action: 1. Call the school: owner Ali, follow-up Lea",
    )
    moved = pending_for(room, mid, 1)
    assert moved and min(r.due_at for r in moved) > max(r.due_at for r in before)
    room.play(
        say("lea", RemoveItem, item=Item.ACTION, number=1),
        "#channel: Lea withdrew action 1.",
        say("bo", ShowAgreements),
        "Amended after the meeting",
        "Tue 1 Dec 2026 09:00: Lea changed action 1",
        "Tue 1 Dec 2026 09:00: Lea withdrew action 1",
    )
    assert pending_for(room, mid, 1) == []
    assert [(a.by, a.item, a.number, a.removed) for a in room.meeting.amendments] == [
        ("lea", "action", 1, False),
        ("lea", "action", 1, True),
    ]


def test_a_number_that_names_nothing_is_refused_with_what_was_asked_for():
    room = explore()
    room.play(
        say("ali", EditItem, item=Item.OBSERVATION, number=7, text="x"),
        "@ali (refused): There is no observation number 7.",
        say("lea", RemoveItem, item=Item.THEME, number=0),
        "@lea (refused): There is no theme number 0.",
    )


@pytest.mark.parametrize("item", [Item.OBSERVATION, Item.THEME])
def test_a_correction_after_a_cancel_is_refused(item):
    room = explore()
    room.walk_to(S.CANCELLED)
    reply = room.run("lea", RemoveItem, item=item, number=1)
    assert reply.refused
    assert room.meeting.step is S.CANCELLED


def test_the_due_date_of_an_edited_action_is_checked_like_a_new_one():
    room = prepare_action()
    yesterday = room.today - timedelta(days=1)
    room.play(
        say(
            "ali",
            EditAction,
            number=1,
            what="Call",
            owner="ali",
            follow_up="lea",
            due=yesterday,
        ),
        "@ali (refused):",
    )
    action = room.meeting.action(1)
    assert action is not None and action.what == "Ring til skolen"


# Every kind, by the table: its author and the leader may, another member may not ----------

#: For each kind: its author in `every_kind()` ("": the group's, any member) and its number.
KINDS = {
    Item.REVIEW: ("bo", 1),
    Item.OBSERVATION: ("cai", 0),  # the last one: after the prepared points
    Item.THEME: ("bo", 1),
    Item.EXPLANATION: ("bo", 1),
    Item.GOAL: ("", 1),
    Item.SIGN: ("dina", 1),
    Item.ACTION: ("ali", 1),
    Item.TAKEAWAY: ("bo", 1),
}


def every_kind() -> Room:
    """Meeting 2 of Team Nord in prepare action, with one item of each kind written by a
    participant (meeting 1 closed with one action, which Bo reviewed)."""
    room = team_nord()
    room.walk_to(S.CLOSED)
    room.latest_meeting()
    room.walk_to(S.SINCE_LAST)
    room.must("bo", ReviewAction, action_ref=1, status=ActionStatus.DONE, note="Booked")
    room.walk_to(S.EXPLORE)
    room.must("cai", AddObservation, text="Evenings are calmer")
    room.must("bo", ProposeTheme, title="Evening routines")
    room.must("ali", CastVote, theme_number=1)
    room.walk_to(S.INTERPRET)
    room.must("bo", AddExplanation, theme_number=1, text="Staff rotates")
    room.walk_to(S.PREPARE_ACTION)
    room.must("cai", SetGoal, long_term=False, text="Calm evenings")
    room.must("dina", AddSign, text="In bed before 22")
    room.must(
        "ali", AddAction, what="Call the school", owner="ali", follow_up="lea",
        due=room.today + timedelta(days=7),
    )  # fmt: skip
    room.must("bo", AddTakeaway, text="Evenings first")
    return room


def correct(room: Room, actor: str, item: Item, *, remove: bool) -> Any:
    _, number = KINDS[item]
    number = number or room.meeting.observations[-1].number
    if remove:
        return room.run(actor, RemoveItem, item=item, number=number)
    if item is Item.ACTION:
        return room.run(
            actor, EditAction, number=number, what="Call the school today", owner="ali",
            follow_up="lea", due=room.today + timedelta(days=8),
        )  # fmt: skip
    return room.run(actor, EditItem, item=item, number=number, text="Corrected text")


@pytest.mark.parametrize("remove", [False, True], ids=["edit", "withdraw"])
@pytest.mark.parametrize("item", list(KINDS), ids=lambda i: i.value)
def test_the_author_and_the_leader_may_correct_every_kind(item: Item, remove: bool) -> None:
    author, _ = KINDS[item]
    scene = every_kind()
    for actor in {author or "dina", "lea"}:
        room = scene.copy()
        reply = correct(room, actor, item, remove=remove)
        assert not reply.refused, room.failure(reply, f"{actor} may correct a {item}")


@pytest.mark.parametrize("item", [i for i, (a, _) in KINDS.items() if a], ids=lambda i: i.value)
def test_another_member_may_not_correct_what_someone_else_wrote(item: Item) -> None:
    author, _ = KINDS[item]
    other = next(p for p in ("ali", "bo", "cai", "dina") if p != author)
    room = every_kind()
    before = room.snapshot()
    for remove in (False, True):
        reply = correct(room, other, item, remove=remove)
        assert reply.refused and "Only the one who wrote it" in reply.text
    assert room.snapshot() == before


@pytest.mark.parametrize("item", list(KINDS), ids=lambda i: i.value)
def test_after_close_only_the_leader_amends_and_only_the_paper(item: Item) -> None:
    author, _ = KINDS[item]
    room = every_kind()
    room.walk_to(S.CLOSED)
    before = room.snapshot()
    if item is not Item.TAKEAWAY:  # a take-away stays its author's own
        reply = correct(room, author or "dina", item, remove=False)
        assert reply.refused and room.snapshot() == before
    reply = correct(room, "lea", item, remove=False)
    if item in (Item.GOAL, Item.SIGN, Item.ACTION):
        assert not reply.refused
        assert room.meeting.amendments[-1].by == "lea"
        assert "Amended after the meeting" in room.run("ali", ShowAgreements).text
    elif item is Item.TAKEAWAY:
        assert not reply.refused
    else:
        assert reply.refused and "only its agreement paper" in reply.text
