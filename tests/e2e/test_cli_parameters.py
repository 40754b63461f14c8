"""`datadialog data parameters GROUP [NAME ...]` (issue 13) as an operator meets it: the
parameters of the group's data and which its charts show, chosen by name ("all": every one
again), and bad input as one line and exit code 1 in the configured language."""

from __future__ import annotations

import pytest

from tests.e2e.serve import environment, run_cli

pytestmark = pytest.mark.e2e

DATA = (
    "borger;parameter;målepunkt;værdi;år\n"
    "B-01;Psykisk trivsel;start;3;2025\n"
    "B-01;Søvn;start;6;2025\n"
    "B-02;Skolefremmøde;start;4;2025\n"
).encode()
ALL = "Psykisk trivsel; Skolefremmøde; Søvn"


def _team(tmp_path, language: str = "en", data: bool = True) -> dict[str, str]:
    env = environment(f"sqlite:///{tmp_path / 'team.db'}", DATADIALOG_LANGUAGE=language)
    made = run_cli(env, "group", "create", "Team Nord", "--leader", "Lea", "--participant", "Bo",
                   cwd=tmp_path)  # fmt: skip
    assert made.returncode == 0, made.stderr
    if data:
        (tmp_path / "data.csv").write_bytes(DATA)
        imported = run_cli(env, "data", "import", "data.csv", "--group", "Team Nord", cwd=tmp_path)
        assert imported.returncode == 0, imported.stderr
    return env


def test_list_choose_and_every_one_again(tmp_path) -> None:
    env = _team(tmp_path)

    def said(*names: str) -> str:
        run = run_cli(env, "data", "parameters", "team nord", *names, cwd=tmp_path)
        assert (run.returncode, run.stderr) == (0, ""), run.stderr
        return run.stdout

    assert said() == (
        f"The parameters in the data of Team Nord: {ALL}. The charts show all of them.\n"
    )
    assert said("Søvn", "psykisk trivsel") == (
        "From now on the charts of Team Nord show only: Psykisk trivsel; Søvn.\n"
    )
    assert said() == (
        f"The parameters in the data of Team Nord: {ALL}. "
        "The charts show only: Psykisk trivsel; Søvn.\n"
    )
    assert said("all") == f"From now on the charts of Team Nord show every parameter: {ALL}.\n"
    assert said().endswith("The charts show all of them.\n")


@pytest.mark.parametrize(
    ("language", "args", "data", "message"),
    [
        ("en", ["Team Nord", "Skolefremmode"], True,
         "“Skolefremmode” is not a parameter in the group's data. Did you mean "
         f"“Skolefremmøde”? The parameters are: {ALL}."),
        ("da", ["Team Nord", "Vægt"], True,
         f"»Vægt« er ikke en parameter i gruppens data. Parametrene er: {ALL}."),
        ("en", ["Team Nord"], False, "Team Nord has no data yet. Import a measurement file first."),
        ("da", ["Team Syd", "Søvn"], True, "Gruppen findes ikke."),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_changes_nothing(tmp_path, language, args, data, message) -> None:
    env = _team(tmp_path, language, data)
    bad = run_cli(env, "data", "parameters", *args, cwd=tmp_path)
    assert (bad.returncode, bad.stdout, bad.stderr) == (1, "", message + "\n")
    if data:
        listed = run_cli(env, "data", "parameters", "Team Nord", cwd=tmp_path)
        assert listed.returncode == 0 and "Psykisk trivsel" in listed.stdout
