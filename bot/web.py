"""The process's single aiohttp web server: Slack (/slack/events, OAuth) and Teams (/api/messages).

`serve_web` starts the server, the time-box ticker and, when SLACK_APP_TOKEN is
set, a Socket Mode connection; it runs until SIGTERM/SIGINT. Request handling
stays on the event loop only as long as it takes to verify, ack and hand work
to the dispatcher's worker threads.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
import sys
from collections.abc import Callable
from typing import Any

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request

from bot.dispatch import tick_forever
from bot.main import Runtime
from bot.scheduler import start_scheduler
from bot.slack.app import SlackAdapter, build_slack
from bot.teams.app import MESSAGES_PATH, TeamsAdapter, build_teams, mount_teams
from config.settings import Settings

log = logging.getLogger(__name__)

SLACK_EVENTS = "/slack/events"
GIL_SWITCH_SECONDS = 0.001
#: Fewer, later collections: a burst of requests leaves many short-lived objects, and a
#: full collection in the middle of it pauses the acks behind it (bench/slack_ack.py).
GC_THRESHOLDS = (50_000, 20, 100)


def build_web_app(slack: SlackAdapter | None, teams: TeamsAdapter | None = None) -> web.Application:
    app = web.Application(client_max_size=2 * 1024 * 1024)

    async def health(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    app.router.add_get("/healthz", health)
    if teams is not None:
        mount_teams(app, teams)  # POST /api/messages, JWT-checked on that route only
    if slack is None:
        return app

    async def events(request: web.Request) -> web.Response:
        slack.acks.arrived()
        try:
            response = await slack.app.async_dispatch(await to_bolt_request(request))
            return await to_aiohttp_response(response)
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


async def serve_web(
    settings: Settings, runtime: Runtime, announce: Callable[[str], Any] = print
) -> None:
    """Serve until SIGTERM or SIGINT."""
    # Flow and database work runs in worker threads and holds the GIL while it computes;
    # a 1 ms switch interval (default 5 ms) lets the event loop thread back in sooner to
    # verify and ack the next request (bench/slack_ack.py).
    sys.setswitchinterval(GIL_SWITCH_SECONDS)
    session = aiohttp.ClientSession()
    try:
        slack = build_slack(settings, runtime, session) if settings.slack_enabled else None
    except ValueError:
        await session.close()
        raise
    teams = build_teams(settings, runtime, session)
    runner = web.AppRunner(build_web_app(slack, teams), access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, settings.host, settings.port)
    await site.start()
    host, port = runner.addresses[0][:2]
    tasks: list[asyncio.Task[Any]] = []
    socket_mode = None
    reminders = None
    if slack is not None:
        system = slack.deliver_system
        if teams is not None:  # Teams groups' time-boxes go to Teams
            system = teams.system_delivery(slack.deliver_system, strict=False)
        ticker = runtime.dispatcher(system)
        tasks.append(asyncio.create_task(tick_forever(ticker, settings.tick_seconds)))
        tasks.append(asyncio.create_task(slack.prune_forever()))
        reminder_delivery = slack.deliver_system
        if teams is not None:  # Teams members' reminders go to Teams; a failure is retried
            reminder_delivery = teams.system_delivery(slack.deliver_system, strict=True)
        reminders = start_scheduler(
            runtime.reminder_worker(reminder_delivery), settings.reminder_tick_seconds
        )
        app_token = settings.slack_app_token.get_secret_value()
        if app_token:
            from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

            socket_mode = AsyncSocketModeHandler(slack.app, app_token)
            await socket_mode.connect_async()
            announce("Datadialog is connected to Slack in Socket Mode")
    # Everything loaded at start-up lives as long as the process: keep it out of the
    # garbage collector's full passes, which otherwise pause the loop under load.
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    if teams is not None:
        fallback = slack.deliver_system if slack is not None else None
        tasks += teams.background(fallback, alone=slack is None)
        announce(f"Datadialog is listening on http://{host}:{port}{MESSAGES_PATH} (Teams)")
    if slack is not None:
        announce(f"Datadialog is listening on http://{host}:{port}{SLACK_EVENTS}")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        if reminders is not None:
            reminders.shutdown(wait=False)
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if socket_mode is not None:
            with contextlib.suppress(Exception):
                await socket_mode.close_async()
        await runner.cleanup()
        await session.close()
