"""Flow outputs -> the terminal: one lookup table from output type to a rich renderable.

User-written text is always wrapped in `rich.text.Text`, never parsed as markup,
so "[bold]" or "<!channel>" in a point is shown exactly as typed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console, RenderableType
from rich.panel import Panel
from rich.text import Text as RichText

from bot.console import text_da, text_en
from bot.console.commands import POINT_VERBS, affordance_verbs
from flows.commands import MeetingCommand
from flows.errors import InvalidInput
from flows.model import Group
from flows.outputs import (
    AskPreparation,
    Audience,
    CalendarInvite,
    Choice,
    ListItems,
    MeetingClosed,
    Output,
    Refusal,
    RequestChart,
    Say,
    ShowChart,
    ShowChoices,
    StepStarted,
    Text,
    ThemeList,
    ToActor,
    ToChannel,
    ToUser,
    t,
)
from flows.rules import PICKS_TIME
from flows.text.plain import plain
from flows.text.render import Extra, render

#: The console's own texts (also the command line's), layered over the flows' catalogue.
TEXTS: Extra = {"da": text_da.CATALOGUE, "en": text_en.CATALOGUE}


@dataclass
class ConsoleTransport:
    """Prints outputs readably and keeps a plain transcript (for the demo and tests)."""

    console: Console
    lang: str = "da"
    tz: str = "Europe/Copenhagen"
    groups: dict[int, Group] = field(default_factory=dict)
    transcript: list[str] = field(default_factory=list)
    chart_dir: Path = field(default_factory=lambda: Path("datadialog-charts"))
    invite_dir: Path | None = None  # where calendar invitations (.ics) are written
    buttons: list[MeetingCommand] = field(default_factory=list)  # every button shown, by number

    def text(self, text: Text) -> str:
        """A catalogue text in the reader's language, the console's own texts included."""
        return render(text, self.lang, self.tz, TEXTS)

    def label(self, to: Audience) -> str:
        if isinstance(to, ToChannel):
            group = self.groups.get(to.group_id)
            name = (group.channel or group.name) if group else str(to.group_id)
            return self.text(t("console.label.channel", name=name))
        name = self._member_name(to.user_id)
        key = "console.label.dm" if isinstance(to, ToUser) else "console.label.only_you"
        return self.text(t(key, name=name))

    def _member_name(self, user_id: str) -> str:
        for group in self.groups.values():
            if group.member(user_id):
                return group.name_of(user_id)
        return user_id

    async def deliver(self, output: Output) -> None:
        label = self.label(output.to)
        body = plain(output, self.lang, self.tz, TEXTS)
        if isinstance(output, ShowChart):
            body += "\n" + self.text(t("console.chart_saved", path=str(self._save(output))))
        self.transcript.append(f"{label}: {body}")
        self.console.print(_RENDERERS[type(output)](label, body, output))
        hints = [*self._buttons(output), *self._verbs(output)]
        if hints:
            self.console.print(RichText("  " + "  ".join(hints), style="dim"))
        if isinstance(output, CalendarInvite) and self.invite_dir is not None:
            from bot.calendar_invite import write_invite

            path = write_invite(output, self.invite_dir, self.lang)
            name = self._member_name(output.to.user_id)
            self.note(self.text(t("console.invite_written", name=name, path=path)))

    def _buttons(self, output: Output) -> list[str]:
        """The output's buttons, numbered for the whole session: "/7" presses button 7.

        A terminal cannot click, so each button gets a number that is never reused; the
        command behind it is kept whole, so pressing an old one is as harmless as in chat."""
        shown = []
        for choice in choices_of(output):
            if type(choice.command) in PICKS_TIME:  # a terminal types the time instead
                typed = self.text(Text("console.help.move")).split(": ", 1)[0]
                shown.append(f"[{typed}]")
                continue
            self.buttons.append(choice.command)
            label = self.text(choice.label)
            shown.append(f"[/{len(self.buttons)} {label}]")
        return shown

    def _verbs(self, output: Output) -> list[str]:
        """What may be contributed now, as the verbs to type (a preparation request: its points)."""
        verbs = affordance_verbs(getattr(output, "affordances", ()))
        if isinstance(output, AskPreparation):
            verbs += [POINT_VERBS[kind] for kind in output.fields]
        helps = [self.text(Text(f"console.help.{v}")) for v in verbs]
        return [line.split(":", 1)[0] for line in helps]  # "/obs TEXT", without the explanation

    def pressed(self, number: int) -> MeetingCommand:
        """The command behind button `number` (see `_buttons`)."""
        if not 1 <= number <= len(self.buttons):
            raise InvalidInput("error.bad_button")
        return self.buttons[number - 1]

    def _save(self, chart: ShowChart) -> Path:
        """Write the chart's PNG where a terminal user can open it."""
        self.chart_dir.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(chart.png).hexdigest()[:10]
        path = self.chart_dir / f"{chart.kind}-{digest}.png"  # the same chart is saved once
        if not path.exists():
            path.write_bytes(chart.png)
        return path

    def note(self, text: str) -> None:
        """A line from the console itself (not from the bot)."""
        self.transcript.append(f"({text})")
        self.console.print(RichText(text, style="dim"))


def _labelled(label: str, body: str, style: str) -> RenderableType:
    return RichText.assemble((label, style), " ", body)


#: A first line longer than this is shown in the panel, not cut off in its border.
PANEL_TITLE_MAX = 60


def _panel(style: str) -> Callable[[str, str, Output], RenderableType]:
    def draw(label: str, body: str, output: Output) -> RenderableType:
        title, _, rest = body.partition("\n")
        if len(title) > PANEL_TITLE_MAX:
            text = RichText.assemble((title, "bold"), "\n", rest)
            return Panel(text, title=RichText(label), border_style=style, title_align="left")
        return Panel(
            RichText(rest),
            title=RichText(title, style="bold"),
            subtitle=RichText(label),
            border_style=style,
            title_align="left",
        )

    return draw


def _say(label: str, body: str, output: Output) -> RenderableType:
    style = (
        "bold cyan"
        if isinstance(output.to, ToChannel)
        else ("magenta" if isinstance(output.to, ToUser) else "yellow")
    )
    return _labelled(label, body, style)


def _list(label: str, body: str, output: Output) -> RenderableType:
    heading, _, rest = body.partition("\n")
    text = RichText.assemble((label, "bold cyan"), " ", (heading, "bold"))
    if rest:
        text.append("\n" + rest)
    return text


def _refusal(label: str, body: str, output: Output) -> RenderableType:
    return RichText.assemble((label, "yellow"), " ", (body, "red"))


def choices_of(output: Output) -> tuple[Choice, ...]:
    """The buttons an output carries."""
    if isinstance(output, StepStarted):
        return output.controls
    if isinstance(output, ShowChoices):
        return output.choices
    if isinstance(output, ThemeList):
        return output.votes
    return ()


_RENDERERS: dict[type, Callable[[str, str, Output], RenderableType]] = {
    Say: _say,
    MeetingClosed: _say,
    ListItems: _list,
    ThemeList: _list,
    StepStarted: _panel("green"),
    AskPreparation: _panel("magenta"),
    ShowChoices: _say,
    RequestChart: _say,
    ShowChart: _say,
    CalendarInvite: _say,
    Refusal: _refusal,
}

__all__ = ["ConsoleTransport", "ToActor"]
