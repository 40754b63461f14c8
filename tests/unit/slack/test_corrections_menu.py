"""Correct or withdraw from the message (issue 14): every channel message that shows a
contribution carries Slack's overflow menu (Edit / Withdraw) naming exactly that item; the
modals it opens start from the item's current text and send the console's `EditItem` /
`RemoveItem`; tampered menu values and bad text are refused. Checked against slack_sdk's
models and Slack's limits (`payload_checks`)."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest

from bot.dispatch import Dispatcher
from bot.slack import ids
from bot.slack.blocks import Style, message
from bot.slack.corrections import chosen, commands, correction_view
from bot.slack.home import home_view
from bot.slack.translate import FieldError
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
from flows.fingerprint import fingerprint
from flows.model import ActionStatus
from flows.outputs import ItemRef, Say, StepStarted
from flows.steps import Step
from tests.e2e.slack.payload_checks import violations
from tests.transcript import Room, team_nord


def _menus(output: Any) -> list[dict[str, Any]]:
    built = message(output, Style("en"))
    assert built is not None and not violations("chat.postMessage", built)
    return [b["accessory"] for b in built["blocks"] if "accessory" in b]


def _values(output: Any) -> list[str]:
    (menu,) = _menus(output)
    assert menu["action_id"] == ids.CORRECT
    return [option["value"] for option in menu["options"]]


def _said(room: Room, actor: str, command: type, **fields: Any) -> Say:
    (found,) = [o for o in room.must(actor, command, **fields).outputs
                if isinstance(o, Say) and o.item is not None]  # fmt: skip
    return found


def test_each_contribution_message_names_its_item_in_its_menu() -> None:
    room = team_nord()
    room.walk_to(Step.EXPLORE)
    first = room.meeting_id  # Ali's two prepared points are observations 1 and 2
    shown = {
        (Item.OBSERVATION, 3): _said(room, "bo", AddObservation, text="Calmer evenings"),
    }
    room.must("bo", ProposeTheme, title="Evenings")
    room.must("lea", Advance, expected_step=Step.EXPLORE)
    shown[(Item.EXPLANATION, 1)] = _said(room, "cai", AddExplanation, theme_number=1, text="Rota")
    room.must("lea", ChooseFocus, theme_number=1)
    room.must("lea", Advance, expected_step=Step.INTERPRET)
    shown[(Item.GOAL, 2)] = _said(room, "cai", SetGoal, long_term=True, text="Sleep")
    shown[(Item.SIGN, 1)] = _said(room, "dina", AddSign, text="Diary shows sleep")
    due = room.today + timedelta(days=14)
    shown[(Item.ACTION, 1)] = _said(
        room, "lea", AddAction, what="Routine", owner="ali", follow_up="lea", due=due
    )
    room.must("lea", Advance, expected_step=Step.PREPARE_ACTION)
    shown[(Item.TAKEAWAY, 1)] = _said(room, "ali", AddTakeaway, text="Routines beat rules")
    for (item, number), say in shown.items():
        assert say.item is not None and say.item.seen == fingerprint(say.item.text)
        where = f"{first}:{item}:{number}:{say.item.seen}"  # with the text it showed
        assert _values(say) == [f"edit:{where}", f"remove:{where}"]
    room.latest_meeting()
    room.must("lea", OpenPreparation)
    room.must("lea", StartMeeting)
    review = _said(room, "lea", ReviewAction, action_ref=1, status=ActionStatus.DONE, note="ok")
    assert _values(review)[0] == f"edit:{room.meeting_id}:review:1:{fingerprint('ok')}"


def test_messages_that_show_no_contribution_have_no_menu() -> None:
    room = team_nord()
    started = room.walk_to(Step.EXPLORE)
    assert started.step is Step.EXPLORE
    for output in room.outputs:
        if not (isinstance(output, Say) and output.item is not None):
            assert not [m for m in (_menus(output) if message(output, Style("en")) else [])
                        if m.get("action_id") == ids.CORRECT], output  # fmt: skip
    assert any(isinstance(o, StepStarted) for o in room.outputs)


@pytest.mark.parametrize(
    "value",
    ["edit:1:observation", "drop:1:observation:1", "edit:1:bogus:1", "edit:²:observation:1",
     "edit:1:observation:1:extra", "", "remove:-1:sign:2"],
)  # fmt: skip
def test_a_tampered_menu_value_is_refused(value: str) -> None:
    with pytest.raises(InvalidInput):
        chosen(value)


def _submitted(view: dict[str, Any], text: str | None = None) -> dict[str, Any]:
    values = (
        {} if text is None else {"text": {"value": {"type": "plain_text_input", "value": text}}}
    )
    return {**view, "state": {"values": values}}


def test_the_edit_modal_starts_from_the_text_and_sends_the_edit() -> None:
    ref = ItemRef(7, Item.OBSERVATION, 3)
    view = correction_view(Style("da"), "edit", ref, "Roligere aftener", "C0NORD")
    assert not violations("views.open", {"view": view})
    assert view["callback_id"] == ids.EDIT_ITEM
    assert view["blocks"][0]["element"]["initial_value"] == "Roligere aftener"
    sent = commands(_submitted(view, "Roligere aftener siden oktober"), "U0CAI")
    seen = fingerprint("Roligere aftener")  # what the modal opened with: checked when sent
    assert sent == [
        EditItem("U0CAI", 7, Item.OBSERVATION, 3, "Roligere aftener siden oktober", seen)
    ]
    for bad, key in (("  ", "error.text_empty"), ("Borger 010190-1234", "error.cpr")):
        with pytest.raises(FieldError) as refused:
            commands(_submitted(view, bad), "U0CAI")
        assert refused.value.block_id == "text" and refused.value.text.key == key


def test_a_label_is_edited_on_one_line_within_its_limit_and_withdrawn_after_a_question() -> None:
    ref = ItemRef(7, Item.SIGN, 2)
    edit = correction_view(Style("en"), "edit", ref, "Sleep diary", "C0NORD")
    element = edit["blocks"][0]["element"]
    assert element["multiline"] is False and element["max_length"] == 300
    remove = correction_view(Style("en"), "remove", ref, "Sleep diary", "C0NORD")
    assert not violations("views.open", {"view": remove})
    assert "Sleep diary" in remove["blocks"][0]["text"]["text"]
    assert remove["submit"]["text"] == "Withdraw"
    seen = fingerprint("Sleep diary")
    assert commands(_submitted(remove), "U0LEA") == [RemoveItem("U0LEA", 7, Item.SIGN, 2, seen)]


def test_app_home_offers_the_menu_on_each_open_action() -> None:
    room = team_nord()
    room.walk_to(Step.PREPARE_ACTION)
    room.ready_to_leave()
    room.must("lea", Advance, expected_step=Step.PREPARE_ACTION)
    closed = room.meeting_id

    async def nothing(_: Any) -> None:
        return None

    base = Dispatcher(lambda: room.uow, room.clock, nothing)
    view = asyncio.run(home_view(base, Style("en"), "", "ali", "/dialog"))
    assert not violations("views.publish", {"view": view})
    menus = [b["accessory"] for b in view["blocks"] if "accessory" in b]
    routine = fingerprint("A fixed evening routine with B-17")  # the action's text
    assert [o["value"] for o in menus[0]["options"]] == [
        f"edit:{closed}:action:1:{routine}",
        f"remove:{closed}:action:1:{routine}",
    ]
