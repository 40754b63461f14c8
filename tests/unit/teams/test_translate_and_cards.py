"""Teams translation (activity values -> commands) and rendering (outputs -> activities)."""

from __future__ import annotations

import base64
import json
from datetime import UTC, date, datetime
from typing import Any

import pytest

from bot import choices
from bot.teams import blocks, cards, own_cards, translate
from bot.teams.translate import Where
from flows import commands as c
from flows.errors import InvalidInput, NotFound
from flows.forms import step_options
from flows.model import (
    Action,
    ActionStatus,
    Group,
    Level,
    Meeting,
    Member,
    PointKind,
    Role,
    Theme,
)
from flows.outputs import (
    PRESSER,
    AskPreparation,
    Choice,
    ListItems,
    MeetingClosed,
    Refusal,
    Say,
    ShowChart,
    ShowChoices,
    StepStarted,
    ThemeList,
    ToActor,
    ToChannel,
    ToUser,
    t,
)
from flows.reminder_messages import action_choices
from flows.rules import affordances, step_controls
from flows.steps import Step

STYLE = cards.Style("en", "Europe/Copenhagen")
GROUP = Group(
    "Team Nord",
    Level.CITIZEN,
    [
        Member("29:lea", "Lea", Role.LEADER),
        Member("29:ali", "Ali"),
        Member("29:bo", "Bo"),
    ],
    id=1,
    channel="19:nord@thread.tacv2",
    workspace="teams:tenant",
)
WHERE = Where("29:lea", "teams:tenant", GROUP.channel, GROUP, 7, date(2026, 12, 1))


def dump(activity) -> str:
    return json.dumps(activity.model_dump(mode="json", by_alias=True, exclude_none=True))


def walk(node: Any) -> list[dict[str, Any]]:
    """Every object in a card, depth first."""
    if isinstance(node, dict):
        return [node, *(found for value in node.values() for found in walk(value))]
    if isinstance(node, list):
        return [found for value in node for found in walk(value)]
    return []


def executes(card: dict[str, Any]) -> list[dict[str, Any]]:
    return [n for n in walk(card) if n.get("type") == "Action.Execute"]


def inputs(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The card's inputs by id; no two share an id."""
    found = [n for n in walk(card) if str(n.get("type", "")).startswith("Input.")]
    ids = [n["id"] for n in found]
    assert len(ids) == len(set(ids)), ids
    return {n["id"]: n for n in found}


def step_card(
    step: Step, meeting: Meeting | None = None, previous: Meeting | None = None
) -> dict[str, Any]:
    """The card of a step as the flows start it: controls, affordances and pick lists."""
    meeting = meeting or Meeting(1, 1, datetime(2026, 12, 1, 9, tzinfo=UTC), step, id=7)
    offered = affordances(step)
    started = StepStarted(ToChannel(1), 7, step, t(f"step.{step.value}.title", minutes=20), (),
                          None, step_controls(7, step), offered,
                          step_options(offered, GROUP, meeting, previous))  # fmt: skip
    return cards.message(started, STYLE).attachments[0].content


def pressed(action: dict[str, Any], **typed: Any) -> tuple[str, dict[str, Any]]:
    """(verb, data) the bot gets when `action` is pressed with `typed` in the card's inputs."""
    value = {"action": {"type": "Action.Execute", "verb": action["verb"],
             "data": {**action["data"], **typed}}, "trigger": "manual"}  # fmt: skip
    found = translate.card_action(value)
    assert found is not None
    return found


def save_button(card: dict[str, Any], form: str) -> dict[str, Any]:
    (found,) = [a for a in executes(card) if a["verb"] == "form" and a["data"]["form"] == form]
    return found


# Translate -------------------------------------------------------------------------


def test_an_execute_invoke_and_a_submit_message_give_the_same_command() -> None:
    typed = {"addobservation.text": "Sleep dropped", "proposetheme.title": "Other form"}
    execute = {"action": {"type": "Action.Execute", "verb": "form", "data": {"verb": "form",
               "form": "addobservation", "meeting": 7, **typed}}, "trigger": "manual"}  # fmt: skip
    submit = {"verb": "form", "form": "addobservation", "meeting": 7, **typed}
    for value in (execute, submit):
        verb, data = translate.card_action(value) or ("", {})
        assert translate.card_commands(verb, data, WHERE) == [
            c.AddObservation("29:lea", 7, "Sleep dropped")
        ]


def test_unknown_verbs_and_odd_values_are_not_card_actions() -> None:
    assert translate.card_action({"verb": "format_disk"}) is None
    assert translate.card_action("text") is None
    assert translate.card_action(None) is None


def test_the_goal_sign_and_action_forms_resolve_people_by_name_and_need_a_whole_action() -> None:
    card = step_card(Step.PREPARE_ACTION)
    typed = {"setgoal.long_term": "short", "setgoal.text": "Sleep", "addsign.text": "a",
             "addaction.what": "Talk", "addaction.owner": "ali", "addaction.follow_up": "Lea",
             "addaction.due": "2026-12-15"}  # fmt: skip

    def submit(form: str, **more: Any) -> list[c.MeetingCommand]:
        return translate.card_commands(
            *pressed(save_button(card, form), **{**typed, **more}), WHERE
        )

    assert submit("setgoal") == [c.SetGoal("29:lea", 7, False, "Sleep")]
    assert submit("addsign") == [c.AddSign("29:lea", 7, "a")]
    assert submit("addsign", **{"addsign.text": "b"}) == [c.AddSign("29:lea", 7, "b")]
    assert submit("addaction") == [
        c.AddAction("29:lea", 7, "Talk", "29:ali", "29:lea", date(2026, 12, 15))
    ]
    # The people pickers send user ids; those are taken as they are.
    picked = {"addaction.owner": "29:bo", "addaction.follow_up": "29:lea"}
    assert submit("addaction", **picked) == [
        c.AddAction("29:lea", 7, "Talk", "29:bo", "29:lea", date(2026, 12, 15))
    ]
    with pytest.raises(InvalidInput):
        translate.card_commands(
            "form", {"form": "addaction", "meeting": 7, "addaction.what": "Talk"}, WHERE
        )


def test_leader_controls_carry_the_step_they_were_pressed_in() -> None:
    card = step_card(Step.EXPLORE)
    (next_step,) = [a for a in card["actions"] if a["verb"] == "advance"]
    assert choices.decode(next_step["data"]["command"], "29:lea") == c.Advance(
        "29:lea", 7, expected_step=Step.EXPLORE
    )
    cmds = translate.card_commands(*pressed(next_step), WHERE)
    assert cmds == [c.Advance("29:lea", 7, expected_step=Step.EXPLORE)]
    by_verb = {a["verb"]: translate.card_commands(*pressed(a), WHERE) for a in card["actions"]}
    assert by_verb["extend"] == [c.Extend("29:lea", 7, 5, expected_step=Step.EXPLORE)]
    assert by_verb["cancel"] == [c.Cancel("29:lea", 7, expected_step=Step.EXPLORE)]


def test_a_reminder_choice_answers_the_action() -> None:
    shown = ShowChoices(ToUser("29:lea"), 3, t("timebox.up", step=Step.EXPLORE),
                        action_choices(3, 2))  # fmt: skip
    buttons = cards.message(shown, STYLE).attachments[0].content["actions"]
    answers = [translate.card_commands(*pressed(b), WHERE) for b in buttons]
    assert answers[0] == [c.AnswerActionReminder("29:lea", 3, 2, c.ActionAnswer.DONE)]
    assert answers == [
        [c.AnswerActionReminder("29:lea", 3, 2, answer)] for answer in c.ActionAnswer
    ]


def test_a_button_that_was_not_drawn_by_the_bot_is_refused() -> None:
    for token in ("format_disk:1", "advance:7", "advance:7:nowhere", "addobservation:7:x", 5):
        with pytest.raises(InvalidInput):
            translate.card_commands("advance", {"verb": "advance", "command": token}, WHERE)
    with pytest.raises(InvalidInput):
        translate.card_commands("form", {"form": "paper", "meeting": 7}, WHERE)


def test_text_commands_use_the_console_words() -> None:
    assert translate.split_text("/Theme  School attendance ") == ("theme", "School attendance")
    assert translate.split_text("prepare") == ("open", "")
    assert translate.text_command("theme", "School", WHERE) == c.ProposeTheme("29:lea", 7, "School")
    with pytest.raises(NotFound):
        translate.text_command("start", "", Where("29:x", "teams:t"))


def test_setup_makes_the_sender_leader_and_the_mentioned_participants() -> None:
    where = Where("29:lea", "teams:t", "19:c", names={"29:ali": "Ali", "29:bo": "Bo"})
    cmd = translate.setup_command(where, "Team <at>Ali</at> Nord <at>Bo</at>", "Lea")
    assert isinstance(cmd, c.CreateGroup)
    assert cmd.name == "Team Nord" and cmd.leader == ("29:lea", "Lea")
    assert cmd.participants == (("29:ali", "Ali"), ("29:bo", "Bo"))
    assert cmd.channel == "19:c" and cmd.workspace == "teams:t"
    with pytest.raises(InvalidInput):
        translate.setup_command(Where("29:lea", "teams:t", "19:c"), "Team Nord", "Lea")


def test_a_thread_reply_belongs_to_its_channel() -> None:
    assert translate.channel_of("19:abc@thread.tacv2;messageid=123") == "19:abc@thread.tacv2"


# Cards -------------------------------------------------------------------------------


HOSTILE = "<at>Lea</at> [click](http://evil.example) **loud** <script>x</script>"


def test_user_text_can_never_mention_link_or_format() -> None:
    said = cards.message(Say(ToChannel(1), t("interpret.focus_chosen", title=HOSTILE)), STYLE)
    text = said.text
    assert "<at>" not in text and "<script>" not in text
    assert "&lt;at&gt;Lea&lt;/at&gt;" in text
    assert "\\[click\\]" in text and "\\*\\*loud\\*\\*" in text
    assert "mention" not in dump(said)


def test_a_step_card_has_execute_buttons_with_submit_fallbacks() -> None:
    step = StepStarted(ToChannel(1), 7, Step.EXPLORE, t("step.explore.title", minutes=20), (),
                       None, step_controls(7, Step.EXPLORE), affordances(Step.EXPLORE))  # fmt: skip
    activity = cards.message(step, STYLE)
    card = activity.attachments[0].content
    assert activity.attachments[0].content_type == blocks.CARD_TYPE
    assert card["version"] == "1.5"
    verbs = [a["verb"] for a in card["actions"]]
    assert verbs == ["advance", "extend", "cancel"]
    for action in executes(card):  # the controls and every form's Save button
        assert action["fallback"]["type"] == "Action.Submit"
        assert action["fallback"]["data"] == action["data"]
        assert action["data"]["verb"] == action["verb"]
    assert card["actions"][0]["data"] == {"verb": "advance", "command": "advance:7:explore"}
    forms = [a["data"]["form"] for a in executes(card["body"])]
    assert forms == ["addobservation", "proposetheme"]  # no themes yet: nothing to withdraw
    assert all(a["data"]["meeting"] == 7 for a in executes(card["body"]))
    assert set(inputs(card)) == {"addobservation.text", "proposetheme.title"}


def test_input_ids_on_a_step_card_are_unique_and_name_their_form() -> None:
    themes = [Theme(1, "Sleep", "29:ali"), Theme(2, "School", "29:bo")]
    meeting = Meeting(1, 1, datetime(2026, 12, 1, 9, tzinfo=UTC), Step.INTERPRET,
                      themes=themes, id=7)  # fmt: skip
    card = step_card(Step.INTERPRET, meeting)
    found = inputs(card)
    assert set(found) == {"addexplanation.theme_number", "addexplanation.text",
                          "choosefocus.theme_number"}  # fmt: skip
    for picker in ("addexplanation.theme_number", "choosefocus.theme_number"):
        assert found[picker]["type"] == "Input.ChoiceSet"
        assert [p["value"] for p in found[picker]["choices"]] == ["1", "2"]
    typed = {"addexplanation.theme_number": "2", "addexplanation.text": "Evenings",
             "choosefocus.theme_number": "1"}  # fmt: skip
    explained = translate.card_commands(
        *pressed(save_button(card, "addexplanation"), **typed), WHERE
    )
    focused = translate.card_commands(*pressed(save_button(card, "choosefocus"), **typed), WHERE)
    assert explained == [c.AddExplanation("29:lea", 7, 2, "Evenings")]
    assert focused == [c.ChooseFocus("29:lea", 7, 1)]

    found = inputs(step_card(Step.PREPARE_ACTION))
    assert set(found) == {
        "setgoal.long_term", "setgoal.text", "addsign.text", "addaction.what",
        "addaction.owner", "addaction.follow_up", "addaction.due", "addtakeaway.text",
    }  # fmt: skip
    assert [p["value"] for p in found["setgoal.long_term"]["choices"]] == ["short", "long"]
    for person in ("addaction.owner", "addaction.follow_up"):
        assert [p["value"] for p in found[person]["choices"]] == ["29:lea", "29:ali", "29:bo"]
    assert found["addaction.due"]["type"] == "Input.Date"

    found = inputs(step_card(Step.SINCE_LAST))  # no agreements last time: no review form
    assert found == {}
    previous = Meeting(1, 1, datetime(2026, 11, 1, 9, tzinfo=UTC), Step.CLOSED, id=6)
    previous.agreement.actions.append(Action(1, "Talk", "29:ali", "29:lea", date(2026, 11, 20)))
    card = step_card(Step.SINCE_LAST, previous=previous)
    found = inputs(card)
    assert set(found) == {"reviewaction.action_ref", "reviewaction.status", "reviewaction.note"}
    assert [p["value"] for p in found["reviewaction.action_ref"]["choices"]] == ["1"]
    typed = {"reviewaction.action_ref": "1", "reviewaction.status": "continued"}
    reviewed = translate.card_commands(*pressed(save_button(card, "reviewaction"), **typed), WHERE)
    assert reviewed == [c.ReviewAction("29:lea", 7, 1, ActionStatus.CONTINUED, "")]


def test_the_closed_meeting_card_takes_a_takeaway_for_that_meeting() -> None:
    closed = MeetingClosed(ToChannel(1), 9, t("meeting.closed", number=2), affordances(Step.CLOSED))
    card = cards.message(closed, STYLE).attachments[0].content
    assert set(inputs(card)) == {"addtakeaway.text"}
    typed = {"addtakeaway.text": "Look at sleep weekly"}
    cmds = translate.card_commands(*pressed(save_button(card, "addtakeaway"), **typed), WHERE)
    assert cmds == [c.AddTakeaway("29:lea", 9, "Look at sleep weekly")]


def test_the_preparation_form_comes_back_filled_in() -> None:
    ask = AskPreparation(ToUser("29:ali"), 7, t("explore.points_heading"), (),
                         current={PointKind.POSITIVE: "Well-being rose"})  # fmt: skip
    card = cards.message(ask, STYLE).attachments[0].content
    fields = {b["id"]: b.get("value") for b in card["body"] if b["type"] == "Input.Text"}
    assert fields == {"positive": "Well-being rose", "improvement": None, "question": None}
    assert card["actions"][0]["verb"] == "prep"


def test_themes_get_a_vote_button_each() -> None:
    items = tuple(
        t("item.theme", number=n, title=title, votes=0, rank=n, focus=False)
        for n, title in ((1, "Sleep"), (2, "School"))
    )
    votes = tuple(Choice(t("choice.vote"), c.CastVote(PRESSER, 7, n)) for n in (1, 2))
    card = cards.message(ThemeList(ToChannel(1), 7, t("themes.heading"), items, votes=votes), STYLE)
    text = json.dumps(card.attachments[0].content)
    assert text.count('"type": "Action.Execute", "title": "Vote"') == 2
    buttons = executes(card.attachments[0].content)
    assert [b["verb"] for b in buttons] == ["castvote", "castvote"]
    cast = [translate.card_commands(*pressed(b), WHERE) for b in buttons]
    assert cast == [[c.CastVote("29:lea", 7, 1)], [c.CastVote("29:lea", 7, 2)]]
    unvoted = ThemeList(ToChannel(1), 7, t("themes.heading"), items)
    assert executes(cards.message(unvoted, STYLE).attachments[0].content) == []


def test_reminder_choices_become_buttons_with_the_command_name() -> None:
    shown = ShowChoices(ToUser("29:ali"), 3, t("timebox.up", step=Step.EXPLORE),
                        action_choices(3, 1)[:1])  # fmt: skip
    action = cards.message(shown, STYLE).attachments[0].content["actions"][0]
    assert action["verb"] == "answeractionreminder"
    assert action["data"] == {
        "verb": "answeractionreminder",
        "command": "answeractionreminder:3:1:done",
    }


def test_a_chart_is_an_inline_png_with_its_caption() -> None:
    png = b"\x89PNG\r\n\x1a\nfake"
    chart = ShowChart(ToChannel(1), 7, "votes", "Votes", png, "Bars of votes", "How to read")
    activity = cards.message(chart, STYLE)
    (attachment,) = activity.attachments
    assert attachment.content_type == "image/png"
    assert attachment.content_url == "data:image/png;base64," + base64.b64encode(png).decode()
    assert attachment.name == "Bars of votes"
    assert "How to read" in activity.text


def test_refusals_are_plain_text() -> None:
    refusal = cards.message(Refusal(ToActor("29:bo"), t("error.no_meeting")), STYLE)
    assert refusal.text == "That meeting does not exist."


def test_a_refused_form_field_is_named_since_teams_cannot_show_it_beside_the_input() -> None:
    bad = t("error.unknown_person", name="<at>Zed</at>", group="Team Nord")
    refusal = cards.FieldRefusal(ToActor("29:bo"), bad, t("form.addaction"), t("field.owner"))
    text = cards.message(refusal, STYLE).text
    assert text == "Action · Who does it: &lt;at&gt;Zed&lt;/at&gt; is not in the group Team Nord."


def test_every_teams_text_exists_in_both_languages() -> None:
    from bot.teams import text_da as da
    from bot.teams import text_en as en

    teams_da = {k for k in da.CATALOGUE if k.startswith("teams.")}
    teams_en = {k for k in en.CATALOGUE if k.startswith("teams.")}
    assert teams_da == teams_en
    for verb in own_cards.HELP_VERBS:
        assert f"teams.help.{verb}" in teams_da


def test_user_text_on_cards_cannot_become_a_mention_either() -> None:
    items = (t("item.explanation", text=HOSTILE, name="<at>Bo</at>"),)
    card = cards.message(ListItems(ToChannel(1), t("paper.actions_heading"), items), STYLE)
    text = json.dumps(card.attachments[0].content, ensure_ascii=False)
    assert "<at>" not in text and "<script>" not in text
    assert "<\u2060at>Lea<\u2060/at>" in text  # looks the same, is no tag
    assert "\\\\[click\\\\]" in text


def test_the_setup_card_gives_a_group_in_local_time() -> None:
    where = Where("29:lea", "teams:t", "19:c", timezone="Europe/Copenhagen")
    data = {"name": "Team Syd", "leader": "29:lea", "participants": "29:ali,29:lea,29:bo",
            "cadence": "21", "first_date": "2026-12-08", "first_time": "10:30",
            "names": {"29:lea": "Lea", "29:ali": "Ali", "29:bo": "Bo"}}  # fmt: skip
    (cmd,) = translate.card_commands("setup", data, where)
    assert isinstance(cmd, c.CreateGroup)
    assert cmd.leader == ("29:lea", "Lea")
    assert cmd.participants == (("29:ali", "Ali"), ("29:bo", "Bo"))
    assert cmd.cadence_days == 21 and cmd.channel == "19:c" and cmd.workspace == "teams:t"
    assert cmd.first_meeting_at is not None and cmd.first_meeting_at.hour == 9  # 10:30 CET
    roster = [("29:lea", "Lea"), ("29:ali", "Ali")]
    card = own_cards.setup_card(STYLE, roster, "29:lea").attachments[0].content
    picker = next(b for b in card["body"] if b.get("id") == "participants")
    assert picker["isMultiSelect"] and picker["value"] == "29:ali"
