"""Every refusal a Slack modal's own content decides is made before the ack, beside its field.

Each case is a submitted modal the flows would refuse for a reason the form alone
decides. `view_submission` without the group (the check `on_view` makes before it
acks) raises a `FieldError` naming the block, and `SlackAdapter.on_view` answers the
submission with `response_action: errors` and that text beside that block, so the
modal stays open with everything typed in it.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.slack.app import SlackAdapter
from bot.slack.blocks import Style
from bot.slack.modals import PRIVATE_METADATA_CHARS, form_view, preparation_view, setup_view
from bot.slack.translate import FieldError, Where, local_today, roster, view_submission
from flows import commands as c
from flows.forms import FORMS, Roster
from flows.model import Group, Level, Meeting, Member, Role, Theme
from flows.steps import Step
from tests.e2e.slack.people import fill

TZ = "Europe/Copenhagen"
NOW = datetime.now(UTC)
TODAY = NOW.astimezone(ZoneInfo(TZ)).date()
AHEAD = (TODAY + timedelta(days=14)).isoformat()
LEA, ALI, BO = "U0LEA", "U0ALI", "U0BO"
GROUP = Group(
    "Team Nord",
    Level.CITIZEN,
    [Member(LEA, "Lea", Role.LEADER), Member(ALI, "Ali"), Member(BO, "Bo")],
    id=1,
    timezone=TZ,
)
MEETING = Meeting(
    group_id=1,
    number=2,
    scheduled_at=NOW,
    step=Step.PREPARE_ACTION,
    themes=[Theme(1, "Evening routines", BO), Theme(2, "Contact with parents", ALI)],
    id=7,
)
#: Where the check before the ack reads a modal: nobody, no group, the group's today.
BEFORE_ACK = Where("", "", today=TODAY, now=NOW)
EN = Style("en", TZ)


def _submitted(view: dict[str, Any], **typed: Any) -> dict[str, Any]:
    return {**view, "state": {"values": fill(view, typed)}}


def _form(command: type[c.MeetingCommand], **typed: Any) -> dict[str, Any]:
    view = form_view(FORMS[command], EN, GROUP, MEETING, None, "C0NORD")
    return _submitted(view, **typed)


def _answers(**typed: Any) -> dict[str, Any]:
    answers = {"what": "Fixed evening routine", "owner": ALI, "follow_up": LEA, "due": AHEAD}
    return {**answers, **typed}


def _action(**typed: Any) -> dict[str, Any]:
    return _form(c.AddAction, **_answers(**typed))


def _setup(**typed: Any) -> dict[str, Any]:
    answers = {"name": "Team Nord", "leader": LEA, "participants": [ALI, BO], "channel": "C0N"}
    return _submitted(setup_view(EN, "C0NORD", {}), **{**answers, **typed})


@dataclass(frozen=True)
class Case:
    name: str
    view: dict[str, Any]
    block_id: str
    says: str  # what the English text beside the field must say


def _ago(**delta: int) -> int:
    return int((NOW - timedelta(**delta)).timestamp())


CASES = [
    Case("empty required field", _action(follow_up=None), "follow_up", "Fill in this field"),
    Case("blank required text", _form(c.ProposeTheme, title="   "), "title", "Fill in this field"),
    Case(
        "CPR-like text",
        _form(c.AddObservation, text="Borger 010190-1234 sover bedre"),
        "text",
        "looks like a CPR number",
    ),
    Case(
        "text over the limit of a line",
        _form(c.AddSign, text="x" * 301),
        "text",
        "too long (301 characters). The limit is 300",
    ),
    Case(
        "text over the limit of a text",
        _form(c.AddObservation, text="x" * 1001),
        "text",
        "too long (1001 characters). The limit is 1000",
    ),
    Case(
        "due date in the past",
        _action(due=(TODAY - timedelta(days=1)).isoformat()),
        "due",
        "has already passed. Choose a date ahead",
    ),
    Case(
        "unknown person",
        _action(owner="U0STRANGER"),
        "owner",
        "U0STRANGER is not in the group Team Nord",
    ),
    Case(
        "unreadable date", _action(due="next tuesday"), "due", "Cannot read the date “next tuesday”"
    ),
    Case("a pick not offered", _form(c.ChooseFocus, theme_number="9"), "theme_number", "Pick one"),
    Case(
        "a pick of no option",
        _form(c.ChooseFocus, theme_number="first"),
        "theme_number",
        "Pick one",
    ),
    Case(
        "a status not offered",
        _form(c.ReviewAction, action_ref="1", status="lost"),
        "status",
        "Pick one",
    ),
    Case(
        "setup: the leader again among the participants",
        _setup(participants=[ALI, LEA]),
        "participants",
        "The same person is listed more than once",
    ),
    Case(
        "setup: the leader again as co-leader",
        _setup(co_leader=LEA),
        "co_leader",
        "The same person is listed more than once",
    ),
    Case(
        "setup: too many participants",
        _setup(participants=[f"U0P{i}" for i in range(9)]),
        "participants",
        "between 1 and 8 participants",
    ),
    Case(
        "setup: too few participants",
        _setup(participants=[]),
        "participants",
        "between 1 and 8 participants",
    ),
    Case(
        "setup: first meeting in the past",
        _setup(first=_ago(hours=1)),
        "first",
        "has already passed",
    ),
    Case("setup: blank name", _setup(name="  "), "name", "Fill in this field"),
    Case("setup: a level not offered", _setup(level="king"), "level", "Pick one"),
    Case(
        "preparation: blank required point",
        _submitted(preparation_view(EN, 7, {}), positive="  ", improvement="Sleep"),
        "positive",
        "Fill in this field",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_refused_before_the_ack_beside_its_field(case: Case) -> None:
    with pytest.raises(FieldError) as refused:
        view_submission(case.view, BEFORE_ACK)
    assert refused.value.block_id == case.block_id
    assert case.says in EN.plain(refused.value.text)


def _adapter() -> SlackAdapter:
    """Only what `on_view` uses before it acks: the settings' time zone and the style."""
    settings = SimpleNamespace(timezone=TZ)
    return SlackAdapter(
        settings=settings,  # type: ignore[arg-type]
        runtime=None,  # type: ignore[arg-type]
        app=None,  # type: ignore[arg-type]
        sender=None,  # type: ignore[arg-type]
        style=EN,
        base=None,  # type: ignore[arg-type]
        inbox=None,  # type: ignore[arg-type]  (refused before anything is kept)
    )


def _on_view(view: dict[str, Any]) -> list[dict[str, Any]]:
    acked: list[dict[str, Any]] = []

    async def ack(**answer: Any) -> None:
        acked.append(answer)

    body = {"type": "view_submission", "user": {"id": LEA}, "view": view}
    asyncio.run(_adapter().on_view(ack, body, None))  # type: ignore[arg-type]
    return acked


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_modal_stays_open_with_the_error_beside_its_field(case: Case) -> None:
    (answer,) = _on_view(case.view)
    assert answer["response_action"] == "errors"
    assert list(answer["errors"]) == [case.block_id]
    assert case.says in answer["errors"][case.block_id]


@pytest.mark.parametrize(
    "view",
    [
        _action(),
        _action(due=TODAY.isoformat()),  # today is not in the past
        _setup(co_leader=BO, participants=[ALI], first=_ago(hours=-24)),
        _setup(participants=[f"U0P{i}" for i in range(8)]),
    ],
    ids=["action", "due today", "setup with a co-leader", "setup with eight participants"],
)
def test_a_good_form_passes_the_check(view: dict[str, Any]) -> None:
    assert len(view_submission(view, BEFORE_ACK)) == 1


def test_the_flows_refuse_the_same_due_date_with_the_same_text() -> None:
    """The form and `flows.contributions.add_action` share the key and its parameter."""
    with pytest.raises(FieldError) as before_ack:
        view_submission(_action(due="2020-01-02"), BEFORE_ACK)
    with pytest.raises(FieldError) as after_ack:
        view_submission(_action(due="2020-01-02"), Where(LEA, "slack:T", today=TODAY), GROUP)
    for refused in (before_ack, after_ack):
        assert refused.value.text.key == "error.due_in_past"
        assert refused.value.text.params == {"due": date(2020, 1, 2)}


def _with_users_select(view: dict[str, Any]) -> dict[str, Any]:
    """The action modal with Slack's own member picker (any user of the workspace) as owner."""
    blocks = [
        {**b, "element": {"type": "users_select", "action_id": "value"}}
        if b.get("block_id") == "owner"
        else b
        for b in view["blocks"]
    ]
    return {**view, "blocks": blocks}


def test_the_action_modal_carries_the_members_and_the_time_zone_of_its_group() -> None:
    view = _action()
    assert roster(view) == Roster("Team Nord", frozenset({LEA, ALI, BO}))
    assert json.loads(view["private_metadata"])["tz"] == TZ
    # People are checked against the group, not against what the picker happened to offer:
    # with Slack's own user picker anyone in the workspace can be picked.
    anyone = _with_users_select(view)
    with pytest.raises(FieldError) as refused:
        view_submission(_submitted(anyone, **_answers(owner="U0STRANGER")), BEFORE_ACK)
    assert refused.value.block_id == "owner"
    assert refused.value.text.key == "error.unknown_person"
    # A modal drawn without them (before this change) leaves people to the check after
    # the ack, where the group is looked up.
    old = {**anyone, "private_metadata": json.dumps({"meeting": 7, "channel": "C0NORD"})}
    assert roster(old) is None
    (cmd,) = view_submission(_submitted(old, **_answers(owner="U0STRANGER")), BEFORE_ACK)
    assert isinstance(cmd, c.AddAction) and cmd.owner == "U0STRANGER"
    with pytest.raises(FieldError) as after_ack:
        view_submission(_submitted(old, **_answers(owner="U0STRANGER")), BEFORE_ACK, GROUP)
    assert after_ack.value.text.key == "error.unknown_person"


def test_the_metadata_fits_slack_s_limit_and_drops_the_roster_if_it_ever_would_not() -> None:
    widest = Group(
        "ø" * 300,
        Level.CITIZEN,
        [Member(f"W{i:020d}", "x", Role.PARTICIPANT) for i in range(10)],
        id=1,
        timezone="America/Argentina/ComodRivadavia",
    )
    view = form_view(FORMS[c.AddAction], EN, widest, MEETING, None, "C" + "0" * 20)
    assert len(view["private_metadata"]) <= PRIVATE_METADATA_CHARS
    assert roster(view) is not None and len(roster(view).user_ids) == 10  # type: ignore[union-attr]
    crowd = Group("Crowd", Level.CITIZEN, [Member(f"W{i:020d}", "x") for i in range(200)], id=1)
    view = form_view(FORMS[c.AddAction], EN, crowd, MEETING, None, "C0NORD")
    assert len(view["private_metadata"]) <= PRIVATE_METADATA_CHARS
    assert roster(view) is None and json.loads(view["private_metadata"])["meeting"] == 7


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_today_before_the_ack_is_the_group_s_local_date(zone: str) -> None:
    view = {"private_metadata": json.dumps({"meeting": 7, "tz": zone})}
    assert local_today(view, TZ) == datetime.now(ZoneInfo(zone)).date()
    # Not known (a setup modal, an old modal, nonsense): the configured time zone.
    for meta in ({}, {"tz": "Not/AZone"}, {"tz": "../etc"}):
        view = {"private_metadata": json.dumps(meta)}
        assert local_today(view, zone) == datetime.now(ZoneInfo(zone)).date()
