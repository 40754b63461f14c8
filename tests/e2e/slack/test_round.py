"""A whole reflection round in a Slack channel: over real HTTP, and again in Socket Mode.

`datadialog serve` runs as a subprocess against a fake Slack Web API. Lea (the
leader) and Ali, Bo, Cai and Dina send correctly signed slash commands, button
clicks and modal submissions; each line below is what a person does, followed
by what the bot must have posted. Afterwards the agreement paper is read back
from the SQLite file the process wrote.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from flows import commands as c
from flows.steps import Step
from storage.database import make_engine, session_factory
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.slack.conftest import ServedBot
from tests.e2e.slack.fake_slack import FakeSlack
from tests.e2e.slack.people import Bot, Workspace

pytestmark = pytest.mark.e2e

NORD = "C0NORD"
LEA, ALI, BO, CAI, DINA = "U0LEA", "U0ALI", "U0BO", "U0CAI", "U0DINA"
PARTICIPANTS = (ALI, BO, CAI, DINA)
MARKUP = ("<!channel>", "<!here>", "<@U0LEA>", "<http://evil.example|click>")


#: Fields Slack shows literally: an edit box's initial value, a file's alt text and title.
LITERAL = frozenset({"initial_value", "alt_txt", "title"})


def _strings(value: Any) -> list[str]:
    """Every string Slack would read as markup: not plain_text objects, not literal fields."""
    if isinstance(value, dict):
        if value.get("type") == "plain_text":
            return []
        return [s for k, v in value.items() if k not in LITERAL for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def no_raw_markup(slack: FakeSlack) -> None:
    """No outgoing message carries chat markup that came from what people typed.

    Exempt are Slack's literal fields: `plain_text` objects (labels, select options),
    an edit box's `initial_value` (what the person typed, to edit it) and a file's alt
    text and title (read by screen readers and shown as typed).
    """
    for call in slack.calls:
        for text in _strings(call.params):
            for markup in MARKUP:
                assert markup not in text, f"{call.method} sent {markup} unescaped: {text}"


def test_a_whole_round_in_a_slack_channel_over_http(
    workspace: Workspace, bot: Bot, slack: FakeSlack, served: ServedBot, tmp_path
) -> None:
    play_whole_round(workspace, bot, slack, served, tmp_path)


def test_the_same_round_in_socket_mode(
    socket_workspace: Workspace, slack: FakeSlack, socket_served: ServedBot, tmp_path
) -> None:
    play_whole_round(socket_workspace, Bot(socket_workspace), slack, socket_served, tmp_path)
    (connect,) = slack.of("apps.connections.open")
    assert connect.token == "xapp-test-app-token"


def play_whole_round(
    workspace: Workspace, bot: Bot, slack: FakeSlack, served: ServedBot, tmp_path
) -> None:
    lea = workspace.person(LEA, "Lea")
    ali, bo, cai, dina = (
        workspace.person(u, n) for u, n in ((ALI, "Ali"), (BO, "Bo"), (CAI, "Cai"), (DINA, "Dina"))
    )
    first = datetime.now(UTC) + timedelta(days=7)
    due = (date.today() + timedelta(days=14)).isoformat()

    # Help, and an unknown subcommand (answered with help, only to the sender).
    assert lea.slash("whatever", NORD).status == 200
    bot.responds("Datadialog in this channel", "setup")

    # Setup: a modal; the bot looks up everyone's display name.
    lea.slash("setup", NORD)
    setup = bot.opens("dd_setup")
    lea.submit(
        setup,
        name="Team Nord",
        leader=LEA,
        participants=list(PARTICIPANTS),
        channel=NORD,
        cadence=14,
        first=int(first.timestamp()),
    )
    bot.posts(NORD, "The group Team Nord is set up")
    assert {c.params["user"] for c in slack.of("users.info")} == {LEA, *PARTICIPANTS}

    # Preparation: a DM with a button per participant.
    lea.slash("prepare", NORD)
    bot.posts(NORD, "Preparation for meeting 1")
    invitations = {
        user: bot.dms(user, "Prepare for the reflection meeting in Team Nord")
        for user in PARTICIPANTS
    }

    points = {
        ali: ("<!channel> Well-being rose for 3 of 5 <@U0LEA>", "Evening routines", ""),
        bo: ("School attendance is up", "Sleep is still poor", "Is the <!here> data complete?"),
        cai: ("Fewer incidents", "Contact with parents", ""),
        dina: ("More goals reached", "Documentation is late", "<http://evil.example|click>"),
    }
    # A CPR number in a point keeps the form open, the hint beside the field, nothing sent.
    ali.click(invitations[ALI], "dd_prepare")
    cpr = ali.submit(bot.opens("dd_prep"), positive="Borger 010190-1234 sover bedre")
    assert json.loads(cpr.body)["response_action"] == "errors"
    assert "pseudonym" in json.loads(cpr.body)["errors"]["positive"]
    slack.quiet(0.7)  # (calendar invitations may go out meanwhile; no message does)
    assert not [c for c in slack.since(workspace.turn_start) if c.method.startswith("chat.")]

    for person, (positive, improvement, question) in points.items():
        person.click(invitations[person.user_id], "dd_prepare")
        form = bot.opens("dd_prep")
        person.submit(form, positive=positive, improvement=improvement, question=question)
        bot.dms(person.user_id, "Saved: positive trend")
        bot.posts(NORD, f"{person.name} has prepared")
    bot.posts(NORD, "Dina has prepared (4 of 4)")

    # Editable until the meeting starts: Ali's form comes back filled in.
    ali.click(invitations[ALI], "dd_prepare")
    refill = bot.opens("dd_prep")
    assert "Well-being rose" in refill.text

    lea.slash("status", NORD)
    bot.tells(LEA, "Preparation: 4 of 4 ready")

    # Step 1: since last.
    lea.slash("start", NORD)
    bot.posts(NORD, "Meeting 1 of Team Nord has started")
    step1 = bot.posts(NORD, "Step 1 of 4 · Since last")
    bot.posts(NORD, "first meeting")

    # Only the leader steers; others are told politely, only they see it.
    bo.click(step1, "dd_advance")
    bot.tells(BO, "Only the meeting leader (Lea) can steer the meeting")

    # Step 2: explore. A double click (Slack delivering the same click twice) moves once.
    lea.click_choice(step1, c.Advance, expected_step=Step.SINCE_LAST)
    step2 = bot.posts(NORD, "Step 2 of 4 · Explore")
    bot.posts(NORD, "From your preparation", "Well-being rose")
    bot.posts(NORD, "Stay with what the data shows")  # the step's last message, after its chart
    lea.resend()
    bot.says_nothing()
    lea.click(step1, "dd_advance")  # a second, separate press of the old button
    bot.tells(LEA, "already moved on")

    cai.click(step2, "dd_open_addobservation")
    cai.submit(bot.opens("dd_form_addobservation"), text="Evenings are calmer since October")
    observed = bot.posts(NORD, "Evenings are calmer since October (Cai)")
    # Corrected from its message's menu (issue 14): Edit opens the text to change; Bo may
    # open Withdraw on it but is refused when he confirms, and nothing goes.
    (edit, withdraw) = (o["value"] for o in observed.menu("dd_correct")["options"])
    cai.choose(observed, "dd_correct", edit)
    editing = bot.opens("dd_edit_item")
    assert "Evenings are calmer since October" in editing.text
    cai.submit(editing, text="Evenings are calmer since mid-October")
    corrected = bot.posts(NORD, "Cai corrected observation", "calmer since mid-October")
    # The old message shows the old text: its menu is refused for that, whoever uses it; the
    # correction's own message is the newest, and there Bo is told it is not his.
    bo.choose(observed, "dd_correct", withdraw)
    bot.tells(BO, "now says something else than in that message")
    newest = next(
        o["value"] for o in corrected.menu("dd_correct")["options"] if "remove" in o["value"]
    )
    bo.choose(corrected, "dd_correct", newest)
    bo.submit(bot.opens("dd_remove_item"))
    bot.tells(BO, "Only the one who wrote it (Cai) or the meeting leader")

    bo.click(step2, "dd_open_proposetheme")
    bo.submit(bot.opens("dd_form_proposetheme"), title="Evening routines")
    listed = bot.posts(NORD, "Themes (most votes first)", "Evening routines")
    dina.click(step2, "dd_open_proposetheme")
    dina.submit(bot.opens("dd_form_proposetheme"), title="Contact with parents <!channel>")
    # The list is edited where it is (issue 16), not posted again.
    themes = bot.calls("chat.update", "Themes (most votes first)", "Contact with parents")
    assert (themes.channel, themes.params["ts"]) == (NORD, listed.answer["ts"])

    for person in (ali, bo, cai):
        person.click_choice(themes, c.CastVote, theme_number=1)
        bot.tells(person.user_id, "Vote given to “Evening routines”")
    ali.resend()
    bot.says_nothing()

    # Step 3: interpret.
    lea.click(step2, "dd_advance")
    step3 = bot.posts(NORD, "Step 3 of 4 · Interpret")
    bot.posts(NORD, "Look for several explanations")  # the step's last message, after its chart
    dina.click(step3, "dd_open_addexplanation")
    dina.submit(bot.opens("dd_form_addexplanation"), theme_number=1, text="Staff change at 21:00")
    bot.posts(NORD, "Explanation for “Evening routines” (Dina): Staff change at 21:00")
    lea.click(step3, "dd_open_choosefocus")
    lea.submit(bot.opens("dd_form_choosefocus"), theme_number=1)
    bot.posts(NORD, "Focus area: Evening routines")

    # Step 4: prepare action, the agreement paper: two goals, two signs and two actions,
    # each through its own form.
    lea.click(step3, "dd_advance")
    step4 = bot.posts(NORD, "Step 4 of 4 · Prepare action")
    bot.posts(NORD, "Write the agreement paper")
    lea.click(step4, "dd_open_addaction")
    action_form = bot.opens("dd_form_addaction")
    # A half-filled action keeps the form open, the problem shown beside the field.
    half = lea.submit(action_form, what="Fixed evening routine", owner=ALI)
    assert json.loads(half.body)["response_action"] == "errors"
    assert "Fill in this field" in json.loads(half.body)["errors"]["follow_up"]
    bot.says_nothing()

    def fill_in(form: str, **values: Any) -> None:
        lea.click(step4, f"dd_open_{form}")
        lea.submit(bot.opens(f"dd_form_{form}"), **values)

    fill_in("setgoal", long_term="short", text="Calm evenings four days a week")
    bot.posts(NORD, "Goal by the next meeting: Calm evenings four days a week")
    fill_in("setgoal", long_term="long", text="Stable sleep within three months")
    bot.posts(NORD, "Longer-term goal: Stable sleep within three months")
    fill_in("addsign", text="Fewer incident reports after 20:00")
    bot.posts(NORD, "Sign of progress: Fewer incident reports after 20:00")
    fill_in("addsign", text="Sleep diary shows 7+ hours")
    bot.posts(NORD, "Sign of progress: Sleep diary shows 7+ hours")
    # A correction typed after /dialog, in Danish: the author's own; Ali may not.
    lea.slash("ret tegn 2 Sleep diary shows 7+ hours a night", NORD)
    bot.posts(NORD, "Lea corrected sign of progress 2: Sleep diary shows 7+ hours a night")
    ali.slash("remove sign 2", NORD)
    bot.tells(ALI, "Only the one who wrote it (Lea) or the meeting leader")
    fill_in("addaction", what="Fixed evening routine", owner=ALI, follow_up=LEA, due=due)
    bot.posts(NORD, "New action: 1. Fixed evening routine: owner Ali, follow-up Lea")
    fill_in("addaction", what="Talk with the parents", owner=BO, follow_up=DINA, due=due)
    bot.posts(NORD, "New action: 2. Talk with the parents: owner Bo, follow-up Dina")

    # Close: the summary in the channel, a take-away question to everyone.
    lea.click(step4, "dd_advance")
    closed = bot.posts(NORD, "Meeting 1 is closed")
    bot.posts(NORD, "Actions", "Fixed evening routine", "Talk with the parents")
    bot.posts(NORD, "The next meeting (2) is scheduled")
    for user in (LEA, *PARTICIPANTS):
        bot.dms(user, "What do you take with you?")
    ali.click(closed, "dd_open_addtakeaway")
    ali.submit(bot.opens("dd_form_addtakeaway"), text="Routines beat rules")
    bot.posts(NORD, "Ali takes away: Routines beat rules")

    lea.slash("agreements", NORD)
    bot.tells(LEA, "Fixed evening routine")

    # Between meetings: Ali's App Home lists the action Ali owns; Ali marks it done there.
    workspace.event(
        {"type": "app_home_opened", "user": ALI, "channel": "DHOME", "tab": "home"},
        event_id="Ev0ALIHOME",
    )
    home = bot.calls(
        "views.publish", "Your reflection groups", "Your open actions", "Fixed evening routine"
    )
    assert "Talk with the parents" not in home.text  # Bo's, not Ali's
    ali.click_choice(home, c.AnswerActionReminder, action_number=1, answer=c.ActionAnswer.DONE)
    bot.dms(ALI, "“Fixed evening routine” is now marked: done")
    again = bot.calls("views.publish")
    assert "Fixed evening routine" not in again.text

    # Charts the process drew for the meeting were uploaded where the meeting is.
    for upload in slack.of("files.completeUploadExternal"):
        assert upload.params["channel_id"] in (NORD, *(f"D{u}" for u in (LEA, *PARTICIPANTS)))

    # The themes list: one post per step (explore, interpret); each later change an edit.
    lists = [c for c in slack.calls if "Themes (most votes first)" in c.text]
    assert [c.method for c in lists] == ["chat.postMessage", *["chat.update"] * 4,
                                         "chat.postMessage"]  # fmt: skip
    assert {c.params["ts"] for c in lists[1:5]} == {listed.answer["ts"]}

    # Nothing people typed was ever sent as live markup; it is there, escaped.
    no_raw_markup(slack)
    sent = "\n".join(c.text for c in slack.calls)
    assert "&lt;!channel&gt; Well-being rose for 3 of 5 &lt;@U0LEA&gt;" in sent
    assert "Contact with parents &lt;!channel&gt;" in sent

    # The agreement paper, as the process stored it.
    assert served.stop() == 0
    engine = make_engine(f"sqlite:///{tmp_path / 'datadialog.db'}")
    try:
        uow = SqlUnitOfWork(session_factory(engine))
        with uow:
            group = uow.groups.by_name("Team Nord", "slack:T0NORD")
            assert group is not None and group.channel == NORD
            assert [m.name for m in group.members] == ["Lea", "Ali", "Bo", "Cai", "Dina"]
            meeting = uow.meetings.previous_closed(group.id or 0, 2)
    finally:
        engine.dispose()
    assert meeting is not None and meeting.number == 1
    paper = meeting.agreement
    assert paper.short_term_goal == "Calm evenings four days a week"
    assert paper.long_term_goal == "Stable sleep within three months"
    assert [s.text for s in paper.signs] == [
        "Fewer incident reports after 20:00",
        "Sleep diary shows 7+ hours a night",
    ]
    assert [(a.what, a.owner, a.follow_up, a.due.isoformat(), a.status) for a in paper.actions] == [
        ("Fixed evening routine", ALI, LEA, due, "done"),
        ("Talk with the parents", BO, DINA, due, "open"),
    ]
    assert len(meeting.votes) == 3
    assert [t.text for t in meeting.takeaways] == ["Routines beat rules"]
    # The user's own text is stored as typed; only Slack output is escaped.
    assert any(p.text.startswith("<!channel>") for p in meeting.points)
    assert json.dumps([c.params for c in slack.of("views.open")])  # modals were real JSON
