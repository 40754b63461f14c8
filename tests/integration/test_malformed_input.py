"""The checks behind the refusals of tests/e2e/test_malformed_input.py, case by case:
Slack signatures and bodies, Teams activity shapes, card numbers, chart-link expiries
and the chart-link key (a secret setting, never the public app id)."""

from __future__ import annotations

import hashlib
import hmac
import time
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.chart_links import ChartLinks, derive_secret, link_secret
from bot.request_checks import (
    MAX_DEPTH,
    Malformed,
    activity_problem,
    json_object,
    slack_request,
    slack_signed,
)
from bot.teams import translate
from bot.teams.translate import Where
from config.settings import Settings
from flows.errors import InvalidInput
from flows.forms import FieldError
from flows.model import Group, Level, Member, Role

SECRET = "signing-secret"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def signed(body: bytes, timestamp: str | None = None, secret: str = SECRET) -> dict[str, str]:
    ts = str(int(time.time())) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256)
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": "v0=" + mac.hexdigest()}


# Slack ------------------------------------------------------------------------------------


def test_a_slack_signature_is_checked_on_the_raw_bytes() -> None:
    body = b'{"type": "event_callback", "x": "\xff"}'  # not UTF-8: still checked, not decoded
    assert slack_signed(SECRET, body, signed(body))
    assert not slack_signed(SECRET, body, signed(body, secret="another"))
    assert not slack_signed(SECRET, body + b" ", signed(body))
    assert not slack_signed("", body, signed(body, secret=""))  # no secret: nothing is signed
    assert not slack_signed(SECRET, body, {})


@pytest.mark.parametrize(
    "timestamp", ["²", "9" * 5_000, "", "-1", " 1", "1e3", "١٢٣", str(int(time.time()) - 301)]
)
def test_a_slack_timestamp_must_be_recent_ascii_digits(timestamp: str) -> None:
    body = b"command=%2Fdialog"
    assert not slack_signed(SECRET, body, signed(body, timestamp))


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", b"\xff\xfe"),
        ("application/json", b'{"type": '),
        ("application/json", b"[" * 10_000 + b"]" * 10_000),
        ("application/json", b"[]"),
        ("application/json", b'"x"'),
        ("application/json", b'{"a":' * (MAX_DEPTH + 1) + b"1" + b"}" * (MAX_DEPTH + 1)),
        ("application/x-www-form-urlencoded", b"payload=%5B%5D"),
        ("application/x-www-form-urlencoded", b"payload=%22x%22"),
        ("application/x-www-form-urlencoded", b"payload=%FF"),
        ("application/x-www-form-urlencoded", b"payload=" + b"%5B" * 10_000),
    ],
)
def test_a_signed_body_bolt_cannot_read_as_an_object_is_malformed(
    content_type: str, body: bytes
) -> None:
    with pytest.raises(Malformed):
        slack_request(body, "", {"Content-Type": content_type})


def test_what_slack_sends_is_handed_to_bolt() -> None:
    depth = MAX_DEPTH - 1
    nested = b'{"a":' * depth + b"1" + b"}" * depth
    assert slack_request(nested, "", {"Content-Type": "application/json"}).body["a"]
    form = b"command=%2Fdialog&text=help+me&user_id=U0LEA"
    parsed = slack_request(form, "", {"Content-Type": "application/x-www-form-urlencoded"})
    assert parsed.body["text"] == "help me"
    payload = b"payload=%7B%22type%22%3A%22block_actions%22%7D"
    assert slack_request(payload, "", {}).body == {"type": "block_actions"}


def test_json_object_refuses_all_but_a_shallow_object() -> None:
    assert json_object(b'{"a": [1, {"b": 2}]}') == {"a": [1, {"b": 2}]}
    for junk in (b"\xff", b"{", b"[]", b"1", b"[" * 10_000, b'{"a":' * 100 + b"1" + b"}" * 100):
        with pytest.raises(Malformed):
            json_object(junk)


# Teams ------------------------------------------------------------------------------------

ACTIVITY = {
    "type": "message",
    "serviceUrl": "https://smba.trafficmanager.net/emea/",
    "channelId": "msteams",
    "conversation": {"id": "a:1"},
    "from": {"id": "29:lea"},
    "text": "help",
}


@pytest.mark.parametrize(
    "changes",
    [
        {"serviceUrl": None},
        {"serviceUrl": "ftp://x"},
        {"serviceUrl": "https://"},
        {"type": None},
        {"type": ""},
        {"text": 5},
        {"conversation": {"id": None}},
        {"conversation": None},
        {"from": {}},
        {"membersAdded": None},
        {"membersRemoved": "x"},
        {"type": "invoke"},
        {"type": "invoke", "name": 1},
        {"timestamp": "yesterday"},
        {"attachments": "x"},
    ],
)
def test_an_activity_of_the_wrong_shape_is_a_problem(changes: dict) -> None:
    body = {**ACTIVITY, **changes}
    body = {k: v for k, v in body.items() if v is not None or k in ("membersAdded", "text")}
    assert activity_problem(body) is not None


def test_the_sdk_logs_nothing_about_an_activity_being_checked(caplog) -> None:
    with caplog.at_level("DEBUG"):
        assert activity_problem({**ACTIVITY, "entities": "x"}) is not None
    assert caplog.records == []


def test_an_activity_as_teams_sends_it_is_no_problem() -> None:
    assert activity_problem(ACTIVITY) is None
    invoke = {**ACTIVITY, "type": "invoke", "name": "adaptiveCard/action", "value": {}}
    assert activity_problem(invoke) is None
    update = {**ACTIVITY, "type": "conversationUpdate", "membersAdded": [{"id": "28:x"}]}
    assert activity_problem(update) is None


# Card numbers -----------------------------------------------------------------------------

GROUP = Group("Nord", Level.CITIZEN, [Member("29:lea", "Lea", Role.LEADER)], id=1)
WHERE = Where("29:lea", "teams:t", "19:c", GROUP, 7, date(2026, 12, 1))


@pytest.mark.parametrize("theme", ["1e309", "inf", "NaN", "²", "-1", "1.5", "1234567"])
def test_a_theme_number_that_is_no_plain_number_is_a_field_error(theme: str) -> None:
    data = {"form": "choosefocus", "meeting": "7", "choosefocus.theme_number": theme}
    with pytest.raises(FieldError) as refused:
        translate.card_commands("form", data, WHERE)
    assert refused.value.text.key == "error.pick_one"


@pytest.mark.parametrize("cadence", ["1e309", "inf", "-inf", "NaN", "²", "١٤", "14.5", "9" * 400])
def test_a_cadence_that_is_no_whole_number_is_refused(cadence: str) -> None:
    with pytest.raises(InvalidInput):
        translate.card_commands("setup", {"name": "Syd", "cadence": cadence}, WHERE)


def test_a_whole_cadence_is_read() -> None:
    for typed in ("21", "21.0", " 21 "):
        (command,) = translate.card_commands("setup", {"name": "Syd", "cadence": typed}, WHERE)
        assert command.cadence_days == 21  # type: ignore[attr-defined]


@pytest.mark.parametrize("meeting", ["abc", "²", float("inf"), float("nan"), True, [], {}, -3])
def test_a_meeting_that_is_no_positive_number_is_a_bad_button(meeting: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        translate.card_commands("prep", {"meeting": meeting}, WHERE)
    assert refused.value.text.key == "error.bad_button"


def test_a_meeting_number_is_read_and_none_means_the_current_one() -> None:
    assert translate.meeting_of(12) == translate.meeting_of("12") == 12
    assert translate.meeting_of(None) is translate.meeting_of("") is translate.meeting_of(0)


def test_a_level_the_card_does_not_offer_is_a_bad_button() -> None:
    with pytest.raises(InvalidInput):
        translate.card_commands("setup", {"name": "Syd", "level": "boss"}, WHERE)


# Chart links ------------------------------------------------------------------------------


@pytest.mark.storage
@pytest.mark.parametrize(
    ("expires", "signature"),
    [
        ("²", "0" * 64),
        ("9" * 5_000, "0" * 64),
        ("١٢٣٤٥٦٧٨٩٠", "0" * 64),
        ("9" * 13, "0" * 64),
        ("", "0" * 64),
        ("99999999999", "é" * 64),  # compare_digest refuses non-ASCII text with a TypeError
        ("99999999999", ""),
    ],
)
def test_a_chart_link_with_an_odd_expiry_or_signature_is_invalid(
    db, expires: str, signature: str
) -> None:
    links = ChartLinks(db.engine, derive_secret("secret"), "https://x")
    assert not links.valid("a" * 64, expires, signature, NOW)


def settings(**values: object) -> Settings:
    return Settings(teams_app_id="public-app-id", **values)  # type: ignore[arg-type]


def test_chart_links_are_signed_with_the_secret_setting(monkeypatch) -> None:
    monkeypatch.delenv("DATADIALOG_CHART_LINK_SECRET", raising=False)
    key = link_secret(settings(chart_link_secret="s3cret", teams_app_password="pw"))
    assert key == link_secret(settings(chart_link_secret="s3cret", dev_mode=True))
    assert key != link_secret(settings(chart_link_secret="other", teams_app_password="pw"))
    assert key not in (derive_secret("public-app-id"), derive_secret("pw"))


def test_without_it_links_are_signed_as_before_with_the_app_password(monkeypatch) -> None:
    monkeypatch.delenv("DATADIALOG_CHART_LINK_SECRET", raising=False)
    assert link_secret(settings(teams_app_password="pw")) == derive_secret("pw")


def test_in_dev_mode_without_a_secret_the_key_is_random_never_the_app_id(monkeypatch) -> None:
    monkeypatch.delenv("DATADIALOG_CHART_LINK_SECRET", raising=False)
    monkeypatch.delenv("TEAMS_APP_PASSWORD", raising=False)
    monkeypatch.delenv("DATADIALOG_TEAMS_APP_PASSWORD", raising=False)
    first, second = (link_secret(settings(dev_mode=True)) for _ in range(2))
    assert first != second and len(first) == 32
    assert derive_secret("public-app-id") not in (first, second)
    forged_key = derive_secret("public-app-id")
    links = ChartLinks(None, first, "https://x")  # type: ignore[arg-type]
    expires = int((NOW + timedelta(days=3650)).timestamp())
    forged = hmac.new(forged_key, f"{'a' * 64}.{expires}".encode(), hashlib.sha256).hexdigest()
    assert not links.valid("a" * 64, str(expires), forged, NOW)
