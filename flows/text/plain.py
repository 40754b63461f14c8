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
from flows.text.render import format_datetime, render


def _say(o: Say | MeetingClosed, lang: str, tz: str) -> str:
    return render(o.text, lang, tz)


def _list(o: ListItems | ThemeList, lang: str, tz: str) -> str:
    lines = [render(o.heading, lang, tz)]
    if o.items:
        lines += [f"  {render(item, lang, tz)}" for item in o.items]
    elif o.empty is not None:
        lines.append(f"  {render(o.empty, lang, tz)}")
    return "\n".join(lines)


def _step(o: StepStarted, lang: str, tz: str) -> str:
    lines = [render(o.title, lang, tz)]
    lines += [f"  ? {render(q, lang, tz)}" for q in o.questions]
    if o.deadline is not None:
        until = format_datetime(o.deadline, lang, tz)
        lines.append(f"  ⏱ → {until}")
    return "\n".join(lines)


def _ask(o: AskPreparation, lang: str, tz: str) -> str:
    lines = [render(o.intro, lang, tz)]
    lines += [f"  ? {render(q, lang, tz)}" for q in o.questions]
    for kind in o.fields:
        name = render(Text(f"PointKind.{kind.value}"), lang, tz)
        current = o.current.get(kind)
        lines.append(f"  [{name}] {current}" if current else f"  [{name}] …")
    return "\n".join(lines)


def _choices(o: ShowChoices, lang: str, tz: str) -> str:
    options = " / ".join(f"[{render(choice.label, lang, tz)}]" for choice in o.choices)
    return f"{render(o.text, lang, tz)} {options}"


def _chart(o: RequestChart, lang: str, tz: str) -> str:
    return f"[chart: {o.kind}]"


def _shown_chart(o: ShowChart, lang: str, tz: str) -> str:
    return f"[{o.title}]\n{o.caption}"


def _invite(o: CalendarInvite, lang: str, tz: str) -> str:
    return render(o.text, lang, tz)


def _refusal(o: Refusal, lang: str, tz: str) -> str:
    return render(o.text, lang, tz)


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


def plain(output: Output, lang: str = "da", tz: str = "Europe/Copenhagen") -> str:
    return _RENDERERS[type(output)](output, lang, tz)
