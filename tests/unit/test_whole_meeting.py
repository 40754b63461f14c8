"""A whole reflection meeting, and the next one, played as the handbook describes them.

Preparation with three points each, then since last, explore, interpret and prepare
action, the agreement paper at close, and the next meeting following the agreements
up. Every expected line is a whole line of what the bot says (`play_exactly`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from flows.commands import (
    SYSTEM_ACTOR,
    AddAction,
    AddExplanation,
    AddObservation,
    AddSign,
    AddTakeaway,
    Advance,
    CastVote,
    CheckTimebox,
    ChooseFocus,
    Extend,
    OpenPreparation,
    ProposeTheme,
    RemindUnprepared,
    ReviewAction,
    SetGoal,
    ShowAgreements,
    ShowStatus,
    StartMeeting,
    SubmitPoint,
    WithdrawVote,
)
from flows.model import ActionStatus, ObservationSource, PointKind
from flows.steps import Step
from tests.transcript import SILENCE, Reply, Room, Turn, not_said, say, team_nord

S = Step
POSITIVE, IMPROVEMENT, QUESTION = PointKind.POSITIVE, PointKind.IMPROVEMENT, PointKind.QUESTION


def _norm(text: str) -> str:
    return " ".join(text.split())


def play_exactly(room: Room, *script: object) -> list[Reply]:
    """`room.play`, and then every expected string must be a whole line of its turn."""
    replies = room.play(*script)  # type: ignore[arg-type]
    wanted: list[list[str]] = []
    for item in script:
        if isinstance(item, Turn):
            wanted.append([])
        elif isinstance(item, str):
            wanted[-1].append(item)
    for reply, lines in zip(replies, wanted, strict=True):
        said = {_norm(line) for line in reply.lines}
        for line in lines:
            assert _norm(line) in said, room.failure(reply, f"no line is exactly {line!r}")
    return replies


def asked(to: str, *questions: str) -> list[str]:
    return [f"{to}: ? {q}" for q in questions]


PREPARING_EN = (
    "What are the three most important observations in the data?",
    "What puzzles me most?",
    "What would I prioritise doing something about?",
    "Compare with the last measurement, the citizen's own goals and other measurements.",
    "Who might be relevant to involve if we start something new?",
)
SINCE_LAST_EN = (
    "What did we agree last time?",
    "What is the status of the agreements?",
    "Can we see the results in the data?",
    "What have we learned from what we tried?",
    "Agreements not carried out: do they still make sense, should we drop them, "
    "or do they need more attention?",
)
EXPLORE_EN = (
    "What does the data tell us?",
    "What do we notice?",
    "What else would we need to know?",
    "What positive things can we be glad about?",
    "Which challenges would be relevant to focus on?",
)
INTERPRET_EN = (
    "What challenges do we see for the citizen's development?",
    "What prevents progression?",
    "What maintains the current patterns?",
    "Do we use our core elements enough, and are they the right ones?",
    "What do the relation between citizen and professional, the citizen's experience "
    "and individual circumstances mean here?",
)
PREPARE_ACTION_EN = (
    "What do we want to achieve by the next meeting?",
    "What do we want to achieve in the longer term (in x months)?",
    "Which data will be signs that we are on the right track?",
    "What are the new actions?",
    "Who does what, who follows up, and when?",
    "What does each of us take away from the meeting?",
)

PREP_REQUEST = (
    "Prepare for the reflection meeting in Team Nord on Tue 8 Dec 2026 09:00: write three "
    "points from the data: a positive trend, an improvement opportunity and, if you like, "
    "a question about the data. You can edit them until the meeting starts."
)
ACTION_1 = (
    "1. Agree fixed visiting days with B-22 by letter: owner Cai, follow-up Lea, "
    "due Tue 15 Dec 2026"
)
ACTION_2 = "2. Name one contact person for B-22: owner Dina, follow-up Bo, due Tue 22 Dec 2026"
ACTION_3 = "3. Check how the night shift scores sleep: owner Ali, follow-up Lea, due Tue 5 Jan 2027"
SHORT_GOAL = "B-22 gets every planned home visit before the next meeting"
LONG_GOAL = "Every citizen has one stable contact person within 3 months"
SIGN_1 = "No cancelled visits in the visit log"
SIGN_2 = "B-22's well-being score holds or rises"


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in December 2026, given in Copenhagen time (UTC+1 in winter)."""
    return datetime(2026, 12, day, hour - 1, minute, tzinfo=UTC)


def test_a_whole_meeting_and_the_next_one_in_english():
    room = team_nord()

    # Preparation: the leader opens it a week ahead; everyone gets the three-point form.
    play_exactly(
        room,
        say("lea", OpenPreparation),
        "#channel: Preparation for meeting 1 (Tue 8 Dec 2026 09:00) is open. Every participant "
        "has the data and is asked to prepare three points.",
        f"@ali (dm): {PREP_REQUEST}",
        *asked("@ali (dm)", *PREPARING_EN),
        "@ali (dm): [positive trend] …",
        "@ali (dm): [improvement opportunity] …",
        "@ali (dm): [question about the data] …",
        f"@bo (dm): {PREP_REQUEST}",
        f"@cai (dm): {PREP_REQUEST}",
        f"@dina (dm): {PREP_REQUEST}",
        not_said("@lea (dm)"),
    )
    assert room.meeting.step is S.PREPARING

    room.clock.current = at(2, 14)
    play_exactly(
        room,
        say("ali", SubmitPoint, kind=POSITIVE, text="B-17 sleeps through 6 of 7 nights"),
        "@ali (only you): Saved: positive trend. You can edit it until the meeting starts.",
        not_said("#channel"),
        say("ali", SubmitPoint, kind=IMPROVEMENT, text="Only 2 of 5 questionnaires came back"),
        "@ali (only you): Saved: improvement opportunity. You can edit it until the meeting "
        "starts.",
        "#channel: Ali has prepared (1 of 4).",
        say("ali", SubmitPoint, kind=QUESTION, text="Do night notes count in the sleep score?"),
        "@ali (only you): Saved: question about the data. You can edit it until the meeting "
        "starts.",
        not_said("#channel"),
    )
    room.clock.current = at(3, 10)
    play_exactly(
        room,
        say("bo", SubmitPoint, kind=POSITIVE, text="Well-being rose for 3 of 5 citizens"),
        "@bo (only you): Saved: positive trend. You can edit it until the meeting starts.",
        say("bo", SubmitPoint, kind=IMPROVEMENT, text="Home visits to B-22 were cancelled 3 times"),
        "#channel: Bo has prepared (2 of 4).",
    )
    room.clock.current = at(4, 11)
    play_exactly(
        room,
        say("cai", SubmitPoint, kind=POSITIVE, text="Goal attainment for B-09 is up two steps"),
        say("cai", SubmitPoint, kind=IMPROVEMENT, text="Evening incidents still at 4 a week"),
        "#channel: Cai has prepared (3 of 4).",
    )
    room.clock.current = at(5, 9)
    play_exactly(
        room,
        say("bo", SubmitPoint, kind=POSITIVE, text="Well-being rose for 4 of 5 citizens"),
        "@bo (only you): Saved: positive trend. You can edit it until the meeting starts.",
        not_said("has prepared"),
    )
    room.clock.current = at(6, 15)
    room.play(
        say("dina", SubmitPoint, kind=POSITIVE, text="Feedback praises the breakfast routine"),
        not_said("has prepared"),
    )
    room.clock.current = at(7, 9)
    play_exactly(
        room,
        say("lea", RemindUnprepared),
        "@dina (dm): Reminder: the reflection meeting in Team Nord is on Tue 8 Dec 2026 09:00, "
        "and your points are missing (a positive trend, an improvement opportunity, optionally "
        "a question about the data).",
        *asked("@dina (dm)", *PREPARING_EN),
        "@dina (dm): [positive trend] Feedback praises the breakfast routine",
        "@dina (dm): [improvement opportunity] …",
        "@lea (only you): Reminder sent to: Dina.",
        not_said("@ali"),
        not_said("@bo"),
        not_said("@cai"),
        say("dina", SubmitPoint, kind=IMPROVEMENT, text="We have no data on school attendance"),
        "#channel: Dina has prepared (4 of 4).",
        say("lea", RemindUnprepared),
        "@lea (only you): Every participant has prepared.",
    )
    points = room.meeting.points_of("bo")
    assert points[POSITIVE].text == "Well-being rose for 4 of 5 citizens"
    assert len(room.meeting.points) == 9

    # Step 1: since last. The group's first meeting has nothing to follow up.
    room.clock.current = at(8, 9)
    play_exactly(
        room,
        say("lea", StartMeeting),
        "#channel: Meeting 1 of Team Nord has started. Welcome!",
        "#channel: Preparation: 4 of 4 ready",
        "#channel: Ali: ready",
        "#channel: Bo: ready",
        "#channel: Cai: ready",
        "#channel: Dina: ready",
        "#channel: Step 1 of 4 · Since last (15 min)",
        *asked("#channel", *SINCE_LAST_EN),
        "#channel: ⏱ → Tue 8 Dec 2026 09:15",
        "#channel: This is the group's first meeting, so there are no agreements to follow up. "
        "Use the time to agree on purpose and frame.",
        not_said("Agreements from meeting"),
    )

    # Step 2: explore. The prepared points come in first, positives first, then in time order.
    room.clock.current = at(8, 9, 10)
    play_exactly(
        room,
        say("lea", Advance, expected_step=S.SINCE_LAST),
        "#channel: Step 2 of 4 · Explore (20 min)",
        *asked("#channel", *EXPLORE_EN),
        "#channel: ⏱ → Tue 8 Dec 2026 09:30",
        "#channel: From your preparation",
        "#channel: 1. B-17 sleeps through 6 of 7 nights (Ali, prepared)",
        "#channel: 2. Goal attainment for B-09 is up two steps (Cai, prepared)",
        "#channel: 3. Well-being rose for 4 of 5 citizens (Bo, prepared)",
        "#channel: 4. Feedback praises the breakfast routine (Dina, prepared)",
        "#channel: 5. Only 2 of 5 questionnaires came back (Ali, prepared)",
        "#channel: 6. Home visits to B-22 were cancelled 3 times (Bo, prepared)",
        "#channel: 7. Evening incidents still at 4 a week (Cai, prepared)",
        "#channel: 8. We have no data on school attendance (Dina, prepared)",
        "#channel: 9. Do night notes count in the sleep score? (Ali, prepared)",
        "#channel: Stay with what the data shows and hold back explanations. Write "
        "observations, propose themes and prioritise them with your 3 votes each.",
        not_said("Well-being rose for 3 of 5"),
        say("bo", AddObservation, text="3 of the 5 evening incidents were on Sundays"),
        "#channel: 10. 3 of the 5 evening incidents were on Sundays (Bo)",
        say("lea", AddObservation, text="The staff rota changed in week 48"),
        "#channel: 11. The staff rota changed in week 48 (Lea)",
        say("ali", ProposeTheme, title="Evening routines"),
        "#channel: Themes (most votes first)",
        "#channel: 1. Evening routines: 0 votes",
        say("cai", ProposeTheme, title="Home visits"),
        "#channel: 1. Evening routines: 0 votes",
        "#channel: 2. Home visits: 0 votes",
        say("dina", ProposeTheme, title="Questionnaire response rate"),
        "#channel: 3. Questionnaire response rate: 0 votes",
    )
    assert [o.source for o in room.meeting.observations] == [ObservationSource.PREPARATION] * 9 + [
        ObservationSource.MEETING
    ] * 2

    # The explore time-box runs out: the group is asked once, and the leader extends.
    room.clock.current = at(8, 9, 31)
    play_exactly(
        room,
        say(SYSTEM_ACTOR, CheckTimebox),
        "#channel: Time is up for explore. Extend, or move on? [Extend 5 min] / [Move on]",
        say(SYSTEM_ACTOR, CheckTimebox),
        SILENCE,
        say("lea", Extend, minutes=5),
        "#channel: 5 more minutes for explore (until Tue 8 Dec 2026 09:36).",
        say(SYSTEM_ACTOR, CheckTimebox),
        SILENCE,
    )

    # Everyone prioritises with three votes; the list is ranked by votes.
    play_exactly(
        room,
        say("ali", CastVote, theme_number=2),
        "@ali (only you): Vote given to “Home visits”. You have 2 left.",
        "#channel: 2. Home visits: 1 vote",
        "#channel: 1. Evening routines: 0 votes",
        say("ali", CastVote, theme_number=1),
        "@ali (only you): Vote given to “Evening routines”. You have 1 left.",
        say("bo", CastVote, theme_number=3),
        "@bo (only you): Vote given to “Questionnaire response rate”. You have 2 left.",
        say("bo", WithdrawVote, theme_number=3),
        "@bo (only you): Vote withdrawn from “Questionnaire response rate”.",
        "#channel: 3. Questionnaire response rate: 0 votes",
        say("bo", CastVote, theme_number=2),
        "@bo (only you): Vote given to “Home visits”. You have 2 left.",
        say("cai", CastVote, theme_number=2),
        say("cai", CastVote, theme_number=3),
        say("dina", CastVote, theme_number=1),
        say("dina", CastVote, theme_number=2),
        "@dina (only you): Vote given to “Home visits”. You have 1 left.",
        "#channel: Themes (most votes first)",
        "#channel: 2. Home visits: 4 votes",
        "#channel: 1. Evening routines: 2 votes",
        "#channel: 3. Questionnaire response rate: 1 vote",
    )
    room.clock.current = at(8, 9, 35)
    room.play(say(SYSTEM_ACTOR, CheckTimebox), SILENCE)

    # Step 3: interpret. Several explanations, then the leader chooses the focus.
    play_exactly(
        room,
        say("lea", Advance, expected_step=S.EXPLORE),
        "#channel: Step 3 of 4 · Interpret (20 min)",
        *asked("#channel", *INTERPRET_EN),
        "#channel: ⏱ → Tue 8 Dec 2026 09:55",
        "#channel: Themes (most votes first)",
        "#channel: 2. Home visits: 4 votes",
        "#channel: 1. Evening routines: 2 votes",
        "#channel: 3. Questionnaire response rate: 1 vote",
        "#channel: Look for several explanations for each prioritised theme. The leader then "
        "chooses the focus area.",
        say("bo", AddExplanation, theme_number=2, text="Visits are planned by phone"),
        "#channel: Explanation for “Home visits” (Bo): Visits are planned by phone",
        say("dina", AddExplanation, theme_number=2, text="The visiting staff changed 3 times"),
        "#channel: Explanation for “Home visits” (Dina): The visiting staff changed 3 times",
        say("ali", AddExplanation, theme_number=1, text="The evening shift has no fixed routine"),
        "#channel: Explanation for “Evening routines” (Ali): The evening shift has no fixed "
        "routine",
        say("lea", ChooseFocus, theme_number=2),
        "#channel: Focus area: Home visits",
    )

    # Step 4: prepare action. The agreement paper is written line by line.
    room.clock.current = at(8, 9, 50)
    play_exactly(
        room,
        say("lea", Advance, expected_step=S.INTERPRET),
        "#channel: Step 4 of 4 · Prepare action (20 min)",
        *asked("#channel", *PREPARE_ACTION_EN),
        "#channel: ⏱ → Tue 8 Dec 2026 10:10",
        "#channel: Focus area: Home visits",
        "#channel: Visits are planned by phone (Bo)",
        "#channel: The visiting staff changed 3 times (Dina)",
        "#channel: Write the agreement paper: goals for the next meeting and the longer term, "
        "signs in the data that you are on track, and actions with owner, follow-up and date.",
        not_said("no fixed routine"),
        say("cai", SetGoal, long_term=False, text=SHORT_GOAL),
        f"#channel: Goal by the next meeting: {SHORT_GOAL}",
        say("dina", SetGoal, long_term=True, text=LONG_GOAL),
        f"#channel: Longer-term goal: {LONG_GOAL}",
        say("bo", AddSign, text=SIGN_1),
        f"#channel: Sign of progress: {SIGN_1}",
        say("dina", AddSign, text=SIGN_2),
        f"#channel: Sign of progress: {SIGN_2}",
        say(
            "cai",
            AddAction,
            what="Agree fixed visiting days with B-22 by letter",
            owner="cai",
            follow_up="lea",
            due=date(2026, 12, 15),
        ),
        f"#channel: New action: {ACTION_1} [open]",
        say(
            "bo",
            AddAction,
            what="Name one contact person for B-22",
            owner="dina",
            follow_up="bo",
            due=date(2026, 12, 22),
        ),
        f"#channel: New action: {ACTION_2} [open]",
        say(
            "ali",
            AddAction,
            what="Check how the night shift scores sleep",
            owner="ali",
            follow_up="lea",
            due=date(2027, 1, 5),
        ),
        f"#channel: New action: {ACTION_3} [open]",
        say("ali", AddTakeaway, text="Ask before we explain"),
        "@ali (only you): Thank you, saved.",
        not_said("#channel"),
        say("lea", ShowStatus),
        "@lea (only you): Status of Team Nord",
        "@lea (only you): Meeting 1 (Tue 8 Dec 2026 09:00): prepare action",
        "@lea (only you): 20 min left (until Tue 8 Dec 2026 10:10)",
        "@lea (only you): 9 prepared points · 11 observations · 3 themes · 3 actions",
        "@lea (only you): Preparation: 4 of 4 ready",
    )

    # Close: the agreement paper, a take-away question, and the next meeting in 14 days.
    room.clock.current = at(8, 10, 8)
    play_exactly(
        room,
        say("lea", Advance, expected_step=S.PREPARE_ACTION),
        "#channel: Meeting 1 is closed. Here is the agreement paper:",
        "#channel: Agreement paper, meeting 1",
        f"#channel: Goal by the next meeting: {SHORT_GOAL}",
        f"#channel: Longer-term goal: {LONG_GOAL}",
        f"#channel: Sign of progress: {SIGN_1}",
        f"#channel: Sign of progress: {SIGN_2}",
        "#channel: Actions",
        f"#channel: {ACTION_1} [open]",
        f"#channel: {ACTION_2} [open]",
        f"#channel: {ACTION_3} [open]",
        "#channel: What we take with us",
        "#channel: Ali takes away: Ask before we explain",
        "@lea (dm): Thank you for the meeting in Team Nord. What do you take with you?",
        "@bo (dm): Thank you for the meeting in Team Nord. What do you take with you?",
        "@cai (dm): Thank you for the meeting in Team Nord. What do you take with you?",
        "@dina (dm): Thank you for the meeting in Team Nord. What do you take with you?",
        not_said("@ali (dm)"),
        (
            "#channel: The next meeting (2) is scheduled for Tue 22 Dec 2026 09:00."
            " [Move the meeting] / [Skip the meeting]"
        ),
        say("bo", AddTakeaway, text="Call before we visit"),
        "#channel: Bo takes away: Call before we visit",
    )
    closed = room.meeting
    assert closed.step is S.CLOSED
    assert closed.focus_theme == 2
    assert [a.owner for a in closed.agreement.actions] == ["cai", "dina", "ali"]
    assert [(m.number, m.step) for m in room.meetings()] == [(1, S.CLOSED), (2, S.SCHEDULED)]

    # The next meeting: since last follows up the agreement paper of meeting 1.
    room.latest_meeting()
    room.clock.current = at(22, 9)
    play_exactly(
        room,
        say("lea", StartMeeting),
        "#channel: Meeting 2 of Team Nord has started. Welcome!",
        "#channel: Preparation: 0 of 4 ready",
        "#channel: Ali: missing",
        "#channel: Step 1 of 4 · Since last (15 min)",
        *asked("#channel", *SINCE_LAST_EN),
        "#channel: Agreement paper, meeting 1",
        f"#channel: Goal by the next meeting: {SHORT_GOAL}",
        f"#channel: Longer-term goal: {LONG_GOAL}",
        f"#channel: Sign of progress: {SIGN_1}",
        f"#channel: Sign of progress: {SIGN_2}",
        "#channel: Agreements from meeting 1 (Tue 8 Dec 2026 09:00)",
        f"#channel: {ACTION_1} [open]",
        f"#channel: {ACTION_2} [open]",
        f"#channel: {ACTION_3} [open]",
        "#channel: Give each agreement a status: done, continues or dropped (with a short note).",
        not_said("first meeting"),
        say("cai", ReviewAction, action_ref=1, status=ActionStatus.DONE, note="Tue and Fri"),
        f"#channel: Cai: {ACTION_1} [done] – Tue and Fri",
        say("dina", ReviewAction, action_ref=2, status=ActionStatus.CONTINUED, note="New rota"),
        f"#channel: Dina: {ACTION_2} [continues] – New rota",
        say("ali", ReviewAction, action_ref=3, status=ActionStatus.DONE, note="Asked the nurse"),
        f"#channel: Ali: {ACTION_3} [done] – Asked the nurse",
        say("lea", ReviewAction, action_ref=3, status=ActionStatus.DROPPED),
        f"#channel: Lea: {ACTION_3} [dropped]",
        say("bo", ShowAgreements),
        "@bo (only you): Agreement paper, meeting 1",
        f"@bo (only you): Goal by the next meeting: {SHORT_GOAL}",
        "@bo (only you): Actions",
        f"@bo (only you): {ACTION_1} [done] – Tue and Fri",
        f"@bo (only you): {ACTION_2} [continues] – New rota",
        f"@bo (only you): {ACTION_3} [dropped]",
        "@bo (only you): What we take with us",
        "@bo (only you): Ali takes away: Ask before we explain",
        "@bo (only you): Bo takes away: Call before we visit",
        not_said("Asked the nurse"),
    )
    first, second = room.meetings()
    assert [a.status for a in first.agreement.actions] == [
        ActionStatus.DONE,
        ActionStatus.CONTINUED,
        ActionStatus.DROPPED,
    ]
    assert [(r.action_number, r.status, r.author) for r in second.reviews] == [
        (1, ActionStatus.DONE, "cai"),
        (2, ActionStatus.CONTINUED, "dina"),
        (3, ActionStatus.DROPPED, "lea"),
    ]

    # Without preparation, explore starts from what the group sees in the data.
    room.clock.current = at(22, 9, 14)
    play_exactly(
        room,
        say("lea", Advance, expected_step=S.SINCE_LAST),
        "#channel: Step 2 of 4 · Explore (20 min)",
        "#channel: From your preparation",
        "#channel: No prepared points. Start with what you see in the data.",
    )


# Danish ------------------------------------------------------------------------------


PREPARING_DA = (
    "Hvad er de tre vigtigste observationer i data?",
    "Hvad undrer mig mest?",
    "Hvad ville jeg prioritere at gøre noget ved?",
    "Sammenlign med sidste måling, borgerens egne mål og resultater i andre målinger.",
    "Hvem kunne være relevant at involvere, hvis vi sætter nyt i gang?",
)
SINCE_LAST_DA = (
    "Hvad aftalte vi sidst?",
    "Hvad er status på aftalerne?",
    "Kan vi se resultaterne i data?",
    "Hvad har vi lært af de ting, vi har afprøvet?",
    "Aftaler, der ikke blev ført ud i livet: giver de stadig mening, skal de droppes, "
    "eller skal de have mere opmærksomhed?",
)
EXPLORE_DA = (
    "Hvad fortæller data os?",
    "Hvad lægger vi mærke til?",
    "Hvad har vi ellers brug for at vide?",
    "Hvilke positive ting kan vi glæde os over?",
    "Hvilke udfordringer er relevante at sætte fokus på?",
)
INTERPRET_DA = (
    "Hvilke udfordringer ser vi for borgerens udvikling?",
    "Hvad forhindrer progression?",
    "Hvad fastholder de nuværende mønstre?",
    "Bruger vi vores kerneelementer nok, og er det de rigtige?",
    "Hvad betyder relationen mellem borger og medarbejder, borgerens oplevelse og "
    "de individuelle forhold?",
)
PREPARE_ACTION_DA = (
    "Hvad vil vi opnå til næste dialogmøde?",
    "Hvad vil vi opnå på længere sigt (om x måneder)?",
    "Hvilke data vil være tegn på, at vi er på rette vej?",
    "Hvad er de nye handlinger?",
    "Hvem gør hvad, hvem følger op, og hvornår?",
    "Hvad tager hver af os med fra mødet?",
)


def test_a_shorter_meeting_in_danish():
    room = team_nord(lang="da")
    play_exactly(
        room,
        say("lea", OpenPreparation),
        "#channel: Forberedelsen til møde 1 (tirs. 8. dec. 2026 kl. 09:00) er åben. Alle "
        "deltagere har fået data og bedes forberede tre punkter.",
        *asked("@ali (dm)", *PREPARING_DA),
        "@ali (dm): [positiv tendens] …",
        "@ali (dm): [forbedringsmulighed] …",
        "@ali (dm): [spørgsmål til data] …",
        say("ali", SubmitPoint, kind=POSITIVE, text="B-17 sover igennem 6 af 7 nætter"),
        "@ali (only you): Gemt: positiv tendens. Du kan rette det, indtil mødet starter.",
        say("ali", SubmitPoint, kind=IMPROVEMENT, text="Kun 2 af 5 spørgeskemaer kom retur"),
        "#channel: Ali har forberedt sig (1 af 4).",
        say("ali", Advance),
        "@ali (refused): Kun mødelederen (Lea) kan styre mødet.",
    )
    room.clock.current = at(8, 9)
    play_exactly(
        room,
        say("lea", StartMeeting),
        "#channel: Møde 1 i Team Nord er i gang. Velkommen!",
        "#channel: Forberedelse: 1 af 4 klar",
        "#channel: Ali: klar",
        "#channel: Bo: mangler",
        "#channel: Trin 1 af 4 · Siden sidst (15 min)",
        *asked("#channel", *SINCE_LAST_DA),
        "#channel: ⏱ → tirs. 8. dec. 2026 kl. 09:15",
        "#channel: Det er gruppens første møde, så der er ingen aftaler at følge op på. "
        "Brug tiden til at afstemme formål og rammer.",
        not_said("Step"),
        say("lea", Advance, expected_step=S.SINCE_LAST),
        "#channel: Trin 2 af 4 · Udforsk (20 min)",
        *asked("#channel", *EXPLORE_DA),
        "#channel: Fra jeres forberedelse",
        "#channel: 1. B-17 sover igennem 6 af 7 nætter (Ali, forberedt)",
        "#channel: 2. Kun 2 af 5 spørgeskemaer kom retur (Ali, forberedt)",
        "#channel: Hold jer til det, data viser, og vent med forklaringer. Skriv observationer, "
        "foreslå temaer, og prioritér dem med jeres 3 stemmer hver.",
        say("bo", ProposeTheme, title="Aftenrutiner"),
        "#channel: Temaer (flest stemmer først)",
        "#channel: 1. Aftenrutiner: 0 stemmer",
        say("bo", CastVote, theme_number=1),
        "@bo (only you): Stemme givet til »Aftenrutiner«. Du har 2 tilbage.",
        "#channel: 1. Aftenrutiner: 1 stemme",
        say("lea", Advance, expected_step=S.EXPLORE),
        "#channel: Trin 3 af 4 · Fortolk (20 min)",
        *asked("#channel", *INTERPRET_DA),
        say("cai", AddExplanation, theme_number=1, text="Aftenvagten skifter hver uge"),
        "#channel: Forklaring på »Aftenrutiner« (Cai): Aftenvagten skifter hver uge",
        say("lea", ChooseFocus, theme_number=1),
        "#channel: Fokusområde: Aftenrutiner",
        say("lea", Advance, expected_step=S.INTERPRET),
        "#channel: Trin 4 af 4 · Forbered handling (20 min)",
        *asked("#channel", *PREPARE_ACTION_DA),
        "#channel: Fokusområde: Aftenrutiner",
        "#channel: Aftenvagten skifter hver uge (Cai)",
        say("dina", SetGoal, long_term=False, text="Roligere aftener for B-17"),
        "#channel: Mål til næste møde: Roligere aftener for B-17",
        say(
            "dina",
            AddAction,
            what="Fast aftenrutine med B-17",
            owner="ali",
            follow_up="lea",
            due=date(2026, 12, 15),
        ),
        "#channel: Ny handling: 1. Fast aftenrutine med B-17: ansvarlig Ali, opfølgning Lea, "
        "senest tirs. 15. dec. 2026 [åben]",
    )
    room.clock.current = at(8, 10)
    play_exactly(
        room,
        say(SYSTEM_ACTOR, CheckTimebox),
        "#channel: Tiden for forbered handling er gået. Forlænge, eller gå videre? "
        "[Forlæng 5 min] / [Gå videre]",
        say(SYSTEM_ACTOR, CheckTimebox),
        SILENCE,
        say("lea", Advance, expected_step=S.PREPARE_ACTION),
        "#channel: Møde 1 er afsluttet. Her er aftalepapiret:",
        "#channel: Aftalepapir, møde 1",
        "#channel: Mål til næste møde: Roligere aftener for B-17",
        "#channel: Handlinger",
        "#channel: 1. Fast aftenrutine med B-17: ansvarlig Ali, opfølgning Lea, "
        "senest tirs. 15. dec. 2026 [åben]",
        "@ali (dm): Tak for mødet i Team Nord. Hvad tager du med dig?",
        (
            "#channel: Næste møde (2) er planlagt tirs. 22. dec. 2026 kl. 09:00."
            " [Flyt mødet] / [Spring mødet over]"
        ),
    )
    room.latest_meeting()
    room.clock.current = at(22, 9)
    play_exactly(
        room,
        say("lea", StartMeeting),
        "#channel: Trin 1 af 4 · Siden sidst (15 min)",
        "#channel: Aftaler fra møde 1 (tirs. 8. dec. 2026 kl. 09:00)",
        "#channel: 1. Fast aftenrutine med B-17: ansvarlig Ali, opfølgning Lea, "
        "senest tirs. 15. dec. 2026 [åben]",
        "#channel: Giv hver aftale en status: udført, fortsætter eller droppet (med en kort note).",
        say("ali", ReviewAction, action_ref=1, status=ActionStatus.CONTINUED, note="Halvvejs"),
        "#channel: Ali: 1. Fast aftenrutine med B-17: ansvarlig Ali, opfølgning Lea, "
        "senest tirs. 15. dec. 2026 [fortsætter] – Halvvejs",
    )
