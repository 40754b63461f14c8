"""Correct or withdraw from the card (issue 14; Slack's menu: tests/unit/slack/
test_corrections_menu.py): every channel message that shows a contribution is a card naming
exactly that item, with *Edit* (its text to change) and *Withdraw* (a question, then
confirm). A person types and presses in Microsoft's Adaptive Cards SDK (`tests.cards_sdk`),
and what the SDK sends goes through the Teams translation to the console's `EditItem` /
`RemoveItem`, for whoever pressed; tampered data and an empty text are refused."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from bot.teams import cards, translate
from bot.teams.blocks import MAX_MESSAGE_BYTES, message_bytes
from bot.teams.corrections import EDIT, TEXT_INPUT
from bot.teams.translate import Where
from flows.commands import (
    AddAction,
    AddExplanation,
    AddObservation,
    AddSign,
    AddTakeaway,
    Advance,
    ChooseFocus,
    EditItem,
    Item,
    OpenPreparation,
    ProposeTheme,
    RemoveItem,
    ReviewAction,
    SetGoal,
    StartMeeting,
)  # fmt: skip
from flows.errors import InvalidInput
from flows.model import ActionStatus
from flows.outputs import ItemRef, Say, ToActor, ToChannel, t
from flows.service import Command
from flows.steps import Step
from tests.cards_sdk import Refused, sdk
from tests.transcript import Room, team_nord

EN, DA = cards.Style("en"), cards.Style("da")
SAVE, CONFIRM = {"en": "Save the correction", "da": "Gem rettelsen"}, {"en": "Yes, withdraw"}


def card_of(say: Say, style: cards.Style = EN) -> dict[str, Any]:
    activity = cards.message(say, style)
    assert activity is not None and activity.attachments, activity
    assert message_bytes(activity) <= MAX_MESSAGE_BYTES
    content: dict[str, Any] = activity.attachments[0].content
    return content


def said(ref: ItemRef) -> Say:
    text = t("correct.edited", name="Ali", item=ref.item, number=ref.number, text=ref.text)
    return Say(ToChannel(1), text, ref)


def sent(card: dict[str, Any], title: str, at: str | None = None, **typed: str) -> dict[str, Any]:
    """What the SDK sends for the button titled `title`, as the activity's value."""
    found = sdk().press(card, title, typed, at)
    assert not isinstance(found, Refused), found
    if found["type"] == "Action.Submit":
        return dict(found["data"])
    return {"action": {"type": found["type"], "verb": found["verb"], "data": found["data"]}}


def commands(value: dict[str, Any], actor: str) -> list[Command]:
    found = translate.card_action(value)
    assert found is not None, value
    return translate.card_commands(*found, Where(actor, "teams:t1", "19:nord"))


def _shown(room: Room, actor: str, command: type, **fields: Any) -> Say:
    (found,) = [o for o in room.must(actor, command, **fields).outputs
                if isinstance(o, Say) and o.item is not None]  # fmt: skip
    return found


def test_each_contribution_message_is_a_card_naming_its_item() -> None:
    room = team_nord()
    room.walk_to(Step.EXPLORE)
    first = room.meeting_id  # Ali's two prepared points are observations 1 and 2
    shown = {(Item.OBSERVATION, 3): _shown(room, "bo", AddObservation, text="Calmer <at>x</at>")}
    room.must("bo", ProposeTheme, title="Evenings")
    room.must("lea", Advance, expected_step=Step.EXPLORE)
    shown[(Item.EXPLANATION, 1)] = _shown(room, "cai", AddExplanation, theme_number=1, text="Rota")
    room.must("lea", ChooseFocus, theme_number=1)
    room.must("lea", Advance, expected_step=Step.INTERPRET)
    shown[(Item.GOAL, 2)] = _shown(room, "cai", SetGoal, long_term=True, text="Sleep")
    shown[(Item.SIGN, 1)] = _shown(room, "dina", AddSign, text="Diary shows sleep")
    due = room.today + timedelta(days=14)
    shown[(Item.ACTION, 1)] = _shown(
        room, "lea", AddAction, what="Routine", owner="ali", follow_up="lea", due=due
    )
    room.must("lea", Advance, expected_step=Step.PREPARE_ACTION)
    shown[(Item.TAKEAWAY, 1)] = _shown(room, "ali", AddTakeaway, text="Routines beat rules")
    for (item, number), say in shown.items():
        card = card_of(say)
        assert not sdk().problems(card), (item, sdk().problems(card))
        seen = say.item.seen  # the text the card shows: refused if the number names another
        save = sent(card, SAVE["en"], **{TEXT_INPUT: "A better word"})
        assert commands(save, "29:ali") == [
            EditItem("29:ali", first, item, number, "A better word", seen)
        ]
        withdraw = sent(card, CONFIRM["en"])
        assert commands(withdraw, "29:bo") == [RemoveItem("29:bo", first, item, number, seen)]
        (field,) = [i for i in sdk().inputs(card) if i["id"] == TEXT_INPUT]
        assert field["label"] == f"New text for {EN(f'Item.{item}')} {number}"
    room.latest_meeting()
    room.must("lea", OpenPreparation)
    room.must("lea", StartMeeting)
    review = _shown(room, "lea", ReviewAction, action_ref=1, status=ActionStatus.DONE, note="ok")
    pressed = commands(sent(card_of(review), SAVE["en"], **{TEXT_INPUT: "ok, and more"}), "29:lea")
    assert pressed == [
        EditItem("29:lea", room.meeting_id, Item.REVIEW, 1, "ok, and more", review.item.seen)
    ]


def test_an_edit_starts_from_the_text_on_one_line_for_a_label_and_goes_back_unchanged() -> None:
    sign = card_of(said(ItemRef(7, Item.SIGN, 2, "Sleep diary")))
    (field,) = [n for n in sign["actions"][0]["card"]["body"] if n["type"] == "Input.Text"]
    assert (field["value"], field["isMultiline"], field["maxLength"]) == ("Sleep diary", False, 300)
    # User text in the input can never read as a mention, yet comes back as it was written.
    ref = ItemRef(7, Item.OBSERVATION, 3, "Ask <at>Bo</at> & <b>Cai</b>")
    observation = card_of(said(ref), DA)
    assert "<at>" not in str(observation)
    (field,) = [n for n in observation["actions"][0]["card"]["body"] if n["type"] == "Input.Text"]
    assert field["isMultiline"] is True and field["maxLength"] >= 1000
    for at in (None, "1.2"):  # Universal Actions, and the Action.Submit of older clients
        value = sent(observation, SAVE["da"], at)
        assert commands(value, "29:cai") == [
            EditItem("29:cai", 7, Item.OBSERVATION, 3, ref.text, ref.seen)
        ]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_an_empty_text_is_refused_in_the_readers_language(lang: str) -> None:
    card = card_of(said(ItemRef(7, Item.THEME, 1, "Sleep")), cards.Style(lang))
    value = sent(card, SAVE[lang], **{TEXT_INPUT: "  \u200b "})
    with pytest.raises(InvalidInput) as refused:
        commands(value, "29:ali")
    assert refused.value.text.key == "error.text_empty"
    expected = {"da": "Teksten er tom", "en": "The text is empty"}[lang]
    assert cards.Style(lang).text(refused.value.text).startswith(expected)


def _drawn() -> dict[str, Any]:
    return {"verb": EDIT, "meeting": 7, "item": "observation", "number": 3, TEXT_INPUT: "New"}


@pytest.mark.parametrize(
    "tampered",
    [{"item": "bogus"}, {"item": None}, {"number": "²"}, {"number": "-1"}, {"number": "1.5"},
     {"number": True}, {"number": 0}, {"number": None}, {"meeting": "abc"}, {"meeting": None},
     {"meeting": 1e309}, {TEXT_INPUT: ["New"]}],
)  # fmt: skip
def test_tampered_edit_data_is_refused_as_a_bad_button(tampered: dict[str, Any]) -> None:
    assert commands(_drawn(), "29:ali") == [EditItem("29:ali", 7, Item.OBSERVATION, 3, "New")]
    with pytest.raises(InvalidInput) as refused:
        commands({**_drawn(), **tampered}, "29:ali")
    assert refused.value.text.key == "error.bad_button"


@pytest.mark.parametrize(
    "token", ["removeitem:7:bogus:3", "removeitem:7:observation:²", "removeitem:7:observation",
              "removeitem:x:observation:3", "removeitem:7:observation:-1"],
)  # fmt: skip
def test_a_tampered_withdrawal_is_refused_as_a_bad_button(token: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        commands({"verb": "removeitem", "command": token}, "29:ali")
    assert refused.value.text.key == "error.bad_button"


def test_the_longest_contribution_makes_a_card_well_within_teams_limits() -> None:
    worst = ("<at>æ*" * 250)[:1000]  # every character escaped, joined or \\u-encoded
    for item, text in ((Item.OBSERVATION, worst), (Item.ACTION, worst[:300])):
        card = card_of(said(ItemRef(7, item, 12, text)), DA)
        assert not sdk().problems(card)


def test_messages_that_show_no_contribution_stay_text() -> None:
    room = team_nord()
    room.walk_to(Step.EXPLORE)
    plain = [o for o in room.outputs if isinstance(o, Say) and o.item is None]
    assert plain
    for say in plain:
        activity = cards.message(say, EN)
        assert activity is not None and not activity.attachments
        assert activity.text == EN.text(say.text)
    private = Say(ToActor("29:ali"), t("correct.removed", name="Ali", item=Item.POINT, number=1),
                  ItemRef(7, Item.POINT, 1, "mine"))  # fmt: skip
    activity = cards.message(private, EN)
    assert activity is not None and not activity.attachments


def test_an_author_corrects_through_the_card_and_another_cannot_withdraw() -> None:
    room = team_nord()
    room.walk_to(Step.EXPLORE)
    card = card_of(_shown(room, "bo", AddObservation, text="Calmer evenings"))
    where = Where("dina", "teams:t1", "19:nord", room.group, room.meeting_id, date(2026, 12, 1))
    found = translate.card_action(sent(card, CONFIRM["en"]))
    assert found is not None
    assert room.send(*translate.card_commands(*found, where)).refused
    found = translate.card_action(sent(card, SAVE["en"], **{TEXT_INPUT: "Calmer since May"}))
    assert found is not None
    bo = Where("bo", "teams:t1", "19:nord", room.group, room.meeting_id, date(2026, 12, 1))
    assert not room.send(*translate.card_commands(*found, bo)).refused
    assert [o.text for o in room.meeting.observations][-1] == "Calmer since May"
