"""What the server-rendered SVG trend charts share (the Clutter Image Ratings of a hoarding
case, the scores of an estate's inspections): the y-axis ticks, the date axis that places each
point by its date and labels the first and last, and the line through the points.

Each chart keeps its own scale, points and words; the template draws the geometry and a data
table beside it carries the same figures, so no chart needs colour or JavaScript to be read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class DateLabel:
    x: float
    text: str
    anchor: str


class Plotted(Protocol):
    @property
    def x(self) -> float: ...
    @property
    def y(self) -> float: ...


def date_text(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


@dataclass(frozen=True)
class DateAxis:
    """Dates from `start` to `end` along the plot from `left` to `right`, the first and last
    `inset` in from its edges; when they are the same day, the one point sits in the middle."""

    start: dt.date
    end: dt.date
    left: int
    right: int
    inset: int

    def x(self, day: dt.date) -> float:
        span = (self.end - self.start).days
        if span == 0:
            return (self.left + self.right) / 2
        plot = self.right - self.left - 2 * self.inset
        return round(self.left + self.inset + (day - self.start).days / span * plot, 1)

    def labels(self) -> list[DateLabel]:
        """The first and last dates under the axis (one, in the middle, for a single day)."""
        if self.start == self.end:
            return [DateLabel(x=self.x(self.start), text=date_text(self.start), anchor="middle")]
        return [
            DateLabel(x=self.x(self.start), text=date_text(self.start), anchor="start"),
            DateLabel(x=self.x(self.end), text=date_text(self.end), anchor="end"),
        ]


def trend_words(
    first: int | Decimal, last: int | Decimal, shown: Callable[[Any], str] = str
) -> str:
    """How the line runs from its first value to its last, for the chart's description."""
    if last == first:
        return f"starting and ending at {shown(last)}"
    direction = "rising" if last > first else "falling"
    return f"{direction} from {shown(first)} to {shown(last)}"


def polyline(points: Iterable[Plotted]) -> str:
    """The SVG `points` of the line through `points`, in order."""
    return " ".join(f"{p.x},{p.y}" for p in points)
