"""The Slack adapter's two lookup tables, against payloads shaped like Slack's."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from bot import choices
from bot.slack import ids
from bot.slack.blocks import Style, escape, message
from bot.slack.modals import form_view, setup_view
from bot.slack.planning import subcommand
from bot.slack.requests import request_key
from bot.slack.translate import FieldError, Where, button, is_choice, view_submission
from flows import commands as c
from flows.cadence import Cadence, Frequency
from flows.errors import InvalidInput
from flows.forms import FORMS, FieldKind, Form
from flows.model import (
    Action,
    AgreementPaper,
    Group,
    Level,
    Meeting,
    Member,
    PointKind,
    Role,
    Theme,
)
from flows.outputs import PRESSER, Choice, MeetingClosed, Say, StepStarted, ThemeList, ToChannel, t
from flows.reminder_messages import action_choices
from flows.rules import affordances, step_controls
from flows.steps import Step
from tests.e2e.slack.people import fill

#: Pinned to the fixtures' day, so the dates in them never fall into the past.
HERE = Where(
    "U0LEA",
    "slack:T0NORD",
    "C0NORD",
    meeting_id=7,
    names={"U0ALI": "Ali"},
    today=date(2026, 12, 1),
    now=datetime(2026, 12, 1, tzinfo=UTC),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "help"),
        ("START", "start"),
        ("status now", "status"),
        ("schedule", "schedule"),
        ("planlæg 2026-12-10 10:00", "schedule"),
        ("Flyt", "move"),
        ("spring over", "skip"),
        ("aflys", "cancel"),
        ("hjælp", "help"),
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


def _buttons(built: dict[str, Any] | None) -> list[dict[str, Any]]:
    assert built is not None
    return [el for b in built["blocks"] if b["type"] == "actions" for el in b["elements"]]


def test_a_step_message_carries_its_buttons_and_the_step_it_was_pressed_in() -> None:
    step = StepStarted(
        ToChannel(1),
        7,
        Step.EXPLORE,
        t("step.explore.title", minutes=20),
        (),
        None,
        controls=step_controls(7, Step.EXPLORE),
        affordances=affordances(Step.EXPLORE),
    )
    actions = _buttons(message(step, Style("en")))
    assert [(a["action_id"], a["value"]) for a in actions[:3]] == [
        ("dd_open_addobservation", "7"),
        ("dd_open_proposetheme", "7"),
        ("dd_open_withdrawvote", "7"),  # votes themselves sit beside each theme
    ]
    controls = actions[3:]
    assert [a["action_id"] for a in controls] == ["dd_advance", "dd_extend", "dd_cancel"]
    assert [choices.decode(a["value"], "U0LEA") for a in controls] == [
        c.Advance("U0LEA", 7, expected_step=Step.EXPLORE),
        c.Extend("U0LEA", 7, 5, expected_step=Step.EXPLORE),
        # Slack asks in its own confirm dialog, so the click is the confirmed cancel.
        c.Cancel("U0LEA", 7, expected_step=Step.EXPLORE, confirmed=True),
    ]
    assert [a.get("style") for a in controls] == ["primary", None, "danger"]
    assert [bool(a.get("confirm")) for a in controls] == [False, False, True]


def test_a_closed_meeting_offers_the_take_away_form() -> None:
    closed = MeetingClosed(ToChannel(1), 7, t("meeting.closed", number=1), affordances(Step.CLOSED))
    actions = _buttons(message(closed, Style("en")))
    assert [(a["action_id"], a["value"]) for a in actions] == [("dd_open_addtakeaway", "7")]


def test_a_themes_list_gets_a_vote_button_per_theme() -> None:
    items = (
        t("item.theme", number=2, title="<!channel>", votes=1, rank=1, focus=False),
        t("item.theme", number=1, title="Evening routines", votes=0, rank=2, focus=False),
    )
    votes = tuple(Choice(t("choice.vote_on", number=n), c.CastVote(PRESSER, 7, n)) for n in (2, 1))
    built = message(
        ThemeList(ToChannel(1), 7, t("themes.heading"), items, None, votes), Style("en")
    )
    assert built is not None
    accessories = [b["accessory"] for b in built["blocks"][1:]]
    assert [a["action_id"] for a in accessories] == ["dd_castvote", "dd_castvote"]
    assert [choices.decode(a["value"], "U0ALI") for a in accessories] == [
        c.CastVote("U0ALI", 7, 2),
        c.CastVote("U0ALI", 7, 1),
    ]
    assert "&lt;!channel&gt;" in built["blocks"][1]["text"]["text"]
    # Once votes may no longer be cast, the same list has no buttons.
    closed = message(ThemeList(ToChannel(1), 7, t("themes.heading"), items), Style("en"))
    assert closed is not None
    assert not [b for b in closed["blocks"] if "accessory" in b or b["type"] == "actions"]


def test_buttons_become_commands() -> None:
    advance = choices.encode(c.Advance(PRESSER, 7, Step.EXPLORE))
    press = {"action_id": "dd_advance", "value": advance}
    assert is_choice(press)
    assert button(press, HERE) == c.Advance("U0LEA", 7, expected_step=Step.EXPLORE)
    vote = {"action_id": "dd_castvote", "value": choices.encode(c.CastVote(PRESSER, 7, 2))}
    assert button(vote, HERE) == c.CastVote("U0LEA", 7, 2)
    # A value that is not a token is not a choice; one that does not read back is refused.
    assert not is_choice({"action_id": "dd_castvote", "value": "2"})
    with pytest.raises(InvalidInput):
        button({"action_id": "dd_castvote", "value": "castvote:7:two"}, HERE)


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


GROUP = Group(
    "Team Nord",
    Level.CITIZEN,
    [Member("U0LEA", "Lea", Role.LEADER), Member("U0ALI", "Ali"), Member("U0BO", "Bo")],
    id=1,
)
PREVIOUS = Meeting(
    group_id=1,
    number=1,
    scheduled_at=datetime(2026, 11, 24, tzinfo=UTC),
    step=Step.CLOSED,
    agreement=AgreementPaper(actions=[Action(1, "Do", "U0ALI", "U0LEA", date(2026, 12, 1))]),
    id=6,
)
MEETING = Meeting(
    group_id=1,
    number=2,
    scheduled_at=datetime(2026, 12, 8, tzinfo=UTC),
    step=Step.PREPARE_ACTION,
    themes=[Theme(1, "Evening routines", "U0BO"), Theme(2, "Contact <!here>", "U0ALI")],
    id=7,
)

#: The Block Kit element each kind of field is drawn as.
ELEMENTS = {
    FieldKind.TEXT: "plain_text_input",
    FieldKind.LINE: "plain_text_input",
    FieldKind.THEME: "static_select",
    FieldKind.AGREEMENT: "static_select",
    FieldKind.STATUS: "static_select",
    FieldKind.MEMBER: "static_select",
    FieldKind.DAY: "datepicker",
    FieldKind.TERM: "static_select",
}

#: A valid answer for every kind of field, as Slack sends it back.
ANSWERS = {
    FieldKind.TEXT: "Evenings are calmer",
    FieldKind.LINE: "Calm evenings",
    FieldKind.THEME: "2",
    FieldKind.AGREEMENT: "1",
    FieldKind.STATUS: "done",
    FieldKind.MEMBER: "U0ALI",
    FieldKind.DAY: "2026-12-20",
    FieldKind.TERM: "long",
}


def _form_view(form: Form) -> dict[str, Any]:
    return form_view(form, Style("en"), GROUP, MEETING, PREVIOUS, "C0NORD")


def _submitted(view: dict[str, Any], **typed: Any) -> dict[str, Any]:
    return {**view, "state": {"values": fill(view, typed)}}


@pytest.mark.parametrize("form", list(FORMS.values()), ids=lambda f: f.name)
def test_every_form_modal_has_the_fields_of_its_form(form: Form) -> None:
    view = _form_view(form)
    assert view["callback_id"] == ids.FORM + form.name == f"dd_form_{form.name}"
    assert '"meeting":7' in view["private_metadata"]
    assert len(view["title"]["text"]) <= 24
    inputs = [b for b in view["blocks"] if b["type"] == "input"]
    assert [(b["block_id"], b["optional"]) for b in inputs] == [
        (f.name, f.optional) for f in form.fields
    ]
    for block, field in zip(inputs, form.fields, strict=True):
        element = block["element"]
        assert element["type"] == ELEMENTS[field.kind], field.name
        if element["type"] == "static_select":
            assert element["options"], f"{field.name} offers nothing to pick"
    # Filled in, the form is exactly its command, for this meeting, sent by the submitter.
    answers = {f.name: ANSWERS[f.kind] for f in form.fields}
    (cmd,) = view_submission(_submitted(view, **answers), HERE, GROUP)
    assert type(cmd) is form.command
    assert (cmd.actor, cmd.meeting_id) == ("U0LEA", 7)


def test_form_pick_lists_come_from_the_meeting_and_the_group() -> None:
    def picks(form: type[c.MeetingCommand], block_id: str) -> list[tuple[str, str]]:
        (block,) = [b for b in _form_view(FORMS[form])["blocks"] if b["block_id"] == block_id]
        return [(o["value"], o["text"]["text"]) for o in block["element"]["options"]]

    assert picks(c.AddExplanation, "theme_number") == [
        ("1", "1. Evening routines"),
        ("2", "2. Contact <!here>"),  # plain_text: Slack shows it literally
    ]
    assert picks(c.ReviewAction, "action_ref") == [("1", "1. Do")]
    assert [v for v, _ in picks(c.ReviewAction, "status")] == ["done", "continued", "dropped"]
    assert [v for v, _ in picks(c.SetGoal, "long_term")] == ["short", "long"]
    assert picks(c.AddAction, "owner") == [("U0LEA", "Lea"), ("U0ALI", "Ali"), ("U0BO", "Bo")]
    assert picks(c.AddAction, "follow_up") == picks(c.AddAction, "owner")


def test_the_goal_sign_and_action_forms_become_goals_signs_and_actions() -> None:
    goal = _form_view(FORMS[c.SetGoal])
    sign = _form_view(FORMS[c.AddSign])
    action = _form_view(FORMS[c.AddAction])
    submitted = [
        *view_submission(_submitted(goal, long_term="short", text="Calm"), HERE),
        *view_submission(_submitted(goal, long_term="long", text="Sleep"), HERE),
        *view_submission(_submitted(sign, text="A"), HERE),
        *view_submission(_submitted(sign, text="B"), HERE),
        *view_submission(
            _submitted(action, what="Do", owner="U0ALI", follow_up="U0LEA", due="2026-12-20"),
            HERE,
            GROUP,
        ),
    ]
    assert submitted == [
        c.SetGoal("U0LEA", 7, False, "Calm"),
        c.SetGoal("U0LEA", 7, True, "Sleep"),
        c.AddSign("U0LEA", 7, "A"),
        c.AddSign("U0LEA", 7, "B"),
        c.AddAction("U0LEA", 7, "Do", "U0ALI", "U0LEA", date(2026, 12, 20)),
    ]
    # A half-filled action keeps the form open, the problem beside the first empty field.
    with pytest.raises(FieldError) as bad:
        view_submission(_submitted(action, what="Only a what"), HERE)
    assert bad.value.block_id == "owner"
    assert isinstance(bad.value, InvalidInput)
    # Someone outside the group is refused beside the field they were picked in.
    stranger = _submitted(action, what="Do", owner="U0ALI", follow_up="U0X", due="2026-12-20")
    with pytest.raises(FieldError) as outside:
        view_submission(stranger, HERE, GROUP)
    assert outside.value.block_id == "follow_up"
    assert outside.value.text.key == "error.unknown_person"


@pytest.mark.parametrize(
    ("form", "block_id"),
    [(c.AddObservation, "text"), (c.ProposeTheme, "title"), (c.AddAction, "what")],
)
def test_a_cpr_like_number_in_a_form_field_is_refused_beside_that_field(
    form: type[c.MeetingCommand], block_id: str
) -> None:
    view = _form_view(FORMS[form])
    typed = {f.name: ANSWERS[f.kind] for f in FORMS[form].fields}
    typed[block_id] = "Borger 010190-1234 sover bedre"
    with pytest.raises(FieldError) as bad:
        view_submission(_submitted(view, **typed), HERE)
    assert bad.value.block_id == block_id
    assert bad.value.text.key == "error.cpr"


def test_a_pick_that_is_not_one_of_the_options_is_refused_beside_it() -> None:
    view = _form_view(FORMS[c.ChooseFocus])
    with pytest.raises(FieldError) as bad:
        view_submission(_submitted(view, theme_number="first"), HERE)
    assert bad.value.block_id == "theme_number"


def test_request_keys_are_what_a_retry_shares() -> None:
    assert request_key({"type": "event_callback", "event_id": "Ev1"}) == "event:Ev1"
    click = {
        "type": "block_actions",
        "team": {"id": "T1"},
        "user": {"id": "U1"},
        "actions": [{"action_id": "dd_advance", "action_ts": "1.2"}],
    }
    assert request_key(click) == "action:T1:U1:dd_advance:1.2"
    assert (
        request_key({"type": "view_submission", "view": {"id": "V1", "hash": "h"}}) == "view:V1:h"
    )
    assert request_key({"command": "/dialog", "trigger_id": "tr"}) == "command:tr"


def test_an_action_reminders_choices_become_buttons_that_answer_it() -> None:
    from flows.outputs import ShowChoices, ToUser

    reminder = ShowChoices(ToUser("U0ALI"), 7, t("takeaway.saved"), action_choices(7, 2))
    built = message(reminder, Style("en"))
    assert built is not None
    buttons = built["blocks"][-1]["elements"]
    assert [b["action_id"] for b in buttons] == [
        "dd_answeractionreminder",
        "dd_answeractionreminder_1",  # unique within the block, as Slack requires
        "dd_answeractionreminder_2",
    ]
    assert [b["text"]["text"] for b in buttons] == ["Done", "Remind me later", "No longer relevant"]
    assert [choices.decode(b["value"], "U0ALI") for b in buttons] == [
        c.AnswerActionReminder("U0ALI", 7, 2, c.ActionAnswer.DONE),
        c.AnswerActionReminder("U0ALI", 7, 2, c.ActionAnswer.SNOOZE),
        c.AnswerActionReminder("U0ALI", 7, 2, c.ActionAnswer.IRRELEVANT),
    ]
    pressed = button(buttons[1], HERE)
    assert pressed == c.AnswerActionReminder("U0LEA", 7, 2, c.ActionAnswer.SNOOZE)
