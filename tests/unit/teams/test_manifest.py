"""The Teams app package: the manifest, its localization file and what it refuses."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from PIL import Image

from bot.teams.manifest import COMMANDS, manifest, write_package
from config.settings import Settings

APP_ID = "8f0c7d2e-3b1a-4c5d-9e6f-0a1b2c3d4e5f"


def _settings(**changed: str) -> Settings:
    values = {"teams_app_id": APP_ID, "teams_public_url": "https://dd.example.dk/", **changed}
    return Settings(**values)  # type: ignore[arg-type]


def test_the_manifest_declares_the_bot_and_the_package_holds_two_icons(tmp_path) -> None:
    found = manifest(_settings())
    assert found["id"] == APP_ID and found["bots"][0]["botId"] == APP_ID
    assert set(found["bots"][0]["scopes"]) == {"team", "groupChat", "personal"}
    assert found["validDomains"] == ["dd.example.dk"]
    rsc = [{"name": "ChannelMessage.Read.Group", "type": "Application"}]  # Graph: posted yet?
    assert found["authorization"]["permissions"]["resourceSpecific"] == rsc
    assert found["webApplicationInfo"]["id"] == APP_ID
    with zipfile.ZipFile(write_package(_settings(), tmp_path / "pkg.zip")) as z:
        assert sorted(z.namelist()) == ["color.png", "en.json", "manifest.json", "outline.png"]
        assert Image.open(io.BytesIO(z.read("color.png"))).size == (192, 192)
        assert Image.open(io.BytesIO(z.read("outline.png"))).size == (32, 32)


def test_danish_is_the_default_and_english_comes_in_a_localization_file(tmp_path) -> None:
    with zipfile.ZipFile(write_package(_settings(), tmp_path / "pkg.zip")) as z:
        found = json.loads(z.read("manifest.json"))
        english = json.loads(z.read("en.json"))
    assert found["localizationInfo"] == {
        "defaultLanguageTag": "da",
        "additionalLanguages": [{"languageTag": "en", "file": "en.json"}],
    }
    assert found["description"]["short"].startswith("Datainformerede")
    assert english["description.short"].startswith("Data-informed")
    assert english["$schema"].endswith("MicrosoftTeams.Localization.schema.json")
    # Every localized key names a manifest string that is there, and differs from it.
    commands = found["bots"][0]["commandLists"][0]["commands"]
    assert len(commands) == len(COMMANDS)
    for number, command in enumerate(commands):
        key = f"bots[0].commandLists[0].commands[{number}].description"
        assert english[key] and english[key] != command["description"]


def test_an_english_install_has_danish_as_the_other_language() -> None:
    found = manifest(_settings(language="en"))
    assert found["localizationInfo"]["defaultLanguageTag"] == "en"
    assert found["localizationInfo"]["additionalLanguages"] == [
        {"languageTag": "da", "file": "da.json"}
    ]


@pytest.mark.parametrize(
    ("changed", "said"),
    [
        ({"teams_app_id": ""}, "TEAMS_APP_ID is not set"),
        ({"teams_app_id": "app-id"}, "a GUID"),
        ({"teams_app_id": APP_ID[:-1]}, "a GUID"),
        ({"teams_app_id": "{" + APP_ID + "}"}, "a GUID"),
        ({"teams_public_url": "http://dd.example.dk"}, "https://"),
    ],
)
def test_a_package_teams_would_refuse_is_never_written(tmp_path, changed, said) -> None:
    with pytest.raises(ValueError, match=said):
        write_package(_settings(**changed), tmp_path / "pkg.zip")
    assert not (tmp_path / "pkg.zip").exists()
