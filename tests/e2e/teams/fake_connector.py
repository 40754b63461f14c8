"""A fake Bot Connector: a real HTTP server that records what the bot sends to Teams.

It answers the calls the bot makes on the `serviceUrl` of the activities the test
posts: `GET /v3/conversations/{id}/members` (the roster, from `members`),
`POST /v3/conversations` (open a personal chat), `POST
/v3/conversations/{id}/activities[/{replyToId}]` (a message, or a reply), `PUT
/v3/conversations/{id}/activities/{id}` (update a card; 404 for one never posted or
deleted) and `DELETE` of one (`delete` plays a person deleting it). It also serves the
files in `files` at `file_url(name)`, as a file's pre-authorised `downloadUrl`, and, as
Microsoft Graph at `graph_url`, `GET teams/{team}/channels/{channel}/messages` (`$top`,
`$expand=replies`): what was posted to the channel, newest first, shaped like Graph's
chatMessages (a card in `attachments[].content` as a JSON string); `graph_status` other
than 200 makes that call fail. `refuse` makes the next message posts whose body holds a
text answer an error instead (429 with Retry-After, 500, ...), in the order given. Every
call is kept in `calls`, in order, with its decoded JSON body, Authorization header,
path, arrival time and the status it was answered.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

CARD = "application/vnd.microsoft.card.adaptive"


@dataclass
class Call:
    method: str
    conversation: str  # "" for POST /v3/conversations
    activity_id: str  # the replyToId of a reply, or the id of an updated activity
    body: dict[str, Any]
    authorization: str
    response_id: str = ""  # the id the fake gave the posted activity
    path: str = ""  # the request's path and query
    at: float = 0.0  # when it arrived (time.monotonic)
    status: int = 0  # what the fake answered

    @property
    def text(self) -> str:
        """What the message says: its text, or the TextBlocks of its card, one a line."""
        if self.body.get("text"):
            return str(self.body["text"])
        return "\n".join(
            str(node.get("text", ""))
            for card in self.cards
            for node in _walk(card)
            if node.get("type") == "TextBlock"
        )

    @property
    def dump(self) -> str:
        return json.dumps(self.body, ensure_ascii=False)

    @property
    def cards(self) -> list[dict[str, Any]]:
        return [
            a.get("content") or {}
            for a in self.body.get("attachments") or []
            if a.get("contentType") == CARD
        ]

    def chat_message(self) -> dict[str, Any]:
        """The posted activity as Graph shows it (a `chatMessage`)."""
        attachments = [
            {"id": f"{self.response_id}-{i}", "contentType": a.get("contentType"),
             "content": json.dumps(a["content"]) if isinstance(a.get("content"), dict)
             else a.get("content"), "contentUrl": a.get("contentUrl")}
            for i, a in enumerate(self.body.get("attachments") or [])
        ]  # fmt: skip
        content = "".join(f'<attachment id="{a["id"]}"></attachment>' for a in attachments)
        return {
            "id": self.response_id,
            "messageType": "message",
            "from": {"application": {"id": "datadialog-app-id", "displayName": "Datadialog"}},
            "body": {"contentType": "html", "content": str(self.body.get("text") or content)},
            "attachments": attachments,
        }


def _walk(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        return [node, *(found for value in node.values() for found in _walk(value))]
    if isinstance(node, list):
        return [found for value in node for found in _walk(value)]
    return []


def personal_chat_id(user_id: str) -> str:
    return f"a:personal-{user_id}"


class FakeConnector:
    def __init__(self) -> None:
        #: What `GET /v3/conversations/{id}/members` answers (the team's roster).
        self.members: list[dict[str, Any]] = []
        #: Files a person sent the bot, by name (`GET /files/{name}`).
        self.files: dict[str, bytes] = {}
        #: What Graph answers (200: the channel's messages; else that error).
        self.graph_status = 200
        #: Errors answered instead of 201 to the next message posts holding a text: (text,
        #: status, headers), used up in order (`refuse`).
        self.refusals: list[tuple[str, int, dict[str, str]]] = []
        self.calls: list[Call] = []
        #: Activities deleted (by the bot, or by a person: `delete`): no update finds them.
        self.deleted: set[str] = set()
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.graph_url = f"{self.url}graph/"

    def start(self) -> FakeConnector:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return None

            def _answer(
                self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
            ) -> None:
                raw = json.dumps(body).encode()
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def _record(self) -> tuple[Call, list[str]]:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b"{}"
                parts = [unquote(p) for p in urlsplit(self.path).path.strip("/").split("/")]
                # v3 / conversations / {id} / activities / {activity id}
                conversation = parts[2] if len(parts) > 2 else ""
                activity = parts[4] if len(parts) > 4 else ""
                call = Call(
                    self.command,
                    conversation,
                    activity,
                    json.loads(raw or b"{}"),
                    self.headers.get("Authorization", ""),
                    path=self.path,
                    at=time.monotonic(),
                )
                with fake._lock:
                    fake.calls.append(call)
                return call, parts

            def do_POST(self) -> None:
                call, parts = self._record()
                if parts[:2] != ["v3", "conversations"]:
                    self._answer(404, {"error": {"code": "NotFound"}})
                elif len(parts) == 2:
                    member = ((call.body.get("members") or [{}])[0]).get("id", "")
                    self._answer(201, {"id": personal_chat_id(member)})
                elif (refusal := fake.refusal_for(call)) is not None:
                    call.status = refusal[0]
                    self._answer(refusal[0], {"error": {"code": "Refused"}}, refusal[1])
                else:
                    call.status = 201
                    call.response_id = f"activity-{next(fake._ids)}"
                    self._answer(201, {"id": call.response_id})

            def do_GET(self) -> None:
                call, parts = self._record()
                # graph / teams / {team} / channels / {channel} / messages
                if len(parts) == 6 and parts[0] == "graph" and parts[5] == "messages":
                    call.conversation = parts[4]
                    if fake.graph_status != 200:
                        self._answer(fake.graph_status, {"error": {"code": "Forbidden"}})
                    else:
                        self._answer(200, {"value": fake.channel_messages(parts[4], call.path)})
                elif len(parts) == 2 and parts[0] == "files" and parts[1] in fake.files:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/octet-stream")
                    self.send_header("Content-Length", str(len(fake.files[parts[1]])))
                    self.end_headers()
                    self.wfile.write(fake.files[parts[1]])
                elif (
                    len(parts) == 4
                    and parts[:2] == ["v3", "conversations"]
                    and parts[3] == "members"
                ):
                    raw = json.dumps(fake.members).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(raw)))
                    self.end_headers()
                    self.wfile.write(raw)
                else:
                    self._answer(404, {"error": {"code": "NotFound"}})

            def do_PUT(self) -> None:
                call, _ = self._record()
                if not fake.is_there(call.activity_id):
                    call.status = 404
                    self._answer(404, {"error": {"code": "ActivityNotFound"}})
                    return
                call.status, call.response_id = 200, call.activity_id  # the same activity
                self._answer(200, {"id": call.activity_id})

            def do_DELETE(self) -> None:
                call, _ = self._record()
                fake.delete(call.activity_id)
                call.status = 200
                self._answer(200, {})

        return Handler

    def is_there(self, activity_id: str) -> bool:
        """Whether an activity with this id was posted and not deleted."""
        with self._lock:
            if activity_id in self.deleted:
                return False
            return any(c.response_id == activity_id for c in self.calls if c.method == "POST")

    def delete(self, activity_id: str) -> None:
        with self._lock:
            self.deleted.add(activity_id)

    def refuse(self, text: str, *answers: tuple[int, dict[str, str]]) -> None:
        """The next message posts holding `text` get these answers, one each, in order."""
        with self._lock:
            self.refusals += [(text, status, headers) for status, headers in answers]

    def refusal_for(self, call: Call) -> tuple[int, dict[str, str]] | None:
        with self._lock:
            for i, (text, status, headers) in enumerate(self.refusals):
                if text in call.dump:
                    del self.refusals[i]
                    return status, headers
        return None

    def channel_messages(self, channel: str, path: str) -> list[dict[str, Any]]:
        """Graph's answer: the channel's root messages, newest first, `$top` of them
        (20 by default, at most 50), with their replies when `$expand=replies`."""
        query = parse_qs(urlsplit(path).query)
        top = min(int((query.get("$top") or ["20"])[0]), 50)
        with self._lock:
            posted = [c for c in self.calls if c.method == "POST" and c.response_id]
        roots = [c for c in posted if c.conversation == channel]
        messages = []
        for root in reversed(roots[-top:]):
            message = root.chat_message()
            if "replies" in (query.get("$expand") or [""])[0]:
                thread = f"{channel};messageid={root.response_id}"
                replies = [c.chat_message() for c in posted if c.conversation == thread]
                message["replies"] = list(reversed(replies))
            messages.append(message)
        return messages

    def file_url(self, name: str) -> str:
        return f"{self.url}files/{name}"

    # Asking what happened ----------------------------------------------------------

    def wait_for(
        self, conversation: str, *texts: str, timeout: float = 20, after: int = 0,
        method: str = "POST",
    ) -> Call:  # fmt: skip
        """The first message to `conversation` (from call index `after`) containing all `texts`
        (`method="PUT"`: the first update of one)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                calls = list(self.calls[after:])
            for call in calls:
                if (
                    call.method == method
                    and call.conversation == conversation
                    and all(text in call.dump for text in texts)
                ):
                    return call
            time.sleep(0.05)
        seen = "\n".join(f"{c.method} {c.conversation} {c.dump[:300]}" for c in self.calls)
        raise AssertionError(f"nothing to {conversation} with {texts!r}; calls:\n{seen}")

    def of(self, method: str, conversation: str | None = None) -> list[Call]:
        with self._lock:
            return [
                c
                for c in self.calls
                if c.method == method and (conversation is None or c.conversation == conversation)
            ]

    def mark(self) -> int:
        with self._lock:
            return len(self.calls)
