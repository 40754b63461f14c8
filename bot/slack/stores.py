"""slack_sdk's SQLAlchemy installation and OAuth-state stores, made awaitable.

The stores are slack_sdk's own (tables in `storage.slack_tables`, created by our
migrations); their blocking database calls run in worker threads so the event
loop never waits on the database.

The installation store keeps every token sealed (`storage.secret_column`): tokens
stored in plain text before encryption came are sealed the first time it is used. It
saves and loads slack_sdk's refresh tokens and expiry times, so Bolt's token rotation
(`AsyncInstallationStoreAuthorize`) works for requests, and `fresh_bot` does the same
for what the bot sends on its own (reminders, time-boxes): an expiring bot token is
exchanged for a new one (`AsyncTokenRotator`) and the installation saved again.
"""

from __future__ import annotations

import asyncio
from typing import Any

from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from slack_sdk.oauth.token_rotation.async_rotator import AsyncTokenRotator

from storage.slack_tables import SealedInstallationStore, reseal_tokens

#: Bolt's default: a token that expires within this many minutes is exchanged first.
ROTATE_MINUTES_BEFORE = 120


class AsyncInstallations(AsyncInstallationStore):
    def __init__(
        self,
        store: SealedInstallationStore,
        rotator: AsyncTokenRotator | None = None,
        minutes_before_expiration: int = ROTATE_MINUTES_BEFORE,
    ) -> None:
        self.store = store
        self.rotator = rotator
        self.minutes_before_expiration = minutes_before_expiration
        self._plain_left = True

    @property
    def logger(self) -> Any:
        return self.store.logger

    async def seal_plain_tokens(self) -> int:
        """Seal the tokens stored in plain text before encryption came (once per process;
        nothing without a key). Returns how many rows were sealed. Two first calls at once
        both look; a row is sealed by one of them (`storage.secret_column.reseal`)."""
        keyring = self.store.keyring
        if not self._plain_left or keyring is None:
            return 0
        count = await asyncio.to_thread(reseal_tokens, self.store.engine, keyring, only_plain=True)
        self._plain_left = False
        return count

    async def fresh_bot(self, team_id: str) -> Bot | None:
        """The workspace's bot, its token exchanged first if it expires soon (token
        rotation); None when the app is not installed there."""
        bot = await self.async_find_bot(enterprise_id=None, team_id=team_id)
        if bot is None or bot.bot_refresh_token is None or self.rotator is None:
            return bot
        installation = await self.async_find_installation(enterprise_id=None, team_id=team_id)
        if installation is None or installation.bot_token != bot.bot_token:
            refreshed_bot = await self.rotator.perform_bot_token_rotation(
                bot=bot, minutes_before_expiration=self.minutes_before_expiration
            )
            if refreshed_bot is not None:
                await self.async_save_bot(refreshed_bot)
            return refreshed_bot or bot
        refreshed = await self.rotator.perform_token_rotation(
            installation=installation, minutes_before_expiration=self.minutes_before_expiration
        )
        if refreshed is None:
            return bot
        await self.async_save(refreshed)
        return refreshed.to_bot()

    async def async_save(self, installation: Installation) -> None:
        await self.seal_plain_tokens()
        await asyncio.to_thread(self.store.save, installation)

    async def async_save_bot(self, bot: Bot) -> None:
        await self.seal_plain_tokens()
        await asyncio.to_thread(self.store.save_bot, bot)

    async def async_find_bot(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        is_enterprise_install: bool | None = False,
    ) -> Bot | None:
        await self.seal_plain_tokens()
        return await asyncio.to_thread(
            self.store.find_bot,
            enterprise_id=enterprise_id,
            team_id=team_id,
            is_enterprise_install=is_enterprise_install,
        )

    async def async_find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        await self.seal_plain_tokens()
        return await asyncio.to_thread(
            self.store.find_installation,
            enterprise_id=enterprise_id,
            team_id=team_id,
            user_id=user_id,
            is_enterprise_install=is_enterprise_install,
        )

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await asyncio.to_thread(self.store.delete_bot, enterprise_id=enterprise_id, team_id=team_id)

    async def async_delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        await asyncio.to_thread(
            self.store.delete_installation,
            enterprise_id=enterprise_id,
            team_id=team_id,
            user_id=user_id,
        )


class AsyncOAuthStates(AsyncOAuthStateStore):
    def __init__(self, store: SQLAlchemyOAuthStateStore) -> None:
        self.store = store

    @property
    def logger(self) -> Any:
        return self.store.logger

    async def async_issue(self, *args: Any, **kwargs: Any) -> str:
        return await asyncio.to_thread(self.store.issue)

    async def async_consume(self, state: str) -> bool:
        return await asyncio.to_thread(self.store.consume, state)
