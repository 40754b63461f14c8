"""The settings modal of a channel's group (issue 14): `/dialog settings`, drawn with the group
as it is, and read back from the view Slack sends on submit (`tests.e2e.slack.people.fill`):
the changed fields as commands; what the form alone decides refused in the ack, beside
its field; `/dialog archive` and `unarchive` typed, in English and Danish."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest

from bot.slack import ids, settings
from bot.slack.app import SlackAdapter
from bot.slack.blocks import Style, help_message
from bot.slack.planning import slash_command, subcommand
from bot.slack.translate import FieldError, Where
from flows import group_commands as gc
from flows.cadence import Cadence, Frequency, HolidayRule
from flows.errors import InvalidInput, NotLeader
from flows.model import Group, Level, Member, Role
from flows.steps import Step
from tests.e2e.slack.people import fill

EN = Style("en", "Europe/Copenhagen")
LEA, ALI, BO, CAI, BOT = "U0LEA", "U0ALI", "U0BO", "U0CAI", "U0BOT"
GROUP = Group(
    "Team Nord",
    Level.CITIZEN,
    [Member(LEA, "Lea", Role.LEADER), Member(ALI, "Ali", Role.CO_LEADER), Member(BO, "Bo"),
     Member(CAI, "Cai")],
    id=4,
    channel="C0NORD",
    workspace="slack:T0NORD",
    cadence=Cadence(Frequency.WEEKLY, 2),
)  # fmt: skip
HERE = Where(LEA, "slack:T0NORD", "C0NORD", 7, now=datetime(2026, 12, 1, tzinfo=UTC))


def _view(group: Group = GROUP) -> dict[str, Any]:
    return settings.settings_view(EN, group, "C0NORD")


def _submitted(**typed: Any) -> dict[str, Any]:
    view = _view()
    return {**view, "state": {"values": fill(view, typed)}}


def _blocks(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {b["block_id"]: b["element"] for b in view["blocks"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("settings", "settings"), ("Indstillinger", "settings"), ("archive", "archive"),
     ("arkivér", "archive"), ("genåbn", "unarchive"), ("unarchive", "unarchive")],
)  # fmt: skip
def test_the_subcommands_in_english_and_danish(text: str, expected: str) -> None:
    assert subcommand(text) == expected


def test_archive_and_unarchive_are_typed_after_the_command() -> None:
    assert slash_command("arkivér", HERE, GROUP) == gc.ArchiveGroup(LEA, 4)
    assert slash_command("unarchive", HERE, GROUP) == gc.UnarchiveGroup(LEA, 4)
    with pytest.raises(InvalidInput) as refused:
        slash_command("archive now", HERE, GROUP)
    assert EN.plain(refused.value.text).startswith("Usage: archive: put the group away")


def test_the_help_lists_settings_archive_and_unarchive() -> None:
    shown = str(help_message(EN, "/dialog"))
    assert "settings: change the group in a form" in shown
    assert "archive: put the group away" in shown and "unarchive: bring" in shown


def test_the_modal_holds_the_group_as_it_is() -> None:
    view = _view()
    assert view["callback_id"] == ids.SETTINGS and view["title"]["text"] == "Group settings"
    shown = _blocks(view)
    assert shown["name"]["initial_value"] == "Team Nord"
    assert shown["leader"] == {"type": "users_select", "action_id": "value", "initial_user": LEA}
    assert shown["co_leader"]["initial_user"] == ALI
    assert shown["participants"]["type"] == "multi_users_select"
    assert shown["participants"]["initial_users"] == [BO, CAI]
    assert shown["channel"]["initial_conversation"] == "C0NORD"
    assert shown["rhythm"]["initial_option"]["value"] == "weeks"
    assert shown["interval"]["initial_value"] == "2"
    assert shown["timebox_explore"]["type"] == "number_input"
    assert shown["holidays"]["initial_option"]["value"] == "next_working_day"
    assert "initial_options" not in shown["archived"]  # not archived
    archived = _blocks(_view(Group(**{**vars(GROUP), "archived_at": HERE.now})))
    assert [o["value"] for o in archived["archived"]["initial_options"]] == ["archived"]


def test_submitted_unchanged_it_changes_nothing() -> None:
    assert settings.commands(_submitted(), LEA, GROUP) == []


def test_the_changed_fields_become_commands_in_order() -> None:
    view = _submitted(
        name="Team Nordvest", co_leader=None, participants=[BO, "U0EVA"], rhythm="monthly_last",
        timebox_explore="30", holidays="keep", channel="C0SYD", archived=["archived"],
    )  # fmt: skip
    found = settings.commands(view, LEA, GROUP, {"U0EVA": "Eva"})
    assert found == [
        gc.RenameGroup(LEA, 4, "Team Nordvest"),
        gc.AddMember(LEA, 4, "U0EVA", "Eva"),
        gc.SetRole(LEA, 4, ALI, Role.PARTICIPANT),  # the cleared co-leader takes part
        gc.RemoveMember(LEA, 4, CAI),
        gc.ChangeRhythm(LEA, 4, nth=-1),
        gc.ChangeTimeboxes(LEA, 4, {Step.EXPLORE: 30}),
        gc.ChangeHolidayRule(LEA, 4, HolidayRule.KEEP),
        gc.ChangeChannel(LEA, 4, "C0SYD"),
        gc.ArchiveGroup(LEA, 4),
    ]


def test_before_the_ack_nothing_is_sent_and_a_good_form_passes() -> None:
    assert settings.commands(_submitted(name="Team Syd"), "", None) == []


def _on_view(view: dict[str, Any]) -> list[dict[str, Any]]:
    adapter = SlackAdapter(
        settings=SimpleNamespace(timezone="Europe/Copenhagen"),  # type: ignore[arg-type]
        runtime=None, app=None, sender=None, style=EN, base=None, inbox=None,  # type: ignore[arg-type]
    )  # fmt: skip
    acked: list[dict[str, Any]] = []

    async def ack(**answer: Any) -> None:
        acked.append(answer)

    body = {"type": "view_submission", "user": {"id": LEA}, "view": view}
    context = SimpleNamespace(bot_user_id=BOT)
    asyncio.run(adapter.on_view(ack, body, None, context))  # type: ignore[arg-type]
    return acked


@pytest.mark.parametrize(
    ("typed", "block", "says"),
    [
        ({"name": "  "}, "name", "empty"),
        ({"name": "x" * 301}, "name", "too long (301 characters)"),
        ({"participants": []}, "participants", "between 1 and 8 participants"),
        ({"participants": [BO, LEA]}, "participants", "more than once"),
        ({"co_leader": LEA}, "co_leader", "more than once"),
        ({"participants": [BO, BOT]}, "participants", "Datadialog itself cannot be a member"),
        ({"leader": BOT}, "leader", "Datadialog itself cannot be a member"),
        ({"rhythm": "hourly"}, "rhythm", "Pick one"),
        ({"name": "Borger 010190-1234"}, "name", "CPR"),
    ],
)
def test_what_the_form_alone_decides_keeps_the_modal_open(
    typed: dict[str, Any], block: str, says: str
) -> None:
    (answer,) = _on_view(_submitted(**typed))
    assert answer["response_action"] == "errors" and list(answer["errors"]) == [block]
    assert says in answer["errors"][block]
    with pytest.raises(FieldError):
        settings.commands(_submitted(**typed), "", None, bot_user=BOT)


class _Client:
    def __init__(self) -> None:
        self.opened: list[dict[str, Any]] = []

    async def views_open(self, *, trigger_id: str, view: dict[str, Any]) -> None:
        self.opened.append(view)


def test_only_a_leader_or_the_co_leader_gets_the_modal() -> None:
    adapter = SimpleNamespace(style=EN)
    client = _Client()
    reply = SimpleNamespace(channel="C0NORD")
    body = {"trigger_id": "1.2.trigger"}
    for actor in (LEA, ALI):
        asyncio.run(settings.open_settings(adapter, body, client, actor, GROUP, reply))  # type: ignore[arg-type]
    assert [v["callback_id"] for v in client.opened] == [ids.SETTINGS, ids.SETTINGS]
    with pytest.raises(NotLeader) as refused:
        asyncio.run(settings.open_settings(adapter, body, client, BO, GROUP, reply))  # type: ignore[arg-type]
    assert EN.plain(refused.value.text).startswith("Only the meeting leader (Lea) or the co-leader")
    assert len(client.opened) == 2
