"""Junk sent to `datadialog serve` is refused with a 4xx (or a clear refusal), never a 500.

One real server answers Slack (signed requests, SLACK_SIGNING_SECRET), Teams (dev mode:
anonymous activities) and signed chart links. Each case is one request; it must be
answered with the status expected, leave nothing stored and nothing sent, and print at
most one log line and no traceback (the server's stdout and stderr are both captured).

Slack: the signature is checked on the raw bytes before anything is parsed, so an
unsigned body is 401 whatever it holds; a signed one Bolt cannot read as an object is
400. Teams: an activity that is not the shape the Bot Connector sends is 400 (outside
dev mode, the token is checked first: 401). Card data that cannot be read (a meeting
"abc", a number "1e309") is answered with a refusal to the person who pressed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote_from_bytes

import pytest
from sqlalchemy import func, select

from bot.chart_links import derive_secret
from storage.database import make_engine
from storage.inbox import InboxRow
from storage.tables import GroupRow
from storage.teams_tables import TeamsConversationRow
from tests.e2e.serve import ServedBot, environment, free_port
from tests.e2e.slack.fake_slack import FakeSlack
from tests.e2e.teams.fake_connector import FakeConnector, personal_chat_id

pytestmark = pytest.mark.e2e

SECRET = "test-signing-secret"
APP_ID = "datadialog-app-id"
TENANT = "72f988bf-0000-4000-8000-00000000d1a1"
LEA = "29:lea"


@dataclass
class Answer:
    status: int
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode(errors="replace")


def request(url: str, body: bytes | None, headers: dict[str, str] | None = None) -> Answer:
    method = "GET" if body is None else "POST"
    req = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return Answer(response.status, response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.read())


@dataclass
class Server:
    bot: ServedBot
    base: str
    slack: FakeSlack
    connector: FakeConnector
    database_url: str

    def quietly(self, send: Any) -> Answer:
        """Send one request; what the server printed meanwhile: no traceback, one line at most."""
        mark = len(self.bot.output)
        answer = send()
        printed = _settled(self.bot, mark)
        assert not any("Traceback" in line for line in printed), "\n".join(printed)
        assert len(printed) <= 1, "\n".join(printed)
        assert self.bot.proc.poll() is None
        return answer

    def count(self, table: Any) -> int:
        engine = make_engine(self.database_url)
        try:
            with engine.connect() as conn:
                return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)
        finally:
            engine.dispose()


#: A Python warning printed when the garbage collector happens to run (its source line
#: and tracemalloc's hint follow it): not a log line of the request being checked.
_WARNING = re.compile(r"^\S+:\d+: \w+Warning: ")


def _settled(bot: ServedBot, mark: int, quiet: float = 0.2, limit: float = 3.0) -> list[str]:
    """The lines printed since `mark`, once nothing new has come for `quiet` seconds
    (Python warnings left out)."""
    deadline = time.monotonic() + limit
    seen, last = len(bot.output), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.02)
        if len(bot.output) != seen:
            seen, last = len(bot.output), time.monotonic()
        elif time.monotonic() - last >= quiet:
            break
    printed, skip = [], 0
    for line in bot.output[mark:]:
        if _WARNING.match(line):
            skip = 2
        elif skip and (line.startswith("  ") or "tracemalloc" in line):
            skip -= 1
        else:
            printed.append(line)
    return printed


def _env(tmp: Path, port: int, slack: FakeSlack, **extra: str) -> dict[str, str]:
    env = environment(
        f"sqlite:///{tmp / 'datadialog.db'}",
        DATADIALOG_PORT=str(port),
        DATADIALOG_HOST="127.0.0.1",
        DATADIALOG_DEV_MODE="true",
        DATADIALOG_REMINDER_TICK_SECONDS="3600",
        DATADIALOG_SLACK_API_URL=slack.api_url,
        DATADIALOG_TEAMS_PUBLIC_URL=f"http://127.0.0.1:{port}",  # chart links are served
        SLACK_BOT_TOKEN="xoxb-test-bot-token",
        SLACK_SIGNING_SECRET=SECRET,
        TEAMS_APP_ID=APP_ID,
    )
    for key in (
        "SLACK_APP_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "TEAMS_APP_PASSWORD",
        "TEAMS_TENANT_ID", "DATADIALOG_CHART_LINK_SECRET",
    ):  # fmt: skip
        env.pop(key, None)
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("malformed")
    slack = FakeSlack(names={"U0LEA": "Lea"}).start()
    connector = FakeConnector().start()
    port = free_port()
    env = _env(tmp, port, slack)
    bot = ServedBot(env, tmp)
    try:
        bot.wait_for("/slack/events")
        url = env["DATADIALOG_DATABASE_URL"]
        yield Server(bot, f"http://127.0.0.1:{port}", slack, connector, url)
    finally:
        bot.stop()
        connector.stop()
        slack.stop()
    assert not any("Traceback" in line for line in bot.output), "\n".join(bot.output)


# Slack ----------------------------------------------------------------------------------

#: What a body holds; each goes as a JSON body (Events API) and as the `payload=` of a form
#: (interactivity), signed and unsigned.
SLACK_JUNK: dict[str, bytes] = {
    "non-UTF-8": b'{"type": "event_callback", "event": "\xff\xfe"}',
    "invalid JSON": b'{"type": "event_callback",',
    "JSON 10,000 deep": b"[" * 10_000 + b"]" * 10_000,
    "JSON array": b'[{"type": "event_callback"}]',
    "JSON string": b'"event_callback"',
}
#: Signed bodies that parse but are no request Bolt can read: refused (400) all the same.
SLACK_SIGNED_ONLY: dict[str, tuple[str, bytes]] = {
    "JSON object 500 deep": ("application/json", b'{"a":' * 500 + b"1" + b"}" * 500),
    "payload object 100 deep": (
        "application/x-www-form-urlencoded",
        b"payload=" + quote_from_bytes(b'{"a":' * 100 + b"1" + b"}" * 100).encode(),
    ),
    "payload number": ("application/x-www-form-urlencoded", b"payload=1e309"),
    "payload percent-encoded non-UTF-8": ("application/x-www-form-urlencoded", b"payload=%FF%FE"),
}


def slack_body(kind: str, carrier: str) -> tuple[str, bytes]:
    raw = SLACK_JUNK[kind]
    if carrier == "events":
        return "application/json", raw
    # Interactivity: a form whose `payload` is JSON; raw bytes when they are not UTF-8.
    encoded = raw if kind == "non-UTF-8" else quote_from_bytes(raw).encode()
    return "application/x-www-form-urlencoded", b"payload=" + encoded


def slack_headers(
    content_type: str, body: bytes, *, signed: bool, timestamp: str | None = None
) -> dict[str, str]:
    ts = timestamp if timestamp is not None else str(int(time.time()))
    headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts}
    secret = SECRET if signed else "not-the-secret"
    base = b"v0:" + ts.encode() + b":" + body
    headers["X-Slack-Signature"] = (
        "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    )
    return headers


SLACK_CASES = [
    pytest.param(kind, carrier, signed, 400 if signed else 401, id=f"{kind}-{carrier}-{label}")
    for kind in SLACK_JUNK
    for carrier in ("events", "payload")
    for signed, label in ((True, "signed"), (False, "unsigned"))
]


def send_slack(server: Server, content_type: str, body: bytes, headers: dict[str, str]) -> Answer:
    mark = server.slack.mark()
    answer = server.quietly(lambda: request(f"{server.base}/slack/events", body, headers))
    assert server.slack.since(mark) == []  # nothing sent to Slack
    assert server.count(InboxRow) == 0 and server.count(GroupRow) == 0
    return answer


@pytest.mark.parametrize(("kind", "carrier", "signed", "status"), SLACK_CASES)
def test_junk_slack_bodies_are_refused_before_bolt_reads_them(
    server: Server, kind: str, carrier: str, signed: bool, status: int
) -> None:
    content_type, body = slack_body(kind, carrier)
    headers = slack_headers(content_type, body, signed=signed)
    assert send_slack(server, content_type, body, headers).status == status


@pytest.mark.parametrize("name", list(SLACK_SIGNED_ONLY))
def test_signed_bodies_bolt_cannot_read_as_an_object_are_400(server: Server, name: str) -> None:
    content_type, body = SLACK_SIGNED_ONLY[name]
    headers = slack_headers(content_type, body, signed=True)
    assert send_slack(server, content_type, body, headers).status == 400


@pytest.mark.parametrize(
    "timestamp",
    ["²", "9" * 5_000, "", "-1", " 1 ", "1e3", str(int(time.time()) - 6 * 60)],
    ids=["superscript", "5000 digits", "empty", "negative", "spaces", "float", "stale"],
)
def test_a_timestamp_that_is_no_recent_number_is_401_even_when_signed(
    server: Server, timestamp: str
) -> None:
    body = b"command=%2Fdialog&text=help&user_id=U0LEA&channel_id=C0NORD&team_id=T0"
    content_type = "application/x-www-form-urlencoded"
    headers = slack_headers(content_type, body, signed=True, timestamp=timestamp)
    assert send_slack(server, content_type, body, headers).status == 401


def test_a_request_without_signature_headers_is_401(server: Server) -> None:
    body = b'{"type": "url_verification", "challenge": "x"}'
    answer = send_slack(server, "application/json", body, {"Content-Type": "application/json"})
    assert answer.status == 401


def test_a_signed_well_formed_request_still_reaches_bolt(server: Server) -> None:
    body = b'{"type": "url_verification", "challenge": "hello", "token": "x"}'
    headers = slack_headers("application/json", body, signed=True)
    answer = send_slack(server, "application/json", body, headers)
    assert answer.status == 200 and "hello" in answer.text


# Teams ------------------------------------------------------------------------------------

DROP = object()


def activity(server: Server, **changes: Any) -> dict[str, Any]:
    """A well-formed message in Lea's personal chat, with `changes` (DROP removes a key)."""
    found: dict[str, Any] = {
        "type": "message",
        "id": f"f:{uuid.uuid4().hex}",
        "timestamp": datetime.now(UTC).isoformat(),
        "serviceUrl": server.connector.url,
        "channelId": "msteams",
        "from": {"id": LEA, "name": "Lea"},
        "conversation": {"id": personal_chat_id(LEA), "conversationType": "personal"},
        "recipient": {"id": f"28:{APP_ID}", "name": "Datadialog"},
        "channelData": {"tenant": {"id": TENANT}},
        "text": "help",
    }
    for key, value in changes.items():
        key = {"from_": "from"}.get(key, key)
        if value is DROP:
            found.pop(key, None)
        else:
            found[key] = value
    return found


def card_press(server: Server, verb: str, data: dict[str, Any]) -> dict[str, Any]:
    """Action.Execute on a card: an `adaptiveCard/action` invoke."""
    value = {"action": {"type": "Action.Execute", "verb": verb, "data": data}}
    return activity(server, type="invoke", name="adaptiveCard/action", value=value, text=DROP)


def json_body(value: Any) -> bytes:
    return json.dumps(value).encode()


#: Activities that are not what the Bot Connector sends: 400, nothing stored or sent.
TEAMS_MALFORMED: dict[str, Any] = {
    "missing serviceUrl": lambda s: json_body(activity(s, serviceUrl=DROP)),
    "missing type": lambda s: json_body(activity(s, type=DROP)),
    "numeric type": lambda s: json_body(activity(s, type=5)),
    "numeric text": lambda s: json_body(activity(s, text=5)),
    "conversation.id null": lambda s: json_body(activity(s, conversation={"id": None})),
    "conversation a string": lambda s: json_body(activity(s, conversation="a:1")),
    "missing from": lambda s: json_body(activity(s, from_=DROP)),
    "an array": lambda s: json_body([activity(s)]),
    "a string": lambda s: json_body("message"),
    "invoke without name": lambda s: json_body(activity(s, type="invoke", text=DROP)),
    "invoke numeric name": lambda s: json_body(activity(s, type="invoke", name=1, text=DROP)),
    "membersAdded null": lambda s: json_body(
        activity(s, type="conversationUpdate", membersAdded=None, text=DROP)
    ),
    "membersAdded a string": lambda s: json_body(
        activity(s, type="conversationUpdate", membersAdded="28:x", text=DROP)
    ),
    "serviceUrl not http": lambda s: json_body(activity(s, serviceUrl="file:///etc/passwd")),
    "serviceUrl a number": lambda s: json_body(activity(s, serviceUrl=1)),
    "timestamp not a time": lambda s: json_body(activity(s, timestamp="yesterday")),
    "entities a string": lambda s: json_body(activity(s, entities="x")),
    "channel id conflict": lambda s: json_body(  # the SDK raises a bare Exception for this
        activity(s, channelId="msteams:a", entities=[{"type": "ProductInfo", "id": "b"}])
    ),
    "not JSON": lambda s: b'{"type": "message",',
    "non-UTF-8": lambda s: b'{"type": "message", "text": "\xff\xfe"}',
    "JSON 10,000 deep": lambda s: b"[" * 10_000 + b"]" * 10_000,
    "empty body": lambda s: b"",
}


def send_teams(server: Server, body: bytes) -> Answer:
    headers = {"Content-Type": "application/json"}
    return server.quietly(lambda: request(f"{server.base}/api/messages", body, headers))


@pytest.mark.parametrize("name", list(TEAMS_MALFORMED))
def test_malformed_teams_activities_are_400_and_change_nothing(server: Server, name: str) -> None:
    mark = len(server.connector.calls)
    answer = send_teams(server, TEAMS_MALFORMED[name](server))
    assert answer.status == 400
    assert server.connector.calls[mark:] == []
    for table in (InboxRow, TeamsConversationRow, GroupRow):
        assert server.count(table) == 0


#: Card data that cannot be read: the press is answered, the presser told why, nothing done.
BAD_BUTTON = "I cannot read that button"
USAGE = "Usage:"


def setup(**fields: str) -> tuple[str, dict[str, Any], str]:
    return "setup", {"name": "Nord", **fields}, BAD_BUTTON if "level" in fields else USAGE


CARD_DATA: dict[str, tuple[str, dict[str, Any], str]] = {
    'meeting "abc"': ("prep", {"meeting": "abc"}, BAD_BUTTON),
    'meeting "²"': ("prep", {"meeting": "²"}, BAD_BUTTON),
    "meeting 1e309": ("prep", {"meeting": float("inf")}, BAD_BUTTON),
    "meeting NaN": ("prep", {"meeting": float("nan")}, BAD_BUTTON),
    "meeting a list": ("prep", {"meeting": []}, BAD_BUTTON),
    "meeting true": ("prep", {"meeting": True}, BAD_BUTTON),
    'form meeting "abc"': ("form", {"form": "proposetheme", "meeting": "abc"}, BAD_BUTTON),
    'cadence "1e309"': setup(cadence="1e309"),
    'cadence "inf"': setup(cadence="inf"),
    'cadence "NaN"': setup(cadence="NaN"),
    'cadence "²"': setup(cadence="²"),
    'level "boss"': setup(level="boss"),
    'vote token "²"': ("castvote", {"command": "castvote:²:1"}, BAD_BUTTON),
}


@pytest.mark.parametrize("name", list(CARD_DATA))
def test_card_data_that_cannot_be_read_is_refused_to_the_presser(server: Server, name: str) -> None:
    verb, data, refusal = CARD_DATA[name]
    mark = len(server.connector.calls)
    answer = send_teams(server, json_body(card_press(server, verb, data)))
    assert answer.status == 200, answer.text
    sent = answer.text + "".join(call.dump for call in server.connector.calls[mark:])
    assert refusal in sent, sent
    assert server.count(GroupRow) == 0


def test_a_card_data_refusal_also_reaches_an_action_submit(server: Server) -> None:
    """The Action.Submit fallback (a message carrying the data) is refused the same way."""
    mark = len(server.connector.calls)
    message = activity(server, value={"verb": "prep", "meeting": "abc"}, text=DROP)
    answer = send_teams(server, json_body(message))
    assert answer.status == 202
    deadline = time.monotonic() + 10
    while BAD_BUTTON not in "".join(c.dump for c in server.connector.calls[mark:]):
        assert time.monotonic() < deadline, "the presser was never told"
        time.sleep(0.05)


def test_a_well_formed_activity_is_still_answered(server: Server) -> None:
    mark = len(server.connector.calls)
    answer = send_teams(server, json_body(activity(server, text="help")))
    assert answer.status == 202
    deadline = time.monotonic() + 10
    while not server.connector.calls[mark:]:
        assert time.monotonic() < deadline, "no help card was sent"
        time.sleep(0.05)


@pytest.mark.parametrize("path", ["/slack/events", "/api/messages"])
def test_a_body_over_the_size_limit_is_413(server: Server, path: str) -> None:
    body = b'{"a": "' + b"x" * (3 * 1024 * 1024) + b'"}'
    headers = slack_headers("application/json", body, signed=True)
    answer = server.quietly(lambda: request(f"{server.base}{path}", body, headers))
    assert answer.status == 413


# Chart links ------------------------------------------------------------------------------

CHART = "/charts/" + "a" * 64 + ".png"


@pytest.mark.parametrize(
    "exp",
    ["²", "9" * 5_000, "١٢٣٤٥٦٧٨٩٠", "-1", "1e309", "", "9" * 13],
    ids=["superscript", "5000 digits", "arabic digits", "negative", "float", "empty", "13 nines"],
)
def test_a_chart_link_whose_expiry_is_no_plain_number_is_refused(server: Server, exp: str) -> None:
    url = f"{server.base}{CHART}?exp={quote_from_bytes(exp.encode())}&sig={'0' * 64}"
    assert server.quietly(lambda: request(url, None)).status == 403


def test_a_chart_link_signed_with_the_public_app_id_is_refused(server: Server) -> None:
    """In dev mode without DATADIALOG_CHART_LINK_SECRET the key is random, never the app id."""
    key = "a" * 64
    expires = int((datetime.now(UTC) + timedelta(days=3650)).timestamp())
    forged = hmac.new(derive_secret(APP_ID), f"{key}.{expires}".encode(), hashlib.sha256)
    url = f"{server.base}/charts/{key}.png?exp={expires}&sig={forged.hexdigest()}"
    assert server.quietly(lambda: request(url, None)).status == 403


# Outside dev mode the token comes first ----------------------------------------------------


def test_outside_dev_mode_junk_without_a_token_is_401_before_it_is_read(tmp_path) -> None:
    slack = FakeSlack(names={}).start()
    port = free_port()
    env = _env(tmp_path, port, slack, DATADIALOG_DEV_MODE="false", TEAMS_APP_PASSWORD="pw")
    bot = ServedBot(env, tmp_path)
    try:
        bot.wait_for("/slack/events")
        url = f"http://127.0.0.1:{port}/api/messages"
        for body in (b"\xff\xfe", b"[" * 10_000, b"[]", b'{"type": 5}'):
            mark = len(bot.output)
            answer = request(url, body, {"Content-Type": "application/json"})
            assert answer.status == 401
            printed = _settled(bot, mark)
            assert len(printed) <= 1 and "Traceback" not in "\n".join(printed)
    finally:
        assert bot.stop() == 0
        slack.stop()
    assert "Traceback" not in "\n".join(bot.output)
