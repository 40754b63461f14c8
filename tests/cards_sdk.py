"""Teams cards as Microsoft's Adaptive Cards SDK renders them (`tests/cards_sdk/harness.js`).

Teams' card renderer is built on the `adaptivecards` JS SDK. The harness renders a card with
it (headless, in jsdom, with Teams' host config), types into its inputs through the rendered
DOM, presses a button and answers what the SDK hands to `onExecuteAction`: the button's data
merged with the inputs it gathered, exactly what Teams sends the bot as the activity's
`value` (or nothing, when the SDK finds an input invalid). So a test posts what a person
can make a client send, never hand-made button data.

The harness is one node process for the whole test session (`sdk()`), installed from
`tests/cards_sdk/package-lock.json` with `npm ci` the first time it is needed. Without node
the tests that need it fail, saying so: they never skip.
"""

from __future__ import annotations

import atexit
import fcntl
import json
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

HARNESS = Path(__file__).resolve().parent / "cards_sdk"
#: Teams' limit for a whole message, about 28 KB (`validate` reports a card over it).
MAX_CARD_BYTES = 28_000
#: The version every card declares (Teams desktop and web render 1.5).
VERSION = "1.5"
#: What Teams' mobile clients render; every action must stay usable there.
MOBILE = "1.2"
#: Teams' design rule: at most this many buttons shown together (more go in a menu).
MAX_SHOWN_ACTIONS = 6


@dataclass(frozen=True)
class Refused:
    """The SDK sent nothing: `reason`, and the inputs it found invalid (ids)."""

    reason: str
    invalid: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rendered:
    """A card as the SDK read it: its parse and validation events, inputs and actions."""

    errors: list[dict[str, Any]]
    inputs: list[dict[str, Any]]
    actions: list[dict[str, Any]]


def _install() -> None:
    """`npm ci` from the committed lock file when node_modules is missing or older than it
    (a file lock keeps two test sessions from installing over each other)."""
    npm = shutil.which("npm")
    if shutil.which("node") is None or npm is None:
        pytest.fail(
            "node and npm are needed: the Teams card tests render every card with "
            "Microsoft's Adaptive Cards SDK (tests/cards_sdk). Install Node.js 18 or later.",
            pytrace=False,
        )
    installed = HARNESS / "node_modules" / ".package-lock.json"
    locked = HARNESS / "package-lock.json"
    with open(HARNESS / ".install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if installed.exists() and installed.stat().st_mtime >= locked.stat().st_mtime:
            return
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=HARNESS,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode != 0:
            pytest.fail(f"npm ci in {HARNESS} failed:\n{done.stderr[-2000:]}", pytrace=False)


class CardsSdk:
    """The harness process: one request, one answer, in turn."""

    def __init__(self) -> None:
        _install()
        node = shutil.which("node") or "node"
        self._process = subprocess.Popen(
            [node, str(HARNESS / "harness.js")],
            cwd=HARNESS,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            bufsize=1,
        )
        self._lock = threading.Lock()

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.terminate()
            self._process.wait(timeout=10)

    def ask(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self._process.stdin is not None and self._process.stdout is not None
        with self._lock:
            self._process.stdin.write(json.dumps(request) + "\n")
            self._process.stdin.flush()
            line = self._process.stdout.readline()
        if not line:
            raise AssertionError(f"the Adaptive Cards harness stopped ({self._process.poll()})")
        answer: dict[str, Any] = json.loads(line)
        if "failure" in answer:
            raise AssertionError(f"the Adaptive Cards harness failed: {answer['failure']}")
        return answer

    def render(self, card: dict[str, Any], at: str | None = None) -> Rendered:
        answer = self.ask({"card": card, **({"at": at} if at else {})})
        return Rendered(answer["errors"], answer["inputs"], answer["actions"])

    def validate(self, card: dict[str, Any]) -> list[str]:
        """Every problem the SDK finds at the card's declared version, and its size."""
        found = [f"{e['source']}: {e['message']}" for e in self.render(card).errors]
        size = len(json.dumps(card, ensure_ascii=False).encode())
        if size > MAX_CARD_BYTES:
            found.append(f"the card is {size} bytes, over Teams' {MAX_CARD_BYTES}")
        return found

    def inputs(self, card: dict[str, Any]) -> list[dict[str, Any]]:
        return self.render(card).inputs

    def actions(self, card: dict[str, Any], at: str | None = None) -> list[dict[str, Any]]:
        return self.render(card, at).actions

    def press(
        self,
        card: dict[str, Any],
        action: int | str | dict[str, Any],
        fill: dict[str, Any] | None = None,
        at: str | None = None,
    ) -> dict[str, Any] | Refused:
        """Types `fill` into the card's inputs and presses `action` (its index in
        `actions`, its title, or data it carries); what the SDK sent, or `Refused`."""
        if isinstance(action, int):
            press: dict[str, Any] = {"index": action}
        elif isinstance(action, str):
            press = {"title": action}
        else:
            press = {"match": action}
        request = {"card": card, "fill": fill or {}, "press": press, **({"at": at} if at else {})}
        answer = self.ask(request)
        if "sent" in answer:
            sent: dict[str, Any] = answer["sent"]
            return sent
        refused = answer["refused"]
        return Refused(refused["reason"], tuple(refused["invalid"]))

    def problems(self, card: dict[str, Any]) -> list[str]:
        """What keeps a card from being store-ready: the SDK's errors at its declared
        version, another version than `VERSION`, an input without a label, more than
        `MAX_SHOWN_ACTIONS` buttons shown together, a button no one can reach, a button the
        SDK will not send while nothing is typed (an input constraint blocking it), or one
        that is gone or dead on a 1.2 client."""
        found = self.validate(card)
        if card.get("version") != VERSION:
            found.append(f"version {card.get('version')!r} declared, not {VERSION}")
        rendered = self.render(card)
        found += [f"{i['type']}#{i['id']} has no label" for i in rendered.inputs if not i["label"]]
        found += _crowded(rendered.actions)
        emptied = {i["id"]: "" for i in rendered.inputs if i["id"]}
        for action in rendered.actions:
            found += self._blocked(card, action, {})
            found += self._blocked(card, action, emptied)
        found += self._on_mobile(card, rendered.actions)
        return found

    def _blocked(
        self, card: dict[str, Any], action: dict[str, Any], fill: dict[str, Any]
    ) -> list[str]:
        """A button that cannot be reached, or that sends nothing as the card is drawn or
        with every input emptied (an input constraint blocks it)."""
        if action["reach"] == "hidden":
            return [f"{_named(action)} cannot be reached"]
        if action["type"] == "Action.ShowCard":
            return []
        sent = self.press(card, action["index"], fill)
        if isinstance(sent, Refused):
            how = "with every input emptied" if fill else "as drawn"
            return [f"{_named(action)} sends nothing {how}: {sent.reason} {list(sent.invalid)}"]
        return []

    def _on_mobile(self, card: dict[str, Any], actions: list[dict[str, Any]]) -> list[str]:
        mobile = self.actions(card, MOBILE)
        found = []
        for action in actions:
            if action["type"] == "Action.ShowCard":
                continue
            same = [
                a for a in mobile if a["title"] == action["title"] and a["data"] == action["data"]
            ]
            if not same or same[0]["reach"] == "hidden":
                found.append(f"{_named(action)} is gone at {MOBILE}")
                continue
            sent = self.press(card, same[0]["index"], at=MOBILE)
            if isinstance(sent, Refused) or sent.get("type") != "Action.Submit":
                found.append(f"{_named(action)} does not send at {MOBILE}: {sent}")
        return found


def _named(action: dict[str, Any]) -> str:
    return f"{action['type']} {action['title']!r}"


def _crowded(actions: list[dict[str, Any]]) -> list[str]:
    """Buttons shown together: the card's own, and each show card's once opened."""
    shown: dict[tuple[str, ...], int] = {}
    for action in actions:
        if action["reach"] in ("button", "showcard"):
            where = tuple(action["behind"])
            shown[where] = shown.get(where, 0) + 1
    return [
        f"{count} buttons shown together{' in ' + where[-1] if where else ''}, "
        f"over {MAX_SHOWN_ACTIONS}"
        for where, count in shown.items()
        if count > MAX_SHOWN_ACTIONS
    ]


_started: list[CardsSdk] = []


def sdk() -> CardsSdk:
    """The session's harness, started the first time it is asked for."""
    if not _started:
        _started.append(CardsSdk())
        atexit.register(_started[0].close)
    return _started[0]
