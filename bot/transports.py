"""How the process's own outputs reach a platform: one transport per platform, one registry.

The time-box ticker and the reminder job have no request to answer; their outputs go
to whichever platform the group meets on. A group's platform is its workspace's kind
(`slack:T0123` -> "slack", `teams:<tenant>` -> "teams", "" -> "console"); an output
finds its group from its audience (`ToChannel`), else the group it is sent for (a
reminder's), else its meeting, else the groups its member belongs to.

The contract every transport keeps: `send` returns only once the platform accepted the
output, raises `DeliveryFailed` when trying again later may work (rate limits, 5xx,
timeouts, dropped connections) and `Undeliverable` when it will not (the channel is
gone, the bot is not in it, the account is inactive; the leader is told where the
platform allows). An output for a platform no transport serves in this process raises
`NoTransport`. The reminder job retries the first and the last with its back-off and
gives up on the second at once; nothing is marked sent that did not go out.

Lookups run as flows queries through the dispatcher's `query` (worker threads).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from flows.model import Group
from flows.outputs import Output, ToChannel
from flows.queries import get_group, list_groups, meeting_with_previous

if TYPE_CHECKING:
    from bot.console.render import ConsoleTransport

log = logging.getLogger(__name__)

CONSOLE = "console"
SLACK = "slack"
TEAMS = "teams"

#: A flows query run in a worker thread with a fresh unit of work (`Dispatcher.query`).
Query = Callable[..., Awaitable[Any]]
Deliver = Callable[[Output], Awaitable[None]]


class DeliveryFailed(Exception):
    """The platform did not take the output this time; sending again later may work."""


class Undeliverable(Exception):
    """The platform refused the output for good (sending it again will not help)."""


class NoTransport(LookupError):
    """No transport in this process serves the platform the output is for."""

    def __init__(self, kind: str, why: str = "") -> None:
        self.kind = kind
        super().__init__(why or f"no {kind} transport in this process")


def kind_of(group: Group) -> str:
    """The platform a group meets on: its workspace's prefix, "console" for none."""
    return group.workspace.split(":", 1)[0] if group.workspace else CONSOLE


class Transport(Protocol):
    """One platform's way to send the process's own outputs."""

    @property
    def kind(self) -> str:
        """ "slack", "teams" or "console": the groups whose workspace has this kind."""
        ...

    async def send(self, output: Output, group: Group) -> None:
        """Send `output` for `group`; returns once the platform accepted it.

        Raises `DeliveryFailed` (retryable) or `Undeliverable` (permanent)."""
        ...


@dataclass
class TransportRegistry:
    """The transports this process runs, found for an output by its group's platform."""

    query: Query
    transports: dict[str, Transport] = field(default_factory=dict)

    def add(self, transport: Transport) -> TransportRegistry:
        self.transports[transport.kind] = transport
        return self

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(self.transports)

    def serves(self, kind: str) -> bool:
        return kind in self.transports

    async def group_of(self, output: Output, group_id: int | None = None) -> Group:
        """The group `output` is for: its channel's, else `group_id`'s (the group it is
        sent for), else its meeting's, else a group its member belongs to."""
        to = output.to
        if isinstance(to, ToChannel):
            return await self.query(get_group, to.group_id)
        if group_id is not None:
            return await self.query(get_group, group_id)
        meeting_id = getattr(output, "meeting_id", None)
        if meeting_id:
            meeting, _ = await self.query(meeting_with_previous, meeting_id)
            return await self.query(get_group, meeting.group_id)
        mine = [g for g in await self.query(list_groups) if g.member(to.user_id)]
        served = [g for g in mine if self.serves(kind_of(g))]
        if served or mine:
            return (served or mine)[0]
        raise NoTransport("", f"{type(output).__name__} for a member of no group")

    async def transport_for(
        self, output: Output, group_id: int | None = None
    ) -> tuple[Transport, Group]:
        group = await self.group_of(output, group_id)
        transport = self.transports.get(kind_of(group))
        if transport is None:
            raise NoTransport(kind_of(group))
        return transport, group

    async def send(self, output: Output, group_id: int | None = None) -> None:
        """Send through the group's transport; raises `DeliveryFailed`, `Undeliverable`,
        `NoTransport` (and whatever a lookup raises) when it did not go out."""
        transport, group = await self.transport_for(output, group_id)
        await transport.send(output, group)

    def for_group(self, group_id: int) -> Deliver:
        """Send outputs produced for one group (a reminder's): members are found there."""

        async def deliver(output: Output) -> None:
            await self.send(output, group_id)

        return deliver

    async def deliver(self, output: Output) -> None:
        """Send, or log why not (the time-box ticker: nothing to retry, nothing to stop)."""
        try:
            await self.send(output)
        except (DeliveryFailed, Undeliverable, NoTransport) as exc:
            log.warning("%s not delivered: %s: %s", type(output).__name__, type(exc).__name__, exc)
        except Exception:
            log.exception("%s not delivered", type(output).__name__)

    async def serves_meeting(self, meeting_id: int) -> bool:
        """Whether this process serves the platform the meeting's group meets on."""
        meeting, _ = await self.query(meeting_with_previous, meeting_id)
        group = await self.query(get_group, meeting.group_id)
        return self.serves(kind_of(group))


@dataclass
class ConsolePrinter:
    """The console as a transport: console groups' reminders and time-boxes, printed."""

    printer: ConsoleTransport
    kind: str = CONSOLE

    async def send(self, output: Output, group: Group) -> None:
        self.printer.groups.setdefault(group.id or 0, group)  # names in the labels
        await self.printer.deliver(output)


__all__ = [
    "CONSOLE",
    "SLACK",
    "TEAMS",
    "ConsolePrinter",
    "DeliveryFailed",
    "NoTransport",
    "Transport",
    "TransportRegistry",
    "Undeliverable",
    "kind_of",
]
