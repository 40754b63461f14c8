"""A whole Slack round at DEBUG level: the log has no token, no secret, nothing anyone typed.

`datadialog serve` runs with DATADIALOG_LOG_LEVEL=DEBUG against the fake Slack, over
HTTP and again in Socket Mode, its stderr captured; and once more for an OAuth
installation (client secret, code, state, the installed bot token). slack_sdk,
slack_bolt and aiohttp log every request and response at DEBUG; `bot.log_privacy`
keeps the lines and drops the bodies, so the log shows what happened, not what was said.
"""

from __future__ import annotations

import re
import urllib.parse
import urllib.request
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.log_privacy import BODY
from flows import commands as c
from tests.e2e.serve import ServedBot, free_port
from tests.e2e.slack.conftest import BOT_TOKEN, NAMES, SECRET, set_up_team_nord, slack_env
from tests.e2e.slack.fake_slack import FakeSlack
from tests.e2e.slack.people import Bot, Workspace

#: DATADIALOG_SECRET_KEYS of the OAuth run: a Fernet key (32 bytes, URL-safe base64).
KEY = "c2VjcmV0LWtleS1mb3ItdGhlLWxvZy1wcml2YWN5LTE="

pytestmark = pytest.mark.e2e

NORD = "C0NORD"
LEA, ALI, BO, CAI, DINA = "U0LEA", "U0ALI", "U0BO", "U0CAI", "U0DINA"
APP_TOKEN = "xapp-test-app-token"

GROUP = "Team Nordlys"
POINTS = {
    ALI: ("Wellbeing climbed for three citizens", "Bedtime chaos persists", ""),
    BO: ("Attendance improved markedly", "Sleeplessness remains", "Is the dataset exhaustive?"),
    CAI: ("Fewer incidents overall", "Contact with guardians", ""),
}
OBSERVATION = "Evenings became calmer since October"
THEME = "Bedtime structure"
EXPLANATION = "Staffing changeover at nine"
GOAL = "Peaceful evenings four days weekly"
SIGN = "Fewer incident reports after eight"
ACTION = "Introduce fixed bedtime ritual"
TAKEAWAY = "Rituals outperform regulations"
TYPED = [
    GROUP,
    *(text for texts in POINTS.values() for text in texts if text),
    OBSERVATION,
    THEME,
    EXPLANATION,
    GOAL,
    SIGN,
    ACTION,
    TAKEAWAY,
]


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    fake = FakeSlack(names=dict(NAMES)).start()
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture(params=["http", "socket_mode"])
def served(
    request: pytest.FixtureRequest, tmp_path, slack: FakeSlack
) -> Iterator[tuple[ServedBot, Workspace]]:
    """`datadialog serve` at DEBUG level; the workspace its people write in."""
    port = free_port()
    socket_mode = request.param == "socket_mode"
    extra = {"DATADIALOG_LOG_LEVEL": "DEBUG"}
    if socket_mode:
        extra["SLACK_APP_TOKEN"] = APP_TOKEN
    process = ServedBot(slack_env(tmp_path, slack, port, **extra), tmp_path)
    process.wait_for("Socket Mode" if socket_mode else "listening on")
    url = f"http://127.0.0.1:{port}/slack/events"
    try:
        yield process, Workspace(url, SECRET, slack, socket_mode=socket_mode)
    finally:
        process.stop()


def test_a_round_at_debug_level_logs_no_token_secret_or_typed_text(
    served: tuple[ServedBot, Workspace],
) -> None:
    process, workspace = served
    play_short_round(workspace, Bot(workspace))
    assert process.stop() == 0
    log = "\n".join(process.output)

    # The log is a real DEBUG log of the libraries' traffic ...
    assert re.search(r" DEBUG slack_sdk\.web\.\S+: Sending a request - url: POST ", log), log
    assert "chat.postMessage" in log
    # ... without a token, a secret or a word anyone typed: the bodies are cut off.
    assert_no_secrets(log)
    for text in TYPED:
        assert text not in log, f"{text!r} logged"
        for word in re.findall(r"\w{6,}", text):
            assert word not in log, f"{word!r} (from {text!r}) logged"
    assert BODY in log


def assert_no_secrets(log: str, *secrets: str) -> None:
    for secret in (BOT_TOKEN, SECRET, APP_TOKEN, "test-bot-token", "test-signing", *secrets):
        assert secret not in log, f"{secret!r} logged"
    for token in ("xoxb-", "xoxp-", "xapp-", "xoxe", "xoxr-"):
        assert token not in log, f"a {token} token logged"


def test_an_oauth_installation_at_debug_level_logs_no_secret_code_or_token(
    tmp_path, slack: FakeSlack
) -> None:
    port = free_port()
    env = slack_env(
        tmp_path,
        slack,
        port,
        SLACK_CLIENT_ID="111.222",
        SLACK_CLIENT_SECRET="oauth-client-secret",
        DATADIALOG_LOG_LEVEL="debug",
        DATADIALOG_SECRET_KEYS=KEY,  # the tokens are stored encrypted (issue 15)
    )
    env.pop("SLACK_BOT_TOKEN")
    process = ServedBot(env, tmp_path)
    try:
        process.wait_for("listening on")
        base = f"http://127.0.0.1:{port}"
        browser = urllib.request.build_opener(NoRedirect)
        with browser.open(f"{base}/slack/install", timeout=10) as answer:
            page = answer.read().decode()
            cookie = answer.headers["Set-Cookie"].split(";")[0]
        authorize = next(part for part in page.split('"') if "oauth/v2/authorize" in part)
        query = urllib.parse.parse_qs(urllib.parse.urlparse(authorize.replace("&amp;", "&")).query)
        state = query["state"][0]
        callback = urllib.request.Request(
            f"{base}/slack/oauth_redirect?code=the-oauth-code&state={state}",
            headers={"Cookie": cookie},
        )
        with browser.open(callback, timeout=10) as answer:
            assert answer.status == 200
        workspace = Workspace(f"{base}/slack/events", SECRET, slack)
        set_up_team_nord(workspace, Bot(workspace))
        assert slack.of("chat.postMessage")[-1].token == "xoxb-installed-token"
    finally:
        assert process.stop() == 0
    log = "\n".join(process.output)
    assert "oauth.v2.access" in log
    assert_no_secrets(
        log, "oauth-client-secret", "the-oauth-code", state, cookie.split("=")[-1], KEY
    )
    assert "installed-token" not in log and BODY in log


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def play_short_round(workspace: Workspace, bot: Bot) -> None:
    lea = workspace.person(LEA, "Lea")
    ali, bo, cai, dina = (
        workspace.person(u, n) for u, n in ((ALI, "Ali"), (BO, "Bo"), (CAI, "Cai"), (DINA, "Dina"))
    )
    first = datetime.now(UTC) + timedelta(days=7)

    lea.slash("setup", NORD)
    lea.submit(
        bot.opens("dd_setup"),
        name=GROUP,
        leader=LEA,
        participants=[ALI, BO, CAI, DINA],
        channel=NORD,
        cadence=14,
        first=int(first.timestamp()),
    )
    bot.posts(NORD, f"The group {GROUP} is set up")

    lea.slash("prepare", NORD)
    invitations = {
        person.user_id: bot.dms(person.user_id, "Prepare for the reflection meeting")
        for person in (ali, bo, cai)
    }
    for person in (ali, bo, cai):
        person.click(invitations[person.user_id], "dd_prepare")
        positive, improvement, question = POINTS[person.user_id]
        form = bot.opens("dd_prep")
        person.submit(form, positive=positive, improvement=improvement, question=question)
        bot.posts(NORD, f"{person.name} has prepared")

    lea.slash("start", NORD)
    step1 = bot.posts(NORD, "Step 1 of 4 · Since last")
    lea.click(step1, "dd_advance")
    step2 = bot.posts(NORD, "Step 2 of 4 · Explore")
    cai.click(step2, "dd_open_addobservation")
    cai.submit(bot.opens("dd_form_addobservation"), text=OBSERVATION)
    bot.posts(NORD, OBSERVATION)
    bo.click(step2, "dd_open_proposetheme")
    bo.submit(bot.opens("dd_form_proposetheme"), title=THEME)
    themes = bot.posts(NORD, "Themes (most votes first)", THEME)
    ali.click_choice(themes, c.CastVote, theme_number=1)
    bot.tells(ALI, f"Vote given to “{THEME}”")

    lea.click(step2, "dd_advance")
    step3 = bot.posts(NORD, "Step 3 of 4 · Interpret")
    dina.click(step3, "dd_open_addexplanation")
    dina.submit(bot.opens("dd_form_addexplanation"), theme_number=1, text=EXPLANATION)
    bot.posts(NORD, EXPLANATION)
    lea.click(step3, "dd_open_choosefocus")
    lea.submit(bot.opens("dd_form_choosefocus"), theme_number=1)
    bot.posts(NORD, f"Focus area: {THEME}")

    lea.click(step3, "dd_advance")
    step4 = bot.posts(NORD, "Step 4 of 4 · Prepare action")
    due = (date.today() + timedelta(days=14)).isoformat()
    for form, values, shown in (
        ("setgoal", {"long_term": "short", "text": GOAL}, GOAL),
        ("addsign", {"text": SIGN}, SIGN),
        ("addaction", {"what": ACTION, "owner": ALI, "follow_up": LEA, "due": due}, ACTION),
    ):
        lea.click(step4, f"dd_open_{form}")
        lea.submit(bot.opens(f"dd_form_{form}"), **values)
        bot.posts(NORD, shown)

    lea.click(step4, "dd_advance")
    closed = bot.posts(NORD, "Meeting 1 is closed")
    ali.click(closed, "dd_open_addtakeaway")
    ali.submit(bot.opens("dd_form_addtakeaway"), text=TAKEAWAY)
    bot.posts(NORD, f"Ali takes away: {TAKEAWAY}")
    workspace.slack.quiet()
