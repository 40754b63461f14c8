"""Teams translation (activity values -> commands) and rendering (outputs -> activities)."""

from __future__ import annotations

import base64
import io
import json
import zipfile
from datetime import date

import pytest

from bot.teams import cards, translate
from bot.teams.manifest import manifest, write_package
from bot.teams.translate import Where
from config.settings import Settings
from flows import commands as c
from flows.errors import InvalidInput, NotFound
from flows.model import Group, Level, Member, PointKind, Role
from flows.outputs import (
    AskPreparation,
    ListItems,
    Refusal,
    Say,
    ShowChart,
    ShowChoices,
    StepStarted,
    ToActor,
    ToChannel,
    ToUser,
    t,
)
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


# Translate -------------------------------------------------------------------------


def test_an_execute_invoke_and_a_submit_message_give_the_same_command() -> None:
    execute = {"action": {"type": "Action.Execute", "verb": "obs", "data": {"verb": "obs",
               "meeting": 7, "text": "Sleep dropped"}}, "trigger": "manual"}  # fmt: skip
    submit = {"verb": "obs", "meeting": 7, "text": "Sleep dropped"}
    for value in (execute, submit):
        verb, data = translate.card_action(value) or ("", {})
        assert translate.card_commands(verb, data, WHERE) == [
            c.AddObservation("29:lea", 7, "Sleep dropped")
        ]


def test_unknown_verbs_and_odd_values_are_not_card_actions() -> None:
    assert translate.card_action({"verb": "format_disk"}) is None
    assert translate.card_action("text") is None
    assert translate.card_action(None) is None


def test_the_paper_form_resolves_people_by_name_and_needs_a_whole_action() -> None:
    data = {"meeting": 7, "short_goal": "Sleep", "signs": "a\n\nb", "action": "Talk",
            "owner": "ali", "follow_up": "Lea", "due": "2026-12-15"}  # fmt: skip
    cmds = translate.card_commands("paper", data, WHERE)
    assert cmds == [
        c.SetGoal("29:lea", 7, False, "Sleep"),
        c.AddSign("29:lea", 7, "a"),
        c.AddSign("29:lea", 7, "b"),
        c.AddAction("29:lea", 7, "Talk", "29:ali", "29:lea", date(2026, 12, 15)),
    ]
    with pytest.raises(InvalidInput):
        translate.card_commands("paper", {"meeting": 7, "action": "Talk"}, WHERE)


def test_leader_controls_carry_the_step_they_were_pressed_in() -> None:
    cmds = translate.card_commands("next", {"meeting": 7, "step": "explore"}, WHERE)
    assert cmds == [c.Advance("29:lea", 7, expected_step=Step.EXPLORE)]


def test_a_reminder_choice_answers_the_action() -> None:
    cmds = translate.card_commands("choice", {"name": "action:3:2:done"}, WHERE)
    assert cmds == [c.AnswerActionReminder("29:lea", 3, 2, c.ActionAnswer.DONE)]


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
                       None, ("next", "extend", "cancel"))  # fmt: skip
    activity = cards.message(step, STYLE)
    card = activity.attachments[0].content
    assert activity.attachments[0].content_type == cards.CARD_TYPE
    assert card["version"] == "1.4"
    verbs = [a["verb"] for a in card["actions"]]
    assert verbs == ["next", "extend", "cancel"]
    for action in card["actions"]:
        assert action["type"] == "Action.Execute"
        assert action["fallback"]["type"] == "Action.Submit"
        assert action["fallback"]["data"] == action["data"]
    assert card["actions"][0]["data"] == {"verb": "next", "meeting": 7, "step": "explore"}
    inputs = json.dumps(card["body"])
    assert '"verb": "obs"' in inputs and '"verb": "theme"' in inputs


def test_the_preparation_form_comes_back_filled_in() -> None:
    ask = AskPreparation(ToUser("29:ali"), 7, t("explore.points_heading"), (),
                         current={PointKind.POSITIVE: "Well-being rose"})  # fmt: skip
    card = cards.message(ask, STYLE).attachments[0].content
    fields = {b["id"]: b.get("value") for b in card["body"] if b["type"] == "Input.Text"}
    assert fields == {"positive": "Well-being rose", "improvement": None, "question": None}
    assert card["actions"][0]["verb"] == "prep"


def test_themes_get_a_vote_button_each() -> None:
    items = tuple(
        t("item.theme", number=n, title=title, votes=0, focus=False)
        for n, title in ((1, "Sleep"), (2, "School"))
    )
    card = cards.message(ListItems(ToChannel(1), t("themes.heading"), items), STYLE)
    text = json.dumps(card.attachments[0].content)
    assert text.count('"type": "Action.Execute", "title": "Vote"') == 2 and '"theme": 2' in text


def test_reminder_choices_become_buttons_with_the_command_name() -> None:
    choices = ShowChoices(ToUser("29:ali"), 3, t("timebox.up", step=Step.EXPLORE),
                          (("action:3:1:done", t("choice.next")),))  # fmt: skip
    action = cards.message(choices, STYLE).attachments[0].content["actions"][0]
    assert action["data"] == {"verb": "choice", "meeting": 3, "name": "action:3:1:done"}


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


def test_every_teams_text_exists_in_both_languages() -> None:
    from flows.text import da, en

    teams_da = {k for k in da.CATALOGUE if k.startswith("teams.")}
    teams_en = {k for k in en.CATALOGUE if k.startswith("teams.")}
    assert teams_da == teams_en
    for verb in cards.HELP_VERBS:
        assert f"teams.help.{verb}" in teams_da


# Manifest ------------------------------------------------------------------------------


def test_the_manifest_declares_the_bot_and_the_package_holds_two_icons(tmp_path) -> None:
    settings = Settings(teams_app_id="abc-123", teams_public_url="https://dd.example.dk/")
    found = manifest(settings)
    assert found["id"] == "abc-123" and found["bots"][0]["botId"] == "abc-123"
    assert set(found["bots"][0]["scopes"]) == {"team", "groupChat", "personal"}
    assert found["validDomains"] == ["dd.example.dk"]
    package = write_package(settings, tmp_path / "pkg.zip")
    with zipfile.ZipFile(package) as z:
        assert sorted(z.namelist()) == ["color.png", "manifest.json", "outline.png"]
        from PIL import Image

        assert Image.open(io.BytesIO(z.read("color.png"))).size == (192, 192)
        assert Image.open(io.BytesIO(z.read("outline.png"))).size == (32, 32)


def test_no_manifest_without_an_app_id() -> None:
    with pytest.raises(ValueError, match="TEAMS_APP_ID"):
        manifest(Settings(teams_app_id=""))


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
    card = cards.setup_card(STYLE, roster, "29:lea").attachments[0].content
    picker = next(b for b in card["body"] if b.get("id") == "participants")
    assert picker["isMultiSelect"] and picker["value"] == "29:ali"
