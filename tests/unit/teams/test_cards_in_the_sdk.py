"""The adapter's Teams cards in Microsoft's Adaptive Cards SDK (issue 16).

Every card is rendered by the SDK Teams' renderer is built on (`tests.cards_sdk`); a person
types into its inputs and presses its buttons there, and what the SDK sends is what the bot
reads back (`translate.card_action`). So these tests see what no hand-made button data
shows: inputs sharing an id (the SDK keeps the last one), an input constraint that stops
every button of its card (the SDK sends nothing while an input is invalid), a feature newer
than the version the card declares, more than six buttons shown together, and a button a
1.2 client loses. The last test gives the checker the cards as issue 16 found them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from bot import choices
from bot.teams import cards, translate
from bot.teams.own_cards import help_card, setup_card
from bot.teams.settings_card import settings_card
from bot.teams.translate import Where
from flows import commands as c
from flows.forms import step_options
from flows.model import Action, Group, Level, Meeting, Member, PointKind, Role, Theme
from flows.outputs import (
    PRESSER,
    AskPreparation,
    Choice,
    MeetingClosed,
    ShowChoices,
    StepStarted,
    ThemeList,
    ToChannel,
    ToUser,
    t,
)
from flows.reminder_messages import action_choices
from flows.rules import affordances, planning_controls, step_controls
from flows.service import Command
from flows.steps import DIALOGUE_STEPS, Step
from tests.cards_sdk import MAX_SHOWN_ACTIONS, Refused, sdk

GROUP = Group(
    "Team Nord",
    Level.CITIZEN,
    [Member("29:lea", "Lea", Role.LEADER), Member("29:ali", "Ali"), Member("29:bo", "Bo")],
    id=1,
    channel="19:nord@thread.tacv2",
    workspace="teams:tenant",
)
WHERE = Where("29:lea", "teams:tenant", GROUP.channel, GROUP, 7, date(2026, 12, 1))
AT = datetime(2026, 12, 1, 9, tzinfo=UTC)
EN = cards.Style("en")
THEMES = [Theme(1, "Sleep", "29:ali"), Theme(2, "School", "29:bo"), Theme(3, "Food", "29:bo")]


def content(output: Any, style: cards.Style) -> dict[str, Any]:
    activity = cards.message(output, style)
    assert activity is not None and activity.attachments
    card: dict[str, Any] = activity.attachments[0].content
    return card


def step_card(step: Step, style: cards.Style = EN) -> dict[str, Any]:
    """A step's card as the flows start it, with themes and last time's agreements."""
    meeting = Meeting(1, 2, AT, step, themes=list(THEMES), id=7)
    previous = Meeting(1, 1, AT, Step.CLOSED, id=6)
    previous.agreement.actions.append(Action(1, "Talk", "29:ali", "29:lea", date(2026, 11, 20)))
    offered = affordances(step)
    started = StepStarted(ToChannel(1), 7, step, t(f"step.{step.value}.title", minutes=20), (),
                          None, step_controls(7, step), offered,
                          step_options(offered, GROUP, meeting, previous))  # fmt: skip
    return content(started, style)


def themes_card(count: int, style: cards.Style = EN) -> dict[str, Any]:
    items = tuple(
        t("item.theme", number=n, title=f"Theme {n}", votes=0, rank=n, focus=False)
        for n in range(1, count + 1)
    )
    votes = tuple(Choice(t("choice.vote"), c.CastVote(PRESSER, 7, n)) for n in range(1, count + 1))
    return content(ThemeList(ToChannel(1), 7, t("themes.heading"), items, votes=votes), style)


def every_card(style: cards.Style) -> list[dict[str, Any]]:
    ask = AskPreparation(ToUser("29:ali"), 7, t("explore.points_heading"), (),
                         current={PointKind.POSITIVE: "Well-being rose"})  # fmt: skip
    closed = MeetingClosed(ToChannel(1), 7, t("meeting.closed", number=2), affordances(Step.CLOSED))
    planned = ShowChoices(ToChannel(1), 7, t("choice.move"), planning_controls(7, AT))
    reminder = ShowChoices(ToUser("29:ali"), 7, t("choice.move"), action_choices(7, 1))
    question = ShowChoices(
        ToUser("29:lea"),
        7,
        t("choice.cancel"),
        (Choice(t("choice.cancel"), c.Cancel(PRESSER, 7, confirmed=True)),),
    )
    roster = [("29:lea", "Lea"), ("29:ali", "Ali"), ("29:eva", "Eva <at>x</at>")]
    own = [setup_card(style, roster, "29:lea"), help_card(style),
           settings_card(style, GROUP, roster)]  # fmt: skip
    return [
        *(step_card(step, style) for step in DIALOGUE_STEPS),
        *(content(o, style) for o in (ask, closed, planned, reminder, question)),
        themes_card(3, style),
        themes_card(20, style),
        *(a.attachments[0].content for a in own if a.attachments),
    ]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_card_the_adapter_draws_is_store_ready(lang: str) -> None:
    found = [f"{card['body'][0].get('text', '')[:40]!r}: {problem}"
             for card in every_card(cards.Style(lang))
             for problem in sdk().problems(card)]  # fmt: skip
    assert not found, "\n".join(found)


def commands_sent(card: dict[str, Any], data: dict[str, Any], **typed: str) -> list[Command]:
    """What the bot makes of the press of the button carrying `data`, with `typed` typed."""
    (action,) = [a for a in sdk().actions(card) if a.get("data") == data]
    sent = sdk().press(card, action["index"], typed)
    assert not isinstance(sent, Refused), sent
    value = {"action": {"type": sent["type"], "verb": sent["verb"], "data": sent["data"]}}
    found = translate.card_action(value)
    assert found is not None, sent
    return translate.card_commands(*found, WHERE)


def save(form: str) -> dict[str, Any]:
    return {"verb": "form", "form": form, "meeting": 7}


def test_each_form_sends_what_was_typed_into_it_whatever_the_others_hold() -> None:
    explore = step_card(Step.EXPLORE)
    half_typed = {"addobservation.text": "Sleep dropped", "proposetheme.title": "Sle"}
    assert commands_sent(explore, save("addobservation"), **half_typed) == [
        c.AddObservation("29:lea", 7, "Sleep dropped")
    ]
    interpret = step_card(Step.INTERPRET)
    typed = {"addexplanation.theme_number": "2", "addexplanation.text": "Evenings",
             "choosefocus.theme_number": "1"}  # fmt: skip
    assert commands_sent(interpret, save("addexplanation"), **typed) == [
        c.AddExplanation("29:lea", 7, 2, "Evenings")
    ]
    assert commands_sent(interpret, save("choosefocus"), **typed) == [c.ChooseFocus("29:lea", 7, 1)]
    # Who does it and who follows up: picked from the group's members, sent as their ids.
    action = {"addaction.what": "Talk to B-03", "addaction.owner": "29:ali",
              "addaction.follow_up": "29:lea", "addaction.due": "2026-12-20"}  # fmt: skip
    assert commands_sent(step_card(Step.PREPARE_ACTION), save("addaction"), **action) == [
        c.AddAction("29:lea", 7, "Talk to B-03", "29:ali", "29:lea", date(2026, 12, 20))
    ]


@pytest.mark.parametrize("step", DIALOGUE_STEPS)
def test_the_leaders_buttons_send_with_every_field_empty(step: Step) -> None:
    card = step_card(step)
    empty = {i["id"]: "" for i in sdk().inputs(card)}
    for control in step_controls(7, step):
        token = choices.encode(control)
        data = {"verb": choices.tag(type(control.command)), "command": token}
        pressed = commands_sent(card, data, **empty)
        assert pressed == [choices.decode(token, "29:lea")]


def test_every_vote_of_twenty_themes_is_within_reach() -> None:
    card = themes_card(20)
    actions = sdk().actions(card)
    shown = [a for a in actions if a["reach"] == "button" and not a["behind"]]
    assert len(shown) <= MAX_SHOWN_ACTIONS
    for n in (1, 5, 6, 11, 20):
        data = {"verb": "castvote", "command": f"castvote:7:{n}"}
        assert commands_sent(card, data) == [c.CastVote("29:lea", 7, n)]


def _as_issue_16_found_them() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Cards shaped as issue 16 reports them: an explore card whose two forms' text inputs
    are both `text`, a since-last card with an empty `min: 1` number beside the leader's
    Next, and a setup card declaring 1.4 with a 1.5 `filtered` picker."""
    next_step = {"type": "Action.Execute", "title": "Next", "verb": "advance",
                 "data": {"verb": "advance", "command": "advance:7:since_last"}}  # fmt: skip
    explore = {"type": "AdaptiveCard", "version": "1.4", "body": [
        {"type": "Input.Text", "id": "text", "label": "Observation"},
        {"type": "ActionSet", "actions": [{"type": "Action.Execute", "title": "Save",
                                           "verb": "form", "data": save("addobservation")}]},
        {"type": "Input.Text", "id": "text", "label": "Theme"},
    ], "actions": [next_step]}  # fmt: skip
    since_last = {"type": "AdaptiveCard", "version": "1.4", "body": [
        {"type": "Input.Number", "id": "number", "label": "Aftale nr.", "min": 1},
    ], "actions": [next_step]}  # fmt: skip
    setup = {"type": "AdaptiveCard", "version": "1.4", "body": [
        {"type": "Input.ChoiceSet", "id": "leader", "label": "Leader", "style": "filtered",
         "choices": [{"title": "Lea", "value": "29:lea"}]},
    ]}  # fmt: skip
    return explore, since_last, setup


def test_the_checker_finds_what_issue_16_found() -> None:
    explore, since_last, setup = _as_issue_16_found_them()
    # The observation typed into its form arrives empty: the SDK kept the other `text`.
    sent = sdk().press(explore, "Save", {"text": "Sleep dropped"})
    assert not isinstance(sent, Refused) and "text" not in sent["data"]
    assert any("Duplicate Id" in p for p in sdk().problems(explore))
    # An empty "Aftale nr." stops the leader's Next: the SDK sends nothing.
    assert sdk().press(since_last, "Next") == Refused(
        "the SDK found invalid inputs and sent nothing", ("number",)
    )
    assert any("sends nothing" in p for p in sdk().problems(since_last))
    assert any('"filtered"' in p and "1.4" in p for p in sdk().problems(setup))
