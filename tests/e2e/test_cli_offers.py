"""Offers, their theory of change and who follows up, from the command line (the offer
level, issue 17), as an operator meets it: `datadialog offer create|list|show|import|link|
unlink` and `datadialog offer overseer add|remove|list`, run as subprocesses on one SQLite
file. A refusal, a missing file and a file with errors are friendly lines on stderr in the
configured language with exit code 1, never a traceback, and change nothing.
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from flows import commands as c
from flows import service
from flows.review_commands import TagAction
from storage.database import make_engine, session_factory
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.serve import environment, run_cli
from tests.fakes import FixedClock

pytestmark = pytest.mark.e2e

FIRST = "2030-01-08 10:00"
PARENTS = "Forældreinddragelse"
THEORY = f"""type;navn;beskrivelse;parameter;kerneelementer
kerneelement;Relationsskabende aktiviteter;Mentor og den unge mødes;;
kerneelement;Forældreinddragelse;;;
resultat;Den unge får øget tillid til voksne;;Tillid;"Relationsskabende aktiviteter; {PARENTS}"
"""
ERRORS = """Type,Name,Core elements
core element,Relations,
result,Trust,Parents
essay,Something,
core element,relations,
"""


def cli(tmp_path: Path, *args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = environment(f"sqlite:///{tmp_path / 'offers.db'}", DATADIALOG_LANGUAGE=lang)
    return run_cli(env, *args, cwd=tmp_path)


def ok(tmp_path: Path, *args: str, lang: str = "en") -> str:
    done = cli(tmp_path, *args, lang=lang)
    assert done.returncode == 0, done.stderr
    return done.stdout


def refused(tmp_path: Path, *args: str, lang: str = "en") -> str:
    done = cli(tmp_path, *args, lang=lang)
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr and not done.stdout
    return done.stderr


def test_an_offer_is_created_given_a_theory_and_its_groups(tmp_path: Path) -> None:
    (tmp_path / "teori.csv").write_text(THEORY, encoding="utf-8")
    (tmp_path / "fejl.csv").write_text(ERRORS, encoding="utf-8")
    assert ok(tmp_path, "offer", "create", "Mentorindsats").strip() == (
        "The offer Mentorindsats is created."
    )
    said = refused(tmp_path, "offer", "import", "Mentorindsats", "fejl.csv")
    assert said.splitlines() == [
        "Nothing was imported: the file has 3 errors.",
        "Row 3, column “Core elements”: the file lists no core element “Parents” (name the core "
        "elements as their rows do).",
        "Row 4, column “Type”: “essay” is not a type: write core element or result.",
        "Row 5, column “Name”: the core element “relations” is already in row 2.",
    ]
    said = ok(tmp_path, "offer", "import", "Mentorindsats", "teori.csv")
    assert "the theory of change from teori.csv is in place: 2 core elements and 1 result" in said
    ok(tmp_path, "group", "create", "Team Nord", "--leader", "Lea", "--participant", "Ali",
       "--first", FIRST)  # fmt: skip
    assert "Team Nord now belongs to the offer Mentorindsats." in ok(
        tmp_path, "offer", "link", "Team Nord", "mentorindsats"
    )
    shown = ok(tmp_path, "offer", "show", "Mentorindsats", lang="da").splitlines()
    assert shown == [
        "Forandringsteori for Mentorindsats",
        "Kerneelement 1: Relationsskabende aktiviteter – Mentor og den unge mødes",
        "Kerneelement 2: Forældreinddragelse",
        "Resultat 1: Den unge får øget tillid til voksne (parameter Tillid; kerneelementer "
        "1. Relationsskabende aktiviteter, 2. Forældreinddragelse)",
        "Tilbuddets grupper: Team Nord (borgerniveau)",
    ]
    assert ok(tmp_path, "offer", "list").strip() == (
        "Mentorindsats: 2 core elements, 1 result, 1 group"
    )
    assert "no longer belongs" in ok(tmp_path, "offer", "unlink", "Team Nord")


def test_a_citizen_level_group_cannot_make_an_offer_by_a_typo(tmp_path: Path) -> None:
    ok(tmp_path, "group", "create", "Team Nord", "--leader", "Lea", "--participant", "Ali",
       "--first", FIRST)  # fmt: skip
    said = refused(tmp_path, "offer", "link", "Team Nord", "Mentorindsast")
    assert said.startswith("There is no offer called Mentorindsast.")
    assert refused(tmp_path, "offer", "show", "Mentorindsast", lang="da").strip() == (
        "Der findes intet tilbud, der hedder Mentorindsast."
    )
    assert "Ingen tilbud endnu" in ok(tmp_path, "offer", "list", lang="da")
    assert refused(tmp_path, "offer", "import", "X", "none.csv").strip() == (
        "There is no file none.csv."
    )


def test_who_follows_up_on_an_offer_and_on_the_organisation(tmp_path: Path) -> None:
    ok(tmp_path, "offer", "create", "Mentorindsats")
    overseer = ("offer", "overseer")
    added = ok(tmp_path, *overseer, "add", "--user", "U01", "--name", "Kim Chef", "--offer",
               "Mentorindsats")  # fmt: skip
    assert added.strip() == "Kim Chef (U01) now follows up on the offer Mentorindsats."
    ok(tmp_path, *overseer, "add", "--user", "U02", "--name", "Kvalitetsteam", "--organisation")
    assert ok(tmp_path, *overseer, "list").splitlines() == [
        "Kim Chef (U01): the offer Mentorindsats",
        "Kvalitetsteam (U02): the whole organisation",
    ]
    assert refused(tmp_path, *overseer, "add", "--user", "U03").strip() == (
        "Name an offer (--offer NAME) or the organisation (--organisation)."
    )
    assert "There is no offer called Andet." in refused(
        tmp_path, *overseer, "add", "--user", "U03", "--offer", "Andet"
    )
    assert "Kim Chef no longer follows up" in ok(
        tmp_path, *overseer, "remove", "--user", "U01", "--offer", "Mentorindsats"
    )
    again = refused(tmp_path, *overseer, "remove", "--user", "U01", "--offer", "Mentorindsats")
    assert again.strip() == "U01 does not follow up on the offer Mentorindsats."
    assert ok(tmp_path, *overseer, "list").splitlines() == [
        "Kvalitetsteam (U02): the whole organisation"
    ]


def test_group_show_prints_the_paper_with_its_history_and_the_offers_element_names(
    tmp_path: Path,
) -> None:
    """`group show` prints the last paper as the export does (issue 17): an action tagged
    with a core element is named by the element's name, and the learning log is there."""
    (tmp_path / "teori.csv").write_text(THEORY, encoding="utf-8")
    ok(tmp_path, "offer", "create", "Mentorindsats")
    ok(tmp_path, "offer", "import", "Mentorindsats", "teori.csv")
    ok(tmp_path, "group", "create", "Team Nord", "--leader", "Lea", "--participant", "Ali",
       "--first", FIRST)  # fmt: skip
    ok(tmp_path, "offer", "link", "Team Nord", "Mentorindsats")
    engine = make_engine(f"sqlite:///{tmp_path / 'offers.db'}")
    try:
        with SqlUnitOfWork(session_factory(engine)) as uow:
            group = uow.groups.by_name("Team Nord")
            assert group is not None
            meeting = uow.meetings.latest(group.id or 0)
            assert meeting is not None
        mid, at = meeting.id or 0, meeting.scheduled_at

        def run(*commands: object) -> None:
            for command in commands:
                service.handle(command, SqlUnitOfWork(session_factory(engine)), FixedClock(at))

        run(c.StartMeeting("lea", mid), c.Advance("lea", mid),
            c.ProposeTheme("ali", mid, "Aftener"), c.Advance("lea", mid),
            c.ChooseFocus("lea", mid, 1), c.Advance("lea", mid),
            c.AddSign("lea", mid, "Mere tillid"),
            c.AddAction("lea", mid, "Forældremøde", "ali", "lea", date(2030, 2, 1)),
            TagAction("lea", mid, 1, 2), c.Advance("lea", mid))  # fmt: skip
    finally:
        engine.dispose()
    shown = ok(tmp_path, "group", "show", "Team Nord")
    assert "Forældremøde" in shown
    assert f"[core element: {PARENTS}]" in shown
    assert "Meeting 1 (" in shown and "Mere tillid" in shown.split("Meeting 1 (", 1)[1]
