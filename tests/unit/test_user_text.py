"""User text is stored and shown back without controls, direction overrides or blankness.

Issue #12: a NUL byte made PostgreSQL refuse the save (SQLite stored and echoed it), a
text of only invisible characters was accepted, and a right-to-left override was echoed
back. Now every free text, through a command, a contribution form or a group's set-up
(its name, its members' display names), loses NUL and the other control characters
(tab and newline kept, CR LF read as a newline) and the bidirectional controls, and a
text of which nothing would show is refused as empty. Visible text is kept as typed:
emoji sequences joined by zero-width joiners, accents, line breaks.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from flows import commands as c
from flows.commands import AddObservation, CreateGroup, ProposeTheme
from flows.errors import InvalidInput
from flows.forms import FORMS, FieldError, build
from flows.model import Level
from flows.outputs import Text
from flows.steps import Step
from flows.validation import MAX_TEXT, clean_name, clean_text, is_blank
from tests.transcript import LEADER, PARTICIPANTS, Reply, Room, team_nord

EMPTY = "The text is empty. Write something before you send."
TODAY = date(2026, 3, 2)

#: Every bidirectional control: embeddings, overrides, isolates and the marks.
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
RLO = "\u202e"

#: Control characters removed, by name (tab and newline are kept).
CONTROLS = {
    "NUL": "\x00",
    "bell": "\x07",
    "backspace": "\x08",
    "escape": "\x1b",
    "unit separator": "\x1f",
    "DEL": "\x7f",
    "C1 padding": "\x80",
    "C1 CSI": "\x9b",
    "lone surrogate": "\ud800",
}

#: Texts of which nothing would show: refused as empty.
INVISIBLE = {
    "two zero-width spaces": "\u200b\u200b",
    "word joiner": "\u2060",
    "Hangul filler": "\u3164",
    "Hangul choseong filler": "\u115f",
    "Hangul jungseong filler": "\u1160",
    "halfwidth Hangul filler": "\uffa0",
    "blank braille pattern": "\u2800",
    "zero-width joiner": "\u200d",
    "byte order mark": "\ufeff",
    "soft hyphen": "\u00ad",
    "a combining accent alone": "\u0301",
    "a variation selector alone": "\ufe0f",
    "no-break and ideographic spaces": "\u00a0\u3000",
    "line and paragraph separators": "\u2028\u2029",
    "NUL": "\x00",
    "a right-to-left override": RLO,
    "a mix": " \u200b\u3164\n\u2800\u2060\t\u200d\ufeff\x00\u202e\u115f\u00ad ",
}

#: The tag characters (g, b, s, c, t, cancel) after 🏴 that make it the flag of Scotland.
SCOTLAND_TAGS = (0xE0067, 0xE0062, 0xE0073, 0xE0063, 0xE0074, 0xE007F)

#: Visible text with invisible parts that belong to it: kept exactly as typed.
KEPT = {
    "a family emoji joined by zero-width joiners": "👩\u200d👩\u200d👧 on a home visit",
    "a heart with its variation selector": "Calmer evenings ❤\ufe0f",
    "a flag made of tag characters": "Scotland 🏴" + "".join(map(chr, SCOTLAND_TAGS)),
    "a combining accent": "Cafe\u0301 visits",
    "Danish letters": "Blåbærgrød på Ærø",
    "a tab": "Week 3\tfour visits",
    "lines": "Drop-outs cluster:\n- after the summer\n- after Christmas",
}


def no_bidi(text: str) -> bool:
    return not any(ch in BIDI for ch in text)


def exploring() -> Room:
    room = team_nord()
    room.walk_to(Step.EXPLORE)
    return room


def observe(room: Room, text: str) -> tuple[Reply, str]:
    """Ali adds an observation; the reply and the text stored (the last observation)."""
    reply = room.run("ali", AddObservation, text=text)
    assert not reply.refused, room.failure(reply, "the observation was refused")
    return reply, room.meeting.observations[-1].text


# Control characters -----------------------------------------------------------------


@pytest.mark.parametrize("control", CONTROLS.values(), ids=CONTROLS.keys())
def test_a_control_character_is_removed(control: str) -> None:
    assert clean_text(f"B-17{control} slept{control}{control} badly{control}") == (
        "B-17 slept badly"
    )


def test_tab_and_newline_are_kept_and_every_line_break_becomes_a_newline() -> None:
    assert clean_text("one\ttwo\nthree") == "one\ttwo\nthree"
    breaks = "a\r\nb\rc\x0bd\x0ce\x85f\u2028g\u2029h"
    assert clean_text(breaks) == "a\nb\nc\nd\ne\nf\ng\nh"


def test_an_observation_typed_with_a_nul_is_saved_and_shown_without_it() -> None:
    room = exploring()
    reply, stored = observe(room, "Drop-outs\x00 cluster after the summer\x00")
    assert stored == "Drop-outs cluster after the summer"
    assert "\x00" not in reply.text
    reply.shows("#channel: 3. Drop-outs cluster after the summer (Ali)")


def test_the_length_limit_counts_what_is_kept() -> None:
    text = "x" * MAX_TEXT
    assert clean_text(text + "\x00" * 10) == text


# Direction overrides ------------------------------------------------------------------


@pytest.mark.parametrize("control", list(BIDI), ids=[f"U+{ord(ch):04X}" for ch in BIDI])
def test_a_bidi_control_is_removed(control: str) -> None:
    assert clean_text(f"B-17 {control}71-B slept badly") == "B-17 71-B slept badly"


def test_a_right_to_left_override_is_neither_saved_nor_echoed() -> None:
    room = exploring()
    reply, stored = observe(room, f"Invoice {RLO}fdp.exe from B-17")
    assert stored == "Invoice fdp.exe from B-17"
    assert no_bidi(reply.text)
    reply.shows("#channel: 3. Invoice fdp.exe from B-17 (Ali)")


@pytest.mark.parametrize("hidden", ["0101\x0090-1234", f"010190{RLO}-1234", "01019\u200e0-1234"])
def test_a_cpr_number_split_by_a_removed_character_is_still_refused(hidden: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        clean_text(f"B-17 ({hidden}) slept badly")
    assert refused.value.text == Text("error.cpr", {})


# Invisible text ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_a_text_of_only_invisible_characters_is_refused_as_empty(text: str) -> None:
    assert is_blank(text)
    with pytest.raises(InvalidInput) as refused:
        clean_text(text)
    assert refused.value.text == Text("error.text_empty", {})


@pytest.mark.parametrize("text", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_an_invisible_observation_is_refused_and_nothing_is_saved(text: str) -> None:
    room = exploring()
    before = room.snapshot()
    reply = room.run("ali", AddObservation, text=text)
    reply.shows(f"@ali (refused): {EMPTY}")
    assert room.snapshot() == before


@pytest.mark.parametrize("text", KEPT.values(), ids=KEPT.keys())
def test_visible_text_is_kept_as_typed(text: str) -> None:
    assert not is_blank(text)
    assert clean_text(f"  {text} \n") == text


def test_an_emoji_sequence_is_saved_and_shown_whole() -> None:
    family = KEPT["a family emoji joined by zero-width joiners"]
    room = exploring()
    reply, stored = observe(room, family)
    assert stored == family
    assert family in reply.text


def test_newlines_are_saved_and_shown_as_lines() -> None:
    room = exploring()
    reply, stored = observe(room, "Drop-outs cluster\r\nafter the summer")
    assert stored == "Drop-outs cluster\nafter the summer"
    reply.shows("#channel: 3. Drop-outs cluster", "#channel: after the summer (Ali)")


# Through a contribution form ----------------------------------------------------------------


def submit(room: Room, command: type[c.MeetingCommand], values: dict[str, Any]) -> Any:
    return build(FORMS[command], "ali", room.meeting_id, values, room.group, room.today)


@pytest.mark.parametrize(("command", "field"), [(AddObservation, "text"), (ProposeTheme, "title")])
def test_a_form_removes_controls_and_overrides_and_the_command_saves_that(
    command: type[c.MeetingCommand], field: str
) -> None:
    room = exploring()
    cmd = submit(room, command, {field: f"Evening\x00 {RLO}routines\r\nfor B-17"})
    assert getattr(cmd, field) == "Evening routines\nfor B-17"
    reply = room.send(cmd)
    assert not reply.refused
    assert "\x00" not in reply.text and no_bidi(reply.text)
    meeting = room.meeting
    saved = meeting.observations[-1].text if command is AddObservation else meeting.themes[-1].title
    assert saved == "Evening routines\nfor B-17"


@pytest.mark.parametrize(("command", "field"), [(AddObservation, "text"), (ProposeTheme, "title")])
@pytest.mark.parametrize("text", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_a_form_refuses_an_invisible_text_beside_the_field(
    text: str, command: type[c.MeetingCommand], field: str
) -> None:
    with pytest.raises(FieldError) as refused:
        build(FORMS[command], "ali", 7, {field: text}, None, TODAY)
    assert refused.value.field == field
    assert refused.value.text.key in ("error.text_empty", "error.field_empty")


def test_a_form_keeps_an_emoji_sequence() -> None:
    family = KEPT["a family emoji joined by zero-width joiners"]
    cmd = build(FORMS[AddObservation], "ali", 7, {"text": family}, None, TODAY)
    assert cmd.text == family  # type: ignore[attr-defined]


# Group names and display names ----------------------------------------------------------


def create(room: Room, name: str, people: tuple[tuple[str, str], ...]) -> Reply:
    cmd = CreateGroup(
        actor=LEADER[0], name=name, level=Level.CITIZEN, leader=LEADER, participants=people
    )
    return room.send(cmd)


def test_a_group_name_and_display_names_are_cleaned_like_any_text() -> None:
    room = Room()
    people = (("ali", "Ali\x00"), ("bo", f"{RLO}oB"), *PARTICIPANTS[2:])
    reply = create(room, f"Team\x00 {RLO}Nord\u200f", people)
    assert not reply.refused, room.failure(reply, "the group was not created")
    (group,) = room.store.groups.values()
    assert group.name == "Team Nord"
    assert [m.name for m in group.members] == ["Lea", "Ali", "oB", "Cai", "Dina"]
    assert "\x00" not in reply.text and no_bidi(reply.text)


def test_an_invisible_display_name_is_replaced_by_the_user_id() -> None:
    assert clean_name("\u3164", fallback="U0BO") == "U0BO"
    assert clean_name("\u200b\x00", fallback="U0BO") == "U0BO"
    assert clean_name("  Bo\u200f ", fallback="U0BO") == "Bo"
    room = Room()
    reply = create(room, "Team Nord", (("ali", "Ali"), ("U0BO", "\u3164"), *PARTICIPANTS[2:]))
    assert not reply.refused, room.failure(reply, "the group was not created")
    (group,) = room.store.groups.values()
    assert group.name_of("U0BO") == "U0BO"


@pytest.mark.parametrize("name", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_an_invisible_group_name_is_refused_as_empty(name: str) -> None:
    room = Room()
    reply = create(room, name, PARTICIPANTS)
    reply.shows(f"@lea (refused): {EMPTY}")
    assert room.store.groups == {}
