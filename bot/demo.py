"""`datadialog demo`: a whole round with fictitious data, played through the console chat.

The script is what five people would type; the bot's answers come from the real
flows and a real SQLite database in the output folder. A settable clock jumps to
the meeting time and lets one time-box run out, so every part of the method shows.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from rich.console import Console

from bot.console.render import ConsoleTransport
from bot.console.session import ConsoleSession
from bot.data_import import import_file
from bot.demo_data import demo_measurements_csv
from bot.main import Runtime, start_runtime
from bot.members import slug
from config.settings import Settings
from flows.commands import CreateGroup
from flows.model import Level
from flows.queries import current_meeting, find_group, meeting_with_previous
from flows.service import handle
from flows.text.paper import agreement_markdown

GROUP = "Familieteam Nord"
LEADER = "Lene"
PARTICIPANTS = ("Ali", "Birgit", "Carsten", "Dorte")

# (who, line). who "@clock": "meeting" jumps to the meeting's start, "+N" moves N minutes.
# who "@tick": the process's time-box check runs.
SCRIPT: tuple[tuple[str, str], ...] = (
    ("Lene", "/open"),
    ("Ali", "/positive Borger A har fået 2 point mere i psykisk trivsel siden startmålingen."),
    ("Ali", "/improve Tre af ni borgere mangler 1. opfølgningsmåling."),
    ("Ali", "/question Hvorfor falder familierelationer mest for de yngste?"),
    ("Birgit", "/positive Flere familier når deres stabiliseringsmål end sidste år."),
    ("Birgit", "/improve Fritid og venskaber udvikler sig ikke for sag 14 og sag 22."),
    ("Carsten", "/positive Sociale kompetencer går frem for gruppen som helhed."),
    ("Carsten", "/improve Familierelationer falder efter stabiliseringsfasen."),
    ("Carsten", "/improve Familierelationer falder efter stabiliseringsfasen for 4 af 9 borgere."),
    ("Lene", "/remind"),
    ("Dorte", "/positive Borger C er tilbage i skole tre dage om ugen."),
    ("Dorte", "/improve Vi måler for sjældent på trivsel i de første uger."),
    ("Lene", "/status"),
    ("@clock", "meeting"),
    ("Lene", "/start"),
    ("Lene", "/next"),
    ("Birgit", "/obs Drengene scorer lavere på trivsel ved start end pigerne."),
    ("Ali", "/obs Fremgangen i trivsel holder ved 1. opfølgning, men ikke ved 2."),
    ("Lene", "/obs Vi har ingen data om forældrenes egen oplevelse."),
    ("Carsten", "/theme Familierelationer efter stabiliseringsfasen"),
    ("Birgit", "/theme Fritid og venskaber"),
    ("Ali", "/theme Manglende opfølgningsmålinger"),
    ("Ali", "/vote 1"),
    ("Ali", "/vote 3"),
    ("Birgit", "/vote 1"),
    ("Birgit", "/vote 2"),
    ("Carsten", "/vote 1"),
    ("Dorte", "/vote 1"),
    ("Dorte", "/vote 2"),
    ("Ali", "/next"),
    ("@clock", "+22"),
    ("@tick", ""),
    ("Lene", "/extend 5"),
    ("Lene", "/next"),
    ("Carsten", "/explain 1 Forældrene inddrages mindre, når den intensive fase slutter."),
    ("Birgit", "/explain 1 Vi laver færre hjemmebesøg efter stabiliseringsfasen."),
    ("Ali", "/explain 1 Kerneelementet familiesamtaler bruges næsten kun i starten."),
    ("Dorte", "/explain 2 Fritidstilbuddene i området passer ikke til de ældste."),
    ("Lene", "/focus 1"),
    ("@clock", "+20"),
    ("Lene", "/next"),
    ("Lene", "/goal Alle familier har haft en familiesamtale efter stabiliseringsfasen."),
    ("Lene", "/longgoal Om 6 måneder er familierelationer stabile eller bedre for 7 af 9."),
    ("Birgit", "/sign Målingen af familierelationer ved 1. opfølgning"),
    ("Carsten", "/sign Antal familiesamtaler registreret efter stabiliseringsfasen"),
    (
        "Carsten",
        "/action Familiesamtale med hver familie efter stabilisering | Carsten | Lene | +12",
    ),
    ("Birgit", "/action Tjekliste for overgangen fra intensiv fase | Birgit | Dorte | +10"),
    ("Ali", "/action Indhent manglende opfølgningsmålinger for sag 14 og 22 | Ali | Birgit | +7"),
    ("Ali", "/takeaway Opfølgningsmålingerne er vores blinde vinkel."),
    ("Birgit", "/takeaway Overgangen efter den intensive fase skal planlægges."),
    ("Carsten", "/takeaway Familiesamtalerne virker, når vi bruger dem."),
    ("Dorte", "/takeaway Vi skal se på fritidstilbuddene næste gang."),
    ("Lene", "/takeaway Data viste os noget, vi ikke havde set i hverdagen."),
    ("Lene", "/next"),
    ("@clock", "meeting"),
    ("Lene", "/start"),
    ("Carsten", "/review 1 done Samtaler holdt med 6 af 9 familier; resten er booket."),
    ("Birgit", "/review 2 continue Tjeklisten er i udkast."),
    ("Ali", "/review 3 done Alle målinger er indhentet."),
    ("Lene", "/agreements"),
)


@dataclass
class DemoClock:
    current: datetime = field(default_factory=lambda: datetime.now(UTC).replace(microsecond=0))

    def now(self) -> datetime:
        return self.current


async def play_demo(out: Path, lang: str, tz: str, *, quiet: bool = False) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    database = out / "demo.db"
    database.unlink(missing_ok=True)
    settings = Settings(database_url=f"sqlite:///{database}", language=lang, timezone=tz)
    clock = DemoClock()
    runtime = start_runtime(settings, clock)
    try:
        group_id = _create_group(runtime.uow_factory(), clock, tz)
        _import_measurements(runtime, group_id, clock)
        console = Console(quiet=quiet)
        transport = ConsoleTransport(console, lang, tz)
        transport.chart_dir = out / "charts"
        shutil.rmtree(transport.chart_dir, ignore_errors=True)
        session = ConsoleSession(runtime.dispatcher(transport.deliver), transport)
        await session.begin()
        for who, line in SCRIPT:
            await _play(session, clock, who, line)
        assert session.group is not None
        meeting = current_meeting(runtime.uow_factory(), session.group.id or 0)
        _, first = meeting_with_previous(runtime.uow_factory(), meeting.id or 0)
        assert first is not None, "the demo closes meeting 1"
        paper = out / "agreement.md"
        paper.write_text(agreement_markdown(session.group, first, lang, tz), encoding="utf-8")
        transcript = out / "transcript.md"
        transcript.write_text(_markdown(transport.transcript), encoding="utf-8")
    finally:
        runtime.close()
    return [transcript, paper, transport.chart_dir, database]


def _import_measurements(runtime: Runtime, group_id: int, clock: DemoClock) -> None:
    """The group's fictitious measurements, through the same import a user's file takes."""
    outcome = import_file(
        runtime.uow_factory,  # type: ignore[arg-type]
        clock,
        group_id=group_id,
        data=demo_measurements_csv(clock.now().year),
        filename="demo-maalinger.csv",
        actor=slug(LEADER),
        lang="da",
    )
    assert outcome.ok, outcome


def _create_group(uow, clock: DemoClock, tz: str) -> int:  # type: ignore[no-untyped-def]
    day = clock.now().astimezone(ZoneInfo(tz)).date() + timedelta(days=3)
    while day.weekday() >= 5:  # meetings are held on working days
        day += timedelta(days=1)
    first = datetime.combine(day, time(9, 0), tzinfo=ZoneInfo(tz))
    cmd = CreateGroup(
        actor=slug(LEADER),
        name=GROUP,
        level=Level.CITIZEN,
        leader=(slug(LEADER), LEADER),
        participants=tuple((slug(p), p) for p in PARTICIPANTS),
        channel="familieteam-nord",
        first_meeting_at=first,
    )
    handle(cmd, uow, clock)
    return find_group(uow, GROUP).id or 0


async def _play(session: ConsoleSession, clock: DemoClock, who: str, line: str) -> None:
    transport = session.transport
    if who == "@clock":
        if line == "meeting":
            assert session.group is not None
            meeting = current_meeting(session.dispatcher.uow_factory(), session.group.id or 0)
            clock.current = meeting.scheduled_at
        else:
            clock.current += timedelta(minutes=int(line))
        transport.transcript.append(f"@clock {clock.current.isoformat()}")
        return
    if who == "@tick":
        await session.dispatcher.check_timeboxes()
        return
    await session.handle(f"/as {who}")
    transport.transcript.pop()  # the "/as" acknowledgement is stage direction, not dialogue
    transport.transcript.append(f"> {who}: {line}")
    transport.console.print(f"[bold]{who}[/] › ", end="", highlight=False)
    transport.console.print(line, markup=False, highlight=False)
    await session.handle(line)


def _markdown(lines: list[str]) -> str:
    """The transcript as Markdown: what people typed in bold, the bot's answers quoted."""
    out = [f"# Datadialog demo · {GROUP}", ""]
    for line in lines:
        if line.startswith("> "):
            who, _, said = line[2:].partition(": ")
            out += [f"**{who}**: `{said}`", ""]
        elif line.startswith("@clock "):
            out += [f"*({line[7:]})*", ""]
        else:
            out += ["> " + part for part in line.splitlines()] + [""]
    return "\n".join(out)
