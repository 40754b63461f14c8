"""Broken settings, databases and ports stop `datadialog` with one line and exit code 2.

Each case breaks one thing the way an operator does: a database URL that is garbage, of
an unsupported kind, pointing at a server that is down, a database that does not exist
or a login the server refuses; a SQLite file that cannot be created or is not a
database; a `.env` file not saved as UTF-8; a bad value; a port already in use; a chat
platform without its secret. Each runs the real command as a subprocess (all of them at
once, a few at a time) and must print exactly one line on stderr, in the configured
language, with no traceback and no password, and exit with code 2.
"""

from __future__ import annotations

import socket
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.e2e.serve import DATADIALOG, environment

pytestmark = pytest.mark.e2e

#: Every password and token in the cases; it must never be printed.
PASSWORD = "s3cret-pw"
PG = "127.0.0.1:5432"
#: Platform secrets the test's own environment may hold; each case sets its own.
_UNSET = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_CLIENT_ID")
_UNSET += ("SLACK_CLIENT_SECRET", "TEAMS_APP_ID", "TEAMS_APP_PASSWORD", "TEAMS_TENANT_ID")

#: Sets a case up in its working folder; may return a socket to hold while the command runs.
Prepare = Callable[[Path, dict[str, str]], socket.socket | None]


@dataclass(frozen=True)
class Case:
    name: str
    args: tuple[str, ...]
    says: str  # a part of the one line printed
    env: dict[str, str] = field(default_factory=dict)
    prepare: Prepare | None = None
    needs_postgres: bool = False


def _url(url: str) -> dict[str, str]:
    return {"DATADIALOG_DATABASE_URL": url}


def _danish(env: dict[str, str]) -> dict[str, str]:
    return {"DATADIALOG_LANGUAGE": "", **env}  # "" here: the variable is removed


def _sqlite_in_a_file(cwd: Path, env: dict[str, str]) -> None:
    (cwd / "a-file").write_text("not a folder", encoding="utf-8")
    env.update(_url(f"sqlite:///{cwd / 'a-file' / 'sub' / 'datadialog.db'}"))


def _sqlite_is_a_folder(cwd: Path, env: dict[str, str]) -> None:
    (cwd / "a-folder").mkdir()
    env.update(_url(f"sqlite:///{cwd / 'a-folder'}"))


def _sqlite_not_a_database(cwd: Path, env: dict[str, str]) -> None:
    (cwd / "notes.db").write_bytes(b"meeting notes, not a database\n" * 200)
    env.update(_url(f"sqlite:///{cwd / 'notes.db'}"))


def _sqlite_from_a_newer_version(cwd: Path, env: dict[str, str]) -> None:
    with sqlite3.connect(cwd / "newer.db") as db:
        db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        db.execute("INSERT INTO alembic_version VALUES ('fe11fe11fe11')")
    env.update(_url(f"sqlite:///{cwd / 'newer.db'}"))


def _env_file_not_utf8(cwd: Path, env: dict[str, str]) -> None:
    # Saved as Latin-1 by an editor; the language line before it still says English.
    (cwd / ".env").write_bytes(b"DATADIALOG_LANGUAGE=en\nDATADIALOG_TEAMS_APP_NAME=Tr\xe6ning\n")
    env.pop("DATADIALOG_LANGUAGE")


def _port_in_use(cwd: Path, env: dict[str, str]) -> socket.socket:
    busy = socket.create_server(("127.0.0.1", 0))  # another program's
    env["DATADIALOG_PORT"] = str(busy.getsockname()[1])
    return busy


_TEAMS_DEV = {"TEAMS_APP_ID": "app-id", "DATADIALOG_DEV_MODE": "true", "DATADIALOG_PORT": "0"}

CASES = [
    # The database URL.
    Case("postgres-down", ("db", "upgrade"), "cannot reach the database server",
         _url(f"postgresql+psycopg://u:{PASSWORD}@127.0.0.1:1/x")),
    Case("postgres-no-such-database", ("db", "upgrade"), "does not exist on the server",
         _url(f"postgresql+psycopg://postgres:{PASSWORD}@{PG}/nosuchdb"), needs_postgres=True),
    Case("postgres-login-refused", ("group", "list"), "refused the login",
         _url(f"postgresql+psycopg://nosuchrole:{PASSWORD}@{PG}/postgres"), needs_postgres=True),
    Case("postgres-unknown-host", ("group", "list"), "kan ikke nå databaseserveren",
         _danish(_url(f"postgresql+psycopg://u:{PASSWORD}@nosuchhost.invalid/x"))),
    Case("postgres-without-driver", ("group", "list"), "DATADIALOG_DATABASE_URL: use",
         _url(f"postgresql://u:{PASSWORD}@{PG}/postgres")),
    Case("garbage-url", ("group", "list"), "DATADIALOG_DATABASE_URL: use",
         _url("not a url")),
    Case("unsupported-database", ("group", "list"), "ret denne indstilling: DATADIALOG_DATABASE",
         _danish(_url(f"mysql://u:{PASSWORD}@db.example.org/app"))),
    Case("port-in-url-not-a-number", ("db", "upgrade"), "DATADIALOG_DATABASE_URL: use",
         _url(f"postgresql+psycopg://u:{PASSWORD}@127.0.0.1:port/x")),
    # The SQLite file.
    Case("sqlite-folder-under-a-file", ("db", "upgrade"), "cannot create the folder",
         prepare=_sqlite_in_a_file),
    Case("sqlite-folder-not-writable", ("db", "upgrade"), "cannot create the folder",
         _url("sqlite:////proc/datadialog/datadialog.db")),
    Case("sqlite-path-is-a-folder", ("db", "upgrade"), "cannot open or create the SQLite file",
         prepare=_sqlite_is_a_folder),
    Case("sqlite-not-a-database", ("group", "list"), "is not a SQLite database",
         prepare=_sqlite_not_a_database),
    Case("sqlite-from-a-newer-version", ("group", "list"), "schema version (fe11fe11fe11)",
         prepare=_sqlite_from_a_newer_version),
    # The settings themselves.
    Case("env-file-not-utf8", ("group", "list"), "is not saved as UTF-8",
         prepare=_env_file_not_utf8),
    Case("language-unknown", ("group", "list"), "Datadialog kan ikke starte; ret denne",
         {"DATADIALOG_LANGUAGE": "xx"}),
    Case("timezone-unknown", ("group", "list"), "DATADIALOG_TIMEZONE: unknown time zone",
         {"DATADIALOG_TIMEZONE": "Mars/Base"}),
    Case("chart-min-count-negative", ("group", "list"), "DATADIALOG_CHART_MIN_COUNT",
         {"DATADIALOG_CHART_MIN_COUNT": "-1"}),
    Case("reminder-tick-zero", ("serve",), "DATADIALOG_REMINDER_TICK_SECONDS",
         {"DATADIALOG_REMINDER_TICK_SECONDS": "0"}),
    Case("holiday-country-unknown", ("group", "create", "Team", "--leader", "Lea",
         "--participant", "Bo"), "DATADIALOG_HOLIDAY_COUNTRY",
         {"DATADIALOG_HOLIDAY_COUNTRY": "XX"}),
    # The web server.
    Case("port-not-a-number", ("serve",), "DATADIALOG_PORT", {"DATADIALOG_PORT": "abc"}),
    Case("port-out-of-range", ("serve",), "DATADIALOG_PORT", {"DATADIALOG_PORT": "99999"}),
    Case("port-in-use", ("serve",), "another program is using the port", _TEAMS_DEV,
         prepare=_port_in_use),
    Case("host-unknown", ("serve",), "this machine has no such address",
         {**_TEAMS_DEV, "DATADIALOG_HOST": "nosuchhost.invalid"}),
    # The chat platforms.
    Case("slack-without-signing-secret", ("serve",), "SLACK_SIGNING_SECRET is required",
         {"SLACK_BOT_TOKEN": f"xoxb-{PASSWORD}"}),
    Case("teams-without-password", ("serve",), "TEAMS_APP_PASSWORD is required",
         {"TEAMS_APP_ID": "app-id"}),
    Case("teams-public-url-not-a-url", ("teams", "manifest"), "DATADIALOG_TEAMS_PUBLIC_URL",
         {"TEAMS_APP_ID": "app-id", "DATADIALOG_TEAMS_PUBLIC_URL": "not a url"}),
]  # fmt: skip


def _run(case: Case, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = environment(f"sqlite:///{cwd / 'datadialog.db'}")
    for name in _UNSET:
        env.pop(name, None)
    env.update(case.env)
    with ExitStack() as held:
        if case.prepare is not None and (busy := case.prepare(cwd, env)) is not None:
            held.enter_context(busy)
        env = {name: value for name, value in env.items() if value != ""}
        return subprocess.run(
            [str(DATADIALOG), *case.args],
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=20,
        )


def _postgres() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5432), 1).close()
    except OSError:
        return False
    return True


@pytest.fixture(scope="module")
def outcomes(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[dict[str, Future[subprocess.CompletedProcess[str]]]]:
    """Every case started at once, four at a time: the file takes seconds, not minutes."""
    postgres = _postgres()
    with ThreadPoolExecutor(max_workers=4) as pool:
        yield {
            case.name: pool.submit(_run, case, tmp_path_factory.mktemp(case.name))
            for case in CASES
            if postgres or not case.needs_postgres
        }


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_broken_setting_is_one_line_and_exit_code_2(
    case: Case, outcomes: dict[str, Future[subprocess.CompletedProcess[str]]]
) -> None:
    if case.name not in outcomes:
        pytest.skip(f"no PostgreSQL on {PG}")
    done = outcomes[case.name].result()
    printed = done.stdout + done.stderr
    assert "Traceback" not in printed, printed
    assert PASSWORD not in printed, printed
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].strip(), printed
    assert case.says in lines[0], lines[0]
    assert done.returncode == 2, printed
