"""`datadialog erase` as an operator meets it (issue 15, GDPR art. 17), on the demo's
database: it says what will go and asks; a "no" or no answer changes nothing; `--yes`
(or "y") erases a member, a citizen and the group, each with one audit row that names
nothing erased; a command given wrongly or naming nothing known is one line and an exit
code, never a traceback."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, select

from bot.demo import GROUP, SCRIPT
from storage.database import make_engine
from tests.e2e.serve import DATADIALOG, environment, run_cli

pytestmark = pytest.mark.e2e

#: What Ali wrote in the demo that is not on the agreement paper (their points,
#: observations and explanations): gone with them.
WRITTEN = ("/positive", "/improve", "/question", "/obs", "/explain")
ALI_TEXTS = [
    line.split(" ", 1)[1].removeprefix("1 ")
    for who, line in SCRIPT
    if who == "Ali" and line.split(" ", 1)[0] in WRITTEN
]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's database, made once for the module (tests work on copies)."""
    made = tmp_path_factory.mktemp("demo")
    env = environment(f"sqlite:///{made / 'demo.db'}")
    done = run_cli(env, "demo", "--quiet", "--out", str(made), cwd=made)
    assert done.returncode == 0, done.stderr
    return made / "demo.db"


@pytest.fixture
def env(demo_db: Path, tmp_path: Path) -> Iterator[dict[str, str]]:
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{demo_db}{suffix}").exists():
            shutil.copy(f"{demo_db}{suffix}", tmp_path / f"demo.db{suffix}")
    yield environment(f"sqlite:///{tmp_path / 'demo.db'}")


def _erase(env: dict[str, str], cwd: Path, *args: str, answer: str | None = None) -> Any:
    """`datadialog erase ARGS`, answering `answer` (None: no input at all)."""
    return subprocess.run(
        [str(DATADIALOG), "erase", *args],
        env=env,
        cwd=cwd,
        input=answer if answer is not None else "",
        capture_output=True,
        text=True,
        timeout=120,
    )


def _everything(env: dict[str, str]) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a fixed order."""
    engine = make_engine(env["DATADIALOG_DATABASE_URL"])
    try:
        meta = MetaData()
        meta.reflect(engine)
        with engine.connect() as conn:
            return {
                t.name: sorted(tuple(map(repr, row)) for row in conn.execute(select(t)))
                for t in meta.sorted_tables
            }
    finally:
        engine.dispose()


def _audit(env: dict[str, str], cwd: Path) -> list[dict[str, str]]:
    listed = run_cli(env, "audit", "list", "--csv", cwd=cwd)
    assert listed.returncode == 0, listed.stderr
    return list(csv.DictReader(io.StringIO(listed.stdout)))


def test_a_no_or_no_answer_changes_nothing(env: dict[str, str], tmp_path: Path) -> None:
    before = _everything(env)
    asked = {
        ("--member", "ali"): ("n\n", f"This erases ali (Ali) from {GROUP}: 13 things they"),
        ("--citizen", "b-07", "--group", GROUP): (  # no answer at all: end of input
            "",
            f"This erases citizen B-07 from {GROUP}: 24 measurements in 1 kept versions",
        ),
        ("--group", GROUP): ("maybe\n", f"This deletes {GROUP} whole: 2 meetings, 5 members"),
    }
    for args, (answer, question) in asked.items():
        done = _erase(env, tmp_path, *args, answer=answer)
        assert (done.returncode, done.stderr) == (1, "Nothing was erased.\n"), done
        assert done.stdout.startswith(question)
        assert done.stdout.splitlines()[1] == "It cannot be undone. Erase? [y/N] "
    assert _everything(env) == before


def test_erasures_with_their_audit_rows(env: dict[str, str], tmp_path: Path) -> None:
    before = _audit(env, tmp_path)
    assert "ali" in {row["actor"] for row in before}  # sent charts when asked to prepare
    found = [text for text in ALI_TEXTS if text in repr(_everything(env))]
    assert len(found) == len(ALI_TEXTS) >= 5

    member = _erase(env, tmp_path, "--member", "ali", "--yes")
    assert member.returncode == 0, member.stderr
    assert member.stdout.startswith(f"Erased ali from {GROUP}: 13 deleted, 3 now name")
    stored = repr(_everything(env))
    assert not [text for text in ALI_TEXTS if text in stored]
    shown = run_cli(env, "group", "show", GROUP, cwd=tmp_path).stdout
    assert "a participant (former member)" in shown and "Ali" not in shown

    citizen = _erase(env, tmp_path, "--citizen", "B-07", "--group", GROUP, answer="y\n")
    assert citizen.returncode == 0, citizen.stderr
    assert citizen.stdout.splitlines()[-1].endswith(
        f"Erased citizen B-07 from {GROUP}: 24 measurements, 0 chart images, 0 texts changed."
    )
    stored = repr(_everything(env))
    assert "'B-07'" not in stored and "'B-08'" in stored

    group = _erase(env, tmp_path, "--group", GROUP, "--yes")
    assert group.returncode == 0, group.stderr
    assert group.stdout.startswith(f"Deleted {GROUP}: ")
    assert GROUP not in run_cli(env, "group", "list", cwd=tmp_path).stdout

    audit = _audit(env, tmp_path)
    assert len(audit) == len(before) + 3  # the group's rows stay, one more for each erasure
    erased = [row for row in audit if row["action"] in ("erased", "group_deleted")]
    assert [(r["actor"], r["platform"], r["group_id"]) for r in erased] == [
        ("operator", "cli", "1")
    ] * 3
    member_ref, citizen_ref, group_ref = (row["reference"] for row in erased)
    assert member_ref.startswith("member:erased-") and member_ref.endswith(
        " removed:13 anonymised:3 reminders:8"
    )
    assert citizen_ref == "citizen:erased versions:1 measurements:24 charts:0 texts:0"
    assert group_ref.startswith("rows:")
    assert "ali" not in {row["actor"] for row in audit}  # the placeholder acted instead
    assert not [row for row in audit if "user:ali" in row["reference"]]
    assert "B-07" not in repr(audit)
    listed = run_cli(env, "audit", "list", "--actor", "operator", cwd=tmp_path).stdout
    assert "operator (cli) erased a member's or a citizen's data · #1 · member:erased-" in listed
    assert "operator (cli) deleted the group · #1 · rows:" in listed


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        ((), 2, "Say what to erase: --group NAME (the whole group), --member ID"),
        (("--citizen", "B-07"), 2, "--citizen needs --group NAME"),
        (("--member", " "), 2, "Say what to erase"),
        (("--citizen", "", "--group", GROUP), 2, "Say what to erase"),  # not the group
        (("--member", "ali", "--citizen", "B-07", "--group", GROUP), 2, "Erase one at a time"),
        (("--member", "nobody"), 1, "No group has or had a member with the user id nobody."),
        (("--group", "Nowhere"), 1, "That group does not exist."),
        (("--citizen", "B-99", "--group", GROUP), 1, f"The data of {GROUP} has no citizen B-99."),
        (("--member", "lene"), 1, f"The erasure stops: lene leads {GROUP}"),
    ],
)
def test_a_command_given_wrongly_is_one_line(
    env: dict[str, str], tmp_path: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    done = _erase(env, tmp_path, *args, "--yes")
    assert (done.returncode, done.stdout) == (code, "")
    assert len(done.stderr.strip().splitlines()) == 1 and message in done.stderr


def test_an_unknown_option_is_a_usage_error(env: dict[str, str], tmp_path: Path) -> None:
    done = _erase(env, tmp_path, "--everything")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "No such option: --everything" in done.stderr
