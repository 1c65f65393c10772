"""The subject access clock (UK GDPR art. 12(3), ICO guidance on time limits).

"Calculate the time limit from the day you receive the request ... until the corresponding
calendar date in the next month. If this is not possible because the following month is
shorter (and there is no corresponding calendar date), the date for response is the last day
of the following month. If the corresponding date falls on a weekend or a bank holiday, you
have until the next working day to respond." An extension adds up to two further months,
counted the same way from the day of receipt.
"""

from __future__ import annotations

import calendar
import datetime as dt

from doorstep.core.working_days import is_working_day

MAX_EXTENSION_MONTHS = 2


def add_calendar_months(day: dt.date, months: int) -> dt.date:
    """The corresponding date `months` later; the last day of that month when there is none
    (31 January + 1 month = 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def next_working_day_from(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def sar_due_on(received_on: dt.date, extension_months: int = 0) -> dt.date:
    """When the response is due: one calendar month from receipt (plus any extension), moved to
    the next working day when that date is a weekend or an England and Wales bank holiday."""
    if not 0 <= extension_months <= MAX_EXTENSION_MONTHS:
        raise ValueError("An extension is up to two further months.")
    return next_working_day_from(add_calendar_months(received_on, 1 + extension_months))
