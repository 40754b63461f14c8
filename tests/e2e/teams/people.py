"""People in a Teams team, as the Bot Connector would present them to the bot.

Each person posts real Teams activities to `/api/messages`: channel messages
that @mention the bot, messages in their personal chat, Action.Execute presses
(`invoke` `adaptiveCard/action`, answered in the HTTP response) and Action.Submit
presses (a `message` whose `value` is the card's data and inputs). A press goes through
Microsoft's Adaptive Cards SDK (`tests.cards_sdk`): the card the fake connector received
is rendered, the person types into its inputs and presses its button, and what the SDK
sends is what is posted, so no test sends what no client would.
"""

from __future__ import annotations

import itertools
import json
import urllib.request
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bot import choices
from tests.cards_sdk import Refused, sdk
from tests.e2e.teams.fake_connector import Call, FakeConnector, personal_chat_id

TENANT = "72f988bf-0000-4000-8000-00000000d1a1"
BOT_ID = "28:datadialog-app-id"
BOT_NAME = "Datadialog"
TEAM = "19:team-nord@thread.tacv2"
#: The team's Entra group id: what Microsoft Graph calls the team.
TEAM_GROUP = "5e1f0c3a-0000-4000-8000-00000000a0a0"
NORD = "19:nord-general@thread.tacv2"
FILE_INFO = "application/vnd.microsoft.teams.file.download.info"
CARD = "application/vnd.microsoft.card.adaptive"
#: A Teams client without Universal Actions (Action.Execute came with 1.4).
NO_UNIVERSAL_ACTIONS = "1.3"

_ids = itertools.count(1)


def _walk(node: Any) -> list[dict[str, Any]]:
    """Every object in a card, depth first."""
    if isinstance(node, dict):
        return [node, *(found for value in node.values() for found in _walk(value))]
    if isinstance(node, list):
        return [found for value in node for found in _walk(value)]
    return []


def pressed_command(data: dict[str, Any]) -> dict[str, Any]:
    """The fields of the command a choice button stands for (its data's `command`, decoded
    as the bot decodes it), or {} for a button that is no choice (a form's Save)."""
    token = data.get("command")
    if token is None:
        return {}
    command = choices.decode(token, "")
    return {k: v for k, v in vars(command).items() if k != "actor"}


def find_action(
    card: dict[str, Any], verb: str, match: dict[str, Any] | None = None, at: str | None = None
) -> dict[str, Any]:
    """The button with this verb among the actions the SDK finds on a card (rendered as a
    client of version `at` renders it), whose data, or the command its `command` decodes to,
    matches `match` (e.g. `theme_number=1` for a vote)."""
    found = []
    for action in sdk().actions(card, at):
        data = action.get("data") or {}
        if action["type"] == "Action.ShowCard" or data.get("verb") != verb:
            continue
        fields = {**pressed_command(data), **data}
        if all(k in fields and fields[k] == v for k, v in (match or {}).items()):
            found.append(action)
    if not found:
        raise AssertionError(f"no {verb!r} button {match} on the card: {json.dumps(card)[:500]}")
    return found[0]


def card_inputs(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The inputs on a card by id, as drawn."""
    return {n["id"]: n for n in _walk(card) if str(n.get("type", "")).startswith("Input.")}


def typed(values: dict[str, Any]) -> dict[str, str]:
    """What a person types or picks, as text ("true"/"false" for a toggle)."""
    return {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in values.items()}


def sent_by_sdk(
    card: dict[str, Any],
    verb: str,
    match: dict[str, Any] | None,
    inputs: dict[str, Any],
    at: str | None = None,
) -> dict[str, Any]:
    """Types `inputs` into the card, presses the button, and returns what the Adaptive
    Cards SDK sent; a card on which the SDK sends nothing fails the test."""
    action = find_action(card, verb, match, at)
    sent = sdk().press(card, action["index"], typed(inputs), at)
    if isinstance(sent, Refused):
        raise AssertionError(f"the Teams client sends nothing for {action['title']!r}: {sent}")
    return sent


@dataclass
class Response:
    status: int
    body: Any


@dataclass
class Team:
    """The bot's address, the fake connector, and who is in the team."""

    bot_url: str
    connector: FakeConnector
    token: str = ""  # an Authorization bearer token; none in dev mode
    people: dict[str, Person] = field(default_factory=dict)
    #: The cards invoke answers swapped in for a pressed card (`post`), in order.
    answered: list[dict[str, Any]] = field(default_factory=list)

    def person(self, user_id: str, name: str) -> Person:
        self.people[user_id] = Person(self, user_id, name)
        return self.people[user_id]

    def post(self, activity: dict[str, Any]) -> Response:
        data = json.dumps(activity).encode()
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.bot_url, data=data, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                raw = response.read()
                body = json.loads(raw) if raw else None
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                return Response(error.code, json.loads(raw) if raw else None)
            except ValueError:
                return Response(error.code, raw.decode(errors="replace"))
        if (
            isinstance(body, dict)
            and body.get("type") == CARD
            and isinstance(body.get("value"), dict)
        ):
            self.answered.append(body["value"])
        return Response(response.status, body)

    def base(self, sender: Person | None, conversation: dict[str, Any]) -> dict[str, Any]:
        activity: dict[str, Any] = {
            "id": f"f:{next(_ids)}-{uuid.uuid4().hex[:8]}",
            "timestamp": datetime.now(UTC).isoformat(),
            "serviceUrl": self.connector.url,
            "channelId": "msteams",
            "conversation": conversation,
            "recipient": {"id": BOT_ID, "name": BOT_NAME},
            "channelData": {"tenant": {"id": TENANT}},
            "locale": "da-DK",
        }
        if sender is not None:
            activity["from"] = {"id": sender.user_id, "name": sender.name}
        return activity

    def channel(self) -> dict[str, Any]:
        return {"id": NORD, "conversationType": "channel", "tenantId": TENANT, "isGroup": True}

    def channel_data(self) -> dict[str, Any]:
        team = {"id": TEAM, "aadGroupId": TEAM_GROUP}
        return {"tenant": {"id": TENANT}, "team": team, "channel": {"id": NORD}}

    def install(self, by: Person) -> Response:
        """The team installs the app: a conversationUpdate with the bot among membersAdded."""
        activity = self.base(by, self.channel())
        activity.update(
            type="conversationUpdate",
            membersAdded=[{"id": BOT_ID}],
            channelData={**self.channel_data(), "eventType": "teamMemberAdded"},
        )
        return self.post(activity)


@dataclass(eq=False)
class Person:
    team: Team
    user_id: str
    name: str
    last: dict[str, Any] = field(default_factory=dict)

    @property
    def chat(self) -> str:
        """Their personal chat with the bot (the fake connector's id for it)."""
        return personal_chat_id(self.user_id)

    def _personal(self) -> dict[str, Any]:
        return {"id": self.chat, "conversationType": "personal", "tenantId": TENANT}

    def says(self, text: str, *mentions: Person) -> Response:
        """A channel message starting with @Datadialog; `mentions` are @mentioned after it."""
        activity = self.team.base(self, self.team.channel())
        at_bot = f"<at>{BOT_NAME}</at>"
        entities = [
            {"type": "mention", "mentioned": {"id": BOT_ID, "name": BOT_NAME}, "text": at_bot}
        ]
        words = [at_bot, text]
        for person in mentions:
            tag = f"<at>{person.name}</at>"
            words.append(tag)
            entities.append(
                {
                    "type": "mention",
                    "mentioned": {"id": person.user_id, "name": person.name},
                    "text": tag,
                }
            )
        activity.update(
            type="message",
            text=" ".join(words),
            textFormat="xml",
            entities=entities,
            channelData=self.team.channel_data(),
        )
        self.last = activity
        return self.team.post(activity)

    def installs_personally(self) -> Response:
        """The person adds the app for themselves: a conversationUpdate in their personal chat."""
        activity = self.team.base(self, self._personal())
        activity.update(type="conversationUpdate", membersAdded=[{"id": BOT_ID}])
        return self.team.post(activity)

    def writes_privately(self, text: str) -> Response:
        activity = self.team.base(self, self._personal())
        activity.update(type="message", text=text, textFormat="plain")
        self.last = activity
        return self.team.post(activity)

    def sends_file(self, name: str, content: bytes, text: str = "") -> Response:
        """A file attached in the personal chat: Teams' `file.download.info` attachment,
        its `downloadUrl` served by the fake connector."""
        self.team.connector.files[name] = content
        activity = self.team.base(self, self._personal())
        info = {
            "downloadUrl": self.team.connector.file_url(name),
            "uniqueId": uuid.uuid4().hex,
            "fileType": name.rpartition(".")[2],
        }
        attachment = {"contentType": FILE_INFO, "name": name, "content": info}
        activity.update(type="message", text=text, textFormat="plain", attachments=[attachment])
        self.last = activity
        return self.team.post(activity)

    def _where(self, card_call: Call) -> tuple[dict[str, Any], dict[str, Any]]:
        if card_call.conversation == NORD:
            return self.team.channel(), self.team.channel_data()
        return self._personal(), {"tenant": {"id": TENANT}}

    def presses(self, card_call: Call, verb: str, match: dict[str, Any] | None = None,
                **inputs: Any) -> Response:  # fmt: skip
        """Types `inputs` (by input id) into the card and presses the button with this verb
        (and `match`) in Microsoft's Adaptive Cards SDK; what the SDK sends for the
        Action.Execute is posted as Teams posts it: an invoke, answered in its response."""
        sent = sent_by_sdk(card_call.cards[0], verb, match, inputs)
        assert sent["type"] == "Action.Execute", sent
        conversation, channel_data = self._where(card_call)
        activity = self.team.base(self, conversation)
        activity.update(
            type="invoke",
            name="adaptiveCard/action",
            replyToId=card_call.response_id,
            channelData=channel_data,
            value={
                "action": {"type": "Action.Execute", "verb": sent["verb"], "data": sent["data"]},
                "trigger": "manual",
            },
        )
        self.last = activity
        return self.team.post(activity)

    def submits(self, card_call: Call, verb: str, match: dict[str, Any] | None = None,
                **inputs: Any) -> Response:  # fmt: skip
        """The same on a client without Universal Actions (Adaptive Cards 1.3, where every
        Action.Execute falls back to its Action.Submit): a message whose value is what the
        SDK sends, the button's data and the inputs, flat."""
        sent = sent_by_sdk(card_call.cards[0], verb, match, inputs, at=NO_UNIVERSAL_ACTIONS)
        assert sent["type"] == "Action.Submit", sent
        conversation, channel_data = self._where(card_call)
        activity = self.team.base(self, conversation)
        activity.update(
            type="message",
            replyToId=card_call.response_id,
            channelData=channel_data,
            value=sent["data"],
        )
        self.last = activity
        return self.team.post(activity)

    def fills(self, card_call: Call, form: str, *, submit: bool = False, **fields: Any) -> Response:
        """Fills in one contribution form on a card (its inputs are "<form>.<field>") and
        presses its Save (Action.Execute, or the Action.Submit fallback with `submit`)."""
        inputs = {f"{form}.{name}": value for name, value in fields.items()}
        press = self.submits if submit else self.presses
        return press(card_call, "form", {"form": form}, **inputs)

    def resends(self) -> Response:
        """The Bot Connector retrying the last activity (same id)."""
        return self.team.post(self.last)
