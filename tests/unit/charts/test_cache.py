"""The chart cache: keyed by content, a hit never re-renders, optional disk copy, LRU."""

from __future__ import annotations

from pathlib import Path

from charts import ChartCache, RenderedChart, content_key, render, render_cached, theme_votes
from charts.render import RENDERER_VERSION


class CountingRenderer:
    """Stands in for `render` and counts how often the cache asks it to draw."""

    def __init__(self) -> None:
        self.calls: list[tuple[object, str]] = []

    def __call__(self, data, lang: str) -> RenderedChart:
        self.calls.append((data, lang))
        return RenderedChart("votes", b"png-%d" % len(self.calls), "alt", "caption")


def votes(*items: tuple[str, int]):
    return theme_votes(items or (("Frafald", 2), ("Samtaler", 5)))


def test_a_hit_does_not_render_again() -> None:
    renderer = CountingRenderer()
    cache = ChartCache(renderer=renderer)

    first = cache.get(votes(), "da")
    again = cache.get(votes(), "da")  # equal data, built anew

    assert again is first
    assert len(renderer.calls) == 1
    assert (cache.hits, cache.misses) == (1, 1)


def test_language_and_content_are_part_of_the_key() -> None:
    renderer = CountingRenderer()
    cache = ChartCache(renderer=renderer)

    cache.get(votes(), "da")
    cache.get(votes(), "en")
    cache.get(votes(("Frafald", 3), ("Samtaler", 5)), "da")

    assert len(renderer.calls) == 3
    assert content_key(votes(), "da") != content_key(votes(), "en")
    assert content_key(votes(), "da") == content_key(votes(), "da")


def test_least_recently_used_chart_is_dropped_first() -> None:
    renderer = CountingRenderer()
    cache = ChartCache(maxsize=2, renderer=renderer)
    a, b, c = votes(("A", 1)), votes(("B", 1)), votes(("C", 1))

    cache.get(a)
    cache.get(b)
    cache.get(a)  # a is now the most recent
    cache.get(c)  # drops b
    cache.get(a)
    cache.get(b)

    assert [call[0] for call in renderer.calls] == [a, b, c, b]
    assert len(cache) == 2


def test_disk_cache_survives_a_new_process(tmp_path: Path) -> None:
    ChartCache(directory=tmp_path, renderer=CountingRenderer()).get(votes(), "da")

    def must_not_render(data, lang):
        raise AssertionError("rendered although the chart was on disk")

    restarted = ChartCache(directory=tmp_path, renderer=must_not_render)
    chart = restarted.get(votes(), "da")

    assert chart == RenderedChart("votes", b"png-1", "alt", "caption")
    assert restarted.hits == 1
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".json", ".png"]


def test_a_damaged_disk_entry_is_rendered_again(tmp_path: Path) -> None:
    key = content_key(votes(), "da")
    (tmp_path / f"{key}.json").write_text("{not json")
    renderer = CountingRenderer()
    ChartCache(directory=tmp_path, renderer=renderer).get(votes(), "da")
    assert len(renderer.calls) == 1


def test_render_cached_gives_the_real_chart() -> None:
    cache = ChartCache()
    chart = render_cached(votes(), "da", cache=cache)
    assert chart == render(votes(), "da")
    assert render_cached(votes(), "da", cache=cache) is chart


def test_the_renderer_version_is_part_of_the_key() -> None:
    assert content_key(votes(), "da") == content_key(votes(), "da", RENDERER_VERSION)
    assert content_key(votes(), "da") != content_key(votes(), "da", RENDERER_VERSION + "-next")
