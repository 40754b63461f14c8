"""The learning loop typed in the console (issue 17), in Danish and English: a sign with what
it expects of the data, the group's verdict at the next "since last" (typed, and by its
button), an explanation linked to a sign, and the learning log; bad input is answered with
one line, never a traceback."""

from __future__ import annotations

from datetime import date

import pytest

from bot.console.learning_verbs import sign as sign_verb
from bot.console.words import verb_of
from flows.commands import AddSign, Advance, ImportMeasurements, StartMeeting
from flows.learning import PickVerdict, RecordVerdict
from flows.learning_model import Direction, Verdict
from flows.measurements import Measurement, MeasurementPoint, Scale
from flows.steps import Step
from tests.transcript import Room, team_nord
from tests.unit.test_console_words import console, typed

ROWS = tuple(
    Measurement(
        f"B-0{i}",
        "Psykisk trivsel",
        MeasurementPoint.on(date(2026, 11, 30)),
        4.0 + i,
        2026,
        scale=Scale(0, 10),
    )
    for i in range(1, 6)
)


def agreed(lang: str, line: str) -> Room:
    """Team Nord with data, meeting 1 closed on the sign typed as `line`, meeting 2 started."""
    room = team_nord(lang=lang)
    room.must("lea", ImportMeasurements, group_id=room.group_id, measurements=ROWS)
    room.walk_to(Step.PREPARE_ACTION)
    room.ready_to_leave()
    session, transport = console(room, lang, name="Dina")
    shown = typed(session, transport, line)
    assert "Psykisk trivsel" in shown, shown
    room.must("lea", Advance, expected_step=Step.PREPARE_ACTION)
    room.latest_meeting()
    room.clock.current = room.meeting.scheduled_at
    room.must("lea", StartMeeting)
    return room


def test_a_danish_group_records_its_verdict_and_reads_the_log() -> None:
    room = agreed("da", "/tegn Roligere aftener | psykisk trivsel | stige | 60 %")
    (sign,) = room.meetings()[0].agreement.signs
    assert sign.expectation is not None and sign.expectation.share == 0.6
    session, transport = console(room, "da", name="Ali")
    shown = typed(session, transport, "/vurdering 1 forventet Aftenerne er roligere", "/læring")
    assert "Ali om tegn 1 (»Roligere aftener«): som forventet – Aftenerne er roligere" in shown
    assert "Hvad Team Nord har lært, møde for møde" in shown
    assert (
        "Tegn på fremgang: Roligere aftener (Psykisk trivsel skal stige, for mindst 60 %" in shown
    )
    assert "tegn 1 »Roligere aftener«: som forventet – Aftenerne er roligere (Ali)" in shown
    assert [v.verdict for v in room.meeting.verdicts] == [Verdict.AS_EXPECTED]


def test_an_english_group_links_an_explanation_and_reads_the_log() -> None:
    room = agreed("en", "/sign Calmer evenings | Psykisk trivsel | rise | 6.5")
    session, transport = console(room, "en", name="Bo")
    room.must("lea", Advance, expected_step=Step.SINCE_LAST)  # no verdict given: that is fine
    room.walk_to(Step.INTERPRET)
    room.ready_to_leave()  # Bo explains theme 1
    shown = typed(session, transport, "/link 1 1", "/learnings")
    assert (
        "Explanation 1 (“The evening staff rotates”) now explains sign 1: Calmer evenings" in shown
    )
    assert "explains sign 1 “Calmer evenings”: The evening staff rotates (Bo)" in shown
    assert "Sign of progress: Calmer evenings (Psykisk trivsel should rise, to 6.5)" in shown


def test_the_verdict_buttons_work_in_the_console() -> None:
    room = team_nord(lang="en")
    room.must("lea", ImportMeasurements, group_id=room.group_id, measurements=ROWS)
    room.walk_to(Step.PREPARE_ACTION)
    room.ready_to_leave()
    room.must(
        "cai",
        AddSign,
        text="Calmer evenings",
        parameter="Psykisk trivsel",
        direction=Direction.RISE,
    )
    room.must("lea", Advance, expected_step=Step.PREPARE_ACTION)
    room.latest_meeting()
    session, transport = console(room, "en", name="Lea")
    shown = typed(session, transport, "/start")
    assert "Sign 1: Calmer evenings" in shown
    number = 1 + next(
        i
        for i, pressed in enumerate(transport.buttons)
        if isinstance(pressed, PickVerdict) and pressed.verdict is Verdict.TOO_EARLY
    )
    typed(session, transport, "/verdict 1 expected Calmer since October")
    shown = typed(session, transport, f"/{number}")  # the button: the note given stays
    assert "Lea on sign 1 (“Calmer evenings”): too early to say – Calmer since October" in shown


@pytest.mark.parametrize(
    ("lang", "line", "said"),
    [
        ("en", "/verdict", "Usage: /verdict NO expected|not|early [NOTE]"),
        ("en", "/verdict 1 maybe", "Usage: /verdict NO expected|not|early [NOTE]"),
        ("en", "/verdict x expected", "Usage: /verdict NO"),
        ("en", "/verdict 4 expected", "There is no sign of progress number 4 on the last"),
        ("da", "/vurdering 1", "Brug: /vurdering NR forventet|ikke|tidligt [NOTE]"),
        ("en", "/link 1", "Usage: /link NO SIGN"),
        ("en", "/link 1 2", "the meeting is in since last. Possible in: interpret."),
    ],
)
def test_bad_input_is_one_friendly_line(lang: str, line: str, said: str) -> None:
    room = agreed(lang, "/sign Calmer evenings | Psykisk trivsel | rise")
    session, transport = console(room, lang, name="Ali")
    shown = typed(session, transport, line)
    assert said in shown
    assert "Traceback" not in shown


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("/sign Calmer | Psykisk trivsel", "Usage: /sign TEXT"),
        ("/sign Calmer | Psykisk trivsel | sideways", "Say whether the parameter should rise"),
        ("/sign Calmer | Psykisk trivsel | rise | lots", "Usage: /sign TEXT"),
        ("/sign Calmer | Psykisk trivsel | rise | 0%", "The share must be above 0%"),
        ("/sign Calmer | Trivsl | rise", "Did you mean"),
    ],
)
def test_a_sign_that_does_not_fit_is_refused_with_one_line(line: str, said: str) -> None:
    room = team_nord(lang="en")
    room.must("lea", ImportMeasurements, group_id=room.group_id, measurements=ROWS)
    room.walk_to(Step.PREPARE_ACTION)
    before = room.meeting.agreement.signs
    session, transport = console(room, "en", name="Ali")
    shown = typed(session, transport, line)
    assert said in shown, shown
    assert room.meeting.agreement.signs == before


def test_the_words_are_read_in_either_language() -> None:
    from bot.console.commands import Where

    where = Where("ali", team_nord().group, 7, date(2026, 12, 8))
    assert verb_of("vurdering") == "verdict" and verb_of("læring") == "learnings"
    assert verb_of("kobl") == "link"
    built = sign_verb(where, "Færre konflikter | Konflikter | falde | 3,5")
    assert (built.direction, built.target, built.share) == (Direction.FALL, 3.5, None)
    assert sign_verb(where, "Søvn | Søvn | holde niveauet").direction is Direction.STAY
    assert sign_verb(where, "Just text").parameter == ""


def test_a_button_keeps_only_the_pressers_own_note() -> None:
    room = agreed("en", "/sign Calmer evenings | Psykisk trivsel | rise")
    room.must("ali", RecordVerdict, sign_ref=1, verdict=Verdict.AS_EXPECTED, note="Ali's reason")
    room.must("bo", PickVerdict, sign_ref=1, verdict=Verdict.NOT_AS_EXPECTED)
    (verdict,) = room.meeting.verdicts
    assert (verdict.verdict, verdict.note, verdict.author) == (Verdict.NOT_AS_EXPECTED, "", "bo")
