"""What Slack itself would refuse in a message or view the bot sends (issue 16).

Every block is parsed with slack_sdk's own Block Kit models and validated by them
(`validate_json`: text lengths, element counts, option counts...), a field the models do
not know (they drop it, with a debug log line) is an error, and the limits Slack documents
but the models do not check are checked here: at most 50 blocks in a message and 100 in a
view, a message's text at most 40,000 characters, block ids unique in a message or view and
action ids unique within a block. The fake Slack answers a call with a violation as Slack
does (`invalid_blocks`) and remembers it, so a test that sent one fails.
"""

from __future__ import annotations

import json
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import slack_sdk
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

MESSAGES = ("chat.postMessage", "chat.postEphemeral", "chat.update", "chat.scheduleMessage")
VIEWS = ("views.open", "views.publish", "views.update", "views.push")
MAX_MESSAGE_BLOCKS, MAX_VIEW_BLOCKS, MAX_TEXT = 50, 100, 40_000
#: Where slack_sdk's own modules are (a warning from there is about the payload).
SDK = Path(slack_sdk.__file__).parent


def violations(method: str, params: dict[str, Any]) -> list[str]:
    """Why Slack would refuse this call's blocks or view (empty: it would take them)."""
    if method in MESSAGES:
        blocks = _decoded(params.get("blocks")) or []
        found = _blocks(blocks, MAX_MESSAGE_BLOCKS)
        if len(str(params.get("text") or "")) > MAX_TEXT:
            found.append(f"text over {MAX_TEXT} characters")
        return [f"{method}: {problem}" for problem in found]
    if method in VIEWS:
        view = _decoded(params.get("view")) or {}
        found = _model(lambda: View(**view).validate_json())
        if not found:  # the blocks' own fields are checked block by block below
            dropped = _dropped(view, View(**view).to_dict(), "view")
            found += [p for p in dropped if not p.startswith("unknown field view.blocks")]
        found += _blocks(view.get("blocks") or [], MAX_VIEW_BLOCKS)
        return [f"{method}: {problem}" for problem in found]
    return []


def _decoded(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) and value else value


def _model(check: Any) -> list[str]:
    """slack_sdk's own verdict, its warnings counted as errors (only its own: whatever else
    warns meanwhile, in this thread or another, such as a garbage-collected event loop's
    ResourceWarning, is not about the payload)."""
    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")
        try:
            check()
        except Exception as refused:  # SlackObjectFormationError and the like
            return [f"{type(refused).__name__}: {refused}"]
    return [f"warning: {w.message}" for w in warned if f"{SDK}" in w.filename]


def _dropped(sent: Any, parsed: Any, path: str) -> list[str]:
    """The fields of `sent` that the model's own dict of it no longer has: unknown to it."""
    if isinstance(sent, dict) and isinstance(parsed, dict):
        found = [f"unknown field {path}.{key}" for key in sent if key not in parsed]
        for key in sent.keys() & parsed.keys():
            found += _dropped(sent[key], parsed[key], f"{path}.{key}")
        return found
    if isinstance(sent, list) and isinstance(parsed, list):
        pairs = enumerate(zip(sent, parsed, strict=False))
        return [p for i, (a, b) in pairs for p in _dropped(a, b, f"{path}[{i}]")]
    return []


def _block(block: dict[str, Any]) -> list[str]:
    parsed = Block.parse(block)
    if parsed is None:
        return [f"unknown block type {block.get('type')!r}"]
    found = _model(parsed.validate_json)
    return found or _dropped(block, parsed.to_dict(), str(block.get("type")))


def _blocks(blocks: list[dict[str, Any]], limit: int) -> list[str]:
    found = [f"{len(blocks)} blocks (at most {limit})"] if len(blocks) > limit else []
    for block in blocks:
        found += _block(block)
        ids = Counter(_action_ids(block))
        found += [f"action_id {a!r} twice in one block" for a, n in ids.items() if n > 1]
    block_ids = Counter(b["block_id"] for b in blocks if b.get("block_id"))
    found += [f"block_id {b!r} twice" for b, n in block_ids.items() if n > 1]
    return found


def _action_ids(block: dict[str, Any]) -> list[str]:
    elements = list(block.get("elements") or [])
    for key in ("accessory", "element"):
        if isinstance(block.get(key), dict):
            elements.append(block[key])
    return [str(e["action_id"]) for e in elements if isinstance(e, dict) and e.get("action_id")]
