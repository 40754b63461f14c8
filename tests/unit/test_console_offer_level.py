"""The offer level typed in the console (issue 17), end to end through the console session:
a citizen-level group tags its action with a core element (`/tag-action`); the offer-level
group opens preparation (`/open`: the digest goes to every participant), asks for it again
(`/digest`), reaches interpret (the core-elements review with the guide questions), notes a
core element (`/element-note`) and finds the note on its paper (`/agreements`); the group of
another offer is never mentioned. Danish verbs read the same as English ones."""

from __future__ import annotations

import asyncio
import io

from rich.console import Console

from bot.console.render import ConsoleTransport
from bot.console.session import ConsoleSession
from bot.dispatch import Dispatcher
from flows.offer_model import CoreElement, Offer
from tests.fakes import FixedClock, InMemoryUnitOfWork, Store
from tests.unit.test_console_words import typed
from tests.unit.test_offer_level import OFFER_1, ROUND_1, Held, _room, hold


def session_in(store: Store, clock: FixedClock, group: str, lang: str) -> tuple[
    ConsoleSession, ConsoleTransport
]:  # fmt: skip
    transport = ConsoleTransport(Console(file=io.StringIO(), width=200), lang=lang)
    dispatcher = Dispatcher(lambda: InMemoryUnitOfWork(store), clock, transport.deliver)
    session = ConsoleSession(dispatcher, transport)
    asyncio.run(session.begin(group, None))
    return session, transport


def test_the_offer_level_in_the_console() -> None:
    store, clock = Store(), FixedClock(ROUND_1)
    offer = Offer("Mentor offer", elements=[CoreElement(1, "Relations"),
                                            CoreElement(2, "Parent talks")])  # fmt: skip
    other = Offer("Other offer", elements=[CoreElement(1, "Something")])
    with InMemoryUnitOfWork(store) as uow:
        uow.offers.add(offer)
        uow.offers.add(other)
        uow.commit()
    a1 = _room(store, clock, "A1", offer)
    b1 = _room(store, clock, "B1", other)
    level = _room(store, clock, "Mentor offer", offer)
    hold(a1, ROUND_1, Held("Evening routines", "Fixed bedtime"))
    hold(b1, ROUND_1, Held("Other offer's theme", "Other offer's action"))

    # Citizen level: Lea tags A1's action with core element 2 (the paper is closed: a leader's
    # amendment), in Danish.
    session, transport = session_in(store, clock, "A1", "da")
    said = typed(session, transport, "/as Lea", "/tag-handling 1 2")
    assert "[kerneelement: Parent talks]" in said, said
    paper = typed(session, transport, "/aftaler")  # the paper names the tag too
    assert "Fixed bedtime" in paper and "[kerneelement: Parent talks]" in paper, paper

    # Offer level, in English: the digest at preparation and on demand.
    level.latest_meeting()
    clock.current = OFFER_1
    session, transport = session_in(store, clock, "Mentor offer", "en")
    opened = typed(session, transport, "/as Mia", "/open")
    for seen in ("A1", "Evening routines", "Fixed bedtime", "Parent talks"):
        assert seen in opened, (seen, opened)
    assert "Other offer" not in opened and "B1" not in opened
    again = typed(session, transport, "/as Ole", "/digest")
    assert "Fixed bedtime" in again and "Other offer" not in again

    # Interpret: the review with the handbook's questions; a note; the note on the paper.
    typed(session, transport, "/as Mia", "/start", "/next")
    typed(session, transport, "/as Ole", "/theme Parents are missing", "/vote 1")
    review = typed(session, transport, "/as Mia", "/next")
    assert "Relations" in review and "Parent talks" in review
    assert "core elements" in review.casefold() and "?" in review
    noted = typed(session, transport, "/as Ole", "/element-note 2 Too rare")
    assert "Too rare" in noted
    refused = typed(session, transport, "/element-note 9 Nothing")
    assert "9" in refused and "Too rare" not in refused
    paper = typed(session, transport, "/agreements")
    assert "Parent talks" in paper and "Too rare" in paper
