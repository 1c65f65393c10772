"""The inspection score trend as numbers for a server-rendered SVG (no JavaScript).

As `doorstep.hoarding.chart`: each completed, scored inspection is placed by its date along
the x axis and its score (0-100%) up the y axis. Grid lines are labelled in words and every
point carries its score as text, so the chart reads without colour; the template draws it and
a data table beside it carries the same figures. Inspections with no score ("not scored") are
left out of the line and shown in the table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from doorstep.core.trend_chart import (
    DateAxis,
    DateLabel,
    Tick,
    date_text,
    polyline,
    trend_words,
)

WIDTH = 640
HEIGHT = 300
LEFT = 52  # room for the 0%-100% scale
RIGHT = 620
TOP = 20
BOTTOM = 248
AXIS_LABEL_Y = 272
GRID = (0, 25, 50, 75, 100)


class Scored(Protocol):
    @property
    def inspected_on(self) -> dt.date: ...
    @property
    def score(self) -> Decimal | None: ...


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label_y: float
    score: Decimal
    when: dt.date


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
    tick_label_x: int
    ticks: list[Tick]
    points: list[Point]
    polyline: str
    date_labels: list[DateLabel]
    description: str


def _y(value: float) -> float:
    return round(BOTTOM - value / 100 * (BOTTOM - TOP), 1)


def _pct(value: Decimal) -> str:
    return f"{value}%"


def describe(ordered: Sequence[Scored]) -> str:
    scores = [r.score for r in ordered if r.score is not None]
    if not scores:
        return "No scored inspections yet."
    first, last = ordered[0], ordered[-1]
    assert first.score is not None and last.score is not None
    latest = f"Latest {_pct(last.score)} on {date_text(last.inspected_on)}"
    if len(ordered) == 1:
        return f"One scored inspection, on {date_text(first.inspected_on)}: {_pct(first.score)}."
    trend = trend_words(first.score, last.score, _pct)
    return (
        f"{len(ordered)} scored inspections from {date_text(first.inspected_on)} to "
        f"{date_text(last.inspected_on)}, {trend}. "
        f"Highest {_pct(max(scores))}, lowest {_pct(min(scores))}. {latest}."
    )


def trend_chart(inspections: Sequence[Scored]) -> TrendChart:
    """Chart geometry for `inspections` (any order; the unscored are skipped), oldest left."""
    ordered = sorted(
        (i for i in inspections if i.score is not None),
        key=lambda i: (i.inspected_on, getattr(i, "pk", None) or 0),
    )
    points: list[Point] = []
    labels: list[DateLabel] = []
    if ordered:
        axis = DateAxis(
            start=ordered[0].inspected_on,
            end=ordered[-1].inspected_on,
            left=LEFT,
            right=RIGHT,
            inset=16,
        )
        for inspection in ordered:
            value = inspection.score
            assert value is not None
            y = _y(float(value))
            # A label above the point, or below it when the point is at the top of the plot.
            label_y = y - 11 if y - 11 > TOP else y + 22
            points.append(
                Point(
                    x=axis.x(inspection.inspected_on),
                    y=y,
                    label_y=label_y,
                    score=value,
                    when=inspection.inspected_on,
                )
            )
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
        tick_label_x=LEFT - 8,
        ticks=[Tick(value=value, y=_y(value)) for value in GRID],
        points=points,
        polyline=polyline(points),
        date_labels=labels,
        description=describe(ordered),
    )
