"""DATADIALOG_SECRET_KEYS and the keyring (secrets at rest, issue 15), without a database:
what is sealed opens with any key of the list and is re-sealed with the first; a value from
before sealing is read as it is; a bad key is one line that never shows the key; serving
Slack through OAuth needs a key, the console and a single workspace's bot token do not."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr

from bot.cli_support import StartupProblem, check_platforms
from config.settings import Settings, SettingsError, load_settings
from storage.secret_column import Keyring, SecretKeyError, SecretText, is_sealed

TOKEN = "xoxb-1234-5678-secret"


def _key() -> str:
    return Fernet.generate_key().decode("ascii")


def test_a_token_is_sealed_and_opens_with_any_key_of_the_list() -> None:
    old, new = _key(), _key()
    sealed = Keyring([old]).seal(TOKEN)
    assert is_sealed(sealed) and TOKEN not in sealed
    assert Keyring([new, old]).open(sealed) == TOKEN
    with pytest.raises(SecretKeyError):
        Keyring([new]).open(sealed)


def test_resealing_moves_a_token_to_the_first_key() -> None:
    old, new = _key(), _key()
    resealed = Keyring([new, old]).reseal(Keyring([old]).seal(TOKEN))
    assert Keyring([new]).open(resealed) == TOKEN
    with pytest.raises(SecretKeyError):
        Keyring([old]).open(resealed)
    with pytest.raises(SecretKeyError):
        Keyring([_key()]).reseal(resealed)


def test_a_token_from_before_sealing_is_read_as_it_is_and_sealed_on_reseal() -> None:
    keyring = Keyring([_key()])
    assert keyring.open(TOKEN) == TOKEN
    assert keyring.open(keyring.reseal(TOKEN)) == TOKEN
    assert is_sealed(keyring.reseal(TOKEN))


def test_the_column_type_seals_on_the_way_in_and_refuses_without_a_key() -> None:
    keyring = Keyring([_key()])
    column = SecretText(keyring)
    stored = column.process_bind_param(TOKEN, dialect=None)  # type: ignore[arg-type]
    assert stored is not None and TOKEN not in stored
    assert column.process_result_value(stored, dialect=None) == TOKEN  # type: ignore[arg-type]
    assert column.process_bind_param(None, dialect=None) is None  # type: ignore[arg-type]
    with pytest.raises(SecretKeyError):
        SecretText().process_bind_param(TOKEN, dialect=None)  # type: ignore[arg-type]
    assert SecretText().process_result_value(stored, dialect=None) == stored  # type: ignore[arg-type]


def test_an_empty_keyring_is_refused() -> None:
    with pytest.raises(SecretKeyError):
        Keyring([])


def test_the_setting_lists_the_keys_newest_first() -> None:
    new, old = _key(), _key()
    settings = load_settings(secret_keys=f" {new} , {old},")
    assert settings.secret_key_list() == (new, old)
    assert load_settings(secret_keys="").secret_key_list() == ()


@pytest.mark.parametrize("bad", ["not-a-key", "c2hvcnQ=", "æøå"])
def test_a_key_that_is_not_a_fernet_key_is_one_line_that_does_not_show_it(bad: str) -> None:
    good = _key()
    with pytest.raises(SettingsError) as refused:
        load_settings(secret_keys=f"{good},{bad}")
    (line,) = refused.value.lines
    assert line.startswith("DATADIALOG_SECRET_KEYS: key 2 is not a Fernet key")
    assert "datadialog secrets new-key" in line
    assert bad not in line and good not in line


def _settings(**values: str) -> Settings:
    platform = {
        "slack_bot_token": "",
        "slack_signing_secret": "",
        "slack_app_token": "",
        "slack_client_id": "",
        "slack_client_secret": "",
        "teams_app_id": "",
        "secret_keys": "",
    }
    return Settings(**{name: SecretStr(v) for name, v in {**platform, **values}.items()})  # type: ignore[arg-type]


OAUTH = {"slack_client_id": "111.222", "slack_client_secret": "s", "slack_signing_secret": "x"}


@pytest.mark.parametrize("receiving", [True, False])  # serve; reminders send-due
def test_slack_through_oauth_without_a_key_does_not_start(receiving: bool) -> None:
    with pytest.raises(StartupProblem) as problem:
        check_platforms(_settings(**OAUTH), receiving=receiving)
    assert problem.value.kind == "secret_keys"
    check_platforms(_settings(**OAUTH, secret_keys=_key()), receiving=receiving)


def test_the_console_and_a_single_workspace_need_no_key() -> None:
    check_platforms(_settings())
    check_platforms(_settings(slack_bot_token="xoxb-1", slack_signing_secret="x"))
    check_platforms(_settings(**OAUTH, slack_bot_token="xoxb-1"))  # the bot token wins
