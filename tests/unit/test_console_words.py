"""The console understands the words it shows: Danish and English verbs, every status word
the bot prints, and a "did you mean" for a typo. Teams' typed commands share the words.

The words are derived from the catalogues here, so a new status or verb that the console
prints but does not read back fails these tests.
"""

from __future__ import annotations

import asyncio
import io
import re
from datetime import date

import pytest
from rich.console import Console

from bot.console.commands import BUILDERS, HELP_ORDER, Where
from bot.console.render import TEXTS, ConsoleTransport
from bot.console.session import ConsoleSession
from bot.dispatch import Dispatcher
from bot.teams import translate as teams
from flows import commands as c
from flows.errors import InvalidInput
from flows.model import ActionStatus, PointKind
from flows.outputs import Text
from flows.steps import Step
from flows.text.render import CATALOGUES, LANGUAGES, render
from tests.fakes import InMemoryUnitOfWork
from tests.transcript import Room, team_nord

#: The Danish verbs issue 14 names, and the command each one is.
DANISH = {
    "positiv": "positive",
    "forbedring": "improve",
    "spørgsmål": "question",
    "næste": "next",
    "observation": "obs",
    "tema": "theme",
    "stem": "vote",
    "forklaring": "explain",
    "fokus": "focus",
    "mål": "goal",
    "tegn": "sign",
    "handling": "action",
    "aftaler": "agreements",
}


def console(room: Room, lang: str, name: str = "Lea") -> tuple[ConsoleSession, ConsoleTransport]:
    transport = ConsoleTransport(Console(file=io.StringIO(), width=200), lang=lang)
    dispatcher = Dispatcher(lambda: InMemoryUnitOfWork(room.store), room.clock, transport.deliver)
    session = ConsoleSession(dispatcher, transport)
    asyncio.run(session.begin("Team Nord", name))
    return session, transport


def typed(session: ConsoleSession, transport: ConsoleTransport, *lines: str) -> str:
    """What the console shows for these lines, one after the other."""
    seen = len(transport.transcript)

    async def play() -> None:
        for line in lines:
            await session.handle(line)

    asyncio.run(play())
    return "\n".join(transport.transcript[seen:])


def shown_verb(lang: str, verb: str) -> str:
    """The word a help line shows for `verb` in `lang` ("/positiv TEKST: ..." -> "positiv")."""
    line = render(Text(f"console.help.{verb}"), lang, extra=TEXTS)
    found = re.match(r"/([^\s:\[]+)", line)
    assert found, f"the help line of {verb} does not start with its verb: {line!r}"
    return found.group(1)


# Status words -----------------------------------------------------------------------------

#: Every status word the bot prints ("[udført]", "fortsætter", ...), from the catalogues.
PRINTED_STATUSES = [
    (lang, ActionStatus(key.split(".", 1)[1]), render(Text(key), lang))
    for lang in LANGUAGES
    for key in CATALOGUES[lang]
    if key.startswith("ActionStatus.")
]


def test_the_catalogues_print_a_word_for_every_status() -> None:
    assert {(lang, status) for lang, status, _ in PRINTED_STATUSES} == {
        (lang, status) for lang in LANGUAGES for status in ActionStatus
    }


@pytest.mark.parametrize(("lang", "status", "word"), PRINTED_STATUSES)
def test_every_status_word_the_bot_prints_is_accepted_back(lang, status, word) -> None:
    where = Where("lea", team_nord().group, 7, date(2026, 12, 1))
    for written in (word, word.upper(), word.capitalize()):
        built = BUILDERS["review"](where, f"2 {written} Tjeklisten er i udkast")
        assert built == c.ReviewAction("lea", 7, 2, status, "Tjeklisten er i udkast")
        # Teams' typed commands read the same words
        verb, rest = teams.split_text(f"review 2 {written}")
        assert teams.text_command(verb, rest, teams_where()).status is status


def teams_where() -> teams.Where:
    return teams.Where("lea", "teams:t", "19:c", team_nord().group, 7, date(2026, 12, 1))


def test_the_old_short_status_words_still_work() -> None:
    where = Where("lea", team_nord().group, 7, date(2026, 12, 1))
    old = {"done": "done", "continue": "continued", "fortsæt": "continued", "drop": "dropped"}
    for word, status in old.items():
        assert BUILDERS["review"](where, f"1 {word}").status is ActionStatus(status)


def test_an_unknown_status_word_is_refused_with_a_guess() -> None:
    where = Where("lea", team_nord().group, 7, date(2026, 12, 1))
    with pytest.raises(InvalidInput) as refused:
        BUILDERS["review"](where, "1 fortsat")
    said = render(refused.value.text, "da")
    assert "udført, fortsætter eller droppet" in said and "Mente du »fortsætter«?" in said
    with pytest.raises(InvalidInput) as refused:
        BUILDERS["review"](where, "1 xyzzy")
    assert "Mente du" not in render(refused.value.text, "da")


def test_a_review_in_danish_in_the_console() -> None:
    room = team_nord()
    room.walk_to(Step.CLOSED)
    room.latest_meeting()
    room.walk_to(Step.SINCE_LAST)
    session, transport = console(room, "da")
    shown = typed(session, transport, "/opfølg 1 Fortsætter Vi er halvvejs")
    assert "[fortsætter] – Vi er halvvejs" in shown, shown
    shown = typed(session, transport, "/review 1 droppet")
    assert "[droppet]" in shown, shown


# Verbs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "verb"), sorted(DANISH.items()))
def test_the_danish_verbs_are_accepted(word: str, verb: str) -> None:
    from bot.console.words import verb_of

    assert verb_of(word) == verb
    assert verb_of(word.upper()) == verb
    assert verb_of(verb) == verb  # the English verb keeps working
    assert shown_verb("da", verb) == word  # and the Danish help shows the Danish one


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_verb_in_the_help_is_accepted_and_no_word_means_two(lang: str) -> None:
    from bot.console.words import verb_of

    words = {verb: shown_verb(lang, verb) for verb in HELP_ORDER}
    assert {verb_of(word) for word in words.values()} == set(HELP_ORDER)
    assert all(verb_of(word) == verb for verb, word in words.items())
    assert "help" in HELP_ORDER and "quit" in HELP_ORDER


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_reminders_done_button_is_also_a_verb(lang: str) -> None:
    """The reminder's "Udført"/"Done" button, typed: /udført 2 answers it as the button does."""
    from bot.console.words import verb_of

    assert verb_of(render(Text("reminder.choice.done"), lang)) == "done"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_command_a_console_text_mentions_is_accepted(lang: str) -> None:
    from bot.console.words import verb_of

    mentioned = {
        word
        for entry in TEXTS[lang].values()
        if isinstance(entry, str)
        for word in re.findall(r"(?<![\w/.])/([^\W\d][^\s:\[/.,)»«]*)", entry)
    }
    assert mentioned, "the console's texts name commands"
    assert {word for word in mentioned if verb_of(word) is None} == set()


def test_danish_verbs_play_a_preparation_in_the_console() -> None:
    room = team_nord()
    room.walk_to(Step.PREPARING)
    session, transport = console(room, "da", "Ali")
    shown = typed(
        session,
        transport,
        "/positiv B-17 sover bedre",
        "/FORBEDRING Få hjemmebesøg",
        "/spørgsmål Hvorfor faldt trivslen i uge 3?",
    )
    assert "Gemt: positiv tendens" in shown and "Gemt: forbedringsmulighed" in shown, shown
    assert "Gemt: spørgsmål til data" in shown
    assert room.meeting.has_prepared("ali")


@pytest.mark.parametrize(
    ("lang", "heading", "shown", "hidden"),
    [
        ("da", "Kommandoer", ("/positiv TEKST", "/næste", "/aftaler", "/hjælp"), "/positive "),
        ("en", "Commands", ("/positive TEXT", "/next", "/agreements", "/help"), "/positiv "),
    ],
)
def test_the_help_lists_the_verbs_in_the_configured_language(lang, heading, shown, hidden) -> None:
    session, transport = console(team_nord(), lang)
    help_text = typed(session, transport, "/hjælp")
    assert heading in help_text
    assert all(verb in help_text for verb in shown), help_text
    assert hidden not in help_text


def test_the_preparation_request_says_what_to_type() -> None:
    room = team_nord()
    session, transport = console(room, "da")
    typed(session, transport, "/åbn")
    printed = transport.console.file.getvalue()  # type: ignore[attr-defined]
    assert "/positiv TEKST" in printed and "/forbedring TEKST" in printed, printed
    assert "/spørgsmål TEKST" in printed


# Did you mean ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "line", "said"),
    [
        ("da", "/positv Trivslen steg", "Ukendt kommando /positv. Mente du /positiv?"),
        ("da", "/naeste", "Mente du /næste?"),
        ("en", "/improv Fewer visits", "Unknown command /improv. Did you mean /improve?"),
        ("da", "positiv Trivslen steg", "Mente du /positiv Trivslen steg?"),
        ("en", "agreements", "Did you mean /agreements?"),
    ],
)
def test_a_typo_gets_a_suggestion(lang: str, line: str, said: str) -> None:
    session, transport = console(team_nord(), lang)
    assert said in typed(session, transport, line)


def test_nothing_close_gets_no_guess() -> None:
    session, transport = console(team_nord(), "da")
    shown = typed(session, transport, "/xyzzy", "Hej med jer")
    assert "Ukendt kommando /xyzzy" in shown and "Mente du" not in shown


def test_teams_reads_the_danish_verbs() -> None:
    assert teams.split_text("/Næste") == ("next", "")
    assert teams.split_text("tema Skolefravær") == ("theme", "Skolefravær")
    verb, rest = teams.split_text("positiv B-17 sover bedre")
    built = teams.text_command(verb, rest, teams_where())
    assert built == c.SubmitPoint("lea", 7, PointKind.POSITIVE, "B-17 sover bedre")


# Button labels typed back ------------------------------------------------------------------

#: Every choice label the bot shows, in every language, with sample numbers filled in.
CHOICE_LABELS = [
    (lang, key, render(Text(key, {"minutes": 5, "number": 2}), lang))
    for lang in LANGUAGES
    for key in CATALOGUES[lang]
    if key.startswith("choice.")
]


def test_every_choice_the_catalogues_show_has_a_line() -> None:
    from bot.console.choice_words import LINES

    assert {key for _, key, _ in CHOICE_LABELS} == set(LINES)


@pytest.mark.parametrize(("lang", "key", "label"), CHOICE_LABELS)
def test_every_button_label_typed_back_is_a_command(lang: str, key: str, label: str) -> None:
    from bot.console.choice_words import LINES, choice_line
    from bot.console.words import verb_of

    line = choice_line(label)
    assert line is not None, f"{label!r} ({lang}) is not read back"
    assert line == "/" + LINES[key].replace("{n}", "5" if "extend" in key else "2").strip()
    assert verb_of(line[1:].split()[0]) is not None
    assert choice_line(label.upper()) == line  # case and accents do not matter


def test_a_leader_types_the_next_button_in_danish() -> None:
    room = team_nord()
    room.walk_to(Step.EXPLORE)
    room.ready_to_leave()
    session, transport = console(room, "da")
    typed(session, transport, "Næste trin")
    assert room.meeting.step is Step.INTERPRET


def test_teams_reads_a_button_label_typed_back() -> None:
    assert teams.split_text("Forlæng 10 min") == ("extend", "10")
    assert teams.split_text("Vote for 3") == ("vote", "3")
