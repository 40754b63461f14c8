"""The process's single aiohttp web server: Slack (/slack/events, OAuth) and Teams (/api/messages).

`serve_web` starts the server, the background jobs (`bot.background`: time-box ticker,
reminders and pruning, delivering through the transports of the platforms configured)
and, when SLACK_APP_TOKEN is set, a Socket Mode connection; it runs until
SIGTERM/SIGINT. Request handling stays on the event loop only as long as it takes to
verify, ack and hand work to the dispatcher's worker threads.

For the load balancer: /healthz answers while the process runs, /readyz while the
database answers and the process is not draining. SIGTERM (or SIGINT) drains
(`bot.drain`): /readyz and every new request on /slack/events and /api/messages are
answered 503 (Retry-After: 1, the body unread) while the requests being handled and the
Slack work already acknowledged finish, for at most DATADIALOG_DRAIN_SECONDS (a second
signal stops waiting); then the background jobs stop and the process exits.

Slow, idle and malformed traffic is bounded by `bot.web_limits`: a request must arrive
whole within DATADIALOG_HTTP_HEADER_TIMEOUT_SECONDS, at most DATADIALOG_HTTP_MAX_CONNECTIONS
connections are open, and what the server logs about such traffic is rate-limited.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
import warnings
from collections.abc import Callable
from typing import Any

import aiohttp
from aiohttp import web
from microsoft_agents.hosting.aiohttp import jwt_authorization_decorator
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from sqlalchemy import Engine

from bot.background import chat_background
from bot.chart_links import ROUTE as CHART_ROUTE
from bot.drain import DatabaseProbe, Drain
from bot.main import Runtime
from bot.request_checks import (
    Malformed,
    activity_problem,
    json_object,
    slack_request,
    slack_signed,
)
from bot.slack.app import SlackAdapter
from bot.slack.build import build_slack
from bot.slack.requests import RAW_BODY
from bot.teams.app import TeamsAdapter, build_teams
from bot.web_limits import LISTEN_BACKLOG, ConnectionGuard, GuardedRunner
from config.settings import Settings

log = logging.getLogger(__name__)

SLACK_EVENTS = "/slack/events"
MESSAGES_PATH = "/api/messages"
#: Where the SDK's JWT check finds its configuration (an aiohttp app key of the SDK's choosing).
AUTH_CONFIG_KEY = "agent_configuration"
PASSED_AUTH = web.RequestKey("datadialog_teams_authorized", bool)
#: Fewer, later collections: a burst of requests leaves many short-lived objects, and a
#: full collection in the middle of it pauses the acks behind it (bench/slack_ack.py).
GC_THRESHOLDS = (50_000, 20, 100)
#: Handlers still running when the drain bound has passed get this long, then are cancelled.
CLEANUP_SECONDS = 1.0


def build_web_app(
    slack: SlackAdapter | None,
    teams: TeamsAdapter | None = None,
    *,
    drain: Drain | None = None,
    engine: Engine | None = None,
) -> web.Application:
    """The routes; `drain` tracks the chat routes' requests and turns them away while draining,
    `engine` is what /readyz asks (`SELECT 1`)."""
    drain = drain if drain is not None else Drain()
    if slack is not None:
        slack.drain = drain  # its work after an ack is in flight too
    app = web.Application(client_max_size=2 * 1024 * 1024, middlewares=[_draining(drain)])
    probe = DatabaseProbe(engine) if engine is not None else None

    async def health(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    async def ready(request: web.Request) -> web.Response:
        if drain.draining:
            return web.Response(status=503, text="draining")
        if probe is not None and not await probe.answers():
            return web.Response(status=503, text="database")
        return web.Response(text="ready")

    app.router.add_get("/healthz", health)
    app.router.add_get("/readyz", ready)
    if teams is not None:
        mount_teams(app, teams)  # POST /api/messages, JWT-checked on that route only
    if slack is None:
        return app

    secret = slack.settings.slack_signing_secret.get_secret_value()  # none: Socket Mode only

    async def events(request: web.Request) -> web.Response:
        slack.acks.arrived()
        try:
            body = await request.read()
            # The signature first, on the raw bytes: nothing unsigned is parsed.
            if not slack_signed(secret, body, request.headers):
                log.info("Slack request refused (401): not signed with the signing secret")
                return web.json_response({"error": "invalid request"}, status=401)
            try:
                bolt_request = slack_request(body, request.query_string, request.headers)
            except Malformed as bad:
                log.warning("Slack request refused (400): %s", bad)
                return web.json_response({"error": "malformed request"}, status=400)
            RAW_BODY.set(bolt_request.raw_body)  # what the inbox keeps (bot/slack/app.py)
            return await to_aiohttp_response(await slack.app.async_dispatch(bolt_request))
        finally:
            slack.acks.answered()

    app.router.add_post(SLACK_EVENTS, events)
    flow = slack.oauth_flow
    if flow is not None:

        async def install(request: web.Request) -> web.Response:
            return await to_aiohttp_response(
                await flow.handle_installation(await to_bolt_request(request))
            )

        async def redirect(request: web.Request) -> web.Response:
            return await to_aiohttp_response(
                await flow.handle_callback(await to_bolt_request(request))
            )

        app.router.add_get(flow.install_path, install)
        app.router.add_get(flow.redirect_uri_path, redirect)
    return app


def _draining(drain: Drain) -> Any:
    """Middleware: the chat routes' requests count as in flight; while draining, 503."""

    @web.middleware
    async def middleware(request: web.Request, handler: Any) -> web.StreamResponse:
        if request.path not in (SLACK_EVENTS, MESSAGES_PATH):
            return await handler(request)
        if drain.draining:  # before the body is read: Slack or the load balancer retries
            return web.Response(status=503, text="draining", headers={"Retry-After": "1"})
        with drain.tracked():
            return await handler(request)

    return middleware


def mount_teams(app: web.Application, teams: TeamsAdapter) -> None:
    """POST /api/messages behind the SDK's JWT check (this route only)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # aiohttp prefers AppKey; the SDK reads this str key
        app[AUTH_CONFIG_KEY] = teams.auth

    @jwt_authorization_decorator
    async def authorized(request: web.Request) -> web.StreamResponse:
        request[PASSED_AUTH] = True
        # After the token, before the SDK: an activity of the wrong shape is 400, not a 500
        # deep in the SDK or a handler (the SDK reads the body again from aiohttp's cache).
        try:
            problem = activity_problem(json_object(await request.read()))
        except Malformed as bad:
            problem = str(bad)
        if problem:
            log.warning("Teams activity refused (400): %s", problem)
            return web.json_response({"error": "malformed activity"}, status=400)
        return await teams.process(request)

    async def messages(request: web.Request) -> web.StreamResponse:
        try:
            return await authorized(request)
        except Exception:
            if request.get(PASSED_AUTH):
                raise
            # A token the SDK's check trips over (e.g. no "kid" header) is refused, not a 500.
            log.warning("Teams request refused: the token could not be checked")
            return web.json_response(
                {"error": "Invalid token or authentication failed."}, status=401
            )

    app.router.add_post(MESSAGES_PATH, messages)
    if teams.sender.links is not None:
        app.router.add_get(CHART_ROUTE, teams.sender.links.serve)  # signed, expiring links


async def serve_web(
    settings: Settings, runtime: Runtime, announce: Callable[[str], Any] = print
) -> None:
    """Serve until SIGTERM or SIGINT."""
    # Every call through this session (Slack's Web API, file downloads) gives up after the
    # timeout: slack_sdk applies its own timeout only to sessions it creates itself.
    timeout = aiohttp.ClientTimeout(total=settings.outbound_timeout_seconds)
    session = aiohttp.ClientSession(timeout=timeout)
    try:
        slack = build_slack(settings, runtime, session) if settings.slack_enabled else None
        teams = build_teams(settings, runtime, session)
    except ValueError:
        await session.close()
        raise
    drain = Drain()
    app = build_web_app(slack, teams, drain=drain, engine=runtime.engine)
    guard = ConnectionGuard(settings.http_max_connections, settings.http_header_timeout_seconds)
    runner = GuardedRunner(
        app, guard, access_log=None, handle_signals=False, shutdown_timeout=CLEANUP_SECONDS
    )
    await runner.setup()
    site = web.TCPSite(runner, settings.host, settings.port, backlog=LISTEN_BACKLOG)
    await site.start()
    host, port = runner.addresses[0][:2]
    jobs = chat_background(runtime, slack, teams)  # the one place background jobs start
    socket_mode = None
    try:
        socket_mode = await _socket_mode(settings, slack, announce)
        # Everything loaded at start-up lives as long as the process: keep it out of the
        # garbage collector's full passes, which otherwise pause the loop under load.
        gc.freeze()
        gc.set_threshold(*GC_THRESHOLDS)
        if teams is not None:
            announce(f"Datadialog is listening on http://{host}:{port}{MESSAGES_PATH} (Teams)")
        if slack is not None:
            announce(f"Datadialog is listening on http://{host}:{port}{SLACK_EVENTS}")
        await _until_stopped(drain)
        bound = settings.drain_seconds
        announce(f"Datadialog is draining: finishing what is in flight (at most {bound:g} s)")
        await _close(socket_mode)  # no new Socket Mode requests either
        socket_mode = None
        if not await drain.wait_idle(bound):
            log.warning("drain stopped after %g s: %d requests still running", bound, drain.running)
    finally:
        await jobs.stop()
        await _close(socket_mode)
        await runner.cleanup()
        await session.close()


async def _socket_mode(
    settings: Settings, slack: SlackAdapter | None, announce: Callable[[str], Any]
) -> Any:
    """Connect to Slack in Socket Mode when SLACK_APP_TOKEN is set; the handler, or None."""
    app_token = settings.slack_app_token.get_secret_value()
    if slack is None or not app_token:
        return None
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    handler = AsyncSocketModeHandler(slack.app, app_token)
    await handler.connect_async()
    announce("Datadialog is connected to Slack in Socket Mode")
    return handler


async def _close(socket_mode: Any) -> None:
    if socket_mode is not None:
        with contextlib.suppress(Exception):
            await socket_mode.close_async()


async def _until_stopped(drain: Drain) -> None:
    """Until SIGTERM or SIGINT: then `drain` is draining; a second signal ends its wait."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def on_signal() -> None:
        if stop.is_set():
            drain.give_up()
        stop.set()
        drain.start()

    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, on_signal)
    await stop.wait()
