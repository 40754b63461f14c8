"""The tenant boundary and the Teams Store's rules (issue 16), over real HTTP.

Team Nord meets in a channel of tenant 72f9…. Activities Teams would send from another
tenant, carrying Lea's and Ali's user ids, press Team Nord's cards (next, extend, cancel,
Ali's preparation form) and type its verbs in the channel and a personal chat: each is
answered as a meeting or group that does not exist, names no group, and no table but the
inbox and the conversation references changes. "hi", "hello", "hej", "help" and "hjælp"
are answered everywhere, also where there is no group; the help shows how a command is
typed in Teams ("@Datadialog vote 2"), never a "/" command, and so does a usage refusal.
The welcome goes out once per install, however often Teams sends the `conversationUpdate`.
A refusal to a non-member names no group. An answer that takes over two seconds shows
Teams' typing indicator first.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, text

from storage.database import make_engine
from tests.e2e.teams.conftest import ServedBot, serve
from tests.e2e.teams.fake_connector import Call, FakeConnector
from tests.e2e.teams.people import BOT_ID, NORD, TEAM, TEAM_GROUP, Person, Team, sent_by_sdk

pytestmark = pytest.mark.e2e

LEA, ALI, BO, CAI, DINA, EVA = "29:lea", "29:ali", "29:bo", "29:cai", "29:dina", "29:eva"
OTHER_TENANT = "0a1b2c3d-0000-4000-8000-0000000000ff"
CARD = "application/vnd.microsoft.card.adaptive"
NO_MEETING = "That meeting does not exist"


def rows(tmp_path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table but the inbox (every activity is kept there) and the
    conversation references (where to reach a conversation, saved on first contact)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'datadialog.db'}")
    try:
        with engine.connect() as conn:
            names = set(inspect(conn).get_table_names()) - {"inbox", "teams_conversations"}
            return {
                name: sorted(map(tuple, conn.execute(text(f'SELECT * FROM "{name}"'))), key=repr)
                for name in sorted(names)
            }
    finally:
        engine.dispose()


def references(tmp_path: Path) -> dict[str, dict[str, Any]]:
    """The conversation references kept, by key."""
    engine = make_engine(f"sqlite:///{tmp_path / 'datadialog.db'}")
    try:
        with engine.connect() as conn:
            found = conn.execute(text("SELECT key, reference FROM teams_conversations"))
            return {key: json.loads(reference) for key, reference in found}
    finally:
        engine.dispose()


def set_up_team_nord(team: Team, connector: FakeConnector) -> dict[str, Person]:
    people = {uid: team.person(uid, uid[3:].title()) for uid in (LEA, ALI, BO, CAI, DINA)}
    team.install(people[LEA])
    connector.wait_for(NORD, "Hello! I am Datadialog")
    people[LEA].says("setup Team Nord", *(people[u] for u in (ALI, BO, CAI, DINA)))
    connector.wait_for(NORD, "The group Team Nord is set up")
    return people


def elsewhere(conversation: dict[str, Any], channel_data: dict[str, Any]) -> tuple[dict, dict]:
    """The same conversation as another tenant would send it."""
    data = {**channel_data, "tenant": {"id": OTHER_TENANT}}
    return {**conversation, "tenantId": OTHER_TENANT}, data


def press_from_other_tenant(
    team: Team, person: Person, card_call: Call, verb: str, **inputs: Any
) -> Any:
    """`person` presses a button of a card the bot sent, through the Adaptive Cards SDK, in
    an activity from another tenant."""
    sent = sent_by_sdk(card_call.cards[0], verb, None, inputs)
    if card_call.conversation == NORD:
        conversation, data = elsewhere(team.channel(), team.channel_data())
    else:
        conversation, data = elsewhere(person._personal(), {})
    activity = team.base(person, conversation)
    activity.update(
        type="invoke",
        name="adaptiveCard/action",
        replyToId=card_call.response_id,
        channelData=data,
        value={"action": {"type": "Action.Execute", "verb": sent["verb"], "data": sent["data"]},
               "trigger": "manual"},
    )  # fmt: skip
    answer = team.post(activity)
    assert answer.status == 200
    return answer.body


def says_from_other_tenant(
    team: Team, person: Person, words: str, personal: bool, mentions: tuple[Person, ...] = ()
) -> None:
    if personal:
        conversation, data = elsewhere(person._personal(), {})
        text_ = words
    else:
        conversation, data = elsewhere(team.channel(), team.channel_data())
        text_ = f"<at>Datadialog</at> {words}"
    activity = team.base(person, conversation)
    entities = [{"type": "mention", "mentioned": {"id": BOT_ID, "name": "Datadialog"},
                 "text": "<at>Datadialog</at>"}] if not personal else []  # fmt: skip
    entities += [{"type": "mention", "mentioned": {"id": p.user_id, "name": p.name},
                  "text": f"<at>{p.name}</at>"} for p in mentions]  # fmt: skip
    activity.update(type="message", text=text_, textFormat="xml", entities=entities,
                    channelData=data)  # fmt: skip
    assert team.post(activity).status in (200, 201, 202)


def _posted_since(connector: FakeConnector, mark: int, words: str) -> list[Call]:
    time.sleep(1.5)
    return [c for c in connector.calls[mark:] if c.method == "POST" and words in c.dump]


def test_activities_from_another_tenant_change_nothing_and_name_no_group(
    team: Team, connector: FakeConnector, tmp_path
) -> None:
    people = set_up_team_nord(team, connector)
    lea, ali = people[LEA], people[ALI]
    lea.says("prepare")
    prep = connector.wait_for(ali.chat, "Prepare for the reflection meeting in Team Nord", CARD)
    lea.says("start")
    step1 = connector.wait_for(NORD, "Step 1 of 4 · Since last", CARD)
    time.sleep(1.0)  # what starting sends (invitations, charts) is out
    before = rows(tmp_path)
    before_keys = set(references(tmp_path))
    mark = connector.mark()

    for verb in ("advance", "extend", "cancel"):
        answer = press_from_other_tenant(team, lea, step1, verb)
        assert NO_MEETING in json.dumps(answer), answer
    answer = press_from_other_tenant(team, ali, prep, "prep", positive="From elsewhere",
                                     improvement="Also from elsewhere")  # fmt: skip
    assert NO_MEETING in json.dumps(answer), answer
    says_from_other_tenant(team, lea, "cancel yes", personal=False)
    says_from_other_tenant(team, lea, "next", personal=True)
    answered = _posted_since(connector, mark, "no reflection group")
    assert len(answered) == 2, answered
    says_from_other_tenant(team, lea, "setup Team Elsewhere <at>Ali</at>", personal=False,
                           mentions=(ali,))  # fmt: skip
    assert _posted_since(connector, mark, "A group cannot be set up in this channel from here")

    said = "\n".join(call.dump for call in connector.calls[mark:])
    assert "Team Nord" not in said, said
    assert not [call for call in connector.calls[mark:] if call.method == "PUT"]
    assert rows(tmp_path) == before
    # No reference kept for a known channel or person now points into the other tenant
    # (storage.teams_tables.save_reference keeps the first tenant's).
    kept = references(tmp_path)
    assert kept[f"channel:{NORD}"]["conversation"]["tenantId"] != OTHER_TENANT
    assert all(r["conversation"]["tenantId"] != OTHER_TENANT
               for key, r in kept.items() if key in before_keys)  # fmt: skip
    # Team Nord's own presses still count.
    lea.presses(step1, "advance")
    connector.wait_for(NORD, "Step 2 of 4 · Explore", CARD, after=mark)


def test_greetings_and_help_answer_everywhere_with_verbs_as_typed_in_teams(
    team: Team, connector: FakeConnector
) -> None:
    lea, eva = team.person(LEA, "Lea"), team.person(EVA, "Eva")
    team.install(lea)
    connector.wait_for(NORD, "Hello! I am Datadialog")
    for word in ("hi", "Hello", "hej", "help", "hjælp"):
        mark = connector.mark()
        lea.says(word)  # in a channel with no group yet
        shown = connector.wait_for(NORD, "Datadialog in Teams", after=mark)
        eva.writes_privately(word)  # in a personal chat, a member of no group
        connector.wait_for(eva.chat, "Datadialog in Teams", after=mark)
    assert "@Datadialog vote 2" in shown.text
    assert "vote NO" in shown.text and "/vote" not in shown.text

    people = set_up_team_nord(team, connector)
    mark = connector.mark()
    people[LEA].says("hi")
    connector.wait_for(NORD, "Datadialog in Teams", after=mark)
    people[LEA].says("vote")  # a verb without its number: its usage, as Teams reads it
    usage = connector.wait_for(people[LEA].chat, "vote NO", after=mark)
    assert "/vote" not in usage.text and "/stem" not in usage.text, usage.text
    people[ALI].writes_privately("hjælp")
    connector.wait_for(people[ALI].chat, "Datadialog in Teams", after=mark)


def test_a_refusal_to_someone_outside_the_group_names_no_group(
    team: Team, connector: FakeConnector
) -> None:
    set_up_team_nord(team, connector)
    eva = team.person(EVA, "Eva")  # in the team's channel, not in the group
    mark = connector.mark()
    eva.says("setup Another group")
    eva.says("next")
    eva.says("settings")
    eva.says("export")
    refused = _posted_since(connector, mark, "Only the reflection group's members")
    assert len(refused) == 3, refused
    to_eva = [c.dump for c in connector.calls[mark:] if c.conversation in (eva.chat, NORD)]
    assert not [d for d in to_eva if "Team Nord" in d or "Lea" in d], to_eva


def _removed(team: Team, by: Person) -> None:
    activity = team.base(by, team.channel())
    data = {**team.channel_data(), "eventType": "teamMemberRemoved"}
    activity.update(type="conversationUpdate", membersRemoved=[{"id": BOT_ID}], channelData=data)
    assert 200 <= team.post(activity).status < 300


def _welcomes(connector: FakeConnector, conversation: str) -> int:
    return len([c for c in connector.of("POST", conversation) if "Hello! I am" in c.dump])


def test_the_welcome_goes_out_once_per_install(team: Team, connector: FakeConnector) -> None:
    lea, dina = team.person(LEA, "Lea"), team.person(DINA, "Dina")
    for _ in range(3):  # Teams sends the conversationUpdate again (an app update, a retry)
        team.install(lea)
        dina.installs_personally()
    connector.wait_for(NORD, "Hello! I am Datadialog")
    connector.wait_for(dina.chat, "Hello! I am Datadialog")
    time.sleep(1.0)
    assert (_welcomes(connector, NORD), _welcomes(connector, dina.chat)) == (1, 1)

    _removed(team, lea)  # removed from the team, and added again: a new install
    team.install(lea)
    team.install(lea)
    time.sleep(1.0)
    assert _welcomes(connector, NORD) == 2
    assert TEAM and TEAM_GROUP  # the team's ids, as the install sends them


class SlowRoster(FakeConnector):
    """A Bot Connector that takes three seconds to list a channel's members."""

    def _handler(self) -> type:
        base = super()._handler()

        class Slow(base):  # type: ignore[misc,valid-type]
            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("/members"):
                    time.sleep(3)
                super().do_GET()

        return Slow


@pytest.fixture
def slow(tmp_path) -> Iterator[tuple[Team, SlowRoster]]:
    connector = SlowRoster().start()
    bot: ServedBot = serve(tmp_path, connector)
    try:
        yield Team(bot.url, connector), connector
    finally:
        bot.stop()
        connector.stop()


def test_an_answer_that_takes_long_shows_the_typing_indicator_first(slow) -> None:
    team, connector = slow
    lea = team.person(LEA, "Lea")
    connector.members = [{"id": LEA, "name": "Lea"}, {"id": ALI, "name": "Ali"}]
    team.install(lea)
    connector.wait_for(NORD, "Hello! I am Datadialog")
    mark = connector.mark()
    lea.says("setup")  # the setup card: the channel's members first, which takes 3 s
    card = connector.wait_for(NORD, "New reflection group", after=mark)
    typing = [c for c in connector.calls[mark:] if c.body.get("type") == "typing"]
    assert typing and typing[0].at < card.at
    assert card.at - typing[0].at > 0.5  # shown while waiting, not with the answer
    time.sleep(3.5)
    assert len([c for c in connector.calls[mark:] if c.body.get("type") == "typing"]) == len(
        typing
    )  # and stopped once answered
