"""The README as a newcomer uses it (issue 14): short, sections in order, every shell command
known here and run (or checked with `--help` where a test cannot run it), its console session
played through `datadialog serve` against what the bot answers, and its links not broken."""

from __future__ import annotations

import os
import re
import shlex
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from bot.console.words import verb_of
from config.settings import ENV_PREFIX, Settings
from tests.e2e.flood import postgres_schema
from tests.e2e.serve import DATADIALOG
from tests.e2e.test_console_pty import Terminal

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").glob("*.md"))]
SESSION, DATA, POSTGRES = "A console session", "Your team's data and charts", "PostgreSQL"
SCHEDULING, SLACK, TEAMS = "Scheduling and reminders", "Connect to Slack", "Connect to Teams"
LEARNING = "The learning loop and the offer level"  # issue 17
#: The issue's order: two commands, a console session, data and charts, scheduling, Slack,
#: Teams, configuration, PostgreSQL; issue 17 put the learning loop after data and charts.
SECTIONS = ["Two commands", SESSION, DATA, LEARNING, SCHEDULING, SLACK, TEAMS, "Configuration",
            POSTGRES]  # fmt: skip
PATIENCE = 60.0  # generous on purpose (a busy machine), not how long anything should take
ELIDED = "…"  # a line of the README's console session that stands for lines left out


@dataclass(frozen=True)
class Check:
    """What the test does with a README command, `how`: "run" (as written, in README order, in
    one folder), "help", "install", "ci" or "postgres" (see their tests); `why` not "run"."""

    how: str
    why: str = ""
    expect: str = ""  # printed by a command that is run
    run: str = ""  # "install": the end of the command the test runs


NEEDS_SLACK = "needs a real Slack app's token and signing secret (tests/e2e/slack: a fake Slack)"
NEEDS_TEAMS = "needs a real Azure bot's id, secret and tenant (tests/e2e/teams: a fake Connector)"
ON_POSTGRES = "run on a fresh schema of the test PostgreSQL, not a database named datadialog"
VENV = "python3 -m venv .venv && . .venv/bin/activate && pip install"
DEMO = f"{VENV} -c constraints.txt -e . && datadialog demo"
TESTS = f"{VENV} -q -c constraints.txt -e '.[test]' && ruff check . && ruff format --check . && mypy && pytest"  # noqa: E501
GROUP = 'datadialog group create "Familieteam Nord" --leader Lene --participant Ali --participant Birgit --cadence 14'  # noqa: E501
ON_NORD = '--group "Familieteam Nord"'
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/datadialog"
TEAMS_VARS = "TEAMS_APP_ID=…  TEAMS_APP_PASSWORD=…  TEAMS_TENANT_ID=…"
REINSTALLS = "installing would replace the venv the tests run in"
COMMANDS: dict[tuple[str, str], Check] = {
    (SECTIONS[0], DEMO): Check("install", REINSTALLS, run="datadialog demo"),
    (SECTIONS[0], TESTS): Check("ci", "it runs this whole test suite; .ci/run runs it verbatim"),
    (SESSION, "export DATADIALOG_LANGUAGE=en"): Check("run"),
    (SESSION, GROUP): Check("run", expect="The group Familieteam Nord is set up."),
    (SESSION, "datadialog serve"): Check("run", expect="Datadialog, local chat."),
    (DATA, "datadialog data template --out maalinger.xlsx"): Check("run", expect="written"),
    (DATA, f"datadialog data import maalinger.xlsx {ON_NORD}"): Check("run", expect="imported"),
    (DATA, f"datadialog data history {ON_NORD}"): Check("run", expect="1. "),
    (DATA, f"datadialog data restore {ON_NORD} --version 1"): Check("run", expect="Version 1"),
    (LEARNING, "datadialog offer create Familieindsatsen"): Check("run", expect="is created"),
    (LEARNING, 'datadialog offer link "Familieteam Nord" Familieindsatsen'): Check(
        "run", expect="now belongs to the offer Familieindsatsen"
    ),
    (LEARNING, "datadialog oversight csv --month 2026-11 --offer Familieindsatsen"): Check(
        "run", expect="2026-11,Familieteam Nord,Familieindsatsen,"
    ),
    (SCHEDULING, "datadialog reminders list --status pending"): Check("run", expect="start_nudge"),
    (SCHEDULING, "datadialog reminders send-due"): Check("run"),
    (SLACK, "export SLACK_BOT_TOKEN=xoxb-…  SLACK_SIGNING_SECRET=…"): Check("help", NEEDS_SLACK),
    (SLACK, "export DATADIALOG_HOST=0.0.0.0 DATADIALOG_PORT=3000"): Check("help", NEEDS_SLACK),
    (SLACK, "datadialog serve"): Check("help", NEEDS_SLACK),
    (TEAMS, f"export {TEAMS_VARS}"): Check("help", NEEDS_TEAMS),
    (TEAMS, "export DATADIALOG_HOST=0.0.0.0 DATADIALOG_PORT=3978"): Check("help", NEEDS_TEAMS),
    (TEAMS, "datadialog serve"): Check("help", NEEDS_TEAMS),
    (POSTGRES, f"export DATADIALOG_DATABASE_URL={PG_URL}"): Check("postgres", ON_POSTGRES),
    (POSTGRES, "datadialog db upgrade"): Check("postgres", ON_POSTGRES),
    (POSTGRES, "datadialog serve"): Check("postgres", ON_POSTGRES),
}


@cache
def read_readme() -> tuple[list[str], list[tuple[str, str, list[str]]]]:
    """The README's `##` headings; its fenced blocks as (section, kind, lines)."""
    headings: list[str] = []
    found: list[tuple[str, str, list[str]]] = []
    fence, body = "", []
    for line in README.read_text(encoding="utf-8").splitlines():
        if fence and line.strip() == "```":
            found.append((headings[-1] if headings else "", fence, body))
            fence, body = "", []
        elif fence:
            body.append(line)
        elif line.startswith("```"):
            fence = line[3:].strip() or "text"
        elif line.startswith("## "):
            headings.append(line[3:].strip())
    return headings, found


def commands(section: str | None = None) -> Iterator[tuple[str, str]]:
    """(section, command) of the shell blocks in README order; `\\` lines joined, no comments."""
    for where, kind, lines in read_readme()[1]:
        if kind == "sh" and section in (None, where):
            for line in re.sub(r"\\\n\s*", " ", "\n".join(lines)).splitlines():
                command = re.sub(r"\s+#\s.*$", "", line).strip()
                if command:
                    yield where, command


class Shell:
    """A shell of a README reader: `export` lines set variables for the commands after them."""

    def __init__(self, cwd: Path, **extra: str) -> None:
        self.cwd = cwd
        mine = ("DATADIALOG_", "SLACK_", "TEAMS_", "COLUMNS", "LINES")
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(mine)}
        self.env.update(PATH=f"{DATADIALOG.parent}{os.pathsep}{os.environ['PATH']}", **extra)

    def run(self, command: str) -> str:
        if command.startswith("export "):
            self.env.update(word.split("=", 1) for word in shlex.split(command)[1:])
            return ""
        done = subprocess.run(
            ["bash", "-c", command], cwd=self.cwd, env=self.env, stdin=subprocess.DEVNULL,
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
        return done.stdout + done.stderr


@cache
def setting_names() -> frozenset[str]:
    names = set()
    for name, field in Settings.model_fields.items():
        names.add(f"{ENV_PREFIX}{name.upper()}")
        names.update(getattr(field.validation_alias, "choices", ()))
    return frozenset(names)


def test_the_readme_is_short_and_in_the_issues_order() -> None:
    assert len(README.read_text(encoding="utf-8").splitlines()) < 280  # 250 before issue 17
    assert read_readme()[0] == SECTIONS


def test_every_readme_command_is_in_the_table_and_no_other() -> None:
    written = list(commands())
    assert set(written) == COMMANDS.keys()  # new README commands need an entry; gone: none
    assert all(COMMANDS[c].why for c in written if COMMANDS[c].how != "run")


def test_the_readme_commands_run_in_order(tmp_path) -> None:
    shell = Shell(tmp_path)
    for key in commands():
        check = COMMANDS[key]
        if check.how == "run":
            assert check.expect in shell.run(key[1]), key
    assert (tmp_path / "datadialog.db").is_file()  # where the README says the data is kept


def test_the_two_commands_demo_and_ci(tmp_path) -> None:
    """The first's demo runs and writes what the README says; .ci/run runs the second."""
    [(demo, check)] = [(k[1], c) for k, c in COMMANDS.items() if c.how == "install"]
    assert demo.endswith(f"&& {check.run}") and (ROOT / "constraints.txt").is_file()
    Shell(tmp_path).run(check.run)
    for name in ("transcript.md", "agreement.md", "charts", "demo.db"):
        assert (tmp_path / "datadialog-demo" / name).exists(), name
    [tests] = [k[1] for k, c in COMMANDS.items() if c.how == "ci"]
    assert tests in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for tool in ("ruff", "mypy", "pytest"):
        Shell(tmp_path).run(f"{tool} --help")


def test_platform_commands_exist_and_every_variable_named_is_a_setting(tmp_path) -> None:
    for (_, command), check in COMMANDS.items():
        if check.how == "help" and not command.startswith("export "):
            Shell(tmp_path).run(f"{command} --help")
    named = set(re.findall(r"\b(?:DATADIALOG|SLACK|TEAMS)_[A-Z_]*[A-Z]", README.read_text()))
    assert named - setting_names() == set()  # those exported above included


postgres_url = pytest.fixture(postgres_schema, name="postgres_url")


def test_the_postgresql_commands_run_on_postgresql(tmp_path, postgres_url) -> None:
    shell = Shell(tmp_path)
    for section, command in commands(POSTGRES):
        assert COMMANDS[section, command].how == "postgres"
        shell.run(command)
        if shell.env.get("DATADIALOG_DATABASE_URL") == PG_URL:  # the README's: the test's own
            shell.env["DATADIALOG_DATABASE_URL"] = postgres_url
    assert not (tmp_path / "datadialog.db").exists()  # it all went to PostgreSQL


def reminders_sent_at_start(database: Path) -> None:
    """Wait for the reminders due at start (invitations, preparation requests) to be printed.
    The first tick claims every due row at once; some sent and none claimed: all are out."""
    query = "SELECT sum(status = 'sent'), sum(status = 'claimed') FROM reminders"
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        with closing(sqlite3.connect(database)) as db:
            sent, claimed = db.execute(query).fetchone()
        if sent and not claimed:
            return
        time.sleep(0.1)
    pytest.fail("the reminders due at start were never sent")


PROMPT = re.compile(rb"\n[^\n]*> $")
DATE = re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4}( \d\d:\d\d)?")


def normal(line: str) -> str:
    """A line as compared: dates as DATE (the README was written on another day), spaces as one."""
    return " ".join(DATE.sub("DATE", line).split())


def fits(expected: list[str], actual: list[str]) -> bool:
    """`expected` equals `actual`, where an ELIDED line stands for any run of lines."""

    @cache
    def from_(i: int, j: int) -> bool:
        if i == len(expected):
            return j == len(actual)
        if expected[i] == ELIDED:
            return from_(i + 1, j) or (j < len(actual) and from_(i, j + 1))
        return j < len(actual) and expected[i] == actual[j] and from_(i + 1, j + 1)

    return from_(0, 0)


def type_line(terminal: Terminal, line: str) -> None:
    """Type a line at the prompt, as a person does; return once the next prompt shows."""
    start = len(terminal.output)
    terminal.type(f"{line}\n".encode())
    with terminal.changed:
        shown = terminal.changed.wait_for(lambda: PROMPT.search(terminal.output, start), PATIENCE)
    assert shown, f"no prompt after {line!r}; printed:\n{terminal.text}"


def test_the_readme_console_session_plays_through_datadialog_serve(tmp_path) -> None:
    """`datadialog serve` on an 80-column terminal after the section's other commands. Test
    settings: no colours (TERM=dumb), so the text compares; one reminder tick (at start)."""
    shell = Shell(tmp_path, TERM="dumb", COLUMNS="80", DATADIALOG_REMINDER_TICK_SECONDS="3600")
    written = [command for _, command in commands(SESSION)]
    assert written[-1] == "datadialog serve"  # the command `Terminal` runs
    for command in written[:-1]:
        shell.run(command)
    [lines] = [lines for _, kind, lines in read_readme()[1] if kind == "console-session"]
    turns = [m.groups() for m in (re.match(r"(\S+)> (.*)$", line) for line in lines) if m]
    assert turns[-1][1] == "/quit"
    terminal = Terminal(shell.env, tmp_path)
    try:
        terminal.wait_for(f"{turns[0][0]}> ")
        reminders_sent_at_start(tmp_path / "datadialog.db")
        type_line(terminal, "")  # Enter: a fresh prompt below the reminders
        for _, line in turns[:-1]:
            type_line(terminal, line)
        terminal.type(b"/quit\n")
        assert terminal.proc.wait(timeout=PATIENCE) == 0, terminal.text
        terminal.wait_for(lines[-1])
    finally:
        terminal.close()
    actual = [normal(line) for line in terminal.text.splitlines()]
    expected = [normal(line) for line in lines]
    assert fits(expected, actual), "\n".join(["README:", *expected, "", "printed:", *actual])
    assert list((tmp_path / "datadialog-charts").glob("*.png"))
    assert list((tmp_path / "invitations").glob("*.ics"))


def test_the_session_section_names_only_console_commands() -> None:
    text = README.read_text(encoding="utf-8")
    part = text[text.index(f"## {SESSION}") : text.index(f"## {DATA}")]
    words = re.findall(r"`/([^\s`]+)", part)
    assert words and [w for w in words if verb_of(w) is None and not w.isdigit()] == []


def anchors(path: Path) -> set[str]:
    """GitHub's anchors of a page's headings."""
    text = re.sub(r"(?s)```.*?```", "", path.read_text(encoding="utf-8"))
    headings = re.findall(r"(?m)^#+ (.+)$", text)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.name)
def test_every_relative_link_points_at_a_file_that_exists(path: Path) -> None:
    page = path.relative_to(ROOT)
    for target in re.findall(r"\]\(([^)\s]+)\)", path.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target):
            continue
        file, _, anchor = target.partition("#")
        linked = (path.parent / file).resolve() if file else path
        assert linked.exists(), f"{page}: {target}"
        assert not anchor or anchor in anchors(linked), f"{page}: {target}"
