"""People in a Teams team, as the Bot Connector would present them to the bot.

Each person posts real Teams activities to `/api/messages`: channel messages
that @mention the bot, messages in their personal chat, Action.Execute presses
(`invoke` `adaptiveCard/action`, answered in the HTTP response) and Action.Submit
presses (a `message` whose `value` is the card's data and inputs).
"""

from __future__ import annotations

import itertools
import json
import urllib.request
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tests.e2e.teams.fake_connector import Call, FakeConnector, personal_chat_id

TENANT = "72f988bf-0000-4000-8000-00000000d1a1"
BOT_ID = "28:datadialog-app-id"
BOT_NAME = "Datadialog"
TEAM = "19:team-nord@thread.tacv2"
NORD = "19:nord-general@thread.tacv2"

_ids = itertools.count(1)


def find_action(card: dict[str, Any], verb: str, **match: Any) -> dict[str, Any]:
    """The Action.Execute with this verb (and data matching `match`) anywhere in a card."""
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "Action.Execute" and node.get("verb") == verb:
                data = node.get("data") or {}
                if all(data.get(k) == v for k, v in match.items()):
                    found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(card)
    if not found:
        raise AssertionError(f"no {verb!r} button {match} on the card: {json.dumps(card)[:500]}")
    return found[0]


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
                return Response(response.status, json.loads(raw) if raw else None)
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                body = raw.decode(errors="replace")
            return Response(error.code, body)

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
        return {"tenant": {"id": TENANT}, "team": {"id": TEAM}, "channel": {"id": NORD}}

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

    def _where(self, card_call: Call) -> tuple[dict[str, Any], dict[str, Any]]:
        if card_call.conversation == NORD:
            return self.team.channel(), self.team.channel_data()
        return self._personal(), {"tenant": {"id": TENANT}}

    def presses(self, card_call: Call, verb: str, match: dict[str, Any] | None = None,
                **inputs: Any) -> Response:  # fmt: skip
        """Action.Execute: an invoke; Teams shows (or swaps in) what the response says."""
        card = card_call.cards[0]
        data = {**(find_action(card, verb, **(match or {})).get("data") or {}), **inputs}
        conversation, channel_data = self._where(card_call)
        activity = self.team.base(self, conversation)
        activity.update(
            type="invoke",
            name="adaptiveCard/action",
            replyToId=card_call.response_id,
            channelData=channel_data,
            value={
                "action": {"type": "Action.Execute", "verb": verb, "data": data},
                "trigger": "manual",
            },
        )
        self.last = activity
        return self.team.post(activity)

    def submits(self, card_call: Call, verb: str, match: dict[str, Any] | None = None,
                **inputs: Any) -> Response:  # fmt: skip
        """Action.Submit (the fallback): a message carrying the button's data and the inputs."""
        card = card_call.cards[0]
        action = find_action(card, verb, **(match or {}))
        data = {**action["fallback"]["data"], **inputs}
        conversation, channel_data = self._where(card_call)
        activity = self.team.base(self, conversation)
        activity.update(
            type="message",
            replyToId=card_call.response_id,
            channelData=channel_data,
            value=data,
        )
        self.last = activity
        return self.team.post(activity)

    def resends(self) -> Response:
        """The Bot Connector retrying the last activity (same id)."""
        return self.team.post(self.last)
