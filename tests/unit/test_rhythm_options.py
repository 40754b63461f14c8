"""Rhythm options (`datadialog group create --cadence/--weekly/--monthly`): one rhythm, or
a refusal in the user's language, never last-wins and never the code's own words."""

from __future__ import annotations

import pytest

from flows.cadence import Cadence, Frequency, HolidayRule
from flows.errors import InvalidInput
from flows.rhythm import cadence_from
from flows.text.render import render


@pytest.mark.parametrize(
    ("options", "en", "da"),
    [
        (dict(days=14, weeks=2), "Choose one rhythm: every 14 days or every 2 weeks?",
         "Vælg én rytme: hver 14. dag eller hver 2. uge?"),
        (dict(weeks=1, nth=1), "Choose one rhythm: every week or monthly?",
         "Vælg én rytme: hver uge eller månedligt?"),
        (dict(nth=5), "A monthly rhythm meets on the 1st, 2nd, 3rd or 4th weekday of the month, "
         "or the last (-1); 5 is none of them.",
         "En månedlig rytme holder møde den 1., 2., 3. eller 4. ugedag i måneden eller den "
         "sidste (-1); 5 er ingen af dem."),
        (dict(weeks=0), "Every N weeks: N must be from 1 to 52, not 0.",
         "Hver N. uge: N skal være fra 1 til 52, ikke 0."),
        (dict(days=0), "The meeting interval must be between 1 and 365 days.",
         "Mødeintervallet skal være mellem 1 og 365 dage."),
    ],
)  # fmt: skip
def test_conflicting_or_bad_rhythm_options_are_refused_in_the_users_language(options, en, da):
    with pytest.raises(InvalidInput) as refused:
        cadence_from(**options)
    assert render(refused.value.text, "en") == en
    assert render(refused.value.text, "da") == da


def test_one_rhythm_option_makes_its_rhythm():
    rule = HolidayRule.SKIP
    assert cadence_from(holidays=rule) == Cadence(Frequency.DAYS, 14, holidays=rule)
    assert cadence_from(days=7) == Cadence(Frequency.DAYS, 7)
    assert cadence_from(weeks=2) == Cadence(Frequency.WEEKLY, 2)
    assert cadence_from(nth=-1) == Cadence(Frequency.MONTHLY, 1, nth=-1)
