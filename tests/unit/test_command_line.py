"""`datadialog --help` and `--version`: every command's help says what to type, without
typer's type tags or a traceback; the version is the installed package's."""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib.metadata import version

import pytest
import typer
from typer.testing import CliRunner

from bot.cli import app
from flows.outputs import t
from flows.text.render import render

#: A type tag as typer shows it: <str>, <bool>, <int>, <list[str]>, <citizen|offer>.
TYPE_TAG = re.compile(r"<[a-z_|\[\]]+>")


def commands(command: object, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield path
    for name, sub in getattr(command, "commands", {}).items():
        yield from commands(sub, (*path, name))


ALL = sorted(commands(typer.main.get_command(app)))


@pytest.mark.parametrize("path", ALL, ids=lambda p: " ".join(p) or "datadialog")
def test_every_help_is_clean(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    assert not TYPE_TAG.findall(result.output), result.output
    assert "Traceback" not in result.output


def test_the_help_says_what_to_type() -> None:
    shown = CliRunner().invoke(app, ["group", "create", "--help"], env={"COLUMNS": "120"}).output
    assert re.search(r"--leader\s+TEXT", shown) and re.search(r"--cadence\s+N", shown)
    assert re.search(r"--level\s+citizen\|offer", shown), shown


def test_the_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"datadialog {version('datadialog')}"


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [("da", "1 deltager,", "2 deltagere,"), ("en", "1 participant,", "2 participants,")],
)
def test_a_group_line_counts_in_words(lang: str, one: str, two: str) -> None:
    def line(count: int) -> str:
        text = t("console.group_line", name="Team Nord", level="x", count=count, rhythm="y")
        return render(text, lang)

    assert one in line(1) and two in line(2)
