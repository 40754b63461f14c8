"""A correction from an old message never hits another item (issue 14).

Signs and take-aways are numbered by their place, so withdrawing sign 2 makes sign 3 the
new sign 2. A menu or card made before carries the fingerprint of the text it showed, and
the flows refuse the correction when the item that number now names says something else.
Typed corrections (`/edit`, `/remove`) name what the person sees now and carry none.

Team Nord: Lea leads; Ali, Bo, Cai and Dina take part (`tests.transcript.team_nord`).
"""

from __future__ import annotations

from flows.commands import AddSign, EditItem, Item, RemoveItem
from flows.fingerprint import fingerprint
from flows.outputs import Say
from flows.steps import Step
from tests.transcript import say, team_nord

CHANGED = "Number 2 (sign of progress) now says something else than in that message"


def test_an_old_menu_of_a_withdrawn_sign_does_not_withdraw_the_next_one() -> None:
    room = team_nord()
    room.walk_to(Step.PREPARE_ACTION)
    shown = {}
    for text in ("Calmer evenings", "Fewer incidents", "Sleep diary kept"):
        (message,) = [o for o in room.must("lea", AddSign, text=text).outputs if isinstance(o, Say)]
        assert message.item is not None and message.item.text == text
        shown[text] = message.item.seen
    assert shown["Fewer incidents"] == fingerprint("Fewer incidents")
    room.play(
        say("lea", RemoveItem, item=Item.SIGN, number=2, seen=shown["Fewer incidents"]),
        "Lea withdrew sign of progress 2.",
        # The same menu pressed again: number 2 is now "Sleep diary kept".
        say("lea", RemoveItem, item=Item.SIGN, number=2, seen=shown["Fewer incidents"]),
        f"(refused): {CHANGED}",
        say("lea", EditItem, item=Item.SIGN, number=2, text="x", seen=shown["Fewer incidents"]),
        f"(refused): {CHANGED}",
        # The old message of "Sleep diary kept" names number 3: nothing is there now.
        say("lea", RemoveItem, item=Item.SIGN, number=3, seen=shown["Sleep diary kept"]),
        "(refused): There is no sign of progress number 3.",
        # Its newest message (or a typed /edit) names it as it is now.
        say(
            "lea",
            EditItem,
            item=Item.SIGN,
            number=2,
            text="Sleep diary kept daily",
            seen=shown["Sleep diary kept"],
        ),
        "Lea corrected sign of progress 2: Sleep diary kept daily",
        say("lea", RemoveItem, item=Item.SIGN, number=1),  # typed: nothing to check
        "Lea withdrew sign of progress 1.",
    )
    assert [s.text for s in room.meeting.agreement.signs] == ["Sleep diary kept daily"]
