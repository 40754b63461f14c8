"""The parameters the leader picks as the meetings' focus (issue 13): `ChooseParameters`
in the flows, typed on every platform, and what the data charts then draw.

The leader (a co-leader, the operator) chooses among the parameters of the group's data
set; a name is read as the data set spells it, case aside, and an unknown one is refused
with the closest ("did you mean") and every parameter. Nothing chosen is every parameter
again. A participant may list them, not choose. From then on the charts that come with a
preparation request, the explore step and the meeting draw only those parameters; the
choice outlives a new import.
"""

from __future__ import annotations

import asyncio
import io
from datetime import date

import pytest
from rich.console import Console

from bot.charting import ChartMaker, data_charts
from bot.console import commands as console_commands
from bot.console.render import ConsoleTransport
from bot.console.session import ConsoleSession
from bot.dispatch import Dispatcher
from bot.slack import blocks as slack_blocks
from bot.slack import planning as slack_planning
from bot.slack.translate import Where
from bot.teams import cards as teams_cards
from bot.teams import own_cards as teams_own_cards
from bot.teams import planning as teams_planning
from bot.teams import translate as teams_translate
from charts.series import ComparisonData, GoalAttainmentData, ProgressionData, TargetGroupData
from flows.commands import OPERATOR_ACTOR, Advance, ImportMeasurements, OpenPreparation
from flows.model import Group, Level, Member, Role
from flows.outputs import ChartKind, RequestChart, ToUser
from flows.parameters import ChooseParameters, ShowParameters
from flows.steps import Step
from tests.fakes import DataSet, InMemoryUnitOfWork
from tests.transcript import Room, say, team_nord
from tests.unit.charts.handbook_data import (
    ASI,
    FAMILY,
    LEISURE,
    SOCIAL,
    WELLBEING,
    YLS,
    handbook_rows,
)

ALL = "ASI alkohol; Familieforhold; Fritidsforhold og venskaber; Psykisk trivsel; Sociale kompetencer; YLS/CMI"  # noqa: E501
NOT_LEADER = (
    "Only a group's meeting leader can choose the parameters its charts show (Lea leads Team Nord)."
)


def with_data(room: Room) -> Room:
    """The handbook's data set (six parameters) as the group's, as an import leaves it
    (not imported through the room, so a failing transcript does not list every row)."""
    data_set = DataSet(tuple(handbook_rows()), "handbook.csv", room.clock.now(), "lea")
    room.store.measurements[room.group_id] = data_set
    return room


@pytest.fixture
def nord() -> Room:
    """Team Nord (offer level) with the handbook's data set."""
    return with_data(team_nord(level=Level.OFFER))


def chosen(room: Room) -> tuple[str, ...]:
    return room.store.measurements[room.group_id].focus


def parameters_in(chart: object) -> set[str]:
    """The parameters a chart shows."""
    if isinstance(chart, TargetGroupData | ComparisonData):
        return {chart.parameter}
    if isinstance(chart, ProgressionData):
        return {line.parameter for line in chart.lines}
    if isinstance(chart, GoalAttainmentData):
        return {bar.parameter for bar in chart.bars}
    raise AssertionError(chart)


# The flows --------------------------------------------------------------------------------


def test_the_leader_chooses_and_a_participant_may_only_list(nord: Room) -> None:
    g = nord.group_id
    nord.play(
        say("ali", ShowParameters, group_id=g),
        f"@ali (only you): The parameters in the data of Team Nord: {ALL}. "
        "The charts show all of them.",
        say("ali", ChooseParameters, group_id=g, parameters=(WELLBEING,)),
        f"@ali (refused): {NOT_LEADER}",
        say("lea", ChooseParameters, group_id=g, parameters=("psykisk trivsel", "YLS/CMI", YLS)),
        "@lea (only you): From now on the charts of Team Nord show only: Psykisk trivsel; YLS/CMI.",
        say("ali", ShowParameters, group_id=g),
        f"@ali (only you): The parameters in the data of Team Nord: {ALL}. "
        "The charts show only: Psykisk trivsel; YLS/CMI.",
    )
    assert chosen(nord) == (WELLBEING, YLS)  # as the data set spells them, once each


def test_an_unknown_name_is_refused_with_the_closest_and_every_parameter(nord: Room) -> None:
    before = nord.snapshot()
    nord.play(
        say("lea", ChooseParameters, group_id=nord.group_id, parameters=(WELLBEING, "Trivsl")),
        "@lea (refused): “Trivsl” is not a parameter in the group's data. "
        f"Did you mean “Psykisk trivsel”? The parameters are: {ALL}.",
        say("lea", ChooseParameters, group_id=nord.group_id, parameters=("Søvn",)),
        "@lea (refused): “Søvn” is not a parameter in the group's data. "
        f"The parameters are: {ALL}.",
    )
    assert nord.snapshot() == before
    assert chosen(nord) == ()


def test_the_refusal_is_in_danish_for_a_danish_group() -> None:
    room = with_data(team_nord(lang="da"))
    room.play(
        say("lea", ChooseParameters, group_id=room.group_id, parameters=("Familieforhod",)),
        "@lea (refused): »Familieforhod« er ikke en parameter i gruppens data. "
        "Mente du »Familieforhold«? Parametrene er:",
        say("lea", ChooseParameters, group_id=room.group_id, parameters=(FAMILY,)),
        "@lea (only you): Fra nu af viser graferne for Team Nord kun: Familieforhold.",
    )


def test_nothing_chosen_is_every_parameter_again(nord: Room) -> None:
    nord.must("lea", ChooseParameters, group_id=nord.group_id, parameters=(ASI,))
    nord.play(
        say("lea", ChooseParameters, group_id=nord.group_id, parameters=()),
        f"@lea (only you): From now on the charts of Team Nord show every parameter: {ALL}.",
    )
    assert chosen(nord) == ()


def test_without_data_there_is_nothing_to_choose() -> None:
    room = team_nord()
    room.play(
        say("lea", ChooseParameters, group_id=room.group_id, parameters=(WELLBEING,)),
        "@lea (refused): Team Nord has no data yet. Import a measurement file first.",
        say("ali", ShowParameters, group_id=room.group_id),
        "@ali (refused): Team Nord has no data yet.",
    )


def test_the_choice_outlives_an_import_and_a_parameter_gone_is_left_out(nord: Room) -> None:
    g = nord.group_id
    nord.must(OPERATOR_ACTOR, ChooseParameters, group_id=g, parameters=(WELLBEING, SOCIAL))
    without_social = tuple(m for m in handbook_rows() if m.parameter != SOCIAL)
    nord.must("lea", ImportMeasurements, group_id=g, measurements=without_social)
    assert chosen(nord) == (WELLBEING, SOCIAL)  # kept as chosen ...
    nord.play(  # ... and what is drawn is what the data still holds
        say("bo", ShowParameters, group_id=g),
        "The charts show only: Psykisk trivsel.",
    )
    only_asi = tuple(m for m in handbook_rows() if m.parameter == ASI)
    nord.must("lea", ImportMeasurements, group_id=g, measurements=only_asi)
    nord.play(  # none of the chosen left: every parameter again
        say("bo", ShowParameters, group_id=g),
        "@bo (only you): The parameters in the data of Team Nord: ASI alkohol. "
        "The charts show all of them.",
    )


# What the charts draw ---------------------------------------------------------------------


def test_the_data_charts_draw_only_the_chosen_parameters_protected_together() -> None:
    rows = handbook_rows()
    every = data_charts(rows, 5)
    assert set().union(*map(parameters_in, every)) == {ASI, FAMILY, LEISURE, WELLBEING, SOCIAL, YLS}
    focus = data_charts(rows, 5, parameters=(WELLBEING, FAMILY))
    assert set().union(*map(parameters_in, focus)) == {WELLBEING, FAMILY}
    assert len(focus) < len(every)
    assert data_charts(rows, 5, parameters=("Gone",)) == every  # none held: every one


def maker(room: Room) -> ChartMaker:
    return ChartMaker(lambda: InMemoryUnitOfWork(room.store), lang="en")


def test_a_preparation_dm_brings_only_the_chosen_parameters(nord: Room) -> None:
    nord.must("lea", ChooseParameters, group_id=nord.group_id, parameters=(YLS,))
    reply = nord.run("lea", OpenPreparation)
    (ali,) = [o for o in reply.of_type(RequestChart) if o.to == ToUser("ali")]
    assert ali.kind is ChartKind.DATA
    drawn = maker(nord).draw(ali)
    kinds = ["target_group", "progression", "what_works", "what_works"]  # of YLS/CMI alone
    assert [c.kind for c in drawn] == kinds
    others = (ASI, FAMILY, LEISURE, WELLBEING, SOCIAL)
    for chart in drawn:
        assert YLS in chart.alt_text
        assert not [p for p in others if p in chart.alt_text + chart.caption]
    assert all(c.to == ToUser("ali") for c in drawn)


def test_the_explore_step_charts_the_chosen_parameters(nord: Room) -> None:
    nord.must("lea", ChooseParameters, group_id=nord.group_id, parameters=(WELLBEING, SOCIAL))
    nord.walk_to(Step.SINCE_LAST)
    reply = nord.run("lea", Advance, expected_step=Step.SINCE_LAST)
    (request,) = [o for o in reply.of_type(RequestChart) if o.kind is ChartKind.DATA]
    drawn = maker(nord).draw(request)
    assert [c.kind for c in drawn] == ["progression"]
    said = drawn[0].alt_text + drawn[0].caption
    assert WELLBEING in said and SOCIAL in said
    assert not [p for p in (ASI, FAMILY, LEISURE, YLS) if p in said]


# Typed on every platform ------------------------------------------------------------------

GROUP = Group("Team Nord", Level.CITIZEN, [Member("lea", "Lea", Role.LEADER), Member("ali", "Ali")],
              id=1, timezone="Europe/Copenhagen")  # fmt: skip
TYPED = [
    ("", ShowParameters("lea", 1)),
    ("Psykisk trivsel; YLS/CMI", ChooseParameters("lea", 1, ("Psykisk trivsel", "YLS/CMI"))),
    (" Psykisk trivsel ;; ", ChooseParameters("lea", 1, ("Psykisk trivsel",))),
    ("alle", ChooseParameters("lea", 1, ())),
    ("ALL", ChooseParameters("lea", 1, ())),
]


@pytest.mark.parametrize(("rest", "expected"), TYPED)
@pytest.mark.parametrize("verb", ["parameters", "parametre"])
def test_slack_reads_the_parameters_subcommand(verb: str, rest: str, expected: object) -> None:
    where = Where("lea", "slack:T1", "C1", meeting_id=7, today=date(2026, 12, 1))
    assert slack_planning.slash_command(f"{verb} {rest}", where, GROUP) == expected


@pytest.mark.parametrize(("rest", "expected"), TYPED)
@pytest.mark.parametrize("verb", ["parameters", "parametre", "/parametre"])
def test_teams_reads_the_parameters_verb(verb: str, rest: str, expected: object) -> None:
    where = teams_translate.Where("lea", "teams:t1", "19:c", GROUP, 7, date(2026, 12, 1))
    typed, rest_read = teams_translate.split_text(f"{verb} {rest}")
    assert typed in teams_planning.TEXT_VERBS
    assert teams_planning.text_command(typed, rest_read, where) == expected


def test_the_console_reads_the_parameters_verb() -> None:
    where = console_commands.Where("lea", GROUP, 7, date(2026, 12, 1))
    for rest, expected in TYPED:
        assert console_commands.BUILDERS["parameters"](where, rest) == expected


def test_every_help_names_the_verb() -> None:
    en_slack = slack_blocks.help_message(slack_blocks.Style("en"), "/dialog")
    assert "/dialog parameters [NAME; NAME … | all]" in str(en_slack)
    da_teams = teams_own_cards.help_card(teams_cards.Style("da"))
    assert "parameters (parametre) [NAVN; NAVN … | alle]" in str(da_teams)


def console(room: Room, lang: str) -> tuple[ConsoleSession, ConsoleTransport]:
    transport = ConsoleTransport(Console(file=io.StringIO(), width=300), lang=lang)
    dispatcher = Dispatcher(lambda: InMemoryUnitOfWork(room.store), room.clock, transport.deliver)
    return ConsoleSession(dispatcher, transport), transport


def typed(session: ConsoleSession, transport: ConsoleTransport, *lines: str) -> str:
    seen = len(transport.transcript)

    async def play() -> None:
        for line in lines:
            await session.handle(line)

    asyncio.run(play())
    return "\n".join(transport.transcript[seen:])


def test_a_console_session_in_danish(nord: Room) -> None:
    session, transport = console(nord, "da")
    asyncio.run(session.begin("Team Nord", "Ali"))
    assert "/parametre [NAVN; NAVN … | alle]" in typed(session, transport, "/hjælp")
    assert "Graferne viser dem alle." in typed(session, transport, "/parametre")
    refused = typed(session, transport, "/parametre Psykisk trivsel")
    assert "Kun en gruppes mødeleder kan vælge, hvilke parametre graferne viser" in refused
    typed(session, transport, "/as Lea")
    assert "Mente du »YLS/CMI«?" in typed(session, transport, "/parametre YLS-CMI")
    said = typed(session, transport, "/parametre psykisk trivsel; Sociale kompetencer")
    assert "viser graferne for Team Nord kun: Psykisk trivsel; Sociale kompetencer." in said
    assert chosen(nord) == (WELLBEING, SOCIAL)
    assert "alle parametre" in typed(session, transport, "/parametre alle")
    assert chosen(nord) == ()
