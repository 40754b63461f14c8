"""Alt texts that fit: at most 250 characters (Teams cuts there), the numbers kept whole.

`charts.captions` writes an alt text that lists every number: "{title}. {what kind of
chart}: {item}; {item}; ...". When that is too long, the fit is, in turn:

1. the same without the words naming the kind of chart, if that is enough;
2. the title, the kind and as many items as fit (an item saying a cell is hidden
   first), then "and N more in the caption" —
   and the caption gets every item ("The figure's numbers: ..."), right after its
   "how to read" opening (what stands out and the caveats stay last).

The list is found by rendering the kind's alt template around markers, so this
follows whatever the catalogue says; an alt text of an unknown shape is cut hard,
with its full text added to the caption.
"""

from __future__ import annotations

import re
from typing import Any

from charts.style import text

ALT_LIMIT = 250
SEPARATOR = "; "
_TITLE, _ITEMS = "\x01", "\x02"
ELLIPSIS = "…"

#: Per chart kind: its alt text's catalogue key and the key's list parameter.
LISTS = {
    "target_group": ("chart.target_group.alt", "cells"),
    "goal_attainment": ("chart.goal_attainment.alt", "bars"),
    "progression": ("chart.progression.alt", "lines"),
    "what_works": ("chart.what_works.alt", "cells"),
    "votes": ("chart.votes.alt", "items"),
}


def _parts(kind: str, alt: str, lang: str) -> tuple[str, str, str, str] | None:
    """(title, kind words, items, tail) of `alt`, or None if it is not of the kind's shape."""
    if kind not in LISTS:
        return None
    key, items = LISTS[kind]
    params = {items: _ITEMS, "title": _TITLE}
    pattern = text(key, lang, **params)
    if pattern.count(_ITEMS) != 1 or pattern.count(_TITLE) > 1:
        return None
    before, tail = pattern.split(_ITEMS)
    title_at = before.find(_TITLE)
    words = before[title_at + 1 :] if title_at >= 0 else before
    lead = before[:title_at] if title_at >= 0 else ""
    if not (alt.startswith(lead) and alt.endswith(tail)):
        return None
    at = alt.find(words, len(lead))
    if at < 0:
        return None
    return alt[len(lead) : at], words, alt[at + len(words) : len(alt) - len(tail)], tail


#: Alt-text items saying a cell is hidden: for small counts, or so that charts sent
#: together give no one away (that text may not exist in every catalogue).
HIDDEN_KEYS = ("chart.alt.hidden",)


def _hidden(lang: str) -> re.Pattern[str]:
    """Matches an item that says a cell is hidden."""
    patterns = []
    for key in HIDDEN_KEYS:
        try:
            marked = text(key, lang, label=_TITLE, min=_ITEMS)
        except KeyError:
            continue
        patterns.append(re.escape(marked).replace(_TITLE, ".*").replace(_ITEMS, r"\d+"))
    return re.compile("|".join(patterns) or "(?!)")


def _compose(head: str, items: list[str], chosen: set[int], tail: str, lang: str) -> str:
    shown = [items[i] for i in sorted(chosen)]
    if len(chosen) < len(items):
        shown.append(text("chart.alt.more", lang, count=len(items) - len(chosen)))
    return head + SEPARATOR.join(shown) + tail


def _some_items(head: str, items: list[str], tail: str, lang: str) -> str:
    """`head`, as many of `items` as fit (those saying a cell is hidden first, so a
    gap is never unexplained), in their order, and how many more the caption has."""
    hidden = _hidden(lang)
    first = [i for i, item in enumerate(items) if hidden.search(item)]
    chosen: set[int] = set()
    for i in first + [i for i in range(len(items)) if i not in first]:
        if len(_compose(head, items, chosen | {i}, tail, lang)) <= ALT_LIMIT:
            chosen.add(i)
    if not chosen and items:
        return _start_of_first(head, items, tail, lang)
    return _cut(_compose(head, items, chosen, tail, lang))


def _start_of_first(head: str, items: list[str], tail: str, lang: str) -> str:
    """No item fits whole (a line with all its points): the start of the first one."""
    pieces = items[0].split(", ")
    more = [text("chart.alt.more", lang, count=len(items) - 1)] if len(items) > 1 else []
    for shown in range(len(pieces) - 1, 0, -1):
        alt = head + SEPARATOR.join([", ".join(pieces[:shown]) + ELLIPSIS, *more]) + tail
        if len(alt) <= ALT_LIMIT:
            return alt
    return _cut(head + SEPARATOR.join(more or [items[0]]) + tail)


def _cut(alt: str) -> str:
    return alt if len(alt) <= ALT_LIMIT else alt[: ALT_LIMIT - 1].rstrip() + ELLIPSIS


def _how(kind: str, data: Any, lang: str) -> str | None:
    """The caption's opening "how to read this figure", as `charts.captions` writes it."""
    if kind == "target_group":
        return text("chart.target_group.how", lang, parameter=data.parameter)
    if kind == "what_works":
        by = text(f"chart.by.{data.by}", lang)
        return text("chart.what_works.how", lang, parameter=data.parameter, by=by)
    if kind == "progression" and data.citizen is not None:
        return text("chart.progression.how_citizen", lang, citizen=data.citizen)
    if kind == "progression":
        return text("chart.progression.how_group", lang)
    if kind in ("goal_attainment", "votes"):
        return text(f"chart.{kind}.how", lang)
    return None


def _with_numbers(kind: str, data: Any, caption: str, numbers: str, lang: str) -> str:
    how = _how(kind, data, lang)
    if how and caption.startswith(how):
        return f"{how} {numbers}{caption[len(how) :]}"
    return f"{caption} {numbers}"


def fit(kind: str, data: Any, alt: str, caption: str, lang: str) -> tuple[str, str]:
    """The alt text within ALT_LIMIT characters, and the caption with what it left out."""
    if len(alt) <= ALT_LIMIT:
        return alt, caption
    parts = _parts(kind, alt, lang)
    if parts is None:
        return _cut(alt), f"{caption} {alt}"
    title, words, listed, tail = parts
    if title:
        plain = f"{title}. {listed}{tail}"
        if len(plain) <= ALT_LIMIT:
            return plain, caption
    numbers = text("chart.caption.numbers", lang, items=listed)
    short = _some_items(title + words, listed.split(SEPARATOR), tail, lang)
    return short, _with_numbers(kind, data, caption, numbers, lang)
