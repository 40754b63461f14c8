"""`datadialog group retention` and `datadialog retention run` as an operator meets them
(issue 15): the group's periods shown (its own, or the defaults, which the settings
change), set and put back to the default with an audit row each; days out of range, a
kind that is not one, days and --default for one kind, and a group that is not there are
one line in the configured language and exit code 1, and change nothing; `retention run`
deletes what is past its period and says how much of each kind went."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from flows.reminder_plan import Reminder, ReminderKind, ReminderStatus
from storage.database import make_engine, session_factory
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.serve import environment, run_cli

pytestmark = pytest.mark.e2e

GROUP = "Team Nord"


def cli(
    tmp_path: Path, *args: str, lang: str = "en", **env: str
) -> subprocess.CompletedProcess[str]:
    url = f"sqlite:///{tmp_path / 'team.db'}"
    return run_cli(environment(url, DATADIALOG_LANGUAGE=lang, **env), *args, cwd=tmp_path)


def ok(tmp_path: Path, *args: str, lang: str = "en", **env: str) -> str:
    done = cli(tmp_path, *args, lang=lang, **env)
    assert done.returncode == 0, done.stderr
    return done.stdout


def refused(tmp_path: Path, *args: str, lang: str = "en") -> str:
    done = cli(tmp_path, *args, lang=lang)
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert done.stdout == "" and "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    return line


def team(tmp_path: Path) -> None:
    ok(tmp_path, "group", "create", GROUP, "--leader", "Lea", "--participant", "Ali",
       "--first", "2030-01-08 10:00")  # fmt: skip


DEFAULTS = (
    "How long Team Nord keeps its data:\n"
    "  meeting content: 730 days (the default)\n"
    "  measurements: 730 days (the default)\n"
    "  chart images: 30 days (the default)\n"
    "  reminder rows: 30 days (the default)\n"
)


def test_the_periods_are_shown_set_and_put_back(tmp_path: Path) -> None:
    team(tmp_path)
    assert ok(tmp_path, "group", "retention", GROUP) == DEFAULTS
    shown = ok(tmp_path, "group", "retention", GROUP, DATADIALOG_CHART_RETENTION_DAYS="14")
    assert "  chart images: 14 days (the default)\n" in shown
    assert ok(tmp_path, "group", "retention", GROUP, "--meetings", "365", "--charts", "7") == (
        "The retention periods of Team Nord are changed.\n"
        "How long Team Nord keeps its data:\n"
        "  meeting content: 365 days (the group's own)\n"
        "  measurements: 730 days (the default)\n"
        "  chart images: 7 days (the group's own)\n"
        "  reminder rows: 30 days (the default)\n"
    )
    said = ok(tmp_path, "group", "retention", "team nord", "--default", "charts")
    assert "  chart images: 30 days (the default)\n" in said
    assert "  meeting content: 365 days (the group's own)\n" in said
    said = ok(tmp_path, "group", "retention", GROUP, "--default", "møder", lang="da")
    assert said == (
        "Opbevaringsperioderne for Team Nord er ændret.\n"
        "Så længe gemmer Team Nord sine data:\n"
        "  mødeindhold: 730 dage (standard)\n"
        "  målinger: 730 dage (standard)\n"
        "  grafbilleder: 30 dage (standard)\n"
        "  påmindelser: 30 dage (standard)\n"
    )
    audit = ok(tmp_path, "audit", "list", "--group", GROUP, "--csv")
    changes = [line.split(",")[-2:] for line in audit.splitlines() if "retention" in line]
    assert changes == [
        ["retention_changed", "meetings:365 charts:7"],
        ["retention_changed", "charts:default"],
        ["retention_changed", "meetings:default"],
    ]
    listed = ok(tmp_path, "audit", "list", "--group", GROUP)
    assert "operator (cli) changed the retention periods · Team Nord · charts:default" in listed


def test_what_cannot_be_read_is_one_line_and_changes_nothing(tmp_path: Path) -> None:
    team(tmp_path)
    retention = ("group", "retention", GROUP)
    for days in ("0", "3651", "abc", "-5", "7.5"):
        line = refused(tmp_path, *retention, "--meetings", days)
        assert line == f"--meetings takes a number of days from 1 to 3650 (got “{days}”)."
    line = refused(tmp_path, *retention, "--default", "images")
    assert line == "--default takes meetings, measurements, charts or reminders (got “images”)."
    line = refused(tmp_path, *retention, "--charts", "5", "--default", "charts")
    assert line == "Give --charts a number of days or --default, not both."
    assert refused(tmp_path, "group", "retention", "Team Syd", "--charts", "5") == (
        refused(tmp_path, "group", "show", "Team Syd")  # the usual "no such group"
    )
    line = refused(tmp_path, *retention, "--reminders", "0", lang="da")
    assert line == "--reminders skal være et antal dage fra 1 til 3650 (fik »0«)."
    assert ok(tmp_path, *retention) == DEFAULTS
    assert "retention" not in ok(tmp_path, "audit", "list", "--csv")


def _old_reminder(tmp_path: Path) -> None:
    """A reminder sent a year ago (past the 30 days reminder rows are kept)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'team.db'}")
    try:
        uow = SqlUnitOfWork(session_factory(engine))
        with uow:
            (group,) = uow.groups.list()
            at = datetime.now(UTC) - timedelta(days=365)
            uow.reminders.add(Reminder(ReminderKind.NOTE, "lea", at, group.id or 0, "test",
                                       status=ReminderStatus.SENT, sent_at=at))  # fmt: skip
            uow.commit()
    finally:
        engine.dispose()


def test_retention_run_deletes_and_says_how_much(tmp_path: Path) -> None:
    team(tmp_path)
    _old_reminder(tmp_path)
    assert ok(tmp_path, "retention", "run") == (
        "Retention: deleted 0 meetings, 0 measurements (0 earlier data sets), 0 chart images"
        " and 1 reminder rows.\n"
    )
    assert ok(tmp_path, "retention", "run", lang="da") == (  # nothing is left to delete
        "Opbevaring: slettede 0 møder, 0 målinger (0 tidligere datasæt), 0 grafbilleder og"
        " 0 påmindelser.\n"
    )
    audit = ok(tmp_path, "audit", "list", "--csv")
    (row,) = [line for line in audit.splitlines() if "retention_deleted" in line]
    assert row.split(",")[2:4] == ["operator", "cli"]
    assert row.endswith(",retention_deleted,kind:reminders rows:1")
