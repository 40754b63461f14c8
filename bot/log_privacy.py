"""Logging that keeps tokens, secrets and what people typed out of every log line.

`install` (called once at process start, by `bot.cli_support.settings_or_exit`)
configures the root logger: one stderr handler at DATADIALOG_LOG_LEVEL, and a
`RedactingFilter` on every root handler. The filter rewrites each record before any
handler formats it:

* every record, at every level: Slack tokens (xoxb-, xoxp-, xapp-, xoxe.xoxp-, ...),
  `Bearer ...` and `Authorization: ...` values, JWTs, `client_secret=`, `code=`,
  `token=`, `sig=`, `ticket=` (and the like) parameters, passwords in URLs and the
  configured secrets' actual values (every `SecretStr` setting, the database password)
  become `***`. Tracebacks too, where SQLAlchemy's `[parameters: ...]` and pydantic's
  `input_value=...` (the values being saved or checked: what people typed) are dropped.
* records of other libraries' loggers (slack_sdk, slack_bolt, aiohttp,
  microsoft_agents, SQLAlchemy, ...), which log whole request and response bodies at
  DEBUG, at every level: a finished message (an f-string) keeps its text up to the
  first body (`{`, `[`, `body:`, `params:`, `data:`, `payload=`, a form-encoded
  `a=b&c=d`, ...) and says `<body redacted>` for the rest; of the values filled into a
  `%s` template, only numbers and single technical words (ids, URLs, method names)
  stay, the rest is `<redacted>`.

Datadialog's own loggers (bot, flows, storage, charts, config) keep their message;
their log calls name ids, kinds and error types, never what people typed.
"""

from __future__ import annotations

import contextlib
import logging
import re
import sys
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import make_url

from config.settings import Settings

#: Loggers whose messages are Datadialog's own (no bodies, no user text by design).
OWN = ("bot", "flows", "storage", "charts", "config", "__main__")
#: Libraries whose DEBUG lines are noise (font matching): INFO at the least.
NOISY = ("matplotlib",)
HIDDEN = "***"
BODY = "<body redacted>"
VALUE = "<redacted>"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
#: Configured secrets shorter than this are only hidden by the patterns, not everywhere.
MIN_SECRET = 4
_DONE = "_datadialog_redacted"
_OURS = "_datadialog_handler"

_NAMES = (
    r"client_secret|client_assertion|code|token|access_token|refresh_token|id_token"
    r"|bot_token|app_token|password|passwd|secret|signing_secret|sig|signature|ticket|state"
)
#: (pattern, replacement) applied to every message, traceback and stack.
_SECRETS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bx(?:ox[a-z]|app|wf[a-z])(?:\.xox[a-z])?-[\w.-]*"), HIDDEN),
    (re.compile(r"\beyJ[\w-]*\.[\w-]+\.[\w-]*"), HIDDEN),
    (re.compile(r"(?i)(\bbearer\s+)[^\s'\",;)}\]]+"), rf"\1{HIDDEN}"),
    (re.compile(r"(?i)(\bauthorization[\"']?\s*[:=]\s*[\"']?)[^\"'\n,}]+"), rf"\1{HIDDEN}"),
    (re.compile(rf"(?i)(\b(?:{_NAMES})=)[^&\s\"',;)}}\]]+"), rf"\1{HIDDEN}"),
    (re.compile(rf"(?i)([\"']?\b(?:{_NAMES})[\"']?\s*:\s*[\"'])[^\"']*"), rf"\1{HIDDEN}"),
    (re.compile(r"(\b[A-Za-z][\w+.-]*://[^:/@\s]*:)[^\s@/]+@"), rf"\1{HIDDEN}@"),
)
#: Where a body starts in another library's message: the text from here on is dropped.
_BODY_START = re.compile(
    r"[{\[]"
    r"|(?i:\b(?:body|payload|data|json|params|files|headers|message|event|text|content"
    r"|activity|blocks|view|values|form)\b\s*[:=]\s*)"
    r"|[\w.%-]+=[^\s&]*&"
)
#: What of a `%s` value in another library's message may stay: one technical word.
_TECHNICAL = re.compile(r"[\w.:/@%+=,#-]{1,200}")
_LOOKS_TECHNICAL = re.compile(r"[\d.:/_@-]")
#: Values in exception texts that are what was being saved or checked.
_EXCEPTION_VALUES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"\[parameters: .*?(?=\n\(Background on this error|\Z)", re.S),
        "[parameters: ***]",
    ),
    (re.compile(r"input_value=.*?(?=, input_type=|\n|\Z)"), f"input_value={VALUE}"),
)


class RedactingFilter(logging.Filter):
    """Rewrites records so that no token, secret or body reaches a handler; keeps them all."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        found = {s for s in secrets if len(s) >= MIN_SECRET}
        self.secrets = sorted(found, key=len, reverse=True)  # a longer one may contain another

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, _DONE, False):
            return True
        try:
            message = record.getMessage() if _is_own(record.name) else _library_message(record)
        except Exception:  # a broken log call: its template, never its values
            message = drop_body(str(record.msg))
        record.msg, record.args = self.hide(scrub_exception(message)), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.hide(scrub_exception(record.exc_text))
        if record.stack_info:
            record.stack_info = self.hide(record.stack_info)
        setattr(record, _DONE, True)
        return True

    def hide(self, text: str) -> str:
        """`text` with every configured secret and every token-shaped value as ***."""
        for secret in self.secrets:
            text = text.replace(secret, HIDDEN)
        return hide_tokens(text)


def hide_tokens(text: str) -> str:
    """`text` with tokens, authorization values, JWTs and secret parameters as ***."""
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


def drop_body(text: str) -> str:
    """`text` up to where a request or response body starts, then `<body redacted>`."""
    found = _BODY_START.search(text)
    if found is None:
        return text
    cut = found.end() if found.group().rstrip().endswith((":", "=")) else found.start()
    return text[:cut] + BODY


def scrub_exception(text: str) -> str:
    """A traceback without the values SQLAlchemy and pydantic show in their errors."""
    for pattern, replacement in _EXCEPTION_VALUES:
        text = pattern.sub(replacement, text)
    return text


def safe_value(value: Any) -> Any:
    """A `%s` value of another library's message as it may be logged."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, BaseException):
        return f"{type(value).__name__}: {drop_body(scrub_exception(str(value)))}"
    if isinstance(value, str) and _technical(value):
        return value
    return VALUE


def _technical(value: str) -> bool:
    return bool(_TECHNICAL.fullmatch(value) and _LOOKS_TECHNICAL.search(value))


def _library_message(record: logging.LogRecord) -> str:
    """Another library's message: a `%s` template (code) with its values made safe, or a
    finished message (an f-string: code and values in one) cut where a body starts."""
    template, args = record.msg, record.args
    if not isinstance(template, str):
        return BODY  # a dict or object logged as the message is a body
    if not args:
        return drop_body(template)
    if isinstance(args, Mapping):  # `%(name)s` values, or one dict for a `%s`
        named = "%(" in template
        return template % ({k: safe_value(v) for k, v in args.items()} if named else VALUE)
    return template % tuple(safe_value(v) for v in args)


def _is_own(name: str) -> bool:
    return name in OWN or name.startswith(tuple(f"{own}." for own in OWN))


def secret_values(settings: Settings | None) -> list[str]:
    """The actual values of every `SecretStr` setting and of the database password."""
    if settings is None:
        return []
    found = []
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if hasattr(value, "get_secret_value"):
            found.append(str(value.get_secret_value()))
    with contextlib.suppress(Exception):  # the settings checked the URL; else no password
        found.append(make_url(settings.database_url).password or "")
    return [value for value in found if value]


def install(settings: Settings | None = None) -> RedactingFilter:
    """Log to stderr at the configured level, every root handler behind a `RedactingFilter`.

    Safe to call again (the handler is added once, the filter replaced)."""
    root = logging.getLogger()
    if not any(getattr(handler, _OURS, False) for handler in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(FORMAT))
        setattr(handler, _OURS, True)
        root.addHandler(handler)
    redacting = RedactingFilter(secret_values(settings))
    for handler in root.handlers:
        for old in [f for f in handler.filters if isinstance(f, RedactingFilter)]:
            handler.removeFilter(old)
        handler.addFilter(redacting)
    root.setLevel(settings.log_level if settings is not None else logging.WARNING)
    for name in NOISY:  # hundreds of lines per chart at DEBUG, none about Datadialog
        logging.getLogger(name).setLevel(max(root.level, logging.INFO))
    return redacting


__all__ = ["RedactingFilter", "drop_body", "hide_tokens", "install", "secret_values"]
