"""Uninstall (issue 15) on the command line: `datadialog group list` and `group show` say
that a group is frozen (its workspace or team removed the app) and after when it is
deleted (DATADIALOG_UNINSTALL_GRACE_DAYS after the freeze), in English and Danish."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.main import start_runtime
from bot.uninstall import Place, freeze_group
from config.settings import Settings
from flows.audit import SLACK, ref
from storage.database import session_factory
from tests.e2e.serve import environment, run_cli
from tests.fakes import FixedClock

pytestmark = pytest.mark.e2e


def cli(tmp_path: Path, *args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = environment(
        f"sqlite:///{tmp_path / 'team.db'}",
        DATADIALOG_LANGUAGE=lang,
        DATADIALOG_UNINSTALL_GRACE_DAYS="30",
    )
    done = run_cli(env, *args, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return done


def _freeze(tmp_path: Path, name: str, at: datetime) -> None:
    """The app removed from the group's workspace at `at` (as `bot.uninstall` does it)."""
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'team.db'}")  # type: ignore[call-arg]
    runtime = start_runtime(settings, FixedClock(at))
    try:
        with runtime.uow_factory() as uow:
            group = uow.groups.by_name(name, "")
            assert group is not None and group.id is not None
        place = Place(SLACK, "", ref(team="T0NORD"))
        assert freeze_group(runtime, session_factory(runtime.engine), group.id, place)
    finally:
        runtime.close()


def test_group_list_and_show_say_a_group_is_frozen_and_until_when(tmp_path: Path) -> None:
    for name in ("Team Nord", "Team Syd"):
        cli(tmp_path, "group", "create", name, "--leader", "Lea", "--participant", "Ali",
            "--first", "2030-01-08 10:00")  # fmt: skip
    _freeze(tmp_path, "Team Nord", datetime(2026, 12, 1, 8, 0, tzinfo=UTC))

    listed = cli(tmp_path, "group", "list").stdout.splitlines()
    assert listed[0].startswith("Team Nord (")
    assert listed[0].endswith(
        " · archived · frozen: deleted after Thu 31 Dec 2026 09:00 unless the app is"
        " installed again"
    )
    assert listed[1].startswith("Team Syd (") and "frozen" not in listed[1]
    shown = cli(tmp_path, "group", "show", "Team Nord").stdout
    assert (
        "Frozen since Tue 1 Dec 2026 09:00: the app was removed from its workspace or team."
        " The group is deleted after Thu 31 Dec 2026 09:00 unless the app is installed there"
        " again." in shown
    )
    assert "Frozen" not in cli(tmp_path, "group", "show", "Team Syd").stdout

    danish = cli(tmp_path, "group", "list", lang="da").stdout.splitlines()[0]
    assert danish.endswith(
        " · arkiveret · frosset: slettes efter tors. 31. dec. 2026 kl. 09:00, medmindre appen"
        " installeres igen"
    )
