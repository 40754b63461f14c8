"""Every catalogue key the code uses exists in both languages, in the catalogue that renders it.

The flows' catalogue (`flows/text/`) holds the method's texts; each adapter keeps its own
UI texts next to it (`bot/<adapter>/text_<lang>.py`) and renders with them layered on top.
A key is found in the source as a string literal (`t("…")`, `Text("…")`, `Refused("…")`,
`say("…")`, …) or through one of the families built from a verb or a name.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from bot.console import commands as console_commands
from bot.console import session as console_session
from bot.console.render import TEXTS as CONSOLE
from bot.slack import blocks as slack_blocks
from bot.slack import modals as slack_modals
from bot.slack.blocks import TEXTS as SLACK
from bot.teams import manifest as teams_manifest
from bot.teams import own_cards as teams_cards
from bot.teams import translate as teams_translate
from bot.teams.blocks import TEXTS as TEAMS
from flows.outputs import Text
from flows.text.base import Entry
from flows.text.render import CATALOGUES, LANGUAGES, render

ROOT = Path(__file__).resolve().parents[2]
ADAPTERS: dict[str, Mapping[str, Mapping[str, Entry]]] = {
    "slack": SLACK,
    "teams": TEAMS,
    "console": CONSOLE,
}
#: The keys an adapter's catalogue may hold: its own, and (Teams) the shared file import's.
OWN_PREFIXES = {
    "slack": ("slack.",),
    "teams": ("teams.", "slack.import."),
    "console": ("console.",),
}
#: `console.*` keys the flows raise themselves, or more than one adapter does: the flows' own.
SHARED = {"console.usage", "console.bad_date", "console.bad_time", "console.group_line"}

#: Keys built from a verb or a name, by the catalogue that renders them.
DYNAMIC: dict[str, set[str]] = {
    "slack": {f"slack.help.{verb}" for verb in slack_blocks.HELP_VERBS}
    | {f"slack.setup.rhythm.{name}" for name in slack_modals.RHYTHMS},
    "teams": {f"teams.help.{verb}" for verb in teams_cards.HELP_VERBS}
    | {f"teams.help.{verb}" for verb in teams_manifest.COMMANDS}
    | {f"teams.verb.{verb}" for verb in teams_translate.CLOSING_VERBS},
    "console": {
        f"console.help.{verb}"
        for verb in (
            *console_commands.HELP_ORDER,
            *console_commands.BUILDERS,
            *console_commands.CONTRIBUTION_VERBS.values(),
            *console_commands.REMINDER_VERBS,
            *console_session.FILE_VERBS,
        )
    },
}

_CATALOGUE_FILE = re.compile(
    r"bot/[a-z]+/text_[a-z]+\.py|flows/text/(da|en|charts_[a-z]+|forms_[a-z]+)\.py"
)
_KEY = re.compile(r"[A-Za-z_]+(?:\.[A-Za-z0-9_]+)+")
_PREFIXES = {
    key.split(".", 1)[0]
    for catalogues in (CATALOGUES, *ADAPTERS.values())
    for catalogue in catalogues.values()
    for key in catalogue
}


def _renderer(module: str) -> str | None:
    """The adapter whose catalogue renders the keys a module uses; None: the flows' alone."""
    parts = module.split("/")
    if parts[0] == "bot" and parts[1] in ADAPTERS:
        return parts[1]
    if module in (
        "bot/cli.py",
        "bot/demo.py",
        "bot/background.py",
    ):  # the command line speaks the console's texts
        return "console"
    return None


def _modules() -> Iterator[str]:
    for package in ("flows", "charts", "storage", "bot", "config"):
        for path in sorted((ROOT / package).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            if not _CATALOGUE_FILE.fullmatch(name):
                yield name


def _keys(module: str) -> set[str]:
    """String literals shaped like a catalogue key whose first part a catalogue uses."""
    tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
    in_f_strings = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in node.values
    }  # the fixed part of f"…{verb}": a family, checked in DYNAMIC
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and id(node) not in in_f_strings
        and isinstance(node.value, str)
        and _KEY.fullmatch(node.value)
        and node.value.split(".", 1)[0] in _PREFIXES
    }


USED = {module: _keys(module) for module in _modules()}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_key_the_code_uses_is_in_the_catalogue_that_renders_it(lang: str) -> None:
    missing = []
    for module, keys in USED.items():
        adapter = _renderer(module)
        extra = ADAPTERS[adapter][lang] if adapter else {}
        missing += [
            f"{module}: {key}" for key in sorted(keys) if key not in extra | CATALOGUES[lang]
        ]
    assert not missing, f"not in the {lang} catalogue that renders them:\n" + "\n".join(missing)


@pytest.mark.parametrize("adapter", sorted(ADAPTERS))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_key_built_from_a_verb_or_a_name_exists(adapter: str, lang: str) -> None:
    assert DYNAMIC[adapter] - set(ADAPTERS[adapter][lang]) == set()


@pytest.mark.parametrize("adapter", sorted(ADAPTERS))
def test_an_adapter_keeps_its_own_texts_in_both_languages(adapter: str) -> None:
    da, en = (set(ADAPTERS[adapter][lang]) for lang in LANGUAGES)
    assert da == en
    assert all(key.startswith(OWN_PREFIXES[adapter]) for key in da)
    assert not da & set(CATALOGUES["da"]), "an adapter's key shadows one of the flows'"


def test_the_flows_catalogue_holds_no_adapter_texts_but_the_shared_ones() -> None:
    for lang in LANGUAGES:
        adapters = {k for k in CATALOGUES[lang] if k.startswith(("slack.", "teams.", "console."))}
        assert adapters == SHARED


@pytest.mark.parametrize("adapter", sorted(ADAPTERS))
def test_every_adapter_text_is_used(adapter: str) -> None:
    """An entry nothing renders any more is deleted, not kept."""
    used = set().union(*USED.values()) | DYNAMIC[adapter]
    assert set(ADAPTERS[adapter]["da"]) - used == set()


def test_an_adapter_text_renders_only_with_its_catalogue() -> None:
    bye = Text("console.bye")
    assert render(bye, "en", extra=CONSOLE) == "Goodbye. Everything is saved."
    assert render(Text("console.usage", {"usage": Text("console.help.quit")}), "en", extra=CONSOLE)
    with pytest.raises(KeyError):
        render(bye, "en")
    assert render(Text("Role.leader"), "en", extra=CONSOLE) == "meeting leader"
