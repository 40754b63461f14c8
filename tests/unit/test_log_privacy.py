"""The logging filter: no token, secret or typed text gets past it, at any level."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from bot.log_privacy import BODY, RedactingFilter, install, secret_values
from config.settings import load_settings

TYPED = "Calm evenings four days a week"
TOKEN = "xoxb-1234-5678-AbCdEfGh"
JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJib3QiLCJhdWQiOiJ4In0.c2lnbmF0dXJlLWJ5dGVz"


def logged(name: str, level: int, msg: object, *args: object, **kw: object) -> str:
    """What a handler behind the filter writes for one log call on logger `name`."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(RedactingFilter(["s3cr3t-signing", "app-password-1"]))
    logger = logging.getLogger(name)
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    try:
        logger.log(level, msg, *args, **kw)  # type: ignore[arg-type]
    finally:
        logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)
        logger.propagate = True
    return out.getvalue()


def test_a_slack_sdk_request_keeps_its_url_and_loses_its_body() -> None:
    line = logged(
        "slack_sdk.web.async_base_client",
        logging.DEBUG,
        "Sending a request - url: POST https://slack.com/api/chat.postMessage, params: {}, "
        f"files: {{}}, data: {{}}, json: {{'channel': 'C0NORD', 'text': '{TYPED}', "
        f"'token': '{TOKEN}'}}, proxy: None, headers: {{'Authorization': 'Bearer {TOKEN}'}}",
    )
    assert line.startswith("Sending a request - url: POST https://slack.com/api/chat.postMessage")
    assert BODY in line
    assert TYPED not in line and "xoxb" not in line and "C0NORD" not in line


def test_a_slack_sdk_response_body_is_dropped() -> None:
    line = logged(
        "slack_sdk.web.async_internal_utils",
        logging.DEBUG,
        "Received the following response - status: 200, headers: {'x': 'y'}, "
        f"body: {{'ok': True, 'message': {{'text': '{TYPED}'}}}}",
    )
    assert line == f"Received the following response - status: 200, headers: {BODY}\n"


@pytest.mark.parametrize(
    "message",
    [
        f'Responding with status: 200 body: "{TYPED}" (5 millis)',
        "Unhandled request (token=abc&team_id=T0&text=Calm+evenings+four+days&command=%2Fdialog)",
        f"on_message invoked: (message: {TYPED})",
        f"Skipped self event: {{'text': '{TYPED}'}}",
        f"Received message (type: TEXT, data: '{TYPED}', ...)",
    ],
)
def test_bolt_and_socket_mode_bodies_are_dropped(message: str) -> None:
    line = logged("slack_bolt.App", logging.DEBUG, message)
    assert BODY in line
    assert "Calm" not in line and "evenings" not in line


def test_a_dict_logged_as_the_message_is_a_body() -> None:
    assert logged("slack_bolt.App", logging.INFO, {"text": TYPED}) == BODY + "\n"


def test_values_filled_into_a_library_message_stay_only_when_technical() -> None:
    line = logged(
        "sqlalchemy.engine.Engine", logging.INFO, "[%s] %r", "generated in 0.001s", (TYPED, 3)
    )
    assert TYPED not in line
    line = logged(
        "microsoft_agents.hosting.core.connector.client",
        logging.INFO,
        "Uploading attachment to conversation: %s, Attachment name: %s, size %d",
        "a:1Xy-conversation",
        "Evening routines plan.csv",
        42,
    )
    assert line == (
        "Uploading attachment to conversation: a:1Xy-conversation, "
        "Attachment name: <redacted>, size 42\n"
    )
    assert "Routines" not in logged("asyncio", logging.DEBUG, "Took: %s", "Routines")


def test_a_library_template_keeps_its_ids_and_loses_headers_and_dicts() -> None:
    name = "microsoft_agents.hosting.core.connector.client.connector_client"
    line = logged(
        name,
        logging.INFO,
        "Replying to activity: %s in conversation: %s. Activity type is %s",
        "1:abc-42",
        "19:nord-general@thread.tacv2",
        "message",
    )
    assert line == (
        "Replying to activity: 1:abc-42 in conversation: 19:nord-general@thread.tacv2. "
        "Activity type is <redacted>\n"
    )
    line = logged(
        name,
        logging.DEBUG,
        "ConnectorClient initialized with endpoint: %s and headers: %s",
        "https://smba.trafficmanager.net/emea/",
        {"Authorization": f"Bearer {JWT}", "User-Agent": "x"},
    )
    assert line == (
        "ConnectorClient initialized with endpoint: https://smba.trafficmanager.net/emea/ "
        "and headers: <redacted>\n"
    )
    line = logged(name, logging.DEBUG, "%(what)s: %(text)s", {"what": "v3.reply", "text": TYPED})
    assert line == "v3.reply: <redacted>\n"


@pytest.mark.parametrize(
    ("message", "kept"),
    [
        (f"Authorization: Bearer {TOKEN}", "Authorization: ***"),
        ("headers {'Authorization': 'Basic dXNlcjpwYXNzd29yZA=='}", "'Authorization': '***'"),
        ("sent with bearer abc.def-ghi", "bearer ***"),
        (f"got {JWT} from Teams", "got *** from Teams"),
        ("GET /slack/oauth_redirect?code=4711.abc&state=xyz9", "?code=***&state=***"),
        ("POST client_id=1.2&client_secret=shh-very&grant_type=x", "client_secret=***&"),
        ("link /charts/ab.png?exp=99&sig=deadbeef", "exp=99&sig=***"),
        ("params {'client_secret': 'shh-very', 'code': '4711'}", "'code': '***'"),
        ("db postgresql+psycopg://dd:pa55word@db/dd", "postgresql+psycopg://dd:***@db/dd"),
        ("the signing secret s3cr3t-signing", "the signing secret ***"),
        ("password app-password-1 used", "password *** used"),
    ],
)
def test_own_messages_keep_their_text_and_lose_their_secrets(message: str, kept: str) -> None:
    line = logged("bot.slack.app", logging.WARNING, message)
    assert kept in line
    for secret in (TOKEN, "dXNlcjpw", "abc.def", JWT, "4711", "xyz9", "shh", "deadbeef"):
        assert secret not in line
    assert "pa55word" not in line and "s3cr3t" not in line and "app-password" not in line


@pytest.mark.parametrize(
    "token",
    [
        TOKEN,
        "xoxp-1-2-3-abcdef",
        "xapp-1-A0DIALOG-123-abcdef",
        "xoxe.xoxp-1-Mi0yLTEyMw",
        "xoxe-1-My0xLTEyMw",
        "xoxr-refresh-123",
    ],
)
def test_every_slack_token_shape_is_hidden_at_every_level(token: str) -> None:
    for level in (logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR):
        for name in ("bot.web", "slack_sdk.web.base_client"):
            line = logged(name, level, "token %s and %s", token, f"'{token}'")
            assert token not in line and token[5:] not in line, line


def test_tracebacks_lose_tokens_and_the_values_being_saved() -> None:
    error = RuntimeError(
        f"(sqlite3.IntegrityError) NOT NULL failed for {TOKEN}\n"
        "[SQL: INSERT INTO points (text, kind) VALUES (?, ?)]\n"
        f"[parameters: ('{TYPED}', 'positive')]\n"
        "(Background on this error at: https://sqlalche.me/e/20/gkpj)"
    )
    try:
        raise error
    except RuntimeError:
        line = logged("bot.slack.app", logging.ERROR, "Slack request failed", exc_info=True)
    assert "Traceback" in line and "[SQL: INSERT INTO points" in line
    assert "[parameters: ***]" in line and "Background on this error" in line
    assert TYPED not in line and TOKEN not in line

    try:
        raise ValueError(f"1 validation error\ntext\n  input_value='{TYPED}', input_type=str")
    except ValueError:
        line = logged("microsoft_agents.activity", logging.ERROR, "bad activity", exc_info=True)
    assert "input_value=<redacted>, input_type=str" in line and TYPED not in line


def test_a_record_through_two_handlers_is_redacted_once() -> None:
    outs = [io.StringIO(), io.StringIO()]
    logger = logging.getLogger("slack_sdk.twice")
    logger.propagate = False
    handlers = [logging.StreamHandler(out) for out in outs]
    for handler in handlers:
        handler.addFilter(RedactingFilter())
        logger.addHandler(handler)
    try:
        logger.warning("response body: %s", TYPED)
    finally:
        for handler in handlers:
            logger.removeHandler(handler)
        logger.propagate = True
    assert [out.getvalue() for out in outs] == ["response body: <redacted>\n"] * 2


def test_secret_values_are_every_secret_setting_and_the_database_password() -> None:
    settings = load_settings(
        _env_file=None,
        slack_bot_token=TOKEN,
        slack_signing_secret="signing-1",
        slack_client_secret="client-1",
        slack_app_token="xapp-1-2",
        teams_app_password="teams-pw-1",
        database_url="postgresql+psycopg://dd:pa55word@db/dd",
    )
    assert set(secret_values(settings)) >= {
        TOKEN,
        "signing-1",
        "client-1",
        "xapp-1-2",
        "teams-pw-1",
        "pa55word",
    }
    assert secret_values(None) == []


@pytest.fixture
def root_logging() -> Iterator[logging.Logger]:
    root, noisy = logging.getLogger(), logging.getLogger("matplotlib")
    handlers, level, noisy_level = list(root.handlers), root.level, noisy.level
    filters = {h: list(h.filters) for h in handlers}
    try:
        yield root
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
        noisy.setLevel(noisy_level)
        for handler, kept in filters.items():
            handler.filters[:] = kept


def test_install_puts_every_root_handler_behind_one_filter(root_logging: logging.Logger) -> None:
    before = logging.StreamHandler(io.StringIO())
    root_logging.addHandler(before)
    settings = load_settings(_env_file=None, log_level="debug", slack_signing_secret="signing-1")
    install(settings)
    install(settings)  # again: still one handler of ours, one filter each
    ours = [h for h in root_logging.handlers if getattr(h, "_datadialog_handler", False)]
    assert len(ours) == 1
    assert root_logging.level == logging.DEBUG
    assert logging.getLogger("matplotlib").level == logging.INFO
    for handler in root_logging.handlers:
        assert len([f for f in handler.filters if isinstance(f, RedactingFilter)]) == 1
    logging.getLogger("bot.test").debug("secret %s", "signing-1")
    stream = before.stream
    assert isinstance(stream, io.StringIO)
    assert stream.getvalue() == "secret ***\n"
