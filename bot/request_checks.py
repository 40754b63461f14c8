"""What a chat request must be before any SDK reads it (`bot.web` applies these).

Slack: the signature (HMAC of the signing secret over "v0:<timestamp>:<raw bytes>",
the timestamp ASCII digits within five minutes of now) is checked on the raw bytes
first; only a signed body is parsed, and only one Bolt can read as a JSON object
(UTF-8, a form's `payload` or the JSON body an object, nested no deeper than
`MAX_DEPTH`) is handed to Bolt. Teams (after the SDK's token check): the body must be
such a JSON object, shaped as the Bot Connector sends activities (`activity_problem`).
What is refused is answered 400 by `bot.web`; nothing here logs.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import threading
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from microsoft_agents.activity import Activity, ActivityTypes
from slack_bolt.request.async_request import AsyncBoltRequest

#: No request Slack or the Bot Connector sends nests objects and lists deeper than this.
MAX_DEPTH = 64
#: Slack's rule: a signature older (or newer) than this is refused.
MAX_AGE_SECONDS = 5 * 60
_TIMESTAMP = re.compile(r"[0-9]{1,12}")  # ASCII digits only ("²".isdigit() is True)
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")


class Malformed(ValueError):
    """A body that is not what the platform sends: answered 400."""


def slack_signed(secret: str, body: bytes, headers: Mapping[str, str]) -> bool:
    """Signed with `secret` (none: nothing is) at most five minutes from now, as Slack
    signs. The HMAC is taken over the bytes as they came (slack_sdk's `SignatureVerifier`
    decodes them first, and fails on a body that is not UTF-8)."""
    timestamp = headers.get("X-Slack-Request-Timestamp", "")
    signature = headers.get("X-Slack-Signature", "")
    if not secret or not _TIMESTAMP.fullmatch(timestamp) or not _SIGNATURE.fullmatch(signature):
        return False
    if abs(time.time() - int(timestamp)) > MAX_AGE_SECONDS:
        return False
    base = b"v0:" + timestamp.encode() + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def slack_request(body: bytes, query: str, headers: Mapping[str, str]) -> AsyncBoltRequest:
    """The Bolt request for a signed body; `Malformed` when Bolt could not read it sanely."""
    try:
        text = body.decode("utf-8")
        # Bolt parses the body here: JSON, or a form whose `payload` is JSON.
        parsed = AsyncBoltRequest(body=text, query=query, headers=headers)  # type: ignore[arg-type]
    except (ValueError, RecursionError, TypeError, AttributeError, KeyError, IndexError):
        raise Malformed("not a Slack request Bolt can read") from None
    if not isinstance(parsed.body, dict) or deeper_than(parsed.body, MAX_DEPTH):
        raise Malformed("not a JSON object, or nested too deep")
    return parsed


def json_object(body: bytes) -> dict[str, Any]:
    """A UTF-8 JSON object nested no deeper than `MAX_DEPTH`, else `Malformed`."""
    try:
        value = json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError):  # not UTF-8, not JSON, or deeper than Python recurses
        raise Malformed("not JSON") from None
    if not isinstance(value, dict) or deeper_than(value, MAX_DEPTH):
        raise Malformed("not a JSON object, or nested too deep")
    return value


def activity_problem(body: dict[str, Any]) -> str | None:
    """What makes a JSON object no activity the Bot Connector sends; None if nothing."""
    url = body.get("serviceUrl")
    parts = urlsplit(url) if isinstance(url, str) else None
    if not isinstance(body.get("type"), str) or not body["type"]:
        return "no type"
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        return "no http(s) serviceUrl"
    if not _has_id(body.get("conversation")) or not _has_id(body.get("from")):
        return "no conversation.id or from.id"
    if "text" in body and not isinstance(body["text"], str):
        return "text is not a string"
    if any(key in body and not isinstance(body[key], list) for key in _MEMBER_LISTS):
        return "membersAdded or membersRemoved is not a list"
    if body["type"] == ActivityTypes.invoke and not isinstance(body.get("name"), str):
        return "an invoke without a name"
    _checking.on = True  # the SDK logs its own validation errors with a traceback
    try:
        Activity.model_validate(body)
    except Exception:  # ValidationError, or the SDK's own (a channel id conflict)
        return "not an activity the SDK reads"
    finally:
        _checking.on = False
    return None


_MEMBER_LISTS = ("membersAdded", "membersRemoved")
_checking = threading.local()


def _has_id(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("id"), str) and bool(value["id"])


class _NotWhileChecking(logging.Filter):
    """Drops the SDK's log lines about an activity `activity_problem` is checking (only
    on the thread checking it): the refusal is logged once, by `bot.web`."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not getattr(_checking, "on", False)


logging.getLogger("microsoft_agents.activity.activity").addFilter(_NotWhileChecking())


def deeper_than(value: Any, limit: int) -> bool:
    """Whether objects and lists nest more than `limit` levels (no recursion of our own)."""
    stack = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


__all__ = [
    "MAX_DEPTH",
    "Malformed",
    "activity_problem",
    "deeper_than",
    "json_object",
    "slack_request",
    "slack_signed",
]
