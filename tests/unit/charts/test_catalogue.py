"""Chart and import texts exist in Danish and English, under their own prefixes."""

from __future__ import annotations

from flows.text import charts_da, charts_en
from flows.text.render import render


def test_danish_and_english_chart_texts_have_the_same_keys() -> None:
    assert set(charts_da.CATALOGUE) == set(charts_en.CATALOGUE)
    assert all(key.startswith(("chart.", "import.")) for key in charts_da.CATALOGUE)


def test_chart_texts_are_merged_into_the_main_catalogues() -> None:
    from flows.outputs import Text

    assert render(Text("chart.percent", {"value": 42}), "da") == "42 %"
    assert render(Text("chart.percent", {"value": 42}), "en") == "42%"
    assert render(Text("chart.votes.item", {"title": "A", "votes": 1}), "da") == "»A« 1 stemme"
