"""Group changes in Teams (issue 14): typed verbs, read by the console's parsers (people by
@mention or name, newcomers by @mention only), and the settings card (inputs with unique
ids, prefilled, people from the channel's roster), whose *Save* sends the changed fields."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest

from bot.teams import group_changes, own_cards, planning, translate
from bot.teams.blocks import Style
from bot.teams.manifest import COMMANDS
from bot.teams.settings_card import settings_card
from bot.teams.translate import Where
from flows import group_commands as gc
from flows.cadence import HolidayRule
from flows.errors import InvalidInput, NotFound, NotLeader
from flows.model import Group, Level, Member, Role
from flows.steps import Step

EN = Style("en", "Europe/Copenhagen")
LEA, ALI, BO, EVA = "29:lea", "29:ali", "29:bo", "29:eva"
GROUP = Group(
    "Team Nord",
    Level.CITIZEN,
    [Member(LEA, "Lea", Role.LEADER), Member(ALI, "Ali"), Member(BO, "Bo")],
    id=3,
    channel="19:nord@thread.tacv2",
    workspace="teams:tenant",
)
WHERE = Where(LEA, "teams:tenant", GROUP.channel, GROUP, 7, date(2026, 12, 1))
ROSTER = [(LEA, "Lea"), (ALI, "Ali"), (BO, "Bo"), (EVA, "Eva <at>x</at>")]


def typed(text: str, *mentioned: tuple[str, str]) -> gc.GroupCommand:
    verb, rest = translate.split_text(text)
    assert verb in planning.TEXT_VERBS, verb
    where = dataclasses.replace(WHERE, names=dict(mentioned))
    command = planning.text_command(verb, rest, where)
    assert isinstance(command, gc.GroupCommand)
    return command


# Typed verbs ----------------------------------------------------------------------------------


def test_group_changes_are_typed_in_english_and_danish() -> None:
    assert typed("member add <at>Eva</at>", (EVA, "Eva")) == gc.AddMember(LEA, 3, EVA, "Eva")
    assert typed("medlem tilføj <at>Eva</at>", (EVA, "Eva")) == gc.AddMember(LEA, 3, EVA, "Eva")
    assert typed("member remove Ali") == gc.RemoveMember(LEA, 3, ALI)
    assert typed("medlem fjern <at>Ali</at>", (ALI, "Ali")) == gc.RemoveMember(LEA, 3, ALI)
    assert typed("leader <at>Bo</at>", (BO, "Bo")) == gc.SetRole(LEA, 3, BO, Role.LEADER)
    assert typed("medleder Bo") == gc.SetRole(LEA, 3, BO, Role.CO_LEADER)
    assert typed("deltager bo") == gc.SetRole(LEA, 3, BO, Role.PARTICIPANT)
    assert typed("rename Team Syd") == gc.RenameGroup(LEA, 3, "Team Syd")
    assert typed("rytme uger 2") == gc.ChangeRhythm(LEA, 3, weeks=2)
    assert typed("timebox udforsk 30") == gc.ChangeTimeboxes(LEA, 3, {Step.EXPLORE: 30})
    assert typed("helligdage spring over") == gc.ChangeHolidayRule(LEA, 3, HolidayRule.SKIP)
    assert typed("arkivér") == gc.ArchiveGroup(LEA, 3)
    assert typed("unarchive") == gc.UnarchiveGroup(LEA, 3)


def test_a_newcomer_is_added_by_mention_only_and_usage_is_in_teams_words() -> None:
    with pytest.raises(InvalidInput) as refused:
        typed("member add Eva Holm")
    said = EN.text(refused.value.text)
    assert said == "@mention the person to add: @Datadialog member add @name."
    with pytest.raises(InvalidInput) as refused:
        typed("member")
    assert EN.text(refused.value.text).startswith("Usage: member add @name | remove NAME")
    with pytest.raises(InvalidInput) as refused:
        typed("leader <at>Bo</at> <at>Ali</at>", (BO, "Bo"), (ALI, "Ali"))
    assert "leader NAME" in EN.text(refused.value.text)
    with pytest.raises(NotFound):
        planning.text_command("archive", "", Where(LEA, "teams:tenant"))


def test_the_channel_is_not_changed_from_teams_and_settings_is_the_adapters() -> None:
    assert translate.split_text("channel x")[0] not in planning.TEXT_VERBS
    assert translate.split_text("Indstillinger") == ("settings", "")
    assert "settings" in translate.UI_VERBS and "settings" not in planning.TEXT_VERBS


def test_help_and_manifest_name_the_settings_card() -> None:
    shown = json.dumps(own_cards.help_card(EN).attachments[0].content)
    assert "settings: change the group on a card" in shown and "member add @name" in shown
    assert "settings" in COMMANDS and len(COMMANDS) <= 10


# The settings card ------------------------------------------------------------------------------


def _card(group: Group = GROUP) -> dict[str, Any]:
    return settings_card(EN, group, ROSTER).attachments[0].content  # type: ignore[no-any-return]


def _inputs(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for i in card["body"] if str(i.get("type", "")).startswith("Input.")}


def _pressed(**changed: Any) -> dict[str, Any]:
    """What Teams sends when *Save* is pressed: the button's data and every input's value."""
    card = _card()
    (save,) = card["actions"]
    values = {key: field.get("value") for key, field in _inputs(card).items()}
    return {**save["data"], **values, **{f"settings.{k}": v for k, v in changed.items()}}


def test_the_card_holds_the_group_as_it_is_with_unique_ids() -> None:
    card = _card()
    ids = [i["id"] for i in card["body"] if "id" in i]
    assert len(ids) == len(set(ids)) and all(i.startswith("settings.") for i in ids)
    shown = _inputs(card)
    assert shown["settings.name"]["value"] == "Team Nord"
    assert shown["settings.leader"]["value"] == LEA
    assert shown["settings.co_leader"]["value"] == "none"
    assert shown["settings.participants"]["value"] == f"{ALI},{BO}"
    assert shown["settings.participants"]["isMultiSelect"] is True
    offered = [c["value"] for c in shown["settings.participants"]["choices"]]
    assert offered == [LEA, ALI, BO, EVA]  # the members, then the rest of the roster
    assert "<at>" not in json.dumps(card["body"])  # a roster name cannot become a mention
    assert shown["settings.rhythm"]["value"] == "days"
    assert shown["settings.interval"]["value"] == 14
    assert shown["settings.timebox_explore"]["type"] == "Input.Number"
    assert shown["settings.holidays"]["value"] == "next_working_day"
    assert shown["settings.archived"]["value"] == "false"
    (save,) = card["actions"]
    assert save["verb"] == "settings" and save["data"]["group"] == 3


def test_save_sends_the_changed_fields_only() -> None:
    data = _pressed(name="Team Syd", participants=f"{BO},{EVA}", co_leader=ALI, archived="true")
    verb, read = translate.card_action({"action": {"verb": "settings", "data": data}}) or ("", {})
    assert translate.card_commands(verb, read, WHERE) == [
        gc.RenameGroup(LEA, 3, "Team Syd"),
        gc.AddMember(LEA, 3, EVA, "Eva <at>x</at>"),
        gc.SetRole(LEA, 3, ALI, Role.CO_LEADER),
        gc.ArchiveGroup(LEA, 3),
    ]
    assert translate.closes("settings", read)


@pytest.mark.parametrize(
    ("changed", "says"),
    [
        ({}, "Nothing was changed."),
        ({"participants": ""}, "Participants (1-8; take someone out"),
        ({"participants": f"{ALI},29:stranger"}, "Pick one"),
        ({"leader": ALI}, "The same person is listed more than once"),
        ({"interval": "two"}, "N: days or weeks between meetings: Usage"),
        ({"timebox_explore": "-5"}, "Minutes for explore: Usage"),
    ],
)
def test_a_card_that_cannot_be_saved_says_which_field(changed: dict[str, Any], says: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        translate.card_commands("settings", _pressed(**changed), WHERE)
    assert says in EN.text(refused.value.text)


def test_a_card_of_another_group_or_without_its_drawing_is_refused() -> None:
    other = dataclasses.replace(WHERE, group=dataclasses.replace(GROUP, id=9))
    for where, data in ((other, _pressed()), (WHERE, {**_pressed(), "drawn": "x"})):
        with pytest.raises(InvalidInput) as refused:
            translate.card_commands("settings", data, where)
        assert refused.value.text.key == "error.bad_button"


def test_settings_sends_the_card_to_a_leader_only() -> None:
    sent: list[Any] = []

    async def send_activity(activity: Any) -> None:
        sent.append(activity)

    async def roster(context: Any, channel: str) -> list[tuple[str, str]]:
        return ROSTER

    adapter = SimpleNamespace(style=EN, sender=SimpleNamespace(roster=roster))
    context = SimpleNamespace(send_activity=send_activity)
    asyncio.run(planning.answer_itself(adapter, context, "settings", WHERE))  # type: ignore[arg-type]
    (card,) = sent
    assert card.attachments[0].content["actions"][0]["verb"] == "settings"
    with pytest.raises(NotLeader):
        bo = dataclasses.replace(WHERE, actor=BO)
        asyncio.run(group_changes.send_settings_card(adapter, context, bo))  # type: ignore[arg-type]
    asyncio.run(planning.answer_itself(adapter, context, "whatever", WHERE))  # type: ignore[arg-type]
    assert "Datadialog in Teams" in json.dumps(sent[-1].attachments[0].content)
