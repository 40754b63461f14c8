"""`datadialog export` and `datadialog audit list` as an operator meets them (issue 15):
the demo's database exported whole, its measurements.csv imported again to the same
measurements, its meeting JSON holding every contribution of the round; a member's
export; the audit log listed, filtered and as CSV, the exports in it."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from bot.export import meetings_of
from flows.export import meeting_record
from storage.database import make_engine, session_factory
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.serve import environment, run_cli

pytestmark = pytest.mark.e2e

GROUP = "Familieteam Nord"


def _stored(url: str, name: str) -> tuple[list, list, object]:
    """The group's current measurements, its meetings, and the group, read from the database."""
    engine = make_engine(url)
    try:
        uow = SqlUnitOfWork(session_factory(engine))
        with uow:
            group = uow.groups.by_name(name)
            assert group is not None and group.id is not None
            return uow.measurements.for_group(group.id), meetings_of(uow, group.id), group
    finally:
        engine.dispose()


def test_the_demos_database_exported_and_its_csv_imported_again(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo' / 'demo.db'}"
    env = environment(url)
    demo = run_cli(env, "demo", "--quiet", "--out", str(tmp_path / "demo"), cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr
    done = run_cli(env, "export", "--group", GROUP, "--out", "nord.zip", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"The export of {GROUP} is in nord.zip: 1 agreement papers,")
    zipped = zipfile.ZipFile(tmp_path / "nord.zip")
    names = set(zipped.namelist())
    assert {"README.txt", "group-settings.json", "paper-1.md", "paper-1.html",
            "measurements.csv", "audit-log.csv", "meetings/meeting-1.json",
            "meetings/meeting-2.json"} <= names  # fmt: skip
    measurements, meetings, group = _stored(url, GROUP)

    # Every contribution of the round is in the meetings' JSON, exactly as stored.
    for meeting in meetings:
        record = json.loads(zipped.read(f"meetings/meeting-{meeting.number}.json"))
        assert record == json.loads(json.dumps(meeting_record(group, meeting)))  # type: ignore[arg-type]
    first = json.loads(zipped.read("meetings/meeting-1.json"))
    kinds = ("points", "observations", "themes", "votes", "explanations", "takeaways")
    assert all(first[kind] for kind in kinds), [k for k in kinds if not first[k]]
    assert first["agreement"]["signs"] and first["agreement"]["actions"]
    assert first["agreement"]["short_term_goal"] and first["agreement"]["long_term_goal"]
    assert json.loads(zipped.read("meetings/meeting-2.json"))["reviews"]
    paper = zipped.read("paper-1.md").decode()
    assert first["agreement"]["short_term_goal"] in paper
    assert "<h1>" in zipped.read("paper-1.html").decode()

    # measurements.csv is an import file: imported into a new group, the same measurements.
    (tmp_path / "back.csv").write_bytes(zipped.read("measurements.csv"))
    made = run_cli(env, "group", "create", "Tilbage", "--leader", "Lea", "--participant", "Bo",
                   cwd=tmp_path)  # fmt: skip
    assert made.returncode == 0, made.stderr
    again = run_cli(env, "data", "import", "back.csv", "--group", "Tilbage", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert _stored(url, "Tilbage")[0] == measurements and len(measurements) > 100

    # The export is in the audit log, and in its own audit extract.
    audit = list(csv.DictReader(io.StringIO(zipped.read("audit-log.csv").decode())))
    exported = [row for row in audit if row["action"] == "exported"]  # the demo's clock runs
    assert [(row["actor"], row["platform"], row["reference"]) for row in exported] == [  # ahead
        ("operator", "cli", "export:group")
    ]
    assert {"data_imported", "charts_sent", "paper_read"} <= {row["action"] for row in audit}


def test_a_members_export_and_the_audit_list(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo' / 'demo.db'}"
    env = environment(url)
    demo = run_cli(env, "demo", "--quiet", "--out", str(tmp_path / "demo"), cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr
    done = run_cli(env, "export", "--member", "ali", "--out", "ali.zip", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("The export of what ali wrote is in ali.zip: 2 meetings in 1")
    zipped = zipfile.ZipFile(tmp_path / "ali.zip")
    member = json.loads(zipped.read("member.json"))
    (nord,) = member["groups"]
    written = [item for meeting in nord["meetings"] for item in meeting["points"]]
    assert written and all(p["author"] == "ali" for p in written)
    assert "are not stored" in zipped.read("README.txt").decode()

    nobody = run_cli(env, "export", "--member", "nobody", cwd=tmp_path)
    assert (nobody.returncode, nobody.stdout) == (1, "")
    assert "No group has or had a member with the user id nobody." in nobody.stderr
    neither = run_cli(env, "export", cwd=tmp_path)
    assert neither.returncode == 1 and "--group NAME, or --member ID" in neither.stderr

    listed = run_cli(env, "audit", "list", "--actor", "operator", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    heading, *lines = listed.stdout.splitlines()
    assert heading == "The audit log (1 rows), oldest first:"
    assert lines[0].endswith(f"· operator (cli) exported · {GROUP} · export:member user:ali")
    as_csv = run_cli(env, "audit", "list", "--group", GROUP, "--csv", cwd=tmp_path)
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert rows[0]["action"] == "group_created" and "exported" in {r["action"] for r in rows}
    assert {row["group"] for row in rows} == {GROUP}
    later = run_cli(env, "audit", "list", "--since", "2999-01-01", cwd=tmp_path)
    assert later.stdout == "The audit log has no rows for that choice.\n"
    bad = run_cli(env, "audit", "list", "--since", "yesterday", cwd=tmp_path)
    assert bad.returncode == 1
    assert "--since takes a date like 2026-12-01 (got “yesterday”)." in bad.stderr
