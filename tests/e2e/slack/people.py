"""People in a Slack workspace, as the bot sees them: signed requests shaped like Slack's.

`Workspace` knows the bot's URL and the signing secret; `Person` sends slash
commands, button clicks, modal submissions and events exactly as Slack would
(form-encoded or JSON bodies, `X-Slack-Signature` = HMAC-SHA256 over
`v0:{timestamp}:{body}`). `fill` turns the modal the bot opened (recorded by the
fake) into the `view` Slack sends back on submit, with the values typed in.
`Person.click_choice` presses the button standing for a given command (its value
read back with `bot.choices`, as the bot reads it).
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from bot import choices
from flows.commands import MeetingCommand
from tests.e2e.slack.fake_slack import Call, FakeSlack

_counter = itertools.count(1)


def sign(secret: str, timestamp: str, body: str) -> str:
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@dataclass
class Response:
    status: int
    body: str


@dataclass
class Workspace:
    bot_url: str  # http://127.0.0.1:PORT/slack/events
    secret: str
    slack: FakeSlack
    team_id: str = "T0NORD"
    app_id: str = "A0DIALOG"
    command: str = "/dialog"
    turn_start: int = 0  # the fake's call count when the last request was sent
    socket_mode: bool = False  # send envelopes over the fake's Socket Mode WebSocket instead

    def send(self, kind: str, payload: dict[str, Any], **http: Any) -> Response:
        """Deliver one request as Slack would: signed HTTP, or a Socket Mode envelope."""
        if self.socket_mode:
            self.turn_start = self.slack.mark()
            acked = self.slack.send_envelope(kind, payload)
            return Response(200, json.dumps(acked) if isinstance(acked, dict) else acked or "")
        if kind == "slash_commands":
            body, content_type = urlencode(payload), "application/x-www-form-urlencoded"
        elif kind == "interactive":
            body = urlencode({"payload": json.dumps(payload)})
            content_type = "application/x-www-form-urlencoded"
        else:
            body, content_type = json.dumps(payload), "application/json"
        return self.post(body, content_type, **http)

    def post(
        self,
        body: str,
        content_type: str,
        *,
        timestamp: int | None = None,
        secret: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        ts = str(int(time.time()) if timestamp is None else timestamp)
        self.turn_start = self.slack.mark()
        request = urllib.request.Request(
            self.bot_url,
            data=body.encode(),
            method="POST",
            headers={
                "Content-Type": content_type,
                "X-Slack-Request-Timestamp": ts,
                "X-Slack-Signature": sign(secret or self.secret, ts, body),
                **(headers or {}),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return Response(answer.status, answer.read().decode())
        except urllib.error.HTTPError as error:
            return Response(error.code, error.read().decode())

    def person(self, user_id: str, name: str) -> Person:
        return Person(self, user_id, name)

    def event(self, event: dict[str, Any], *, event_id: str, retry: int | None = None) -> Response:
        body = {
            "token": "legacy",
            "team_id": self.team_id,
            "api_app_id": self.app_id,
            "event": event,
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
        }
        headers = {}
        if retry is not None:
            headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        return self.send("events_api", body, headers=headers)


@dataclass(eq=False)
class Person:
    workspace: Workspace
    user_id: str
    name: str
    last: dict[str, Any] = field(default_factory=dict)  # the last payload sent (to resend it)

    @property
    def slack(self) -> FakeSlack:
        return self.workspace.slack

    def _trigger(self) -> str:
        return f"{next(_counter)}.{int(time.time())}.trigger"

    # Slash commands ------------------------------------------------------------

    def slash_payload(self, text: str, channel: str) -> dict[str, str]:
        n = next(_counter)
        return {
            "token": "legacy",
            "team_id": self.workspace.team_id,
            "team_domain": "nord",
            "channel_id": channel,
            "channel_name": "team-nord",
            "user_id": self.user_id,
            "user_name": self.name.lower(),
            "command": self.workspace.command,
            "text": text,
            "api_app_id": self.workspace.app_id,
            "is_enterprise_install": "false",
            "response_url": f"{self.slack.url}/response/{n}",
            "trigger_id": self._trigger(),
        }

    def slash(self, text: str, channel: str) -> Response:
        payload = self.slash_payload(text, channel)
        self.last = payload
        return self.workspace.send("slash_commands", payload)

    # Interactions -----------------------------------------------------------------

    def interact(self, payload: dict[str, Any]) -> Response:
        self.last = payload
        return self.workspace.send("interactive", payload)

    def click(self, message: Call, action_id: str, value: str | None = None) -> Response:
        """Press a button in a message the bot posted (recorded by the fake)."""
        button = message.button(action_id, value)
        pressed = {"action_id": action_id, "block_id": "b", "text": button.get("text"),
                   "value": button.get("value", ""), "type": "button"}  # fmt: skip
        return self._act(message, pressed)

    def choose(self, message: Call, action_id: str, value: str) -> Response:
        """Pick an option of an overflow menu (`action_id`) in a message the bot posted."""
        menus = [e for e in _elements(message.params) if e.get("action_id") == action_id]
        options = [o for menu in menus for o in menu.get("options", []) if o["value"] == value]
        assert options, f"no option {value} of {action_id} in {message.method}: {message.text}"
        picked = {"action_id": action_id, "block_id": "b", "type": "overflow",
                  "selected_option": options[0]}  # fmt: skip
        return self._act(message, picked)

    def _act(self, message: Call, action: dict[str, Any]) -> Response:
        """The block_actions payload Slack sends for `action` in `message`."""
        channel = message.channel
        payload = {
            "type": "block_actions",
            "user": {
                "id": self.user_id,
                "username": self.name.lower(),
                "name": self.name.lower(),
                "team_id": self.workspace.team_id,
            },
            "api_app_id": self.workspace.app_id,
            "token": "legacy",
            "container": {
                "type": "message",
                "message_ts": "1.0",
                "channel_id": channel,
                "is_ephemeral": False,
            },
            "trigger_id": self._trigger(),
            "team": {"id": self.workspace.team_id, "domain": "nord"},
            "enterprise": None,
            "is_enterprise_install": False,
            "channel": {"id": channel, "name": "team-nord"},
            "message": {"type": "message", "ts": "1.0", "text": "", "blocks": []},
            "response_url": f"{self.slack.url}/response/{next(_counter)}",
            "actions": [{**action, "action_ts": f"{time.time():.6f}"}],
        }
        if message.method == "views.publish":  # a button on the App Home tab
            view = message.params["view"]
            view = json.loads(view) if isinstance(view, str) else view
            del payload["channel"], payload["message"]
            payload["container"] = {"type": "view", "view_id": "VHOME"}
            payload["view"] = {**view, "id": "VHOME", "team_id": self.workspace.team_id}
        return self.interact(payload)

    def click_choice(self, message: Call, command: type[MeetingCommand], **fields: Any) -> Response:
        """Press the one button in `message` whose value reads back as a `command` with
        these `fields` (e.g. `CastVote, theme_number=1`), whoever pressed it."""
        found = [
            b
            for b in message.buttons()
            if choices.is_token(b.get("value"))
            and isinstance(pressed := choices.decode(b["value"], self.user_id), command)
            and all(getattr(pressed, name) == value for name, value in fields.items())
        ]
        assert len(found) == 1, (
            f"{len(found)} buttons for {command.__name__} {fields} in {message.method}: "
            f"{[(b.get('action_id'), b.get('value')) for b in message.buttons()]}"
        )
        (button,) = found
        assert str(button["action_id"]).startswith("dd_" + choices.tag(command)), button
        return self.click(message, button["action_id"], button["value"])

    def submit(self, opened: Call, **values: Any) -> Response:
        """Fill in the modal the bot opened (a recorded views.open) and press submit."""
        view = opened.params["view"]
        if isinstance(view, str):
            view = json.loads(view)
        payload = {
            "type": "view_submission",
            "team": {"id": self.workspace.team_id, "domain": "nord"},
            "user": {
                "id": self.user_id,
                "username": self.name.lower(),
                "name": self.name.lower(),
                "team_id": self.workspace.team_id,
            },
            "api_app_id": self.workspace.app_id,
            "token": "legacy",
            "trigger_id": self._trigger(),
            "view": {
                **view,
                "id": f"V{next(_counter):05d}",
                "team_id": self.workspace.team_id,
                "hash": f"{next(_counter)}.hash",
                "state": {"values": fill(view, values)},
                "app_id": self.workspace.app_id,
                "bot_id": "B0BOT",
            },
            "response_urls": [],
            "is_enterprise_install": False,
            "enterprise": None,
        }
        return self.interact(payload)

    def resend(self) -> Response:
        """Send the very same payload again (a double click Slack delivered twice).

        Waits for the first delivery's replies to finish, so silence means "nothing new"."""
        self.slack.quiet(0.4)
        if "command" in self.last:
            return self.workspace.send("slash_commands", self.last)
        return self.interact(self.last)


_KEYS = {
    "plain_text_input": "value",
    "number_input": "value",
    "static_select": "selected_option",
    "users_select": "selected_user",
    "multi_users_select": "selected_users",
    "conversations_select": "selected_conversation",
    "datepicker": "selected_date",
    "timepicker": "selected_time",
    "datetimepicker": "selected_date_time",
    "checkboxes": "selected_options",
}


def _elements(value: Any) -> list[dict[str, Any]]:
    """Every interactive element (accessories too) in a message's or view's blocks."""
    if isinstance(value, str) and value[:1] in "[{":
        value = json.loads(value)
    if isinstance(value, dict):
        found = [value] if value.get("action_id") else []
        return found + [e for v in value.values() for e in _elements(v)]
    if isinstance(value, list):
        return [e for v in value for e in _elements(v)]
    return []


def fill(view: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """`state.values` for a modal: every input block, with the typed value or its initial one."""
    state: dict[str, Any] = {}
    for block in view.get("blocks", []):
        if block.get("type") != "input":
            continue
        element = block["element"]
        kind = element["type"]
        key = _KEYS[kind]
        block_id = block["block_id"]
        if block_id in values:
            value = values[block_id]
        else:
            value = (
                element.get("initial_value")
                or (element.get("initial_option") or {}).get("value")
                or element.get("initial_conversation")
                or element.get("initial_user")
                or element.get("initial_users")
                or element.get("initial_date")
                or element.get("initial_time")
            )
            if kind == "checkboxes":
                value = [o["value"] for o in element.get("initial_options") or ()]
        if kind == "static_select" and value is not None:
            value = {"value": str(value), "text": {"type": "plain_text", "text": str(value)}}
        if kind == "checkboxes":  # the values of the boxes ticked
            value = [{"value": str(v), "text": {"type": "plain_text", "text": str(v)}}
                     for v in value or ()]  # fmt: skip
        if kind in ("plain_text_input", "number_input") and value is not None:
            value = str(value)
        state[block_id] = {element.get("action_id", "value"): {"type": kind, key: value}}
    return state


@dataclass
class Bot:
    """What the bot said in answer to the last request: each call waits for it to appear."""

    workspace: Workspace

    @property
    def slack(self) -> FakeSlack:
        return self.workspace.slack

    def _wait(self, method: str, texts: tuple[str, ...], **where: str) -> Call:
        def matches(call: Call) -> bool:
            if call.method != method:
                return False
            if any(str(call.params.get(k)) != v for k, v in where.items()):
                return False
            return all(text in call.text for text in texts)

        return self.slack.wait_for(matches, since=self.workspace.turn_start)

    def posts(self, channel: str, *texts: str) -> Call:
        """A message in a channel (or a DM channel id)."""
        return self._wait("chat.postMessage", texts, channel=channel)

    def dms(self, user_id: str, *texts: str) -> Call:
        return self.posts("D" + user_id, *texts)

    def tells(self, user_id: str, *texts: str) -> Call:
        """An ephemeral message only `user_id` sees."""
        return self._wait("chat.postEphemeral", texts, user=user_id)

    def opens(self, callback_id: str) -> Call:
        def matches(call: Call) -> bool:
            view = call.params.get("view") or {}
            if isinstance(view, str):
                view = json.loads(view)
            return call.method == "views.open" and view.get("callback_id") == callback_id

        return self.slack.wait_for(matches, since=self.workspace.turn_start)

    def responds(self, *texts: str) -> Call:
        """A reply through the slash command's response_url."""
        return self._wait("response_url", texts)

    def calls(self, method: str, *texts: str) -> Call:
        return self._wait(method, texts)

    def says_nothing(self) -> None:
        """The last request changed nothing: no Web API call at all."""
        self.slack.quiet(0.7)
        made = self.slack.since(self.workspace.turn_start)
        assert not made, f"expected silence, the bot made: {[(c.method, c.text) for c in made]}"
