"""Corrections typed in the console, in Danish and English: `/ret` and `/fjern` (`/edit`,
`/remove`) name what they correct by the verb that added it, in either language."""

from __future__ import annotations

import pytest

from bot.teams import translate as teams
from flows import commands as c
from flows.commands import AddObservation, ProposeTheme
from flows.steps import Step
from tests.transcript import team_nord
from tests.unit.test_console_words import console, typed


def explore():
    room = team_nord()
    room.walk_to(Step.EXPLORE)
    room.must("ali", AddObservation, text="To ud af fem skemaer mangler")
    room.must("ali", ProposeTheme, title="Aftenrutiner")
    return room


def test_a_member_corrects_and_withdraws_in_danish() -> None:
    room = explore()
    number = room.meeting.observations[-1].number
    session, transport = console(room, "da", name="Ali")
    shown = typed(
        session, transport,
        f"/ret observation {number} Tre ud af fem skemaer mangler",
        "/ret tema 1 Aftenrutiner hjemme",
        "/fjern tema 1",
    )  # fmt: skip
    assert f"Ali rettede observation {number}: Tre ud af fem skemaer mangler" in shown
    assert "Ali rettede tema 1: Aftenrutiner hjemme" in shown
    assert "Ali fjernede tema 1." in shown
    assert room.meeting.themes == []


def test_the_leader_amends_an_action_after_close_in_english() -> None:
    room = team_nord()
    room.walk_to(Step.CLOSED)
    session, transport = console(room, "en", name="Lea")
    shown = typed(
        session, transport,
        "/edit action 1 A fixed evening routine with B-04 | Ali | Lea | +21",
        "/agreements",
    )  # fmt: skip
    assert "Lea changed an action: 1. A fixed evening routine with B-04" in shown
    assert "Amended after the meeting" in shown
    assert "Lea changed action 1" in shown


@pytest.mark.parametrize(
    ("lang", "line", "said"),
    [
        ("da", "/ret tema", "/ret HVAD NR TEKST"),
        ("da", "/fjern blomst 2", "/fjern HVAD NR"),
        ("en", "/edit obs 1", "/edit WHAT NO TEXT"),
        ("en", "/remove explanation x", "/remove WHAT NO"),
    ],
)
def test_a_correction_typed_wrong_gets_its_usage(lang: str, line: str, said: str) -> None:
    room = explore()
    before = room.snapshot()
    session, transport = console(room, lang)
    assert said in typed(session, transport, line)
    assert room.snapshot() == before


def test_teams_reads_the_corrections_as_the_console_does() -> None:
    from flows import commands as c
    from tests.unit.test_console_words import teams_where

    where = teams_where()
    assert teams.split_text("/ret observation 3 Tre mangler") == (
        "edit",
        "observation 3 Tre mangler",
    )
    verb, rest = teams.split_text("fjern tema 2")
    assert teams.text_command(verb, rest, where) == c.RemoveItem("lea", 7, c.Item.THEME, 2)
    verb, rest = teams.split_text("edit longgoal Calm evenings")
    assert teams.text_command(verb, rest, where) == c.EditItem(
        "lea", 7, c.Item.GOAL, 2, "Calm evenings"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ret observation 3 Tre mangler", ("edit", c.Item.OBSERVATION, 3, "Tre mangler")),
        ("edit theme 1 Evening routines", ("edit", c.Item.THEME, 1, "Evening routines")),
        ("ret forklaring 2 Vagtskifte", ("edit", c.Item.EXPLANATION, 2, "Vagtskifte")),
        ("edit goal Calm evenings", ("edit", c.Item.GOAL, 1, "Calm evenings")),
        ("ret langtmål Stabile aftener", ("edit", c.Item.GOAL, 2, "Stabile aftener")),
        ("edit sign 2 Fewer late nights", ("edit", c.Item.SIGN, 2, "Fewer late nights")),
        ("ret tagmed 1 Aftenerne først", ("edit", c.Item.TAKEAWAY, 1, "Aftenerne først")),
        ("edit review 1 Booked for Monday", ("edit", c.Item.REVIEW, 1, "Booked for Monday")),
        ("ret positiv B-17 sover", ("edit", c.Item.POINT, 1, "B-17 sover")),
        ("fjern tema 2", ("remove", c.Item.THEME, 2, None)),
        ("remove action 1", ("remove", c.Item.ACTION, 1, None)),
        ("fjern spørgsmål", ("remove", c.Item.POINT, 3, None)),
    ],
)
def test_slack_reads_every_correction_after_its_slash_command(text: str, expected: tuple) -> None:
    from bot.slack import planning as slack_planning
    from tests.unit.test_planning_everywhere import GROUP, WHERE

    kind, item, number, said = expected
    built = slack_planning.slash_command(text, WHERE, GROUP)
    if kind == "remove":
        assert built == c.RemoveItem("lea", 7, item, number)
    else:
        assert built == c.EditItem("lea", 7, item, number, said)


def test_slack_reads_an_edited_action_with_its_people_and_date() -> None:
    from bot.slack import planning as slack_planning
    from tests.unit.test_planning_everywhere import GROUP, WHERE

    leader = GROUP.leader
    other = GROUP.participants[0]
    text = f"edit action 2 Call the school | {other.name} | {leader.name} | 2026-12-15"
    built = slack_planning.slash_command(text, WHERE, GROUP)
    assert isinstance(built, c.EditAction)
    assert (built.number, built.what, built.owner, built.follow_up, built.due.isoformat()) == (
        2, "Call the school", other.user_id, leader.user_id, "2026-12-15",
    )  # fmt: skip


@pytest.mark.parametrize("text", ["edit", "ret tema", "remove blomst 2"])
def test_a_correction_typed_wrong_in_slack_or_teams_gets_its_usage(text: str) -> None:
    """Slack and Teams read corrections with the console's table: its usage texts render
    there too (they raised KeyError before)."""
    from bot.slack import planning as slack_planning
    from bot.slack.blocks import SHOWN as SLACK
    from bot.teams.blocks import SHOWN as TEAMS
    from flows.errors import InvalidInput
    from flows.text.render import render
    from tests.unit.test_planning_everywhere import GROUP, WHERE

    with pytest.raises(InvalidInput) as bad:
        slack_planning.slash_command(text, WHERE, GROUP)
    for extra in (SLACK, TEAMS):
        assert "/ret HVAD NR" in render(bad.value.text, "da", extra=extra) or "/fjern HVAD" in (
            render(bad.value.text, "da", extra=extra)
        )
        assert "WHAT NO" in render(bad.value.text, "en", extra=extra)
