"""Text is measured the same from many threads at once (charts are drawn in worker threads
side by side): the font object behind the measurements is used by one thread at a time."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from charts import layout

#: Letters, digits and Danish letters, and a stretch of Latin Extended: many first
#: measurements (the cache empty), so the threads meet on the font.
TEXT = "abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ0123456789 .,-%" + "".join(
    chr(c) for c in range(0x100, 0x250)
)


def widths() -> list[float]:
    return [layout.width(char, 12.0, bold=bold) for char in TEXT for bold in (False, True)]


def test_measuring_from_eight_threads_at_once_gives_what_one_thread_gives() -> None:
    layout._advance.cache_clear()
    alone = widths()
    for _ in range(5):
        layout._advance.cache_clear()
        with ThreadPoolExecutor(8) as pool:
            together = list(pool.map(lambda _: widths(), range(8)))
        assert all(result == alone for result in together)
