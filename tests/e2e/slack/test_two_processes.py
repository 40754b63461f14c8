"""Two `serve` processes on one PostgreSQL, requests alternated: nothing lost, nothing twice.

Both processes talk to the same fake Slack; every burst below sends request i to
process i % 2, all released at once. In one meeting of Team Nord:
- step 2 (explore): 200 observations from the four participants;
- 20 presses of the leader's Next on the step 2 message: exactly one advance (one
  "Step 3 of 4" post, the meeting one step further in the database);
- step 3 (interpret): 40 explanations for one theme;
- step 4 (prepare action): 10 agreement-paper forms (5 signs of progress, 5 actions).
Every contribution answered 2xx must be stored exactly once and announced in the
channel exactly once. A contribution that meets a concurrent change must be applied on
the fresh state, not answered "Someone changed the meeting at the same moment. Try
again." after its modal closed. Three runs, each on a fresh schema.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest

from tests.e2e import flood
from tests.e2e.serve import ServedBot
from tests.e2e.slack.conftest import NORD
from tests.e2e.slack.fake_slack import Call, FakeSlack
from tests.e2e.slack.people import Bot, Person, Workspace

pytestmark = pytest.mark.e2e  # on PostgreSQL when one answers (see tests/e2e/flood.py)

OBSERVATIONS, NEXT_PRESSES, EXPLANATIONS, SIGNS, ACTIONS = 200, 20, 40, 5, 5
#: A loss here is final (refused on a conflict), so little waiting for more is needed.
STILL = 10.0
EXPLANATION_POST = re.compile(r"Explanation for “[^”]*” \([^()]*\): (?P<text>.+)")
SIGN_POST = re.compile(r"Sign of progress: (?P<text>.+)")
ACTION_POST = re.compile(r"New action: \d+\. (?P<text>.+?): owner .+")


@pytest.fixture
def pg_url() -> Iterator[str]:
    yield from flood.postgres_schema()


class Pair:
    """The two processes' workspaces; request i goes to process i % 2."""

    def __init__(self, slack: FakeSlack, *bots: ServedBot) -> None:
        self.slack = slack
        self.workspaces = [flood.workspace(bot, slack) for bot in bots]
        self.people = [flood.participants(w) for w in self.workspaces]
        self.leads = [w.person("U0LEA", "Lea") for w in self.workspaces]

    def participant(self, i: int) -> Person:
        return self.people[i % 2][(i // 2) % 4]

    def posts(self, pattern: re.Pattern[str]) -> Counter[str]:
        return flood.posted(flood.channel_posts(self.slack), pattern)


def burst(
    pair: Pair,
    what: str,
    texts: list[str],
    send: Callable[[Person, str], int],
    measure: Callable[[], tuple[Counter[str], Counter[str]]],
) -> flood.Tally:
    """Every text sent at once, alternating processes; then what was stored and posted."""
    statuses = flood.at_once(len(texts), lambda i: send(pair.participant(i), texts[i]))
    tally = flood.Tally(what, texts, statuses)
    flood.settle(measure, tally.acked, still=STILL)
    pair.slack.quiet(0.5)
    tally.stored, tally.sent = measure()
    return tally


def press_next(pair: Pair, step: Call, url: str) -> tuple[int, int, object]:
    """20 Next presses at once: the "Step 3 of 4" and "Step 4 of 4" posts, the step stored."""
    mark = pair.slack.mark()
    flood.at_once(NEXT_PRESSES, lambda i: pair.leads[i % 2].click(step, "dd_advance").status)
    with contextlib.suppress(AssertionError):  # none at all is counted below
        pair.slack.wait_for(lambda c: is_step(c, 3), since=mark)
    pair.slack.quiet(1.5)
    counts = [sum(is_step(c, n) for c in pair.slack.since(mark)) for n in (3, 4)]
    return counts[0], counts[1], flood.values(url, "SELECT step FROM meetings WHERE number = 1")[0]


def is_step(call: Call, number: int) -> bool:
    return call.method == "chat.postMessage" and f"Step {number} of 4" in call.text


def fill(workspace: Workspace, step: Call, form: str, expect: str, **values: object) -> None:
    lea = workspace.person("U0LEA", "Lea")
    lea.click(step, f"dd_open_{form}")
    lea.submit(Bot(workspace).opens(f"dd_form_{form}"), **values)
    Bot(workspace).posts(NORD, expect)


@pytest.mark.parametrize("run", range(3))
def test_two_processes_lose_nothing_and_advance_once(
    run: int, pg_url: str, slack: FakeSlack, tmp_path
) -> None:
    a = flood.serve_slack(tmp_path, slack, pg_url)
    b = None
    tallies: list[flood.Tally] = []
    try:
        b = flood.serve_slack(tmp_path, slack, pg_url)  # after a: a has migrated the schema
        pair = Pair(slack, a, b)
        first = pair.workspaces[0]
        step2 = flood.explore(first)
        fill(first, step2, "proposetheme", "Themes (most votes first)", title="Evening routines")

        form = flood.open_form(first, step2, "addobservation")
        texts = [f"Run {run} observation {i:03d}" for i in range(OBSERVATIONS)]
        tallies.append(
            burst(
                pair,
                f"run {run}: {OBSERVATIONS} observations",
                texts,
                lambda person, text: person.submit(form, text=text).status,
                lambda: (
                    flood.rows(pg_url, "SELECT text FROM observations"),
                    pair.posts(flood.OBSERVATION_POST),
                ),
            )
        )

        step3_posts, step4_posts, stored_step = press_next(pair, step2, pg_url)
        advanced = f"{NEXT_PRESSES} Next presses: {step3_posts} 'Step 3 of 4' posts, "
        advanced += f"{step4_posts} 'Step 4 of 4' posts, meeting step {stored_step!r}"
        assert (step3_posts, step4_posts, stored_step) == (1, 0, "interpret"), (
            f"run {run}: {advanced}; " + "; ".join(t.line() for t in tallies)
        )
        step3 = slack.wait_for(lambda c: is_step(c, 3))

        form = flood.open_form(first, step3, "addexplanation")
        texts = [f"Run {run} explanation {i:02d}" for i in range(EXPLANATIONS)]
        tallies.append(
            burst(
                pair,
                f"run {run}: {EXPLANATIONS} explanations",
                texts,
                lambda person, text: person.submit(form, theme_number=1, text=text).status,
                lambda: (
                    flood.rows(pg_url, "SELECT text FROM explanations"),
                    pair.posts(EXPLANATION_POST),
                ),
            )
        )

        fill(first, step3, "choosefocus", "Focus area: Evening routines", theme_number=1)
        first.person("U0LEA", "Lea").click(step3, "dd_advance")
        step4 = Bot(first).posts(NORD, "Step 4 of 4")
        sign = flood.open_form(first, step4, "addsign")
        action = flood.open_form(first, step4, "addaction")
        due = (date.today() + timedelta(days=14)).isoformat()
        signs = [f"Run {run} sign {i}" for i in range(SIGNS)]
        actions = [f"Run {run} action {i}" for i in range(ACTIONS)]

        def paper(person: Person, text: str) -> int:
            if text in signs:
                return person.submit(sign, text=text).status
            values = {"what": text, "owner": "U0ALI", "follow_up": "U0LEA", "due": due}
            return person.submit(action, **values).status

        tallies.append(
            burst(
                pair,
                f"run {run}: {SIGNS + ACTIONS} agreement-paper forms",
                [x for pair_ in zip(signs, actions, strict=True) for x in pair_],
                paper,
                lambda: (
                    flood.rows(pg_url, "SELECT text FROM agreement_signs")
                    + flood.rows(pg_url, "SELECT what FROM actions"),
                    pair.posts(SIGN_POST) + pair.posts(ACTION_POST),
                ),
            )
        )
    finally:
        for served in (a, b):
            if served is not None:
                served.stop()

    print("\n" + "\n".join(t.line() for t in tallies) + f"\n{advanced}")
    problems = [t.problems() for t in tallies if t.problems()]
    assert not problems, "\n".join(problems)
