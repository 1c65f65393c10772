"""The Clutter Image Rating trend as numbers for a server-rendered SVG (no JavaScript).

`trend_chart(ratings)` places each rating by its date along the x axis and its case rating
(1-9) up the y axis, over three shaded bands labelled in words, so the chart reads without
colour; the template draws it and a data table beside it carries the same figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from doorstep.core.trend_chart import (
    DateAxis,
    DateLabel,
    Tick,
    date_text,
    polyline,
    trend_words,
)
from doorstep.hoarding import rules

WIDTH = 640
HEIGHT = 300
LEFT = 44  # room for the 1-9 scale
RIGHT = 536  # the band labels sit to the right of the plot
TOP = 16
BOTTOM = 248
AXIS_LABEL_Y = 272
# The y axis runs 0.5-9.5 so each band (1-3, 4-6, 7-9) is an equal third of the plot.
Y_MIN = 0.5
Y_MAX = 9.5

# Light tints (GOV.UK palette) behind the plot; the band names are written on the chart too.
BAND_FILL: dict[rules.Band, str] = {
    rules.Band.NO_CONCERN: "#cce2d8",
    rules.Band.HOARDING: "#fff7bf",
    rules.Band.HIGH_RISK: "#f4cdc6",
}
BAND_RANGE: dict[rules.Band, tuple[int, int]] = {
    rules.Band.NO_CONCERN: (1, 3),
    rules.Band.HOARDING: (4, 6),
    rules.Band.HIGH_RISK: (7, 9),
}


class Rated(Protocol):
    @property
    def rated_on(self) -> dt.date: ...
    @property
    def case_rating(self) -> int: ...


@dataclass(frozen=True)
class BandArea:
    label: str
    range_text: str
    fill: str
    y: float
    height: float
    label_y: float
    range_y: float


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label_y: float
    score: int
    when: dt.date
    band_text: str


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    axis_label_y: int
    footer_y: int
    band_label_x: int
    tick_label_x: int
    plot_width: int
    bands: list[BandArea]
    ticks: list[Tick]
    points: list[Point]
    polyline: str
    date_labels: list[DateLabel]
    description: str


def _y(value: float) -> float:
    return round(TOP + (Y_MAX - value) / (Y_MAX - Y_MIN) * (BOTTOM - TOP), 1)


def describe(ordered: Sequence[Rated]) -> str:
    if not ordered:
        return "No Clutter Image Ratings yet."
    scores = [r.case_rating for r in ordered]
    first, last = ordered[0], ordered[-1]
    latest = f"Latest {last.case_rating} ({rules.band_text(last.case_rating).lower()})"
    if len(ordered) == 1:
        return f"One rating, on {date_text(first.rated_on)}: {last.case_rating}. {latest}."
    trend = trend_words(first.case_rating, last.case_rating)
    return (
        f"{len(ordered)} ratings from {date_text(first.rated_on)} to "
        f"{date_text(last.rated_on)}, {trend}. "
        f"Highest {max(scores)}, lowest {min(scores)}. {latest}."
    )


def trend_chart(ratings: Sequence[Rated]) -> TrendChart:
    """Chart geometry for `ratings` (any order); oldest is drawn on the left."""
    # Same-day ratings in the order they were entered.
    ordered = sorted(ratings, key=lambda r: (r.rated_on, getattr(r, "pk", None) or 0))
    bands = [
        BandArea(
            label=rules.BAND_SHORT[band],
            range_text=f"{low} to {high}",
            fill=BAND_FILL[band],
            y=_y(high + 0.5),
            height=round(_y(low - 0.5) - _y(high + 0.5), 1),
            label_y=_y((low + high) / 2),
            range_y=_y((low + high) / 2) + 16,
        )
        for band, (low, high) in BAND_RANGE.items()
    ]
    ticks = [Tick(value=value, y=_y(value)) for value in rules.SCALE]
    points: list[Point] = []
    labels: list[DateLabel] = []
    if ordered:
        axis = DateAxis(
            start=ordered[0].rated_on, end=ordered[-1].rated_on, left=LEFT, right=RIGHT, inset=12
        )
        points = [
            Point(
                x=axis.x(r.rated_on),
                y=_y(r.case_rating),
                label_y=_y(r.case_rating) - 11,
                score=r.case_rating,
                when=r.rated_on,
                band_text=rules.band_text(r.case_rating),
            )
            for r in ordered
        ]
        labels = axis.labels()
    return TrendChart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=RIGHT,
        top=TOP,
        bottom=BOTTOM,
        axis_label_y=AXIS_LABEL_Y,
        footer_y=HEIGHT - 6,
        band_label_x=RIGHT + 8,
        tick_label_x=LEFT - 8,
        plot_width=RIGHT - LEFT,
        bands=bands,
        ticks=ticks,
        points=points,
        polyline=polyline(points),
        date_labels=labels,
        description=describe(ordered),
    )
