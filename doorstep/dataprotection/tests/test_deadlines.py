import datetime as dt

import pytest

from doorstep.dataprotection.deadlines import add_calendar_months, sar_due_on


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2026, 3, 15), 1, dt.date(2026, 4, 15)),
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),  # no 31 February: the last day
        (dt.date(2028, 1, 31), 1, dt.date(2028, 2, 29)),  # a leap year
        (dt.date(2026, 3, 31), 1, dt.date(2026, 4, 30)),
        (dt.date(2026, 12, 15), 1, dt.date(2027, 1, 15)),  # over the year end
        (dt.date(2026, 11, 30), 3, dt.date(2027, 2, 28)),
        (dt.date(2026, 3, 1), -72, dt.date(2020, 3, 1)),  # six years back (retention)
    ],
)
def test_corresponding_calendar_date(start, months, expected):
    assert add_calendar_months(start, months) == expected


def test_due_one_calendar_month_from_receipt():
    assert sar_due_on(dt.date(2026, 3, 10)) == dt.date(2026, 4, 10)  # a Friday


def test_due_date_on_a_weekend_moves_to_the_next_working_day():
    # 31 January 2026 + 1 month = 28 February 2026, a Saturday: due Monday 2 March.
    assert sar_due_on(dt.date(2026, 1, 31)) == dt.date(2026, 3, 2)


def test_due_date_on_bank_holidays_moves_past_easter():
    # 3 April 2026 is Good Friday and 6 April Easter Monday: due Tuesday 7 April.
    assert sar_due_on(dt.date(2026, 3, 3)) == dt.date(2026, 4, 7)


def test_an_extension_adds_further_calendar_months_from_receipt():
    assert sar_due_on(dt.date(2026, 1, 15), extension_months=2) == dt.date(2026, 4, 15)
    # 28 February 2026 is a Saturday.
    assert sar_due_on(dt.date(2025, 11, 30), extension_months=2) == dt.date(2026, 3, 2)


def test_an_extension_is_at_most_two_months():
    with pytest.raises(ValueError, match="two further months"):
        sar_due_on(dt.date(2026, 1, 15), extension_months=3)
