"""The `datadialog` command line as a user meets it: the demo, and bad input with exit codes."""

from __future__ import annotations

import re

import pytest

from tests.e2e.serve import environment, run_cli

pytestmark = pytest.mark.e2e


def test_the_demo_plays_a_whole_round_and_the_next_since_last(tmp_path) -> None:
    env = environment(f"sqlite:///{tmp_path / 'unused.db'}")
    done = run_cli(env, "demo", "--quiet", "--out", str(tmp_path / "demo"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    transcript = (tmp_path / "demo" / "transcript.md").read_text(encoding="utf-8")
    paper = (tmp_path / "demo" / "agreement.md").read_text(encoding="utf-8")

    # Preparation, then the four steps in order, each with its guiding questions.
    milestones = [
        "Prepare for the reflection meeting in Familieteam Nord",
        "What are the three most important observations in the data?",
        "Step 1 of 4 · Since last",
        "What did we agree last time?",
        "Step 2 of 4 · Explore",
        "What does the data tell us?",
        "Step 3 of 4 · Interpret",
        "What challenges do we see for the citizen's development?",
        "Step 4 of 4 · Prepare action",
        "What do we want to achieve by the next meeting?",
        "Meeting 1 is closed",
        "The next meeting (2) is scheduled",
        "Meeting 2 of Familieteam Nord has started",
        "Agreements from meeting 1",
    ]
    positions = [transcript.find(m) for m in milestones]
    assert -1 not in positions, [m for m, p in zip(milestones, positions, strict=True) if p < 0]
    assert positions == sorted(positions), "the steps are not in the method's order"

    # The next meeting's "since last" lists the three agreements of meeting 1.
    since_last = transcript[transcript.find("Agreements from meeting 1") :]
    for what in ("Familiesamtale med hver familie", "Tjekliste for overgangen", "Indhent"):
        assert what in since_last

    # Every chart kind was drawn from the demo's measurements and saved for the reader.
    drawn = {path.name.split("-")[0] for path in (tmp_path / "demo" / "charts").glob("*.png")}
    assert drawn == {
        "target_group", "goal_attainment", "progression", "what_works", "preparation", "votes",
        "follow_up",  # the leader's follow-up metrics at the next "since last" (issue 17)
    }  # fmt: skip
    assert "Saved as " in transcript

    # The agreement paper: every action has an owner, a follow-up person and a due date.
    actions = [line for line in paper.splitlines() if re.match(r"- \d+\. ", line)]
    assert len(actions) >= 2
    for line in actions:
        assert re.search(r"owner \w+, follow-up \w+, due \w{3} \d+ \w{3} \d{4}", line), line


def test_a_bad_setting_stops_start_up_with_one_line_per_problem(tmp_path) -> None:
    env = environment(
        f"sqlite:///{tmp_path / 'x.db'}",
        DATADIALOG_LANGUAGE="fr",
        DATADIALOG_TIMEBOX_EXPLORE="0",
        SLACK_SIGNING_SECRET="s3cr3t-value",
    )
    done = run_cli(env, "group", "list", cwd=tmp_path)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert lines[1:] == [
        "DATADIALOG_LANGUAGE: Input should be 'da' or 'en' (got 'fr')",
        "DATADIALOG_TIMEBOX_EXPLORE: Input should be greater than or equal to 1 (got '0')",
    ]
    assert "s3cr3t" not in done.stderr + done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--participant", "Lea"], "The same person is listed more than once."),
        ([], "Missing option '--participant'"),
        (["--participant", "Ali", "--first", "tomorrow"], "Cannot read the time"),
        (["--participant", "Ali", "--cadence", "0"], "between 1 and 365 days"),
    ],
)
def test_bad_group_input_is_refused_and_keeps_what_exists(tmp_path, args, message) -> None:
    env = environment(f"sqlite:///{tmp_path / 'team.db'}")
    made = run_cli(env, "group", "create", "Team Nord", "--leader", "Lea", "--participant", "Bo",
                   cwd=tmp_path)  # fmt: skip
    assert made.returncode == 0, made.stderr
    bad = run_cli(env, "group", "create", "Team Syd", "--leader", "Lea", *args, cwd=tmp_path)
    assert bad.returncode != 0
    assert message.casefold() in (bad.stderr + bad.stdout).casefold()
    listed = run_cli(env, "group", "list", cwd=tmp_path)
    assert listed.stdout.splitlines() == ["Team Nord (citizen level, 1 participant, every 14 days)"]


DANISH_EXCEL = (
    "\ufeffborger;undergruppe;parameter;målepunkt;værdi;skala;måltype;målopfyldelse;år\r\n"
    "B-01;pige;Psykisk trivsel;start;3,5;1-10;progression;;2025\r\n"
    "B-01;pige;Psykisk trivsel;slut;6,5;1-10;progression;nået;2025\r\n"
    "B-02;dreng;Psykisk trivsel;start;4,25;1-10;stabilisering;;2025\r\n"
).encode()

FIVE_ERRORS = (
    "borger;parameter;målepunkt;værdi;år\n"
    ";Trivsel;start;4;2025\n"  # row 2: no pseudonym
    "B-2;Trivsel;start;fire;2025\n"  # row 3: not a number
    "B-3;Trivsel;engang;4;2025\n"  # row 4: unknown measurement point
    "B-4;Trivsel;start;4;tyve\n"  # row 5: not a year
    "B-5;Trivsel;start;;2025\n"  # row 6: missing value
).encode()


def test_data_import_on_the_command_line(tmp_path) -> None:
    env = environment(f"sqlite:///{tmp_path / 'team.db'}", DATADIALOG_LANGUAGE="da")
    made = run_cli(env, "group", "create", "Team Nord", "--leader", "Lea", "--participant", "Bo",
                   cwd=tmp_path)  # fmt: skip
    assert made.returncode == 0, made.stderr
    (tmp_path / "good.csv").write_bytes(DANISH_EXCEL)
    (tmp_path / "bad.csv").write_bytes(FIVE_ERRORS)

    good = run_cli(env, "data", "import", "good.csv", "--group", "team nord", cwd=tmp_path)
    assert good.returncode == 0, good.stderr
    assert "3 målinger for 2 borgere er importeret." in good.stdout

    bad = run_cli(env, "data", "import", "bad.csv", "--group", "Team Nord", cwd=tmp_path)
    assert bad.returncode == 1
    assert "Filen har 5 fejl, så intet er importeret." in bad.stderr
    for row in (2, 3, 4, 5, 6):
        assert f"Række {row}, kolonnen" in bad.stderr, bad.stderr

    template = run_cli(env, "data", "template", "--out", "skabelon.xlsx", cwd=tmp_path)
    assert template.returncode == 0, template.stderr
    again = run_cli(env, "data", "import", "skabelon.xlsx", "--group", "Team Nord", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "De 3 målinger, gruppen havde før, er erstattet." in again.stdout

    missing = run_cli(env, "data", "import", "nope.csv", "--group", "Team Nord", cwd=tmp_path)
    assert (missing.returncode, missing.stderr.strip()) == (1, "Filen nope.csv findes ikke.")


def test_a_file_over_the_row_limit_is_refused_in_one_line_and_imports_nothing(tmp_path) -> None:
    env = environment(f"sqlite:///{tmp_path / 'team.db'}")
    made = run_cli(env, "group", "create", "Team Nord", "--leader", "Lea", "--participant", "Bo",
                   cwd=tmp_path)  # fmt: skip
    assert made.returncode == 0, made.stderr
    (tmp_path / "good.csv").write_bytes(DANISH_EXCEL)
    assert run_cli(env, "data", "import", "good.csv", "--group", "Team Nord",
                   cwd=tmp_path).returncode == 0  # fmt: skip
    row = "B-{:06d};pige;Psykisk trivsel;start;3,5;1-10;progression;;2025\r\n"
    body = "".join(row.format(n) for n in range(100_001))
    header = "borger;undergruppe;parameter;målepunkt;værdi;skala;måltype;målopfyldelse;år\r\n"
    (tmp_path / "big.csv").write_bytes((header + body).encode())

    big = run_cli(env, "data", "import", "big.csv", "--group", "Team Nord", cwd=tmp_path)
    assert (big.returncode, big.stdout) == (1, "")
    assert big.stderr.splitlines() == [
        "The file is refused and nothing was imported: it has more than 100,000 rows of data. "
        "Keep only the rows the group uses (e.g. one year or one intervention) and upload it "
        "again."
    ]

    # The setting is the limit: DATADIALOG_IMPORT_MAX_ROWS=2 refuses the 3-row file.
    small = environment(f"sqlite:///{tmp_path / 'team.db'}", DATADIALOG_IMPORT_MAX_ROWS="2")
    over = run_cli(small, "data", "import", "good.csv", "--group", "Team Nord", cwd=tmp_path)
    assert over.returncode == 1 and "Traceback" not in over.stderr
    assert len(over.stderr.splitlines()) == 1 and "more than 2 rows" in over.stderr

    again = run_cli(env, "data", "import", "good.csv", "--group", "Team Nord", cwd=tmp_path)
    assert "The group's previous 3 measurements were replaced." in again.stdout  # kept
