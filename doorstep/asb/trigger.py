"""The ASB Case Review (Community Trigger) rule of DOMAIN.md §6, as pure functions.

On a date T the window is (T minus six calendar months, T]: the day exactly six calendar
months before T is outside it, the day after is inside, and T itself is inside. Six months
back from a day the earlier month lacks (31 August) clamps to that month's last day (28 or
29 February).

- A person meets the threshold when they made incident reports on 3 or more different ASB
  cases in the window ("an ASB case is counted once, however many incident reports it
  gathers"); Doorstep warns at 2.
- A place — the block, or the estate when the home has no block — meets it when 5 or more
  different people made ASB incident reports about it in the window; Doorstep warns at 4.

Only reports on `asb` cases count (not neighbour disputes). See
docs/decisions/0004-community-trigger-counting.md for why. The selectors count in the
database with the same window and thresholds; tests check the two agree.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

WINDOW_MONTHS = 6
PERSON_THRESHOLD = 3
PERSON_WARNING = 2
PLACE_THRESHOLD = 5
PLACE_WARNING = 4


class Level(StrEnum):
    NONE = "none"
    WARNING = "warning"
    MET = "met"


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier, clamped to the end of a shorter month."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def window(on: dt.date) -> tuple[dt.date, dt.date]:
    """(start, end) of the window on `on`: start is excluded, end (`on`) included."""
    return months_before(on, WINDOW_MONTHS), on


def in_window(reported_on: dt.date, on: dt.date) -> bool:
    start, end = window(on)
    return start < reported_on <= end


def person_level(cases: int) -> Level:
    if cases >= PERSON_THRESHOLD:
        return Level.MET
    if cases >= PERSON_WARNING:
        return Level.WARNING
    return Level.NONE


def place_level(reporters: int) -> Level:
    if reporters >= PLACE_THRESHOLD:
        return Level.MET
    if reporters >= PLACE_WARNING:
        return Level.WARNING
    return Level.NONE


# A place is ("block", id) or ("estate", id).
PlaceKey = tuple[str, int]


def place_of(block_id: int | None, estate_id: int | None) -> PlaceKey | None:
    """The place a report counts against: its block, else its estate, else nowhere."""
    if block_id is not None:
        return ("block", block_id)
    if estate_id is not None:
        return ("estate", estate_id)
    return None


@dataclass(frozen=True)
class Report:
    """The parts of an ASB incident report the rule looks at."""

    reporter_id: int
    case_id: int
    reported_on: dt.date
    block_id: int | None = None
    estate_id: int | None = None


def person_counts(reports: Iterable[Report], on: dt.date) -> dict[int, int]:
    """Reporter id -> number of different ASB cases they reported on in the window."""
    cases: defaultdict[int, set[int]] = defaultdict(set)
    for report in reports:
        if in_window(report.reported_on, on):
            cases[report.reporter_id].add(report.case_id)
    return {reporter: len(ids) for reporter, ids in cases.items()}


def place_counts(reports: Iterable[Report], on: dt.date) -> dict[PlaceKey, int]:
    """Place -> number of different people who reported ASB about it in the window."""
    people: defaultdict[PlaceKey, set[int]] = defaultdict(set)
    for report in reports:
        place = place_of(report.block_id, report.estate_id)
        if place is not None and in_window(report.reported_on, on):
            people[place].add(report.reporter_id)
    return {place: len(ids) for place, ids in people.items()}


PREFIX = "ASB Case Review: "
OFFER = "offer an ASB Case Review"


def person_message(name: str, cases: int) -> str | None:
    """The warning shown wherever the reporter appears, or None below the warning level."""
    level = person_level(cases)
    if level is Level.MET:
        return (
            f"{PREFIX}{name} has reported {cases} ASB cases in six months and meets the "
            f"threshold: {OFFER}."
        )
    if level is Level.WARNING:
        return (
            f"{PREFIX}{name} has reported {cases} ASB cases in six months "
            f"(the threshold is {PERSON_THRESHOLD})."
        )
    return None


def place_message(place: str, reporters: int) -> str | None:
    """The warning shown on the place's pages and its cases, or None below the warning level."""
    level = place_level(reporters)
    if level is Level.MET:
        return (
            f"{PREFIX}{reporters} different people have reported ASB at {place} in six months "
            f"and it meets the threshold: {OFFER}."
        )
    if level is Level.WARNING:
        return (
            f"{PREFIX}{reporters} different people have reported ASB at {place} in six months "
            f"(the threshold is {PLACE_THRESHOLD})."
        )
    return None
