"""`datadialog teams manifest` as an operator runs it: a package Teams would take (with its
Danish default and English localization), or one line and exit code 2 for an app id that is
not a GUID or a public address that is not https:// (and no file written)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.e2e.serve import environment, run_cli

APP_ID = "8f0c7d2e-3b1a-4c5d-9e6f-0a1b2c3d4e5f"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    base = {
        "TEAMS_APP_ID": APP_ID,
        "DATADIALOG_TEAMS_PUBLIC_URL": "https://dd.example.dk",
        "DATADIALOG_LANGUAGE": "da",
    }
    return environment(f"sqlite:///{tmp_path / 'dd.db'}", **{**base, **extra})


def test_the_package_is_written_with_danish_default_and_english(tmp_path: Path) -> None:
    done = run_cli(_env(tmp_path), "teams", "manifest", "--out", "pkg.zip", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(tmp_path / "pkg.zip") as package:
        found = json.loads(package.read("manifest.json"))
        assert "en.json" in package.namelist()
    assert found["localizationInfo"]["defaultLanguageTag"] == "da"
    assert found["localizationInfo"]["additionalLanguages"][0]["languageTag"] == "en"


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        ({"TEAMS_APP_ID": "my-teams-app"}, "a GUID"),
        ({"DATADIALOG_TEAMS_PUBLIC_URL": "http://dd.example.dk"}, "https://"),
    ],
)
def test_what_teams_would_refuse_is_refused_with_exit_code_2(tmp_path: Path, extra, said) -> None:
    done = run_cli(_env(tmp_path, **extra), "teams", "manifest", "--out", "pkg.zip", cwd=tmp_path)
    assert done.returncode == 2
    assert said in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert not (tmp_path / "pkg.zip").exists()
