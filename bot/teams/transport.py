"""Teams as a transport for the process's own outputs, and the pieces it is built from.

`TeamsTransport.send` posts through the same `TeamsSender` the agent answers requests
with (one lock per member while a personal chat is opened) and turns what went wrong
into the delivery contract of `bot.transports`: HTTP 408, 429 and 5xx from the Bot
Connector, timeouts and dropped connections are `DeliveryFailed`; any other refusal,
or nowhere known to send to, is `Undeliverable`. The SDK's HTTP sessions have no
timeout of their own, so the sender bounds each Bot Connector call (a reply, a
proactive send, opening a chat) by DATADIALOG_OUTBOUND_TIMEOUT_SECONDS.

`build_sender` makes the CloudAdapter (MSAL connection, JWT configuration) and the
sender from the settings; the agent (`bot.teams.app`) and `datadialog reminders
send-due` both use it. The same MSAL connection gives the app-only token for Microsoft
Graph (`bot.teams.graph`: is an in-doubt channel post there already?); in dev mode
Graph is called without one, like the Bot Connector.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import aiohttp
from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import AgentAuthConfiguration, ConnectionManager, TurnContext
from microsoft_agents.hosting.core.authorization import AuthenticationConstants, ClaimsIdentity

from bot.chart_links import ChartLinks, link_secret
from bot.live import LiveMessages
from bot.main import Runtime
from bot.teams.blocks import Style
from bot.teams.graph import Graph, OutboxPosts, graph_scope
from bot.teams.retry import retryable
from bot.teams.sender import NoReference, TeamsSender, Turn
from bot.transports import TEAMS, DeliveryFailed, Query, Undeliverable, kind_of
from config.settings import Settings
from flows.model import Group
from flows.outputs import Output
from flows.queries import get_group, list_groups

log = logging.getLogger(__name__)


@dataclass
class TeamsTransport:
    sender: TeamsSender
    kind: str = TEAMS

    async def send(self, output: Output, group: Group) -> None:
        try:
            await self.sender.send(output, Turn(group=group))
        except NoReference as exc:
            raise Undeliverable(str(exc)) from exc
        except aiohttp.ClientResponseError as exc:
            if retryable(exc):  # tried again in the process first (bot.teams.retry)
                raise DeliveryFailed(f"Teams answered HTTP {exc.status}") from exc
            what = type(output).__name__
            raise Undeliverable(f"Teams refused {what}: HTTP {exc.status}") from exc
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise DeliveryFailed(f"Teams could not be reached: {type(exc).__name__}") from exc


async def teams_groups_of(query: Query, user_id: str) -> list[Group]:
    """The Teams groups a member belongs to (to open a chat with no request to ride on)."""
    return [g for g in await query(list_groups) if kind_of(g) == TEAMS and g.member(user_id)]


def auth_configuration(settings: Settings) -> AgentAuthConfiguration:
    return AgentAuthConfiguration(
        client_id=settings.teams_app_id.get_secret_value() or None,
        tenant_id=settings.teams_tenant_id.get_secret_value() or None,
        client_secret=settings.teams_app_password.get_secret_value() or None,
        anonymous_allowed=settings.dev_mode,
    )


def chart_links(settings: Settings, runtime: Runtime) -> ChartLinks | None:
    """Signed chart links when Teams can reach us (a public address is set), else None
    (charts then go inline, which real Teams may refuse as too large)."""
    url = settings.teams_public_url
    if url == Settings.model_fields["teams_public_url"].default:
        return None
    return ChartLinks(runtime.engine, link_secret(settings), url)  # never from the app id


def service_claims(app_id: str, anonymous: bool) -> Callable[[], ClaimsIdentity]:
    """The identity outgoing calls are made with: anonymous only in dev mode."""

    def make() -> ClaimsIdentity:
        if anonymous:
            return ClaimsIdentity({}, False)
        return ClaimsIdentity(
            {
                AuthenticationConstants.AUDIENCE_CLAIM: app_id,
                AuthenticationConstants.APP_ID_CLAIM: app_id,
            },
            True,
        )

    return make


def graph_client(settings: Settings, connections: ConnectionManager) -> Graph:
    """Microsoft Graph with the app's own token (none in dev mode)."""
    url = settings.teams_graph_url
    timeout = settings.outbound_timeout_seconds
    if settings.dev_mode:
        return Graph(url, None, timeout)
    provider = connections.get_default_connection()
    scope = graph_scope(url)

    async def token() -> str:
        return await provider.get_access_token(url, [scope])

    return Graph(url, token, timeout)


def build_sender(settings: Settings, runtime: Runtime, style: Style) -> TeamsSender:
    """The CloudAdapter for these settings and the sender on it (Teams must be configured)."""
    if not settings.dev_mode and not settings.teams_app_password.get_secret_value():
        raise ValueError("TEAMS_APP_PASSWORD is required to answer Microsoft Teams")
    auth = auth_configuration(settings)
    connections = MsalConnectionManager(connections_configurations={"SERVICE_CONNECTION": auth})
    cloud = CloudAdapter(connection_manager=connections)

    async def on_error(context: TurnContext, error: Exception) -> None:
        # The SDK's default tells the user the exception text; we only log it.
        log.error("Teams turn failed: %s", type(error).__name__, exc_info=error)

    cloud.on_turn_error = on_error
    # Anonymous (dev-mode) turns have no app id; the SDK warns about that on every turn.
    logging.getLogger("microsoft_agents.hosting.core.connector.client.user_token_client").setLevel(
        logging.ERROR
    )
    query = runtime.transports().query

    async def lookup(group_id: int) -> Group:
        return await query(get_group, group_id)

    async def member_groups(user_id: str) -> list[Group]:
        return await teams_groups_of(query, user_id)

    return TeamsSender(
        cloud,
        runtime.engine,
        service_claims(settings.teams_app_id.get_secret_value(), anonymous=settings.dev_mode),
        style,
        lookup,
        member_groups,
        links=chart_links(settings, runtime),
        timeout=settings.outbound_timeout_seconds,
        outbox=OutboxPosts(graph_client(settings, connections), runtime.engine, style),
        live=LiveMessages(runtime.engine),  # the themes list updated in place (issue 16)
    )


def build_teams_transport(settings: Settings, runtime: Runtime) -> TeamsTransport:
    """Teams for a process that sends but does not listen (`reminders send-due`)."""
    style = Style(settings.language, settings.timezone)
    return TeamsTransport(build_sender(settings, runtime, style))
