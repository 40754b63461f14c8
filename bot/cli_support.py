"""What every CLI command shares: settings or a clean exit, one-line failures, texts."""

from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console

from config.settings import Settings, SettingsError, load_settings
from flows.outputs import Text
from flows.text.render import Extra, render

EXIT_REFUSED = 1
EXIT_CONFIG = 2

err = Console(stderr=True, soft_wrap=True)


def fail(message: str, code: int = EXIT_REFUSED) -> NoReturn:
    """Print one friendly message on stderr and exit with `code`."""
    err.print(message, markup=False, highlight=False)
    raise typer.Exit(code)


def settings_or_exit() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        fail("Datadialog cannot start; fix these settings:\n" + str(exc), EXIT_CONFIG)


def text(settings: Settings, value: Text, extra: Extra | None = None) -> str:
    """`value` in the configured language; `extra` is an adapter's catalogue (its own keys)."""
    return render(value, settings.language, settings.timezone, extra)
