"""What every Slack request shares: its natural key (for deduplication), its workspace and
the Web API's retry policy."""

from __future__ import annotations

import json
from contextvars import ContextVar
from typing import Any

from slack_bolt.request.internals import parse_body
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)


def retry_handlers() -> list[Any]:
    """Rate limits (HTTP 429 + Retry-After), dropped connections and 5xx: retried by slack_sdk."""
    return [
        AsyncRateLimitErrorRetryHandler(max_retry_count=3),
        AsyncConnectionErrorRetryHandler(max_retry_count=2),
        AsyncServerErrorRetryHandler(max_retry_count=2),
    ]


#: The request's body as Slack sent it (set by bot/web.py for the request being handled):
#: what the inbox keeps, so the parsed body need not be encoded again before the ack.
RAW_BODY: ContextVar[str] = ContextVar("datadialog_slack_raw_body", default="")


def kept_form(body: dict[str, Any]) -> str:
    """What the inbox keeps of a request: its raw body when known (HTTP), else its JSON
    (Socket Mode). `body_of` reads either back."""
    return RAW_BODY.get() or json.dumps(body)


def body_of(kept: str) -> dict[str, Any]:
    """The parsed body of a kept request, as Bolt parses it."""
    form = not kept.lstrip().startswith("{")
    return parse_body(kept, "application/x-www-form-urlencoded" if form else "application/json")


def request_key(body: dict[str, Any]) -> str | None:
    """The natural key of a Slack request: what a retry or a resubmission shares."""
    kind = body.get("type")
    team = body.get("team_id") or (body.get("team") or {}).get("id") or ""
    if kind == "event_callback":
        return f"event:{body.get('event_id')}"
    if kind == "block_actions":
        user = (body.get("user") or {}).get("id", "")
        action = (body.get("actions") or [{}])[0]
        return f"action:{team}:{user}:{action.get('action_id')}:{action.get('action_ts')}"
    if kind == "view_submission":
        view = body.get("view") or {}
        return f"view:{view.get('id')}:{view.get('hash')}"
    if body.get("command") and body.get("trigger_id"):
        return f"command:{body['trigger_id']}"
    return None


def team_of(body: dict[str, Any]) -> str:
    return (
        body.get("team_id")
        or (body.get("team") or {}).get("id")
        or (body.get("user") or {}).get("team_id")
        or (body.get("view") or {}).get("team_id")
        or ""
    )
