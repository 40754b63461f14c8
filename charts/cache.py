"""Rendered charts cached by a content hash of kind, data, language and renderer version.

The same data in the same language gives the same key, so a chart that is
posted again (a reminder, a second channel, a restart with a disk cache) is
not drawn again. An in-process LRU holds the latest charts; an optional
directory keeps them across restarts (one `<key>.png` and one `<key>.json`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from charts.render import RENDERER_VERSION, ChartData, RenderedChart, kind_of, render


def _canonical(value: Any) -> Any:
    """A JSON-able form that is equal exactly when the values are equal.

    Fields left out of equality (`compare=False`: the citizens behind a cell) are left
    out here too, so no pseudonym goes into a key or a file name."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {
            f.name: _canonical(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.compare
        }
        return {"__type__": type(value).__name__, **fields}
    if isinstance(value, Enum):
        return _canonical(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    return value


def content_key(data: ChartData, lang: str, version: str = RENDERER_VERSION) -> str:
    payload = {
        "kind": kind_of(data),
        "lang": lang,
        "version": version,
        "data": _canonical(data),
    }
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


class ChartCache:
    """LRU of rendered charts, optionally backed by a directory.

    `renderer` is what draws on a miss (the real `render` unless a test counts calls).
    """

    def __init__(
        self,
        maxsize: int = 64,
        directory: Path | str | None = None,
        renderer: Callable[[ChartData, str], RenderedChart] = render,
    ) -> None:
        self.maxsize = maxsize
        self.directory = Path(directory) if directory is not None else None
        self.renderer = renderer
        self._charts: OrderedDict[str, RenderedChart] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, data: ChartData, lang: str = "da") -> RenderedChart:
        key = content_key(data, lang)
        chart = self._charts.get(key)
        if chart is not None:
            self._charts.move_to_end(key)
            self.hits += 1
            return chart
        chart = self._load(key)
        if chart is None:
            self.misses += 1
            chart = self.renderer(data, lang)
            self._store(key, chart)
        else:
            self.hits += 1
        self._remember(key, chart)
        return chart

    def __len__(self) -> int:
        return len(self._charts)

    def _remember(self, key: str, chart: RenderedChart) -> None:
        self._charts[key] = chart
        self._charts.move_to_end(key)
        while len(self._charts) > self.maxsize:
            self._charts.popitem(last=False)

    def _load(self, key: str) -> RenderedChart | None:
        if self.directory is None:
            return None
        png, meta = self.directory / f"{key}.png", self.directory / f"{key}.json"
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
            return RenderedChart(info["kind"], png.read_bytes(), info["alt_text"], info["caption"])
        except (OSError, ValueError, KeyError):
            return None

    def _store(self, key: str, chart: RenderedChart) -> None:
        if self.directory is None:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        info = {"kind": chart.kind, "alt_text": chart.alt_text, "caption": chart.caption}
        _write_atomically(self.directory / f"{key}.png", chart.png)
        _write_atomically(
            self.directory / f"{key}.json", json.dumps(info, ensure_ascii=False).encode("utf-8")
        )


def _write_atomically(path: Path, content: bytes) -> None:
    temporary = path.with_suffix(path.suffix + f".{os.getpid()}.tmp")
    temporary.write_bytes(content)
    temporary.replace(path)


_DEFAULT = ChartCache()


def render_cached(
    data: ChartData, lang: str = "da", cache: ChartCache | None = None
) -> RenderedChart:
    """Render through a cache (the process-wide one unless given)."""
    return (cache or _DEFAULT).get(data, lang)
