"""Danish texts for charts: axis labels, legends, alt texts and "how to read" captions."""

from __future__ import annotations

from flows.text.base import Entry

CATALOGUE: dict[str, Entry] = {}
