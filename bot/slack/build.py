"""Building the Slack adapter for these settings: the Bolt app (one workspace by bot
token, or many through OAuth), its listeners, and the scopes it asks for."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.web.async_client import AsyncWebClient

from bot.install_audit import slack_callbacks  # the audit log (issue 15)
from bot.live import LiveMessages  # the themes list edited in place (issue 16)
from bot.main import Runtime
from bot.slack.app import SlackAdapter
from bot.slack.blocks import Style
from bot.slack.boundary import SameWorkspace
from bot.slack.files import on_message
from bot.slack.sender import SlackSender
from bot.slack.stores import AsyncOAuthStates
from bot.slack.transport import installations_for, outbound_timeout, web_client
from bot.slack.uninstall import listen_for_uninstalls, thawing  # uninstall (issue 15)
from config.settings import Settings
from flows.outputs import Output
from storage.slack_tables import oauth_state_store

#: The least the features need (issue 16): each scope's reason is in docs/slack.md, and
#: tests/unit/slack/test_manifest.py checks that the code uses each and needs no other.
BOT_SCOPES = [
    "commands",
    "chat:write",
    "im:write",
    "users:read",
    "files:write",
    "files:read",  # measurement files shared in a DM (bot/slack/files.py)
    "im:history",  # ... which arrive as message.im events
    # A post a process made just before it died is found by its metadata (bot/inbox.py).
    "channels:history",
    "groups:history",
]


def build_slack(settings: Settings, runtime: Runtime, session: Any = None) -> SlackAdapter:
    """The Bolt app for these settings: single workspace (bot token) or OAuth (client id)."""
    secret = settings.slack_signing_secret.get_secret_value()
    token = settings.slack_bot_token.get_secret_value()
    client_id = settings.slack_client_id.get_secret_value()
    socket_mode = bool(settings.slack_app_token.get_secret_value())
    if not secret and not socket_mode:
        raise ValueError("SLACK_SIGNING_SECRET is required to receive Slack requests over HTTP")
    client = web_client(settings, session)
    installations = installations_for(settings, runtime)
    oauth_flow = None
    if installations is not None:
        oauth_flow = AsyncOAuthFlow(
            client=AsyncWebClient(
                base_url=settings.slack_api_url,
                session=session,
                timeout=outbound_timeout(settings),
            ),
            settings=AsyncOAuthSettings(
                client_id=client_id,
                client_secret=settings.slack_client_secret.get_secret_value(),
                scopes=BOT_SCOPES,
                installation_store=installations,
                state_store=AsyncOAuthStates(oauth_state_store(runtime.engine)),
                install_path="/slack/install",
                redirect_uri_path="/slack/oauth_redirect",
                # The audit log (issue 15): an install is recorded once it is stored.
                # Uninstall (issue 15): installed again, its frozen groups are thawed.
                callback_options=thawing(
                    slack_callbacks(runtime.uow_factory, runtime.clock), runtime
                ),
            ),
        )
        # Bolt exchanges expiring tokens (token rotation) through our Slack address.
        oauth_flow.settings.authorize.token_rotator = installations.rotator
    app = AsyncApp(
        signing_secret=secret or "socket-mode",
        token=token or None,
        client=client,
        oauth_flow=oauth_flow,
        installation_store=installations,
        # bot/web.py verifies every HTTP request's signature on the raw bytes before anything
        # is parsed (DATADIALOG_DEV_MODE relaxes nothing there); Bolt checking it again would
        # only cost the ack time. Socket Mode requests come over Slack's own connection.
        request_verification_enabled=False,
        ignoring_self_events_enabled=True,
        # Listeners keep the request, ack and return; the work runs as a task of its own
        # from the inbox (SlackAdapter.keep_and_ack), so the answer need not wait for Bolt's
        # poll of the ack (every 10 ms) when the listener runs in the background.
        process_before_response=True,
    )
    style = Style(settings.language, settings.timezone)

    async def _no_delivery(output: Output) -> None:  # replaced per request
        return None

    adapter = SlackAdapter(
        settings=settings,
        runtime=runtime,
        app=app,
        sender=SlackSender(
            style, lambda gid: adapter.lookup_group(gid), live=LiveMessages(runtime.engine)
        ),
        style=style,
        base=runtime.dispatcher(_no_delivery),
        inbox=runtime.inbox(),
        oauth_flow=oauth_flow,
        installations=installations,
    )
    adapter.base.pause = adapter.acks.idle  # waiting acks go before each piece of work
    app.use(SameWorkspace())  # issue 16: a request from another workspace is dropped first
    app.command(settings.slack_command)(adapter.on_command)
    app.action(re.compile(r"^dd_"))(adapter.on_action)
    app.view(re.compile(r"^dd_"))(adapter.on_view)
    app.event("app_home_opened")(adapter.on_home)

    app.event("message")(on_message(adapter))  # measurement files shared in a DM
    listen_for_uninstalls(adapter)  # app_uninstalled, tokens_revoked (issue 15)
    return adapter
