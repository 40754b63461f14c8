"""A fake Slack for end-to-end tests: the Web API, file uploads, response_url and Socket Mode.

`FakeSlack` runs an aiohttp server in a thread on 127.0.0.1 (ephemeral port). It
records every call (`calls`) and answers like Slack: auth.test, chat.postMessage,
chat.update, chat.postEphemeral, views.open / views.publish / views.update,
conversations.open, users.info, files.getUploadURLExternal, the upload POST
itself, files.completeUploadExternal, apps.connections.open, oauth.v2.access and
POSTs to response_url (`/response/...`). `fail_next` makes the next call of a
method fail (e.g. HTTP 429 with Retry-After, or `not_in_channel`). `delays` makes a
method slow: its answer (and its record in `calls`) comes that many seconds later.
`token_expires_in` makes installations use expiring tokens (Slack's token rotation).

Socket Mode: apps.connections.open hands out `ws://.../socket`; the fake greets
with `hello`, `send_envelope` pushes an envelope to the connected app and waits
for its acknowledgement.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import WSMsgType, web

from tests.e2e.slack import payload_checks


@dataclass
class Call:
    method: str  # "chat.postMessage", "upload", "response_url"
    params: dict[str, Any]
    token: str = ""
    raw: str = ""  # the request body exactly as sent
    answer: dict[str, Any] = field(default_factory=dict)  # what the fake answered (ok ones)

    @property
    def channel(self) -> str:
        return str(self.params.get("channel") or self.params.get("channel_id") or "")

    @property
    def text(self) -> str:
        """Every text in the call (top-level text, blocks, view), joined by newlines."""
        found: list[str] = []
        _collect(self.params, found)
        return "\n".join(found)

    def buttons(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        _buttons(self.params, found)
        return found

    def menu(self, action_id: str) -> dict[str, Any]:
        """The overflow menu `action_id` of the message (its first block's accessory)."""
        blocks = self.params.get("blocks") or []
        blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
        for block in blocks:
            if (block.get("accessory") or {}).get("action_id") == action_id:
                return dict(block["accessory"])
        raise AssertionError(f"no menu {action_id} in {self.method}: {self.text}")

    def button(self, action_id: str, value: str | None = None) -> dict[str, Any]:
        for b in self.buttons():
            if b.get("action_id") == action_id and (value is None or b.get("value") == value):
                return b
        raise AssertionError(f"no button {action_id} ({value}) in {self.method}: {self.text}")


def _collect(value: Any, found: list[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("text", "initial_comment", "initial_value") and isinstance(item, str):
                found.append(item)
            else:
                _collect(item, found)
    elif isinstance(value, list):
        for item in value:
            _collect(item, found)


def _buttons(value: Any, found: list[dict[str, Any]]) -> None:
    if isinstance(value, dict):
        if value.get("type") == "button":
            found.append(value)
        for item in value.values():
            _buttons(item, found)
    elif isinstance(value, list):
        for item in value:
            _buttons(item, found)


@dataclass
class Failure:
    error: str = ""
    status: int = 200
    retry_after: int | None = None


@dataclass
class FakeSlack:
    team_id: str = "T0NORD"
    names: dict[str, str] = field(default_factory=dict)
    inactive: set[str] = field(default_factory=set)
    calls: list[Call] = field(default_factory=list)
    #: Files people shared, by name: served at `file_url(name)` to the bot's token only.
    shared_files: dict[str, bytes] = field(default_factory=dict)
    #: Seconds a Web API method takes to answer, by method name (e.g. "chat.postMessage").
    delays: dict[str, float] = field(default_factory=dict)
    #: Token rotation (issue 15): installs hand out tokens that expire this many seconds
    #: later with a refresh token, which oauth.v2.access (grant_type=refresh_token) takes
    #: once for a new pair (valid 12 hours). None: tokens that never expire.
    token_expires_in: int | None = None
    refresh_token: str = ""  # the one refresh token it takes now
    #: Messages and views Slack would have refused (`payload_checks`), one line each.
    violations: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._failures: dict[str, list[Failure]] = {}
        self._ts = itertools.count(1)
        #: Channel messages as they stand now: (channel, ts, params of the post or last update).
        self.posted: list[tuple[str, str, dict[str, Any]]] = []
        self._ids = itertools.count(1)
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._sockets: list[web.WebSocketResponse] = []
        self._acks: dict[str, Any] = {}
        self.port = 0
        self._thread = threading.Thread(target=self._run, daemon=True)

    # Lifecycle ----------------------------------------------------------------

    def start(self) -> FakeSlack:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("fake Slack did not start")
        return self

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        app = web.Application(client_max_size=20 * 1024 * 1024)
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/api/{method}", self._api)
        app.router.add_post("/upload/{file}", self._upload)
        app.router.add_post("/response/{id}", self._response_url)
        app.router.add_get("/socket", self._socket)
        app.router.add_get("/files/{name}", self._download)
        self._runner = web.AppRunner(app, access_log=None)
        self._loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        self._loop.run_until_complete(site.start())
        self.port = self._runner.addresses[0][1]
        self._ready.set()
        self._loop.run_forever()

    # Test controls -------------------------------------------------------------

    def fail_next(self, method: str, error: str = "", status: int = 200, retry_after=None) -> None:
        with self._lock:
            self._failures.setdefault(method, []).append(Failure(error, status, retry_after))

    def mark(self) -> int:
        with self._lock:
            return len(self.calls)

    def since(self, mark: int) -> list[Call]:
        with self._lock:
            return list(self.calls[mark:])

    def of(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def wait_for(
        self, predicate: Callable[[Call], bool], since: int = 0, timeout: float = 15.0
    ) -> Call:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for call in self.since(since):
                if predicate(call):
                    return call
            time.sleep(0.02)
        seen = "\n".join(f"  {c.method} {c.channel}: {c.text[:200]!r}" for c in self.since(since))
        raise AssertionError(f"the bot never made the expected call; it made:\n{seen}")

    def quiet(self, seconds: float = 0.5) -> None:
        """Wait until no call has arrived for `seconds` (the bot has finished a turn)."""
        last = self.mark()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            time.sleep(0.05)
            now = self.mark()
            if now != last:
                last, deadline = now, time.monotonic() + seconds

    # Socket Mode ---------------------------------------------------------------

    def send_envelope(self, kind: str, payload: dict[str, Any], timeout: float = 10.0) -> Any:
        """Push a Socket Mode envelope to the app and return its acknowledgement."""
        envelope_id = f"env-{next(self._ids)}"
        message = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
            "retry_attempt": 0,
            "retry_reason": "",
        }

        async def push() -> None:
            deadline = time.monotonic() + timeout
            while not self._sockets and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            await self._sockets[-1].send_str(json.dumps(message))

        asyncio.run_coroutine_threadsafe(push(), self._loop).result(timeout)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if envelope_id in self._acks:
                    return self._acks[envelope_id]
            time.sleep(0.01)
        raise AssertionError(f"the app never acknowledged {envelope_id}")

    @property
    def socket_connected(self) -> bool:
        return bool(self._sockets)

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_str(json.dumps({"type": "hello", "num_connections": 1}))
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                data = json.loads(msg.data)
                if "envelope_id" in data:
                    with self._lock:
                        self._acks[data["envelope_id"]] = data.get("payload")
        self._sockets.remove(ws)
        return ws

    # HTTP handlers -----------------------------------------------------------

    async def _params(self, request: web.Request) -> tuple[dict[str, Any], str]:
        """Query-string parameters merged with the body's (form-encoded or JSON)."""
        raw = await request.text()
        query = dict(request.query)
        if request.content_type == "application/json":
            return {**query, **(json.loads(raw) if raw else {})}, raw or request.query_string
        params: dict[str, Any] = {**query, **dict(parse_qsl(raw, keep_blank_values=True))}
        raw = raw or request.query_string
        for key, value in list(params.items()):
            if isinstance(value, str) and value[:1] in "[{":
                with contextlib.suppress(ValueError):
                    params[key] = json.loads(value)
        return params, raw

    def _record(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params, raw = await self._params(request)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if self.delays.get(method):
            await asyncio.sleep(self.delays[method])
        with self._lock:
            failure = self._failures.get(method, []).pop(0) if self._failures.get(method) else None
        call = Call(method, params, token, raw)
        self._record(call)
        if failure is None and (refused := payload_checks.violations(method, params)):
            self.violations += refused  # answered as Slack does; the test fails (conftest)
            return web.json_response({"ok": False, "error": "invalid_blocks"})
        if failure is not None:
            headers = {}
            if failure.retry_after is not None:
                headers["Retry-After"] = str(failure.retry_after)
            body = {"ok": False, "error": failure.error or "ratelimited"}
            return web.json_response(body, status=failure.status, headers=headers)
        answer = getattr(self, "_" + method.replace(".", "_"), None)
        body = answer(params) if answer else {"ok": True}
        call.answer = body
        return web.json_response(body)

    def file_url(self, name: str) -> str:
        return f"{self.url}/files/{name}"

    async def _download(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        self._record(Call("file_download", {"name": name}, token))
        if not token.startswith("xoxb-") or name not in self.shared_files:
            return web.Response(status=404)
        return web.Response(body=self.shared_files[name])

    async def _upload(self, request: web.Request) -> web.Response:
        data = await request.read()
        self._record(Call("upload", {"file": request.match_info["file"], "size": len(data)}))
        return web.Response(text=f"OK - {len(data)}")

    async def _response_url(self, request: web.Request) -> web.Response:
        params, raw = await self._params(request)
        self._record(Call("response_url", params, raw=raw))
        return web.Response(text="ok")

    # Method answers ------------------------------------------------------------

    def _next_ts(self) -> str:
        return f"{int(time.time())}.{next(self._ts):06d}"

    def _auth_test(self, p: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": "https://nord.slack.com/",
            "team": "Nord",
            "user": "datadialog",
            "team_id": self.team_id,
            "user_id": "U0BOT",
            "bot_id": "B0BOT",
        }

    def _chat_postMessage(self, p: dict[str, Any]) -> dict[str, Any]:
        channel = str(p.get("channel", ""))
        if channel.startswith("D") and channel[1:] in self.inactive:
            return {"ok": False, "error": "account_inactive"}
        ts = self._next_ts()
        with self._lock:
            self.posted.append((channel, ts, p))
        return {"ok": True, "channel": channel, "ts": ts, "message": {"text": p.get("text")}}

    def _conversations_history(self, p: dict[str, Any]) -> dict[str, Any]:
        """The channel's messages, newest first (with their metadata when asked for)."""
        channel = str(p.get("channel", ""))
        with_meta = str(p.get("include_all_metadata", "")).lower() in ("1", "true")
        found = []
        for posted_in, ts, params in list(self.posted):
            if posted_in != channel:
                continue
            message: dict[str, Any] = {"type": "message", "ts": ts, "text": params.get("text")}
            meta = params.get("metadata")
            if with_meta and meta:
                message["metadata"] = json.loads(meta) if isinstance(meta, str) else meta
            found.append(message)
        return {"ok": True, "messages": found[::-1], "has_more": False}

    def _chat_update(self, p: dict[str, Any]) -> dict[str, Any]:
        """Edits a message posted in that channel; any other is `message_not_found`."""
        where = (p.get("channel"), p.get("ts"))
        with self._lock:
            found = [i for i, (c, ts, _) in enumerate(self.posted) if (c, ts) == where]
            if not found:
                return {"ok": False, "error": "message_not_found"}
            kept = self.posted[found[0]][2]
            channel, ts = where
            self.posted[found[0]] = (str(channel), str(ts), {**p, "metadata": kept.get("metadata")})
        return {"ok": True, "channel": p.get("channel"), "ts": p.get("ts")}

    def delete_message(self, ts: str) -> None:
        """Someone deleted the message `ts` (an edit of it is then `message_not_found`)."""
        with self._lock:
            self.posted = [m for m in self.posted if m[1] != ts]

    def _chat_postEphemeral(self, p: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "message_ts": self._next_ts()}

    def _view(self, p: dict[str, Any]) -> dict[str, Any]:
        view = p.get("view") or {}
        if isinstance(view, str):
            view = json.loads(view)
        number = next(self._ids)
        return {"ok": True, "view": {**view, "id": f"V{number:04d}", "hash": f"h{number}"}}

    _views_open = _views_publish = _views_update = _view

    def _conversations_open(self, p: dict[str, Any]) -> dict[str, Any]:
        users = str(p.get("users", ""))
        return {"ok": True, "channel": {"id": "D" + users.split(",")[0]}}

    def _users_info(self, p: dict[str, Any]) -> dict[str, Any]:
        user = str(p.get("user", ""))
        name = self.names.get(user, user)
        return {
            "ok": True,
            "user": {
                "id": user,
                "name": name.lower(),
                "real_name": name,
                "profile": {"display_name": name, "real_name": name},
            },
        }

    def _files_getUploadURLExternal(self, p: dict[str, Any]) -> dict[str, Any]:
        file_id = f"F{next(self._ids):04d}"
        return {"ok": True, "upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}

    def _files_completeUploadExternal(self, p: dict[str, Any]) -> dict[str, Any]:
        files = p.get("files") or []
        if isinstance(files, str):
            files = json.loads(files)
        return {"ok": True, "files": [{"id": f.get("id"), "title": f.get("title")} for f in files]}

    def _apps_connections_open(self, p: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"}

    def _oauth_v2_access(self, p: dict[str, Any]) -> dict[str, Any]:
        if p.get("grant_type") == "refresh_token":  # token rotation (issue 15)
            return self._refreshed(str(p.get("refresh_token", "")))
        rotating: dict[str, Any] = {}
        if self.token_expires_in is not None:
            self.refresh_token = f"xoxe-1-refresh-{next(self._ids)}"
            rotating = {"refresh_token": self.refresh_token, "expires_in": self.token_expires_in}
        return {
            **rotating,
            "ok": True,
            "app_id": "A0DIALOG",
            "authed_user": {"id": "U0LEA"},
            "scope": "commands,chat:write",
            "token_type": "bot",
            "access_token": "xoxb-installed-token",
            "bot_user_id": "U0BOT",
            "team": {"id": self.team_id, "name": "Nord"},
            "enterprise": None,
            "is_enterprise_install": False,
        }

    def _refreshed(self, refresh_token: str) -> dict[str, Any]:
        """A new bot token and refresh token for the current refresh token (token rotation)."""
        if not refresh_token or refresh_token != self.refresh_token:
            return {"ok": False, "error": "invalid_refresh_token"}
        number = next(self._ids)
        self.refresh_token = f"xoxe-1-refresh-{number}"
        return {
            "ok": True,
            "app_id": "A0DIALOG",
            "token_type": "bot",
            "access_token": f"xoxe.xoxb-1-rotated-{number}",
            "refresh_token": self.refresh_token,
            "expires_in": 43200,  # twelve hours, as Slack gives
            "team": {"id": self.team_id, "name": "Nord"},
            "enterprise": None,
        }
