"""Plain-text form of every output: used by the console, transcripts and chat fallbacks."""

from __future__ import annotations

from collections.abc import Callable

from flows.outputs import (
    AskPreparation,
    CalendarInvite,
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
)
from flows.text.render import Extra, format_datetime, render


def _say(o: Say | MeetingClosed, lang: str, tz: str, extra: Extra | None) -> str:
    return render(o.text, lang, tz, extra)


def _list(o: ListItems | ThemeList, lang: str, tz: str, extra: Extra | None) -> str:
    lines = [render(o.heading, lang, tz, extra)]
    if o.items:
        lines += [f"  {render(item, lang, tz, extra)}" for item in o.items]
    elif o.empty is not None:
        lines.append(f"  {render(o.empty, lang, tz, extra)}")
    return "\n".join(lines)


def _step(o: StepStarted, lang: str, tz: str, extra: Extra | None) -> str:
    lines = [render(o.title, lang, tz, extra)]
    lines += [f"  ? {render(q, lang, tz, extra)}" for q in o.questions]
    if o.deadline is not None:
        until = format_datetime(o.deadline, lang, tz)
        lines.append(f"  ⏱ → {until}")
    return "\n".join(lines)


def _ask(o: AskPreparation, lang: str, tz: str, extra: Extra | None) -> str:
    lines = [render(o.intro, lang, tz, extra)]
    lines += [f"  ? {render(q, lang, tz, extra)}" for q in o.questions]
    for kind in o.fields:
        name = render(Text(f"PointKind.{kind.value}"), lang, tz, extra)
        current = o.current.get(kind)
        lines.append(f"  [{name}] {current}" if current else f"  [{name}] …")
    return "\n".join(lines)


def _choices(o: ShowChoices, lang: str, tz: str, extra: Extra | None) -> str:
    options = " / ".join(f"[{render(choice.label, lang, tz, extra)}]" for choice in o.choices)
    return f"{render(o.text, lang, tz, extra)} {options}"


def _chart(o: RequestChart, lang: str, tz: str, extra: Extra | None) -> str:
    return f"[chart: {o.kind}]"


def _shown_chart(o: ShowChart, lang: str, tz: str, extra: Extra | None) -> str:
    return f"[{o.title}]\n{o.caption}"


def _invite(o: CalendarInvite, lang: str, tz: str, extra: Extra | None) -> str:
    return render(o.text, lang, tz, extra)


def _refusal(o: Refusal, lang: str, tz: str, extra: Extra | None) -> str:
    return render(o.text, lang, tz, extra)


_RENDERERS: dict[type, Callable[..., str]] = {
    Say: _say,
    MeetingClosed: _say,
    ListItems: _list,
    ThemeList: _list,
    StepStarted: _step,
    AskPreparation: _ask,
    ShowChoices: _choices,
    RequestChart: _chart,
    ShowChart: _shown_chart,
    CalendarInvite: _invite,
    Refusal: _refusal,
}


def plain(
    output: Output, lang: str = "da", tz: str = "Europe/Copenhagen", extra: Extra | None = None
) -> str:
    """`output` as plain text; `extra` is the adapter's catalogue (see `render`)."""
    return _RENDERERS[type(output)](output, lang, tz, extra)
