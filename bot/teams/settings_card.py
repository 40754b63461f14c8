"""Teams' settings card for a group (issue 14): `settings` (Danish `indstillinger`), for the
group's leader and co-leader.

The card holds the group as it is now (`bot.group_form.drawn`): its name, leader,
co-leader, participants, rhythm, time-boxes, holiday rule and whether it is archived.
People are picked from the channel's roster (read from the Bot Connector, as the setup
card reads it) and the group's members; a person not among those is refused, so no user id
is ever typed. Every input's id starts with "settings.", so none shares an id with another
input. The *Save* button carries the card as drawn and the roster's names; pressed, the
fields the person changed become commands (`bot.group_form.changes`). Teams cannot show
an error beside an input, so a field the form alone refuses is named in the refusal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from microsoft_agents.activity import Activity

from bot import group_form as gf
from bot.teams.blocks import Style, action, block, card, card_message, neutral, text_input
from flows.cadence import HolidayRule
from flows.errors import InvalidInput
from flows.forms import FieldError
from flows.model import Group
from flows.outputs import Text, t
from flows.service import Command
from flows.steps import DIALOGUE_STEPS
from flows.validation import MAX_LABEL

if TYPE_CHECKING:
    from bot.teams.translate import Where

#: The card's button (`translate.CARD_VERBS`).
VERB = "settings"
#: The co-leader picker's "no co-leader".
NO_ONE = "none"
#: How each rhythm of `bot.group_form.RHYTHMS` and each holiday rule is offered.
RHYTHM_LABELS = {
    "days": "teams.settings.rhythm.days",
    "weeks": "teams.settings.rhythm.weeks",
    "monthly_1": "teams.settings.rhythm.monthly_1",
    "monthly_2": "teams.settings.rhythm.monthly_2",
    "monthly_3": "teams.settings.rhythm.monthly_3",
    "monthly_4": "teams.settings.rhythm.monthly_4",
    "monthly_last": "teams.settings.rhythm.monthly_last",
}
HOLIDAY_LABELS = {
    HolidayRule.KEEP: "teams.settings.holidays.keep",
    HolidayRule.SKIP: "teams.settings.holidays.skip",
    HolidayRule.NEXT_WORKING_DAY: "teams.settings.holidays.next_working_day",
}
#: Each field's label, to name it in a refusal.
LABELS = {
    gf.NAME: "teams.setup.name",
    gf.LEADER: "teams.setup.leader",
    gf.CO_LEADER: "teams.settings.co_leader",
    gf.PARTICIPANTS: "teams.settings.participants",
    gf.RHYTHM: "teams.settings.rhythm",
    gf.INTERVAL: "teams.settings.interval",
    gf.HOLIDAYS: "teams.settings.holidays",
}


def input_id(field: str) -> str:
    return f"settings.{field}"


def _label(field: str) -> Text:
    step = next((s for s in DIALOGUE_STEPS if gf.timebox_field(s) == field), None)
    if step is not None:
        return t("teams.settings.timebox", step=step)
    return Text(LABELS.get(field, "teams.settings.title"))


def _choices(labels: dict[Any, str], s: Style) -> list[dict[str, str]]:
    return [{"title": s(key), "value": str(value)} for value, key in labels.items()]


def _number(field: str, label: str, value: int) -> dict[str, Any]:
    """No `min`, `max` or `isRequired`: the SDK would send nothing while one is off, and
    `bot.group_form` says what is wrong with the number (issue 16)."""
    return {"type": "Input.Number", "id": input_id(field), "label": label, "value": value}


def settings_card(s: Style, group: Group, roster: list[tuple[str, str]] | None) -> Activity:
    """The card, holding the group as it is now; people from its members and `roster`."""
    now = gf.drawn(group, channel=False)
    names = {m.user_id: m.name for m in group.members} | dict(roster or ())
    people = [{"title": neutral(name, card=True), "value": uid} for uid, name in names.items()]
    pick = {"type": "Input.ChoiceSet", "choices": people}
    no_one = {"title": s("teams.settings.no_co_leader"), "value": NO_ONE}
    title = s("teams.settings.title", group=neutral(group.name, card=True))
    body: list[dict[str, Any]] = [
        block(title, weight="Bolder", size="Medium"),
        text_input(input_id(gf.NAME), s("teams.setup.name"), value=now.name, limit=MAX_LABEL),
        {**pick, "id": input_id(gf.LEADER), "label": s("teams.setup.leader"), "value": now.leader},
        {**pick, "id": input_id(gf.CO_LEADER), "label": s("teams.settings.co_leader"),
         "value": now.co_leader or NO_ONE, "choices": [no_one, *people]},
        {**pick, "id": input_id(gf.PARTICIPANTS), "label": s("teams.settings.participants"),
         "isMultiSelect": True, "value": ",".join(now.participants)},
        {"type": "Input.ChoiceSet", "id": input_id(gf.RHYTHM), "label": s("teams.settings.rhythm"),
         "value": now.rhythm, "choices": _choices(RHYTHM_LABELS, s)},
        _number(gf.INTERVAL, s("teams.settings.interval"), now.interval),
        *(_number(gf.timebox_field(step), s("teams.settings.timebox", step=step),
                  now.timeboxes[step]) for step in DIALOGUE_STEPS),
        {"type": "Input.ChoiceSet", "id": input_id(gf.HOLIDAYS),
         "label": s("teams.settings.holidays"), "value": now.holidays.value,
         "choices": _choices(HOLIDAY_LABELS, s)},
        {"type": "Input.Toggle", "id": input_id(gf.ARCHIVED), "label": s("teams.settings.status"),
         "title": s("teams.settings.archived"), "value": "true" if now.archived else "false",
         "valueOn": "true", "valueOff": "false"},
    ]  # fmt: skip
    drawn = gf.fields(now)
    save = action(s("teams.button.settings"), VERB, "positive", group=group.id, names=names,
                  drawn=drawn)  # fmt: skip
    return card_message(card(body, [save]), title)


def _entered(data: dict[str, Any]) -> dict[str, Any]:
    """The card's inputs as `bot.group_form.read` reads them."""
    prefix = input_id("")
    found = {key.removeprefix(prefix): v for key, v in data.items() if key.startswith(prefix)}
    picked = str(found.get(gf.PARTICIPANTS) or "")
    found[gf.PARTICIPANTS] = [u for u in picked.split(",") if u.strip()]
    if found.get(gf.CO_LEADER) == NO_ONE:
        found[gf.CO_LEADER] = ""
    found[gf.ARCHIVED] = str(found.get(gf.ARCHIVED) or "").casefold() == "true"
    found.pop(gf.CHANNEL, None)  # no channel on this card
    return found


def card_commands(where: Where, data: dict[str, Any]) -> list[Command]:
    """The card's *Save*: the commands for what the person changed on it."""
    group, drawn, names = where.group, data.get("drawn"), data.get("names")
    if group is None or data.get("group") != group.id or not isinstance(drawn, dict):
        raise InvalidInput("error.bad_button")
    names = names if isinstance(names, dict) else {}
    try:
        before = gf.read(drawn.get)
    except InvalidInput:
        raise InvalidInput("error.bad_button") from None
    try:
        after = gf.read(_entered(data).get)
        gf.check(after)
        for field, people in ((gf.LEADER, [after.leader]), (gf.CO_LEADER, [after.co_leader]),
                              (gf.PARTICIPANTS, after.participants)):  # fmt: skip
            if any(u and u not in names and group.member(u) is None for u in people):
                raise FieldError(field, "error.pick_one")  # only the people the card offered
    except FieldError as bad:
        label = _label(bad.field)
        raise InvalidInput("teams.settings.refused", field=label, problem=bad.text) from None
    found = gf.changes(group, before, after, where.actor, {u: str(n) for u, n in names.items()})
    if not found:
        raise InvalidInput("teams.settings.unchanged")
    return list(found)
