"""The command line speaks the configured language (DATADIALOG_LANGUAGE), in whole words:
no "Database is up to date." in Danish, no "1 deltagere"."""

from __future__ import annotations

import pytest

from tests.e2e.serve import environment, run_cli

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("lang", "upgraded", "one_member"),
    [
        ("da", "Databasen er opdateret.", "1 deltager,"),
        ("en", "The database is up to date.", "1 participant,"),
    ],
)
def test_the_command_line_speaks_the_configured_language(
    tmp_path, lang: str, upgraded: str, one_member: str
) -> None:
    env = environment(f"sqlite:///{tmp_path / 'd.db'}", DATADIALOG_LANGUAGE=lang)
    done = run_cli(env, "db", "upgrade", cwd=tmp_path)
    assert (done.returncode, done.stdout.strip()) == (0, upgraded), done.stderr

    group = ("group", "create", "Team Nord", "--leader", "Lea", "--participant", "Ali")
    created = run_cli(env, *group, cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    listed = run_cli(env, "group", "list", cwd=tmp_path)
    assert one_member in listed.stdout, listed.stdout
