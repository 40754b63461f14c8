"""`datadialog data import|history|restore` as an operator meets them: a replacing import
says what it replaces, every version is listed, an earlier one is made current again, and
bad input is one line and a non-zero exit code in the configured language."""

from __future__ import annotations

import re

import pytest

from tests.e2e.serve import environment, run_cli

pytestmark = pytest.mark.e2e

FIRST = (
    "borger;parameter;målepunkt;værdi;år\n"
    "B-01;Psykisk trivsel;start;3;2025\n"
    "B-01;Psykisk trivsel;slut;6;2025\n"
    "B-02;Psykisk trivsel;start;4;2025\n"
).encode()
SECOND = (
    "borger;parameter;målepunkt;værdi;år\n"
    "B-01;Søvn;start;3;2026\n"
    "B-03;Psykisk trivsel;start;5;2026\n"
).encode()
#: A history line without its time (never asserted on): number, who, file, size, marks.
LINE = re.compile(r"^(\d+)\. .+? · (\w+) · (\S+) · (.+)$")


def _history(env: dict[str, str], tmp_path) -> list[tuple[str, ...]]:
    listed = run_cli(env, "data", "history", "--group", "Team Nord", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    heading, *lines = listed.stdout.splitlines()
    assert heading == "Versions of the data of Team Nord, newest first:"
    found = [LINE.match(line) for line in lines]
    assert all(found), lines
    return [m.groups() for m in found if m]


def test_history_and_restore_on_the_command_line(tmp_path) -> None:
    env = environment(f"sqlite:///{tmp_path / 'team.db'}")
    made = run_cli(env, "group", "create", "Team Nord", "--leader", "Lea", "--participant", "Bo",
                   cwd=tmp_path)  # fmt: skip
    assert made.returncode == 0, made.stderr
    (tmp_path / "first.csv").write_bytes(FIRST)
    (tmp_path / "second.csv").write_bytes(SECOND)
    empty = run_cli(env, "data", "history", "--group", "Team Nord", cwd=tmp_path)
    assert (empty.returncode, empty.stdout) == (0, "Team Nord has no imported data yet.\n")

    first = run_cli(env, "data", "import", "first.csv", "--group", "Team Nord", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout == "3 measurements for 2 citizens imported.\n"  # nothing replaced

    second = run_cli(env, "data", "import", "second.csv", "--group", "Team Nord", cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert second.stdout.splitlines()[:5] == [
        "Before: 3 measurements for 2 citizens, 1 parameter, 2025 (version 1, first.csv).",
        "Now: 2 measurements for 2 citizens, 2 parameters, 2026 (version 2, second.csv).",
        "New parameters: Søvn.",
        "The previous data are kept. To undo (on the command line): "
        'datadialog data restore --group "Team Nord" --version 1',
        "2 measurements for 2 citizens imported.",
    ]
    assert _history(env, tmp_path) == [
        ("2", "operator", "second.csv", "2 measurements, 2 citizens · current"),
        ("1", "operator", "first.csv", "3 measurements, 2 citizens"),
    ]

    restored = run_cli(env, "data", "restore", "--group", "team nord", "--version", "1",
                       cwd=tmp_path)  # fmt: skip
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout == (
        "Version 1 of the data of Team Nord is current again "
        "(as version 3: 3 measurements from first.csv).\n"
    )
    assert _history(env, tmp_path) == [
        ("3", "operator", "first.csv",
         "3 measurements, 2 citizens · restored from version 1 · current"),
        ("2", "operator", "second.csv", "2 measurements, 2 citizens"),
        ("1", "operator", "first.csv", "3 measurements, 2 citizens"),
    ]  # fmt: skip
    again = run_cli(env, "data", "restore", "--group", "Team Nord", "--version", "3",
                    cwd=tmp_path)  # fmt: skip
    assert (again.returncode, again.stdout) == (
        0, "Version 3 is already the current one for Team Nord; nothing was changed.\n"
    )  # fmt: skip
    assert len(_history(env, tmp_path)) == 3

    # The setting is how many are kept: the next import with 2 drops versions 1 and 2.
    keep_two = environment(f"sqlite:///{tmp_path / 'team.db'}", DATADIALOG_DATA_VERSIONS_KEPT="2")
    third = run_cli(keep_two, "data", "import", "second.csv", "--group", "Team Nord", cwd=tmp_path)
    assert third.returncode == 0, third.stderr
    assert [number for number, *_ in _history(env, tmp_path)] == ["4", "3"]


@pytest.mark.parametrize(
    ("language", "args", "message"),
    [
        ("en", ["restore", "--group", "Team Nord", "--version", "9"],
         'Team Nord has no version 9. See the versions with: datadialog data history --group '
         '"Team Nord"'),
        ("da", ["restore", "--group", "Team Nord", "--version", "0"],
         'Team Nord har ingen version 0. Se versionerne med: datadialog data history --group '
         '"Team Nord"'),
        ("en", ["history", "--group", "Team Syd"], "That group does not exist."),
        ("da", ["restore", "--group", "Team Syd", "--version", "1"], "Gruppen findes ikke."),
    ],
)  # fmt: skip
def test_bad_history_and_restore_input_is_one_line(tmp_path, language, args, message) -> None:
    env = environment(f"sqlite:///{tmp_path / 'team.db'}", DATADIALOG_LANGUAGE=language)
    made = run_cli(env, "group", "create", "Team Nord", "--leader", "Lea", "--participant", "Bo",
                   cwd=tmp_path)  # fmt: skip
    assert made.returncode == 0, made.stderr
    (tmp_path / "first.csv").write_bytes(FIRST)
    imported = run_cli(env, "data", "import", "first.csv", "--group", "Team Nord", cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    bad = run_cli(env, "data", *args, cwd=tmp_path)
    assert (bad.returncode, bad.stdout, bad.stderr) == (1, "", message + "\n")
