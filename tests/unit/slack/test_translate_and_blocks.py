"""The Slack adapter's two lookup tables, against payloads shaped like Slack's."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.slack import ids
from bot.slack.blocks import Style, escape, message, paper_blocks, setup_view
from bot.slack.requests import request_key
from bot.slack.translate import FieldError, Where, button, subcommand, view_submission
from flows import commands as c
from flows.cadence import Cadence, Frequency
from flows.errors import InvalidInput
from flows.model import Level, Meeting, PointKind
from flows.outputs import ListItems, Say, StepStarted, ToChannel, t
from flows.steps import Step
from tests.e2e.slack.people import fill

HERE = Where("U0LEA", "slack:T0NORD", "C0NORD", meeting_id=7, names={"U0ALI": "Ali"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "help"),
        ("START", "start"),
        ("status now", "status"),
        ("schedule", "help"),
        ("setup", "setup"),
        ("agreements", "agreements"),
    ],
)
def test_subcommands_and_unknown_words(text: str, expected: str) -> None:
    assert subcommand(text) == expected


def test_escape_turns_slack_control_characters_into_entities() -> None:
    assert escape("<!channel> & <@U1>") == "&lt;!channel&gt; &amp; &lt;@U1&gt;"


def test_user_text_in_parameters_is_escaped_but_catalogue_markup_is_kept() -> None:
    built = message(Say(ToChannel(1), t("interpret.focus_chosen", title="<!here>")), Style("en"))
    assert built is not None
    assert built["text"] == "Focus area: &lt;!here&gt;"
    enum_param = message(Say(ToChannel(1), t("prep.saved", kind=PointKind.POSITIVE)), Style("en"))
    assert enum_param is not None and "positive trend" in enum_param["text"]


def test_a_step_message_carries_its_buttons_and_the_step_it_was_pressed_in() -> None:
    step = StepStarted(
        ToChannel(1),
        7,
        Step.EXPLORE,
        t("step.explore.title", minutes=20),
        (),
        None,
        ("next", "extend", "cancel"),
    )
    built = message(step, Style("en"))
    assert built is not None
    actions = [el for b in built["blocks"] if b["type"] == "actions" for el in b["elements"]]
    assert [(a["action_id"], a["value"]) for a in actions] == [
        (ids.OPEN_OBSERVATION, "7"),
        (ids.OPEN_THEME, "7"),
        (ids.NEXT, "7:explore"),
        (ids.EXTEND, "7"),
        (ids.CANCEL, "7"),
    ]


def test_a_themes_list_gets_a_vote_button_per_theme() -> None:
    items = (t("item.theme", number=2, title="<!channel>", votes=1, rank=1, focus=False),)
    built = message(ListItems(ToChannel(1), t("themes.heading"), items), Style("en"))
    assert built is not None
    accessory = built["blocks"][1]["accessory"]
    assert (accessory["action_id"], accessory["value"]) == (ids.VOTE, "2")
    assert "&lt;!channel&gt;" in built["blocks"][1]["text"]["text"]


def test_buttons_become_commands() -> None:
    press = {"action_id": ids.NEXT, "value": "7:explore"}
    assert button(press, HERE) == c.Advance("U0LEA", 7, expected_step=Step.EXPLORE)
    assert button({"action_id": ids.VOTE, "value": "2"}, HERE) == c.CastVote("U0LEA", 7, 2)


def test_the_setup_form_becomes_a_group_of_this_workspace() -> None:
    view = setup_view(Style("en"), "C0NORD", {Step.EXPLORE: 25})
    first = int(datetime(2026, 12, 8, 8, 0, tzinfo=UTC).timestamp())
    values = fill(
        view, {"name": "Team Nord", "leader": "U0LEA", "participants": ["U0ALI"], "first": first}
    )
    (cmd,) = view_submission({**view, "state": {"values": values}}, HERE)
    assert isinstance(cmd, c.CreateGroup)
    assert cmd.workspace == "slack:T0NORD" and cmd.channel == "C0NORD"
    assert cmd.leader == ("U0LEA", "U0LEA") and cmd.participants == (("U0ALI", "Ali"),)
    assert cmd.level is Level.CITIZEN and cmd.cadence_days == 14
    assert cmd.timeboxes is not None and cmd.timeboxes[Step.EXPLORE] == 25
    assert cmd.first_meeting_at == datetime(2026, 12, 8, 8, 0, tzinfo=UTC)
    assert cmd.cadence is None  # every 14 days: the form's default rhythm


@pytest.mark.parametrize(
    ("choice", "cadence"),
    [
        ("weekly", Cadence(Frequency.WEEKLY, 1)),
        ("biweekly", Cadence(Frequency.WEEKLY, 2)),
        ("monthly_first", Cadence(Frequency.MONTHLY, 1, nth=1)),
        ("monthly_last", Cadence(Frequency.MONTHLY, 1, nth=-1)),
    ],
)
def test_the_setup_form_offers_weekly_and_monthly_rhythms(choice, cadence) -> None:
    view = setup_view(Style("da"), "C0NORD", {})
    values = fill(view, {"name": "Team Nord", "leader": "U0LEA", "participants": ["U0ALI"],
                         "rhythm": choice})  # fmt: skip
    (cmd,) = view_submission({**view, "state": {"values": values}}, HERE)
    assert cmd.cadence == cadence


def test_the_agreement_paper_form_becomes_goals_signs_and_actions() -> None:
    meeting = Meeting(group_id=1, number=1, scheduled_at=datetime(2026, 12, 8, tzinfo=UTC), id=7)
    view = {
        "callback_id": ids.PAPER,
        "private_metadata": '{"meeting":7}',
        "blocks": paper_blocks(Style("en"), meeting),
    }
    values = fill(
        view,
        {
            "short_goal": "Calm",
            "signs": "A\n\nB",
            "action_1": "Do",
            "owner_1": "U0ALI",
            "follow_up_1": "U0LEA",
            "due_1": "2026-12-20",
        },
    )
    cmds = view_submission({**view, "state": {"values": values}}, HERE)
    assert cmds == [
        c.SetGoal("U0LEA", 7, False, "Calm"),
        c.AddSign("U0LEA", 7, "A"),
        c.AddSign("U0LEA", 7, "B"),
        c.AddAction("U0LEA", 7, "Do", "U0ALI", "U0LEA", date(2026, 12, 20)),
    ]
    half = fill(view, {"action_2": "Only a what"})
    with pytest.raises(FieldError) as bad:
        view_submission({**view, "state": {"values": half}}, HERE)
    assert bad.value.block_id == "owner_2"
    assert isinstance(bad.value, InvalidInput)


def test_request_keys_are_what_a_retry_shares() -> None:
    assert request_key({"type": "event_callback", "event_id": "Ev1"}) == "event:Ev1"
    click = {
        "type": "block_actions",
        "team": {"id": "T1"},
        "user": {"id": "U1"},
        "actions": [{"action_id": "dd_next", "action_ts": "1.2"}],
    }
    assert request_key(click) == "action:T1:U1:dd_next:1.2"
    assert (
        request_key({"type": "view_submission", "view": {"id": "V1", "hash": "h"}}) == "view:V1:h"
    )
    assert request_key({"command": "/dialog", "trigger_id": "tr"}) == "command:tr"


def test_an_action_reminders_choices_become_buttons_that_answer_it() -> None:
    from flows.outputs import ShowChoices, Text, ToUser

    choices = tuple(
        (f"action:7:2:{answer}", Text(f"reminder.choice.{answer}"))
        for answer in ("done", "snooze", "irrelevant")
    )
    reminder = ShowChoices(ToUser("U0ALI"), 7, t("takeaway.saved"), choices)
    built = message(reminder, Style("en"))
    assert built is not None
    buttons = built["blocks"][-1]["elements"]
    assert [(b["action_id"], b["value"]) for b in buttons] == [
        (ids.ACTION_ANSWER, "7:2:done"),
        (ids.ACTION_ANSWER, "7:2:snooze"),
        (ids.ACTION_ANSWER, "7:2:irrelevant"),
    ]
    pressed = button({"action_id": ids.ACTION_ANSWER, "value": "7:2:snooze"}, HERE)
    assert pressed == c.AnswerActionReminder("U0LEA", 7, 2, c.ActionAnswer.SNOOZE)
