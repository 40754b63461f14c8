"""Settings from the environment (prefix DATADIALOG_) and an optional `.env` file.

Every setting has a safe default, so the embedded mode (SQLite file + console)
needs no configuration at all. Only `bot/` reads settings.
"""

from __future__ import annotations

from datetime import time
from typing import Annotated, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    AliasChoices,
    BeforeValidator,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
)
from pydantic_settings import SettingsConfigDict
from sqlalchemy import make_url
from sqlalchemy.exc import ArgumentError

from config.governance import GovernanceSettings
from config.secret_keys import fernet_keys, split_keys

ENV_PREFIX = "DATADIALOG_"
#: The database drivers Datadialog is built and tested with (SQLite's own, psycopg 3).
DRIVERS = ("sqlite", "sqlite+pysqlite", "postgresql+psycopg")


def _secret(name: str) -> SecretStr:
    """A secret read from DATADIALOG_<NAME> or the platform's usual <NAME>."""
    return Field(
        default=SecretStr(""),
        validation_alias=AliasChoices(f"{ENV_PREFIX}{name}", name),
    )


class Settings(GovernanceSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    database_url: str = Field(
        default="sqlite:///datadialog.db",
        description="SQLAlchemy URL; a SQLite file in the working directory by default.",
    )
    language: Literal["da", "en"] = Field(default="da", description="Language of bot messages.")
    timezone: str = Field(default="Europe/Copenhagen", description="Time zone for dates shown.")
    timebox_since_last: int = Field(default=15, ge=1, le=240, description="Minutes, step 1.")
    timebox_explore: int = Field(default=20, ge=1, le=240, description="Minutes, step 2.")
    timebox_interpret: int = Field(default=20, ge=1, le=240, description="Minutes, step 3.")
    timebox_prepare_action: int = Field(default=20, ge=1, le=240, description="Minutes, step 4.")
    tick_seconds: float = Field(
        default=15.0, gt=0, le=3600, description="How often running time-boxes are checked."
    )
    reminder_tick_seconds: float = Field(
        default=30.0, gt=0, le=3600, description="How often due reminders are claimed and sent."
    )
    reminder_batch: int = Field(
        default=100, ge=1, le=1000, description="Reminders one process claims at a time."
    )
    reminder_max_in_flight: int = Field(
        default=50, ge=1, le=5000, description="Reminders one process sends at once."
    )
    reminder_lease_seconds: int = Field(
        default=120, ge=5, le=3600, description="How long a claim holds before others may retry."
    )
    invite_dir: str = Field(
        default="invitations", description="Folder the console writes calendar invitations to."
    )
    holiday_country: str = Field(
        default="DK", description="Public holidays of this country (the `holidays` package)."
    )
    first_meeting_time: time = Field(
        default=time(9, 0),
        description="A first meeting left open (`group create` without --first): the next"
        " working day at this local time.",
    )
    chart_min_count: int = Field(
        default=5, ge=1, le=100, description="Group-chart cells with fewer citizens are hidden."
    )
    oversight_digest_hour: int = Field(  # management and quality team (issue 17)
        default=8,
        ge=0,
        le=23,
        description="Local hour on the 1st of the month the overseers' monthly digest is sent.",
    )
    chart_dir: str = Field(
        default="datadialog-charts", description="Where the console chat saves drawn charts."
    )
    dev_mode: bool = Field(
        default=False, description="Relaxes request verification. Never in production."
    )
    log_level: Annotated[
        Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"],
        BeforeValidator(lambda v: v.strip().upper() if isinstance(v, str) else v),
    ] = Field(
        default="WARNING",
        description="Least severe log lines written to stderr (tokens and user text redacted).",
    )

    host: str = Field(default="127.0.0.1", description="Address the web server listens on.")
    port: int = Field(default=3000, ge=0, le=65535, description="Port of the web server.")
    drain_seconds: float = Field(
        default=20.0,
        gt=0,
        le=3600,
        description="On SIGTERM, how long in-flight requests may take to finish before exit.",
    )
    inbox_lease_seconds: float = Field(
        default=30.0,
        ge=1,
        le=3600,
        description=(
            "A request a process was working on when it died is taken over by another"
            " process (or the restarted one) after this many seconds."
        ),
    )
    outbound_timeout_seconds: float = Field(
        default=10.0,
        gt=0,
        le=300,
        description="Longest wait for one call to Slack or Teams (a send, a reply, a lookup).",
    )
    import_max_rows: int = Field(
        default=100_000,
        ge=1,
        le=10_000_000,
        description="Most data rows one measurement file may have; a longer file is refused.",
    )
    data_versions_kept: int = Field(
        default=10,
        ge=2,
        le=1000,
        description=(
            "Versions of a group's data set kept (the current one and those it replaced),"
            " for `datadialog data history|restore`; older ones are deleted."
        ),
    )
    http_header_timeout_seconds: float = Field(
        default=10.0,
        gt=0,
        le=300,
        description=(
            "A connection that has not sent a whole request head (or body) this long after"
            " it began one is closed: slow or idle clients cannot hold the server."
        ),
    )
    http_max_connections: int = Field(
        default=2_000,
        ge=10,
        le=100_000,
        description="Most client connections the web server holds open at once.",
    )
    slack_api_url: str = Field(
        default="https://slack.com/api/", description="Slack Web API base URL (tests: a fake)."
    )
    slack_command: str = Field(default="/dialog", description="The Slack slash command.")

    slack_bot_token: SecretStr = _secret("SLACK_BOT_TOKEN")
    slack_signing_secret: SecretStr = _secret("SLACK_SIGNING_SECRET")
    slack_app_token: SecretStr = _secret("SLACK_APP_TOKEN")
    slack_client_id: SecretStr = _secret("SLACK_CLIENT_ID")
    slack_client_secret: SecretStr = _secret("SLACK_CLIENT_SECRET")
    teams_app_id: SecretStr = _secret("TEAMS_APP_ID")
    teams_app_password: SecretStr = _secret("TEAMS_APP_PASSWORD")
    teams_tenant_id: SecretStr = _secret("TEAMS_TENANT_ID")
    # Secrets at rest (issue 15): the keys stored OAuth tokens are sealed with.
    secret_keys: Annotated[SecretStr, AfterValidator(fernet_keys)] = Field(
        default=SecretStr(""),
        description="Fernet keys, comma-separated and newest first, that seal the OAuth"
        " tokens in the database (make one with `datadialog secrets new-key`).",
    )
    chart_link_secret: SecretStr = Field(
        default=SecretStr(""),
        description="Key chart links are signed with; empty: from TEAMS_APP_PASSWORD.",
    )
    teams_app_name: str = Field(
        default="Datadialog", max_length=30, description="The bot's name in the Teams manifest."
    )
    teams_public_url: str = Field(
        default="https://datadialog.example.org",
        description="The HTTPS address Teams reaches /api/messages at (used by the manifest).",
    )
    teams_graph_url: str = Field(
        default="https://graph.microsoft.com/v1.0/",
        description=(
            "Microsoft Graph base URL: an in-doubt channel post is looked for there before"
            " it is made again (tests: a fake)."
        ),
    )

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (try Europe/Copenhagen)") from exc
        return value

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, value: str) -> str:
        try:
            driver = make_url(value).drivername
        except (ArgumentError, ValueError):  # not a URL, or a port that is not a number
            driver = ""
        if driver not in DRIVERS:
            raise ValueError("use a sqlite:///FILE or postgresql+psycopg://USER@HOST/NAME URL")
        return value

    @field_validator("holiday_country")
    @classmethod
    def _known_country(cls, value: str) -> str:
        import holidays

        if value not in holidays.list_supported_countries():
            raise ValueError("not a country code the holidays package knows (try DK)")
        return value

    @field_validator("teams_public_url", "teams_graph_url")
    @classmethod
    def _web_address(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("https", "http") or not parts.hostname:
            raise ValueError("an address like https://datadialog.example.org")
        return value

    @field_validator("slack_command")
    @classmethod
    def _slash(cls, value: str) -> str:
        if not value.startswith("/") or " " in value:
            raise ValueError("a slash command like /dialog")
        return value

    @property
    def slack_enabled(self) -> bool:
        """Slack is configured: a bot token, or an OAuth client id and secret."""
        return bool(
            self.slack_bot_token.get_secret_value()
            or (
                self.slack_client_id.get_secret_value()
                and self.slack_client_secret.get_secret_value()
            )
        )

    def secret_key_list(self) -> tuple[str, ...]:
        """DATADIALOG_SECRET_KEYS as a list, newest first (secrets at rest, issue 15)."""
        return split_keys(self.secret_keys)

    @property
    def teams_enabled(self) -> bool:
        """Teams is configured: an app id (and, outside dev mode, its password)."""
        return bool(self.teams_app_id.get_secret_value())

    def timeboxes(self) -> dict[str, int]:
        """Default time-box per dialogue step, keyed by step value."""
        return {
            "since_last": self.timebox_since_last,
            "explore": self.timebox_explore,
            "interpret": self.timebox_interpret,
            "prepare_action": self.timebox_prepare_action,
        }


class SettingsError(Exception):
    """Start-up stops with one readable line per bad setting."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            field = str(error["loc"][0]) if error["loc"] else "?"
            name = f"{ENV_PREFIX}{field.upper()}"
            secret = any(
                f.annotation is SecretStr and (n == field or field.endswith(n.upper()))
                for n, f in Settings.model_fields.items()
            )
            shown = "" if secret else f" (got {error.get('input')!r})"
            message = str(error["msg"]).removeprefix("Value error, ")
            lines.append(f"{name}: {message}{shown}")
        raise SettingsError(lines) from None
