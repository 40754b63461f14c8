"""How the `datadialog` command line presents itself: `--version`, help that shows what to
type instead of typer's type tags, and the exit code of Ctrl-C.

Typer shows every parameter's Python type in the help ("--leader <str>", "--help <bool>",
"NAME <list[str]>"). `PlainHelp`, the root command's class, gives each parameter without a
metavar of its own one a reader can use: TEXT, N, PATH, the choices, nothing for a flag.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

#: The exit code of a program ended by Ctrl-C (128 + SIGINT), as a shell reports it.
EXIT_INTERRUPTED = 130
PACKAGE = "datadialog"

#: typer's type tags and what the help shows instead (others: upper-cased, "FILE", "PATH").
_SHOWN = {"str": "TEXT", "list[str]": "TEXT", "int": "N", "float": "NUMBER", "bool": ""}


def installed_version() -> str:
    try:
        return version(PACKAGE)
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "?"


def _show_version(wanted: bool) -> None:
    if wanted:
        typer.echo(f"{PACKAGE} {installed_version()}")
        raise typer.Exit()


def root_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """The options of `datadialog` itself (before a command): `--version`."""


class PlainHelp(TyperGroup):
    """The root command: every command's help says what to type, not typer's type tags."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_help(self)


def _plain_help(command: Any) -> None:
    ctx = typer.Context(command)
    for param in [*command.params, command.get_help_option(ctx)]:
        if param is not None and param.metavar is None and hasattr(param, "display_type"):
            param.metavar = _metavar(param, ctx)
            if param.param_type_name == "argument":  # typer shows its type beside the name
                param.display_type_rich = _no_type
    for sub in getattr(command, "commands", {}).values():
        _plain_help(sub)


def _no_type(ctx: typer.Context) -> None:
    return None


def _metavar(param: Any, ctx: typer.Context) -> str:
    if getattr(param, "is_flag", False):
        return ""
    if param.param_type_name == "argument":
        return str(param.name).upper()
    label = str(param.display_type(ctx)).strip("<>")
    if "|" in label:  # choices: the words to type
        return label
    return _SHOWN.get(label, label.upper())
