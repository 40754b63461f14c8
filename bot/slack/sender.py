"""Deliver flow outputs to Slack through slack_sdk's AsyncWebClient.

Audience -> Slack: `ToChannel` posts in the group's channel, `ToUser` in a
direct message (conversations.open), `ToActor` and `Refusal` ephemerally in the
channel the request came from (or by direct message when it came from a DM or
a modal opened there). `ShowChart` is uploaded with files_upload_v2, its alt
text attached and its caption as the initial comment (a chart or invitation for one
person goes to their DM: a file cannot be ephemeral). `RequestChart` is the
process's business and ignored here. A `CalendarInvite` is the member's DM with the
.ics file attached. The themes and votes list is posted once per meeting step and
edited in place after that (`bot.slack.live`).

Rate limits, dropped connections and 500/503 are retried by slack_sdk's retry handlers
on the client first. Then `deliver` (answering a request) lets nothing escape: a channel
we cannot post in or a member we cannot reach is told to the group's leader; a revoked
token is logged. `send` (the process's own outputs, `bot.slack.transport`) does the same
and then raises: `DeliveryFailed` when a later try may work (HTTP 429 or 5xx, a timeout,
no connection), `Undeliverable` when Slack refused for good. Logs name the method and
Slack's error code, never a token or a message body.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import aiohttp
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.web.async_client import AsyncWebClient

from bot import inbox
from bot.calendar_invite import invite_filename, invite_ics
from bot.live import LiveMessages, is_live
from bot.slack.blocks import Style, escape, message, text_message
from bot.slack.live import post_or_update
from bot.transports import DeliveryFailed, Undeliverable
from flows.model import Group
from flows.outputs import (
    Audience,
    CalendarInvite,
    Output,
    Refusal,
    RequestChart,
    ShowChart,
    Text,
    ToActor,
    ToChannel,
    ToUser,
    t,
)

log = logging.getLogger(__name__)

#: Slack errors that mean "this channel cannot be posted in" and what the leader is told.
CHANNEL_ERRORS = {
    "not_in_channel": "slack.not_in_channel",
    "channel_not_found": "slack.channel_not_found",
    "is_archived": "slack.channel_not_found",
}
#: Slack errors that mean "this person cannot get a message".
MEMBER_ERRORS = frozenset(
    {"account_inactive", "user_not_found", "user_disabled", "cannot_dm_bot", "user_not_visible"}
)
#: Slack errors after which nothing can be said in this workspace until it is fixed.
AUTH_ERRORS = frozenset(
    {"invalid_auth", "token_revoked", "not_authed", "account_inactive", "token_expired"}
)
#: Slack errors that say "not now" rather than "never" (besides HTTP 429 and 5xx).
RETRYABLE_ERRORS = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}
)


@dataclass
class Reply:
    """One request's context: the client (the workspace's token) and where it came from."""

    client: AsyncWebClient
    channel: str = ""  # the request's channel; "" or a DM ("D...") means: answer by DM
    group: Group | None = None


GroupLookup = Callable[[int], Awaitable[Group]]


@dataclass
class SlackSender:
    style: Style
    group_lookup: GroupLookup
    #: The themes list edited in place (issue 16, `bot.slack.live`); None: posted each time.
    live: LiveMessages | None = None
    _dm: dict[str, str] = field(default_factory=dict)

    async def deliver(self, output: Output, reply: Reply) -> None:
        """Send one output answering a request. A failure for good is logged and told to the
        leader; one that may pass (after the client's own retries) raises `DeliveryFailed`
        for an output of a kept request, whose inbox row is then tried again from its
        last step (`bot.inbox`), and is logged for any other."""
        try:
            await self.send(output, reply)
        except DeliveryFailed as exc:
            if inbox.sending() is not None:
                raise
            log.warning("could not deliver %s to Slack: %s", type(output).__name__, exc)
        except Undeliverable:
            pass  # logged and told by `send`
        except Exception:
            log.exception("could not deliver %s to Slack", type(output).__name__)

    async def send(self, output: Output, reply: Reply) -> None:
        """Send one output; returns only once Slack took it.

        Raises `DeliveryFailed` when a later try may work (after the client's own
        retries) and `Undeliverable` when Slack refused for good; the leader is told
        of the latter as `deliver` does."""
        try:
            await self._send(output, reply)
        except SlackApiError as exc:
            status, code = _status(exc), _code(exc)
            if status == 429 or status >= 500 or code in RETRYABLE_ERRORS:
                raise DeliveryFailed(f"Slack answered HTTP {status}: {code}") from exc
            if not await self._failed(output, reply, exc):
                raise Undeliverable(f"Slack refused {type(output).__name__}: {code}") from exc
        except (aiohttp.ClientError, TimeoutError, SlackRequestError) as exc:
            raise DeliveryFailed(f"Slack could not be reached: {_reason(exc)}") from exc

    # Sending -------------------------------------------------------------------

    async def _send(self, output: Output, reply: Reply) -> None:
        if isinstance(output, RequestChart):
            return
        channel, user = await self._target(output.to, reply)
        if user and isinstance(output, CalendarInvite | ShowChart):  # a file is never ephemeral:
            channel, user = await self.dm_channel(reply.client, user), ""  # "only you" is a DM
        if isinstance(output, CalendarInvite):
            # The invitation's text as the comment, the .ics file attached, in the member's DM.
            await reply.client.files_upload_v2(
                channel=channel,
                content=invite_ics(output, self.style.lang),
                filename=invite_filename(output),
                title=invite_filename(output),
                initial_comment=self.style.mrkdwn(output.text),
            )
            return
        if isinstance(output, ShowChart):
            await reply.client.files_upload_v2(
                channel=channel,
                file=output.png,
                filename=f"{output.kind}.png",
                title=output.title,
                alt_txt=output.alt_text[:1000],
                initial_comment=escape(output.caption),
            )
            return
        built = message(output, self.style)
        if built is None:
            return
        if user:
            await reply.client.chat_postEphemeral(channel=channel, user=user, **built)
            return
        if self.live is not None and is_live(output):
            await post_or_update(self.live, reply.client, channel, output, built)
            return
        kept = inbox.sending()  # an output of a kept request: marked, so it is posted once
        if kept is not None:
            if kept.in_doubt and await self._posted(reply.client, channel, kept):
                return
            built["metadata"] = kept.marker()
        await reply.client.chat_postMessage(channel=channel, **built)

    async def _posted(self, client: AsyncWebClient, channel: str, kept: inbox.Sending) -> bool:
        """Whether a dead process posted this output just before it died (its marker is in
        the channel's recent messages)."""
        answer = await client.conversations_history(
            channel=channel, limit=200, include_all_metadata=True
        )
        marker = kept.marker()
        return any(m.get("metadata") == marker for m in answer.get("messages") or [])

    async def _target(self, to: Audience, reply: Reply) -> tuple[str, str]:
        """(channel, user): user set means ephemeral to that user in that channel."""
        if isinstance(to, ToChannel):
            return (await self._group(to.group_id, reply)).channel, ""
        if isinstance(to, ToActor) and reply.channel and not reply.channel.startswith("D"):
            return reply.channel, to.user_id
        return await self.dm_channel(reply.client, to.user_id), ""

    async def dm_channel(self, client: AsyncWebClient, user_id: str) -> str:
        if user_id not in self._dm:
            opened = await client.conversations_open(users=user_id)
            self._dm[user_id] = opened["channel"]["id"]
        return self._dm[user_id]

    async def _group(self, group_id: int, reply: Reply) -> Group:
        if reply.group is not None and reply.group.id == group_id:
            return reply.group
        return await self.group_lookup(group_id)

    async def say(self, reply: Reply, user_id: str, text: Text) -> None:
        """Tell one person something the adapter itself says (help, setup problems)."""
        built = text_message(self.style, text)
        try:
            if reply.channel and not reply.channel.startswith("D"):
                await reply.client.chat_postEphemeral(channel=reply.channel, user=user_id, **built)
            else:
                channel = await self.dm_channel(reply.client, user_id)
                await reply.client.chat_postMessage(channel=channel, **built)
        except Exception as exc:
            _log_failure("say", exc)

    # Failures ---------------------------------------------------------------

    async def _failed(self, output: Output, reply: Reply, exc: SlackApiError) -> bool:
        """Tell whoever can be told; True when the output went out another way."""
        code = _code(exc)
        log.warning("Slack refused %s: %s", type(output).__name__, code)
        to = output.to
        if isinstance(to, ToActor) and code in CHANNEL_ERRORS:
            # Cannot answer in that channel (e.g. a setup form naming a channel the bot is
            # not in): answer in a direct message instead, and say why.
            return await self._dm_instead(output, reply, code)
        if code in AUTH_ERRORS and not isinstance(to, ToUser):
            return False  # the token itself is broken: there is no one we can tell through it
        group = reply.group
        if isinstance(to, ToChannel):
            try:
                group = await self._group(to.group_id, reply)
            except Exception:
                return False
        if group is None:
            return False
        if isinstance(to, ToChannel) and code in CHANNEL_ERRORS:
            note = t(CHANNEL_ERRORS[code], channel=group.channel)
        elif isinstance(to, ToUser) and code in MEMBER_ERRORS:
            note = t("slack.member_unreachable", name=group.name_of(to.user_id))
        elif isinstance(output, Refusal) or isinstance(to, ToActor):
            return False
        else:
            note = t("slack.failed", error=code)
        await self._tell_leader(group, reply, note)
        return False

    async def _dm_instead(self, output: Output, reply: Reply, code: str) -> bool:
        try:
            channel = await self.dm_channel(reply.client, output.to.user_id)
            built = message(output, self.style)
            if built is not None:
                await reply.client.chat_postMessage(channel=channel, **built)
            note = text_message(self.style, t(CHANNEL_ERRORS[code], channel=reply.channel))
            await reply.client.chat_postMessage(channel=channel, **note)
        except Exception as exc:
            _log_failure("answer by direct message", exc)
            return False
        return True

    async def _tell_leader(self, group: Group, reply: Reply, note: Text) -> None:
        try:
            channel = await self.dm_channel(reply.client, group.leader.user_id)
            await reply.client.chat_postMessage(channel=channel, **text_message(self.style, note))
        except Exception as exc:
            _log_failure("tell the leader", exc)


def _code(exc: SlackApiError) -> str:
    """Slack's error code (e.g. `not_in_channel`); "unknown" when the body was not JSON."""
    response = exc.response
    return str(response.get("error", "unknown")) if hasattr(response, "get") else "unknown"


def _status(exc: SlackApiError) -> int:
    response = exc.response
    status = getattr(response, "status_code", None) or getattr(response, "status", None)
    return status if isinstance(status, int) else 200


def _reason(exc: Exception) -> str:
    """Why a call did not go through, for logs and `last_error` (never a URL or a body)."""
    if isinstance(exc, TimeoutError):
        return "TimeoutError (no answer in time)"
    return type(exc).__name__


def _log_failure(what: str, exc: Exception) -> None:
    if isinstance(exc, SlackApiError):
        log.warning("Slack refused to %s: %s", what, _code(exc))
    else:
        log.warning("could not %s: %s", what, type(exc).__name__)
