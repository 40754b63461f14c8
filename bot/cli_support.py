"""What every CLI command shares: settings, database and web address or a clean exit,
one-line failures, texts.

A broken setting (or `.env` file), a database that cannot be reached or used, a web
address that cannot be listened on and a chat platform without its secret are start-up
problems. The commands meet them through `settings_or_exit`, `open_runtime`,
`check_platforms` and `check_listen`, which raise `StartupProblem`; `run`, the
`datadialog` entry point, prints each as one line on stderr in the configured language
(Danish when the language setting itself is broken) and exits with `EXIT_CONFIG`: never a
traceback, never a URL's password.
"""

from __future__ import annotations

import errno
import io
import os
import re
import socket
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NoReturn

import typer
from dotenv import dotenv_values
from rich.console import Console
from sqlalchemy import create_engine, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from bot.log_privacy import install as install_logging
from bot.main import Runtime, start_runtime
from config.settings import ENV_PREFIX, Settings, SettingsError, load_settings
from flows.outputs import Text
from flows.text.render import LANGUAGES, Extra, render

EXIT_REFUSED = 1
EXIT_CONFIG = 2
#: Seconds the first connection to a database server may take before start-up gives up.
CONNECT_TIMEOUT_SECONDS = 10
ENV_FILE = str(Settings.model_config.get("env_file") or ".env")

err = Console(stderr=True, soft_wrap=True)

#: A password in a URL: `scheme://user:PASSWORD@host` (up to the last @ of the word).
_URL_PASSWORD = re.compile(r"(\b[A-Za-z][\w+.-]*://[^:/@\s]*:)\S*@")
#: Driver messages that mean the database server was not reached (libpq's wording).
_UNREACHABLE = (
    "connection refused",
    "could not translate host name",
    "name or service not known",
    "timeout expired",
    "no route to host",
    "network is unreachable",
    "server closed the connection",
)
#: ... and that it answered but refused the login.
_LOGIN = ("authentication failed", "role ", "pg_hba.conf", "password")


class StartupProblem(Exception):
    """Datadialog cannot start as configured. `kind` names the text (the command line's
    catalogue key ends with it), `lang` is the reader's language, `params` fill the text."""

    def __init__(self, kind: str, lang: str, **params: str) -> None:
        super().__init__(kind)
        self.kind = kind
        self.lang = lang
        self.params = params


def run(app: Callable[[], Any], texts: Mapping[str, str], extra: Extra) -> None:
    """Run the command line; a start-up problem is one line on stderr and exit code 2.

    `texts` holds the catalogue key of each kind of problem, `extra` the catalogue."""
    try:
        app()
    except StartupProblem as problem:
        line = render(Text(texts[problem.kind], dict(problem.params)), problem.lang, extra=extra)
        err.print(hide_passwords(line), markup=False, highlight=False)
        raise SystemExit(EXIT_CONFIG) from None


def fail(message: str, code: int = EXIT_REFUSED) -> NoReturn:
    """Print one friendly message on stderr and exit with `code`."""
    err.print(hide_passwords(message), markup=False, highlight=False)
    raise typer.Exit(code)


def settings_or_exit() -> Settings:
    """The settings, or a start-up problem: one line per bad setting (one line in all when
    only one is bad), or the `.env` file that cannot be read."""
    try:
        settings = load_settings()
    except SettingsError as exc:
        lang = _language_as_written()
        if len(exc.lines) == 1:
            raise StartupProblem("setting", lang, problem=exc.lines[0]) from None
        raise StartupProblem("settings", lang, problems="\n".join(exc.lines)) from None
    except UnicodeDecodeError as exc:
        where = str(Path(ENV_FILE).resolve())
        lang = _language_as_written()
        raise StartupProblem("env_file", lang, path=where, at=str(exc.start)) from None
    except OSError as exc:
        raise StartupProblem("failed", _language_as_written(), reason=str(exc)) from None
    install_logging(settings)  # stderr at DATADIALOG_LOG_LEVEL, tokens and user text redacted
    return settings


def open_runtime(settings: Settings) -> Runtime:
    """The runtime on the configured database, upgraded; or a start-up problem saying what
    is wrong with the database. A server is first reached with a short connect timeout."""
    url = make_url(settings.database_url)  # the settings checked that it parses
    try:
        if url.get_backend_name() == "postgresql":
            _reach(url)
        return start_runtime(settings)
    except Exception as exc:  # everything on the way to an open, current database
        raise _database_problem(exc, url, settings.language) from None


def check_platforms(settings: Settings, *, receiving: bool = True) -> None:
    """Slack and Teams, where configured, have the secrets they need: to send and, when
    `receiving` (serving), to verify what they are sent."""
    slack_secret = settings.slack_signing_secret.get_secret_value()
    verified = slack_secret or settings.slack_app_token.get_secret_value()
    if receiving and settings.slack_enabled and not verified:
        raise StartupProblem("slack_secret", settings.language)
    teams_password = settings.teams_app_password.get_secret_value()
    if settings.teams_enabled and not (settings.dev_mode or teams_password):
        raise StartupProblem("teams_password", settings.language)
    # Secrets at rest (issue 15): OAuth keeps every workspace's tokens, sealed with a key.
    oauth = settings.slack_enabled and not settings.slack_bot_token.get_secret_value()
    if oauth and not settings.secret_key_list():
        raise StartupProblem("secret_keys", settings.language)


def check_listen(settings: Settings) -> None:
    """Bind the web server's address once, as the server will (every address the host name
    has, IPv6 ones only for IPv6), so a port in use or an unknown host stops start-up."""
    where = {"host": settings.host, "port": str(settings.port)}
    try:
        found = socket.getaddrinfo(
            settings.host or None, settings.port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
        bound = [_bind(family, address) for family, _, _, _, address in found]
    except socket.gaierror:
        raise StartupProblem("no_address", settings.language, **where) from None
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise StartupProblem("port_in_use", settings.language, **where) from None
        reason = exc.strerror or str(exc)
        raise StartupProblem("listen_failed", settings.language, reason=reason, **where) from None
    if not any(bound):
        raise StartupProblem("no_address", settings.language, **where)


def text(settings: Settings, value: Text, extra: Extra | None = None) -> str:
    """`value` in the configured language; `extra` is an adapter's catalogue (its own keys)."""
    return render(value, settings.language, settings.timezone, extra)


def hide_passwords(message: str) -> str:
    """`message` with the configured database URL's password, and any URL's, as ***."""
    secret = _password(_as_written("database_url") or "")
    if len(secret) >= 4:  # shorter ones are only hidden inside URLs, not in every word
        message = message.replace(secret, "***")
    return _URL_PASSWORD.sub(r"\1***@", message)


def _password(url: str) -> str:
    try:
        return make_url(url).password or ""
    except Exception:  # not a URL SQLAlchemy reads: take what sits between user: and @
        found = re.search(r"://[^:/@]*:(.*)@", url)
        return found.group(1) if found else ""


def _language_as_written() -> str:
    """The language setting if it names a language; Danish (the default) if it is broken."""
    value = _as_written("language")
    return value if value in LANGUAGES else "da"


def _as_written(name: str) -> str | None:
    """A setting as the environment (first) or the `.env` file has it, unvalidated."""
    wanted = f"{ENV_PREFIX}{name}".casefold()
    for source in (os.environ, _env_file()):
        for key, value in source.items():
            if key.casefold() == wanted:
                return value
    return None


def _env_file() -> Mapping[str, str | None]:
    try:
        content = Path(ENV_FILE).read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return {}
    return dotenv_values(stream=io.StringIO(content))


def _bind(family: int, address: Any) -> bool:
    """Whether `address` can be bound now (False: the address family is not enabled)."""
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6 and hasattr(socket, "IPV6_V6ONLY"):
            probe.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRNOTAVAIL:
                return False
            raise
    return True


def _reach(url: URL) -> None:
    """Connect once: a server that does not answer fails start-up in seconds, not minutes."""
    timeout = {} if "connect_timeout" in url.query else {"connect_timeout": CONNECT_TIMEOUT_SECONDS}
    engine = create_engine(url, connect_args=timeout, poolclass=NullPool)
    try:
        with engine.connect():
            pass
    finally:
        engine.dispose()


def _database_problem(exc: Exception, url: URL, lang: str) -> StartupProblem:
    """Name what went wrong opening the database at `url` (`exc`), for the operator."""
    shown = url.render_as_string(hide_password=True)
    reason = str(exc.orig if isinstance(exc, DBAPIError) else exc).strip()
    said = reason.casefold()
    path = str(Path(url.database or "").expanduser())
    if url.get_backend_name() == "sqlite" and isinstance(exc, OSError):
        folder = str(exc.filename or Path(path).parent)
        return StartupProblem("db_folder", lang, path=folder)
    if "can't locate revision" in said:
        revision = ", ".join(re.findall(r"'(\w+)'", reason)) or "?"
        return StartupProblem("db_schema", lang, url=shown, revision=revision)
    kind = _driver_said(said, url) if isinstance(exc, DBAPIError) else None
    if kind in ("db_not_sqlite", "db_file"):
        return StartupProblem(kind, lang, path=path)
    if kind == "db_missing":
        return StartupProblem(kind, lang, url=shown, name=url.database or "")
    if kind is not None:
        return StartupProblem(kind, lang, url=shown)
    return StartupProblem("db_failed", lang, url=shown, reason=_first_line(reason))


def _driver_said(said: str, url: URL) -> str | None:
    """The kind of problem a database driver's message (lower case) names, if it names one."""
    if url.get_backend_name() == "sqlite":
        if "not a database" in said:
            return "db_not_sqlite"
        if "unable to open" in said or "readonly" in said:
            return "db_file"
        return None
    if 'database "' in said and "does not exist" in said:
        return "db_missing"
    if any(word in said for word in _LOGIN):
        return "db_login"
    if any(word in said for word in _UNREACHABLE):
        return "db_unreachable"
    return None


def _first_line(reason: str) -> str:
    """The gist of a driver's message: its first non-empty line."""
    lines = [line.strip() for line in reason.splitlines() if line.strip()]
    return lines[0] if lines else "?"
