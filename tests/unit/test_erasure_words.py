"""What an erasure changes in a meeting's words (issue 15, `flows.erasure`): a citizen's
pseudonym is found as a whole token only, in every text and in a reminder's payload."""

from __future__ import annotations

import pytest

from flows.erasure import citizen_pattern, scrub_text, scrub_value


@pytest.mark.parametrize(
    ("text", "scrubbed"),
    [
        ("B-07 sleeps better", "[c] sleeps better"),
        ("b-07's mother (B-07) and B-07.", "[c]'s mother ([c]) and [c]."),
        ("B-070 and AB-07 and B-07-2 and B-07x", "B-070 and AB-07 and B-07-2 and B-07x"),
        ("B-07-", "[c]-"),
    ],
)
def test_a_pseudonym_is_replaced_as_a_whole_token(text: str, scrubbed: str) -> None:
    assert scrub_text(text, citizen_pattern("B-07"), "[c]") == scrubbed


def test_a_pseudonym_with_signs_of_a_pattern_is_taken_literally() -> None:
    assert scrub_text("sag (14) and sag 14", citizen_pattern("sag (14)"), "[c]") == "[c] and sag 14"


def test_a_reminders_payload_is_scrubbed_in_every_string() -> None:
    payload = {"what": "Call B-07's school", "due": "2026-12-10", "n": 3, "list": ["B-07"]}
    assert scrub_value(payload, citizen_pattern("B-07"), "[c]") == {
        "what": "Call [c]'s school",
        "due": "2026-12-10",
        "n": 3,
        "list": ["[c]"],
    }
