"""Group changes typed in the console, in Danish and English (issue 14): members, roles,
name, rhythm, time-boxes, holiday rule, channel, archiving; and the words they read back
as the command line reads them (`bot.console.group_verbs`)."""

from __future__ import annotations

import pytest

from bot.console.group_verbs import GROUP_BUILDERS, holiday_rule_of, role_of, step_of
from flows.cadence import Cadence, Frequency, HolidayRule
from flows.errors import InvalidInput
from flows.model import Role
from flows.reminder_plan import ReminderStatus
from flows.steps import Step
from flows.text.render import render
from tests.transcript import team_nord
from tests.unit.test_console_words import console, typed


def test_the_leader_changes_the_group_in_danish() -> None:
    room = team_nord()
    session, transport = console(room, "da", name="Lea")
    shown = typed(
        session, transport,
        "/medlem tilføj Eva Holm",
        "/som Eva Holm",
        "/som Lea",
        "/medleder Ali",
        "/omdøb Team Nordvest",
        "/rytme uger 2",
        "/tidsramme udforsk 25",
        "/helligdage spring over",
        "/kanal #familie-nord",
    )  # fmt: skip
    assert "Eva Holm er kommet med i Team Nord som deltager." in shown
    assert "Du skriver nu som Eva Holm (deltager)." in shown
    assert "Ali er nu medleder for Team Nord." in shown
    assert "Gruppen Team Nord hedder nu Team Nordvest." in shown
    assert "Team Nordvest holder nu møde hver 2. uge om tirsdagen." in shown
    assert "udforsk: 25 min" in shown
    assert "springer Team Nordvest et møde på en helligdag over" in shown
    assert "Team Nordvest holder nu møde i #familie-nord." in shown
    group = room.group
    assert group.name == "Team Nordvest" and group.channel == "familie-nord"
    assert group.member("eva-holm") is not None
    assert group.cadence == Cadence(Frequency.WEEKLY, 2, holidays=HolidayRule.SKIP)
    assert group.timeboxes[Step.EXPLORE] == 25


def test_removing_a_member_flags_their_actions_and_the_console_follows() -> None:
    room = team_nord()
    room.walk_to(Step.CLOSED)
    room.latest_meeting()
    session, transport = console(room, "en", name="Ali")
    shown = typed(session, transport, "/member remove Bo", "/as Lea", "/member remove Ali")
    assert "Only the meeting leader (Lea) or the co-leader can change the group" in shown
    assert "Ali has left Team Nord." in shown
    assert "Ali had 1 open action:" in shown
    assert "1. A fixed evening routine with B-17 (meeting 1, due Tue 15 Dec 2026)" in shown
    assert not [
        r for r in room.store.reminders.values()
        if r.recipient == "ali" and r.status is ReminderStatus.PENDING
    ]  # fmt: skip
    shown = typed(session, transport, "/as Ali")
    assert "Ali is not in the group Team Nord." in shown


def test_a_new_leader_and_a_member_who_leaves_themselves() -> None:
    room = team_nord(co_leader=("kim", "Kim"))
    session, transport = console(room, "en", name="Kim")
    shown = typed(session, transport, "/leader Bo", "/member remove Kim")
    assert "Bo is now the meeting leader of Team Nord." in shown
    assert "Lea is now a participant." in shown
    assert "Kim has left Team Nord." in shown
    assert "You are now writing as Bo (meeting leader)." in shown  # Kim has gone
    assert session.actor == "bo"


def test_archive_and_unarchive_in_the_console() -> None:
    room = team_nord()
    session, transport = console(room, "da", name="Lea")
    shown = typed(session, transport, "/arkivér", "/åbn", "/genåbn", "/åbn")
    assert "Team Nord er arkiveret: ingen møder og ingen påmindelser" in shown
    assert "Gruppen Team Nord er arkiveret: der sker intet i den" in shown
    assert "Team Nord er aktiv igen." in shown
    assert room.meeting.step is Step.PREPARING


@pytest.mark.parametrize(
    ("lang", "line", "usage"),
    [
        ("da", "/medlem Eva", "/medlem tilføj NAVN | fjern NAVN"),
        ("da", "/medlem inviter Eva", "/medlem tilføj NAVN | fjern NAVN"),
        ("en", "/rhythm weeks", "/rhythm days N | weeks N | monthly N"),
        ("en", "/rhythm fortnightly 2", "/rhythm days N | weeks N | monthly N"),
        ("en", "/timebox 25", "/timebox STEP MIN"),
        ("en", "/archive now", "/archive: put the group away"),
        ("en", "/leader", "/leader NAME"),
    ],
)
def test_a_change_typed_wrong_gets_its_usage(lang: str, line: str, usage: str) -> None:
    session, transport = console(team_nord(), lang, name="Lea")
    assert usage in typed(session, transport, line)


def test_conflicting_rhythm_options_are_refused_as_group_create_refuses_them() -> None:
    room = team_nord()
    session, transport = console(room, "da", name="Lea")
    shown = typed(session, transport, "/rytme dage 14 uger 2", "/rytme månedlig 5")
    assert "Vælg én rytme: hver 14. dag eller hver 2. uge?" in shown
    assert "En månedlig rytme holder møde den 1., 2., 3. eller 4. ugedag" in shown
    assert room.group.cadence is None


@pytest.mark.parametrize(
    ("word", "role"),
    [("leader", Role.LEADER), ("Mødeleder", Role.LEADER), ("co-leader", Role.CO_LEADER),
     ("co_leader", Role.CO_LEADER), ("medleder", Role.CO_LEADER), ("deltager", Role.PARTICIPANT),
     ("Participant", Role.PARTICIPANT)],
)  # fmt: skip
def test_a_role_is_read_in_either_language(word: str, role: Role) -> None:
    assert role_of(word) is role


@pytest.mark.parametrize(
    ("word", "rule"),
    [("keep", HolidayRule.KEEP), ("behold", HolidayRule.KEEP), ("Spring over", HolidayRule.SKIP),
     ("next_working_day", HolidayRule.NEXT_WORKING_DAY),
     ("næste hverdag", HolidayRule.NEXT_WORKING_DAY),
     ("next working day", HolidayRule.NEXT_WORKING_DAY)],
)  # fmt: skip
def test_a_holiday_rule_is_read_in_either_language(word: str, rule: HolidayRule) -> None:
    assert holiday_rule_of(word) is rule


@pytest.mark.parametrize(
    ("word", "step"),
    [("1", Step.SINCE_LAST), ("siden sidst", Step.SINCE_LAST), ("explore", Step.EXPLORE),
     ("fortolk", Step.INTERPRET), ("prepare_action", Step.PREPARE_ACTION),
     ("Forbered handling", Step.PREPARE_ACTION)],
)  # fmt: skip
def test_a_step_is_read_in_either_language(word: str, step: Step) -> None:
    assert step_of(word) is step


@pytest.mark.parametrize(
    ("read", "word", "said"),
    [
        (role_of, "former", "»former« er ikke en rolle: mødeleder, medleder eller deltager."),
        (holiday_rule_of, "maybe", "»maybe« er ikke en helligdagsregel"),
        (step_of, "5", "»5« er ikke et trin: 1-4, siden sidst"),
        (step_of, "planlagt", "»planlagt« er ikke et trin"),
    ],
)
def test_a_word_that_is_none_of_them_is_refused(read, word: str, said: str) -> None:
    with pytest.raises(InvalidInput) as refusal:
        read(word)
    assert said in render(refusal.value.text, "da")


def test_every_group_verb_builds_a_group_command() -> None:
    group = team_nord().group
    lines = {
        "member": "add Eva", "leader": "Bo", "coleader": "Bo", "participant": "Bo",
        "rename": "X", "rhythm": "14", "timebox": "2 25", "holidays": "keep",
        "channel": "x", "archive": "", "unarchive": "",
    }  # fmt: skip
    assert set(lines) == set(GROUP_BUILDERS)
    for verb, rest in lines.items():
        assert GROUP_BUILDERS[verb]("lea", group, rest).group_id == group.id
