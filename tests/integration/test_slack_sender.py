"""The Slack sender against the fake Web API: audiences, chart uploads, escaping."""

from __future__ import annotations

import asyncio
import json

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.blocks import Style
from bot.slack.requests import retry_handlers
from bot.slack.sender import Reply, SlackSender
from flows.model import Group, Level, Member, Role
from flows.outputs import RequestChart, Say, ShowChart, ToActor, ToChannel, ToUser, t
from tests.e2e.slack.fake_slack import FakeSlack

GROUP = Group(
    "Team Nord",
    Level.CITIZEN,
    [Member("U0LEA", "Lea", Role.LEADER), Member("U0ALI", "Ali")],
    channel="C0NORD",
    id=1,
    workspace="slack:T0NORD",
)


@pytest.fixture
def slack():
    fake = FakeSlack().start()
    yield fake
    fake.stop()


def deliver(slack: FakeSlack, *outputs, channel: str = "C0NORD") -> None:
    async def run() -> None:
        client = AsyncWebClient(
            token="xoxb-t", base_url=slack.api_url, retry_handlers=retry_handlers()
        )

        async def lookup(group_id: int) -> Group:
            return GROUP

        sender = SlackSender(Style("en"), lookup)
        for output in outputs:
            await sender.deliver(output, Reply(client, channel))

    asyncio.run(run())


def test_a_chart_is_uploaded_into_the_channel_with_alt_text_and_caption(slack) -> None:
    chart = ShowChart(
        ToChannel(1),
        7,
        "progression",
        "Well-being over time",
        b"\x89PNG....",
        alt_text="Lines rising from 3 to 5",
        caption="Read <!here> left to right",
    )
    deliver(slack, RequestChart(ToChannel(1), 7, "progression"), chart)
    methods = [c.method for c in slack.calls]
    assert methods == ["files.getUploadURLExternal", "upload", "files.completeUploadExternal"]
    asked, uploaded, completed = slack.calls
    assert asked.params["alt_txt"] == "Lines rising from 3 to 5"
    assert uploaded.params["size"] == len(b"\x89PNG....")
    assert completed.params["channel_id"] == "C0NORD"
    assert completed.params["initial_comment"] == "Read &lt;!here&gt; left to right"
    files = completed.params["files"]
    files = json.loads(files) if isinstance(files, str) else files
    assert files[0]["title"] == "Well-being over time"


def test_a_chart_for_one_member_goes_to_their_direct_message(slack) -> None:
    chart = ShowChart(ToUser("U0ALI"), 7, "progression", "Mine", b"png", "alt", "caption")
    deliver(slack, chart)
    assert slack.of("conversations.open")[0].params["users"] == "U0ALI"
    assert slack.of("files.completeUploadExternal")[0].params["channel_id"] == "DU0ALI"


def test_audiences_channel_dm_and_only_you(slack) -> None:
    deliver(
        slack,
        Say(ToChannel(1), t("interpret.focus_chosen", title="<!channel> Evenings")),
        Say(ToUser("U0ALI"), t("takeaway.ask", group="Team Nord")),
        Say(ToActor("U0LEA"), t("takeaway.saved")),
    )
    posted, opened, dm, ephemeral = slack.calls
    assert (posted.method, posted.channel) == ("chat.postMessage", "C0NORD")
    assert "Focus area: &lt;!channel&gt; Evenings" in posted.text
    assert "<!channel>" not in posted.raw
    assert (opened.method, dm.channel) == ("conversations.open", "DU0ALI")
    assert (ephemeral.method, ephemeral.params["user"]) == ("chat.postEphemeral", "U0LEA")


def test_only_you_from_a_direct_message_is_answered_in_the_direct_message(slack) -> None:
    deliver(slack, Say(ToActor("U0ALI"), t("takeaway.saved")), channel="DU0ALI")
    assert [c.method for c in slack.calls] == ["conversations.open", "chat.postMessage"]


def test_a_calendar_invitation_is_the_members_dm_with_the_ics_attached(slack) -> None:
    from datetime import UTC, datetime

    from flows.outputs import CalendarInvite

    invite = CalendarInvite(
        to=ToUser("U0ALI"),
        meeting_id=7,
        uid="meeting-7@datadialog",
        sequence=0,
        text=t("takeaway.ask", group="Team <!channel> Nord"),
        title=t("takeaway.saved"),
        description=t("takeaway.saved"),
        start=datetime(2026, 12, 8, 8, 0, tzinfo=UTC),
        end=datetime(2026, 12, 8, 9, 15, tzinfo=UTC),
        timezone="Europe/Copenhagen",
        organizer=("U0LEA", "Lea"),
        attendees=(("U0LEA", "Lea"), ("U0ALI", "Ali")),
    )
    deliver(slack, invite)
    asked = slack.of("files.getUploadURLExternal")[0]
    assert asked.params["filename"].endswith(".ics")
    completed = slack.of("files.completeUploadExternal")[0]
    assert completed.params["channel_id"] == "DU0ALI"
    assert "Team &lt;!channel&gt; Nord" in completed.params["initial_comment"]
    (uploaded,) = slack.of("upload")
    assert uploaded.params["size"] > 100


def test_an_answer_that_cannot_go_to_the_channel_goes_by_direct_message(slack) -> None:
    slack.fail_next("chat.postEphemeral", "not_in_channel")
    deliver(slack, Say(ToActor("U0LEA"), t("error.group_exists", name="Team Nord")))
    dms = [c for c in slack.of("chat.postMessage") if c.channel == "DU0LEA"]
    assert "There is already a group called Team Nord" in dms[0].text
    assert "I cannot post in <#C0NORD>" in dms[1].text
