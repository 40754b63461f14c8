"""The export's zip (issue 15) from a round played in the in-memory store: every meeting's
record, the papers as Markdown and escaped HTML, the measurements as an import file,
the audit extract; a member's part; an archived group exported too."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import timedelta

from bot.export import group_export, member_export, paper_html
from charts import template_csv
from charts.importing import read_measurements
from flows.audit import AuditAction
from flows.commands import AddObservation, AddTakeaway, ImportMeasurements
from flows.export import ExportGroup, ExportMember
from flows.group_commands import ArchiveGroup
from flows.steps import Step
from tests.fakes import InMemoryUnitOfWork
from tests.transcript import Room, team_nord
from tests.unit.test_audit_log import charting_console
from tests.unit.test_console_words import typed

MEASUREMENTS = read_measurements(template_csv("da"), "skabelon.csv").measurements


def played() -> Room:
    room = team_nord()
    room.must("lea", ImportMeasurements, measurements=MEASUREMENTS, filename="m.csv")
    room.walk_to(Step.EXPLORE)
    room.must("bo", AddObservation, text="<script>alert(1)</script> rose for B-01")
    room.walk_to(Step.CLOSED)
    room.must("dina", AddTakeaway, text="Calm evenings help")
    room.latest_meeting()
    return room


def test_the_groups_zip_holds_every_meeting_the_papers_data_and_audit() -> None:
    room = played()
    room.must("lea", ArchiveGroup)
    room.clock.advance(minutes=5)
    assert not room.run("lea", ExportGroup).refused  # an archived group's too
    uow = lambda: InMemoryUnitOfWork(room.store)  # noqa: E731
    done = group_export(uow, room.group_id, "en", room.tz, room.clock.now())
    assert (done.papers, done.meetings, done.measurements) == (1, 2, len(MEASUREMENTS))
    zipped = zipfile.ZipFile(io.BytesIO(done.data))
    first = json.loads(zipped.read("meetings/meeting-1.json"))
    observed = [(o["author"], o["source"]) for o in first["observations"]]
    assert observed == [("ali", "preparation"), ("ali", "preparation"), ("bo", "meeting")]
    assert first["takeaways"] == [{"author": "dina", "text": "Calm evenings help"}]
    assert first["people"]["bo"] == {"name": "Bo", "role": "participant"}
    assert json.loads(zipped.read("meetings/meeting-2.json"))["step"] == "scheduled"
    page = zipped.read("paper-1.html").decode()
    assert "A fixed evening routine with B-17" in page and "<script>" not in page
    assert "Calm evenings help" in zipped.read("paper-1.md").decode()
    back = read_measurements(zipped.read("measurements.csv"), "m.csv", lang="en")
    assert back.measurements == MEASUREMENTS
    audit = list(csv.DictReader(io.StringIO(zipped.read("audit-log.csv").decode())))
    assert [row["action"] for row in audit][-2:] == ["group_archived", "exported"]
    assert "no measurements" not in zipped.read("README.txt").decode()
    assert done.data == group_export(uow, room.group_id, "en", room.tz, room.clock.now()).data


def test_a_group_without_data_says_so_in_its_readme() -> None:
    room = team_nord(lang="da")
    uow = lambda: InMemoryUnitOfWork(room.store)  # noqa: E731
    done = group_export(uow, room.group_id, "da", room.tz, room.clock.now())
    zipped = zipfile.ZipFile(io.BytesIO(done.data))
    assert "measurements.csv" not in zipped.namelist()
    assert "Gruppen har ingen importerede målinger" in zipped.read("README.txt").decode()


def test_a_members_zip_holds_what_they_wrote_and_what_was_agreed_for_them() -> None:
    room = played()
    assert not room.run("lea", ExportMember, user_id="ali").refused
    uow = lambda: InMemoryUnitOfWork(room.store)  # noqa: E731
    later = room.clock.now() + timedelta(minutes=1)
    done = member_export(uow, "ali", [room.group_id], "en", room.tz, later)
    zipped = zipfile.ZipFile(io.BytesIO(done.data))
    member = json.loads(zipped.read("member.json"))
    (group,) = member["groups"]
    (meeting,) = group["meetings"]
    assert [p["text"] for p in meeting["points"]] == ["B-17 sleeps better", "Few home visits"]
    assert [t["title"] for t in meeting["themes"]] == ["Evening routines"]
    assert {o["source"] for o in meeting["observations"]} == {"preparation"}  # their points
    assert meeting["actions_written"] == [] and meeting["explanations"] == []
    assert [a["what"] for a in meeting["actions_for_them"]] == ["A fixed evening routine with B-17"]
    assert "are not stored" in zipped.read("README.txt").decode()
    assert zipped.read("audit-log.csv").decode().count("\r\n") == 1  # Ali did nothing logged


def test_a_paper_as_a_web_page_keeps_what_people_wrote_as_text() -> None:
    page = paper_html("# Paper\n\n- 1. Do <b>x</b> [here](javascript:alert(1))\n", "A <b>")
    assert "<title>A &lt;b&gt;</title>" in page
    assert "<li>1. Do &lt;b&gt;x&lt;/b&gt;" in page and 'href="javascript' not in page


def test_the_leader_exports_in_the_console_and_a_participant_is_refused(tmp_path) -> None:
    room = played()
    session, transport = charting_console(room, tmp_path, "da")
    shown = typed(session, transport, "/som Ali", "/eksport", "/som Lea", "/eksport")
    assert "Kun en gruppes mødeleder kan eksportere dens data (Lea leder Team Nord)." in shown
    (saved,) = (tmp_path / "datadialog-exports").glob("*.zip")
    assert f"Eksporten af Team Nord er gemt i {saved}." in shown
    assert "meetings/meeting-1.json" in zipfile.ZipFile(saved).namelist()
    assert [(r.action, r.actor) for r in room.store.audit][-1] == (AuditAction.EXPORTED, "lea")
