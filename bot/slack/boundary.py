"""Slack's side of the workspace boundary (issue 16), and a modal that could not open.

Every request is matched to its workspace before anything else: `SameWorkspace`, a
Bolt middleware after Bolt's authorisation, lets a request through only when its team
id (and its enterprise id, where Slack sends one) is the installation's that answers it.
With one bot token that is the token's own workspace (`auth.test`); with OAuth Bolt has
already found the installation by both ids. Anything else is acknowledged and dropped:
no inbox row, no lookup, no answer. The request's work then runs
`bot.boundaries.request_from` its workspace ("slack:<team id>"), so a button, a modal or a
command naming another workspace's meeting or group is answered as one that does not
exist and changes nothing (`bot.boundaries`).

A modal opens only with the trigger of the press that asked for it, valid for three
seconds; when `views.open` refuses it (the press waited too long behind others), the
person is told to press again (`press_again`), in the installation's language.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from slack_bolt.authorization import AuthorizeResult
from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.request.internals import extract_enterprise_id
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError

from bot.boundaries import channel_taken_elsewhere
from bot.slack.requests import team_of
from flows.errors import InvalidInput, Refused
from flows.model import Group

log = logging.getLogger(__name__)

#: What views.open answers for a trigger it will not take (expired, used, unknown).
TRIGGER_ERRORS = frozenset({"expired_trigger_id", "exchanged_trigger_id", "invalid_trigger_id"})


def enterprise_of(body: dict[str, Any]) -> str:
    """The request's enterprise (Enterprise Grid) id, "" when Slack sends none."""
    return str(extract_enterprise_id(body) or "")


def matches(
    body: dict[str, Any], installation: AuthorizeResult | None, org_wide: bool = False
) -> bool:
    """Whether the request comes from the workspace (and enterprise) of the installation
    Bolt authorised it with. An org-wide installation (Enterprise Grid) serves every
    workspace of its enterprise: there, the enterprise decides."""
    if installation is None:  # nothing to hold it against (url_verification, ssl_check)
        return True
    team, enterprise = team_of(body), enterprise_of(body)
    if not org_wide and team != str(installation.team_id or ""):
        return False
    return enterprise == str(installation.enterprise_id or "")


class SameWorkspace(AsyncMiddleware):
    """Bolt middleware: a request from another workspace than its installation's is
    acknowledged and dropped before it is kept, looked at or answered. A middleware class,
    not a function: Bolt calls it with the request as it is, without building keyword
    arguments for it on every request (a function middleware's cost, on the way to each ack)."""

    async def async_process(
        self,
        *,
        req: AsyncBoltRequest,
        resp: BoltResponse,
        next: Callable[[], Awaitable[BoltResponse]],
    ) -> BoltResponse | None:
        context = req.context
        org_wide = bool(getattr(context, "is_enterprise_install", False))
        if matches(req.body, getattr(context, "authorize_result", None), org_wide):
            return await next()
        log.warning("a Slack request from another workspace than its installation's was dropped")
        return BoltResponse(status=200, body="")


def check_setup_channel(groups: Iterable[Group], channel: str) -> None:
    """A setup form naming a channel that another workspace's group meets in is refused,
    naming no group (the channel stays that group's)."""
    if channel_taken_elsewhere(groups, channel):
        raise InvalidInput("slack.setup.channel_elsewhere")


def press_again(error: SlackApiError) -> Refused:
    """The answer to a press whose modal Slack would not open for its trigger: press again.
    Any other failure of the Web API is raised again (the request is tried again later)."""
    answer = error.response
    if answer is None or str(answer.get("error") or "") not in TRIGGER_ERRORS:
        raise error
    log.info("views.open refused the trigger (%s): asked to press again", answer.get("error"))
    return Refused("slack.press_again")
