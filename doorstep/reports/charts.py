"""Horizontal bar charts as numbers for a server-rendered SVG (no JavaScript), in the manner of
`doorstep/hoarding/chart.py`.

Each series has its own fill pattern (solid, stripes, dots, cross-hatch…) and a legend naming
it, every bar carries its figure as text, and the SVG has a title and a description — so the
chart reads without colour, and the data table beside it carries the same figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from doorstep.reports.dashboard import ChartData

WIDTH = 640
LABEL_WIDTH = 190  # the category names sit left of the plot
RIGHT_MARGIN = 56  # room for the figure at the end of the longest bar
TOP = 8
ROW_HEIGHT = 30
BAR_GAP = 6
LEGEND_ROW = 22
AXIS_HEIGHT = 26
MAX_LABEL = 28


@dataclass(frozen=True)
class PatternDef:
    """One fill pattern; `kind` picks the shapes the template draws inside it."""

    id: str
    kind: str
    colour: str


# Dark GOV.UK colours on white, each with its own texture.
PATTERN_KINDS = [
    ("solid", "#1d70b8"),
    ("stripes", "#0b0c0c"),
    ("dots", "#d4351c"),
    ("crosshatch", "#00703c"),
    ("horizontal", "#4c2c92"),
    ("vertical", "#6f3a00"),
    ("stripes-back", "#003078"),
    ("grid", "#505a5f"),
    ("dense-dots", "#912b88"),
]


@dataclass(frozen=True)
class Segment:
    x: float
    y: float
    width: float
    height: float
    pattern: str
    title: str


@dataclass(frozen=True)
class ValueLabel:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Row:
    label: str
    label_y: float
    segments: list[Segment]
    values: list[ValueLabel]


@dataclass(frozen=True)
class LegendItem:
    x: float
    y: float
    pattern: str
    label: str


@dataclass(frozen=True)
class Tick:
    x: float
    text: str


@dataclass(frozen=True)
class BarChart:
    key: str
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: float
    label_x: int
    patterns: list[PatternDef]
    rows: list[Row]
    legend: list[LegendItem]
    ticks: list[Tick]
    tick_label_y: float
    title: str
    description: str


def nice_max(value: float) -> float:
    """A round axis end at or above `value`: 1, 2 or 5 times a power of ten."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)  # pragma: no cover


def _number(value: Any, percent: bool) -> str:
    if value is None:
        return "no figure"
    if isinstance(value, Decimal):
        return f"{value}%" if percent else f"{value}"
    return f"{value:,}" + ("%" if percent else "")


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def describe(data: ChartData) -> str:
    """The description an assistive technology reads: every figure, in words."""
    if not data.rows:
        return data.empty_text
    parts = []
    for label, values in data.rows:
        drawn = values[: len(data.series)]
        figures = ", ".join(
            f"{name} {_number(value, data.percent)}"
            for name, value in zip(data.series, drawn, strict=True)
        )
        parts.append(f"{label}: {figures}")
    return f"{data.title}. " + "; ".join(parts) + "."


def bar_chart(data: ChartData) -> BarChart:
    series_count = len(data.series)
    patterns = [
        PatternDef(
            id=f"{data.key}-pattern-{i}",
            kind=PATTERN_KINDS[i % len(PATTERN_KINDS)][0],
            colour=PATTERN_KINDS[i % len(PATTERN_KINDS)][1],
        )
        for i in range(series_count)
    ]
    plot_left = LABEL_WIDTH
    plot_right = WIDTH - RIGHT_MARGIN
    plot_width = plot_right - plot_left

    def drawn(values: list[Any]) -> list[float]:
        return [float(v) if v is not None else 0.0 for v in values[:series_count]]

    if data.percent:
        top_value = 100.0
    elif data.stacked:
        top_value = nice_max(max((sum(drawn(v)) for _, v in data.rows), default=0))
    else:
        top_value = nice_max(max((max(drawn(v), default=0) for _, v in data.rows), default=0))

    def scale(value: float) -> float:
        return round(value / top_value * plot_width, 1)

    legend_rows = math.ceil(series_count / 2) if series_count > 1 else 0
    legend_height = legend_rows * LEGEND_ROW + (8 if legend_rows else 0)
    plot_top = TOP + legend_height
    legend = [
        LegendItem(
            x=plot_left + (i % 2) * (plot_width // 2),
            y=TOP + (i // 2) * LEGEND_ROW,
            pattern=patterns[i].id,
            label=name,
        )
        for i, name in enumerate(data.series)
        if series_count > 1
    ]
    band = ROW_HEIGHT if data.stacked or series_count == 1 else ROW_HEIGHT * series_count - 8
    rows: list[Row] = []
    y = float(plot_top)
    for label, values in data.rows:
        segments: list[Segment] = []
        labels: list[ValueLabel] = []
        numbers = drawn(values)
        if data.stacked or series_count == 1:
            x = float(plot_left)
            height: float = band - BAR_GAP * 2
            for i, value in enumerate(numbers):
                width = scale(value)
                if width > 0:
                    segments.append(
                        Segment(
                            x=x,
                            y=y + BAR_GAP,
                            width=width,
                            height=height,
                            pattern=patterns[i].id,
                            title=f"{label}: {data.series[i]} {_number(values[i], data.percent)}",
                        )
                    )
                x += width
            total: Any = values[0] if series_count == 1 else sum(int(v or 0) for v in numbers)
            labels.append(
                ValueLabel(x=x + 6, y=y + band / 2 + 5, text=_number(total, data.percent))
            )
        else:
            height = (band - BAR_GAP * 2) / series_count
            for i, value in enumerate(numbers):
                top = y + BAR_GAP + i * height
                width = scale(value)
                if width > 0:
                    segments.append(
                        Segment(
                            x=float(plot_left),
                            y=top,
                            width=width,
                            height=height - 2,
                            pattern=patterns[i].id,
                            title=f"{label}: {data.series[i]} {_number(values[i], data.percent)}",
                        )
                    )
                labels.append(
                    ValueLabel(
                        x=plot_left + width + 6,
                        y=top + height / 2 + 4,
                        text=_number(values[i], data.percent),
                    )
                )
        rows.append(Row(label=_short(label), label_y=y + band / 2 + 5, segments=segments,
                        values=labels))  # fmt: skip
        y += band
    plot_bottom = y
    ticks = [
        Tick(x=round(plot_left + plot_width * f, 1), text=_tick_text(top_value * f, data.percent))
        for f in (0, 0.25, 0.5, 0.75, 1)
    ]
    return BarChart(
        key=data.key,
        width=WIDTH,
        height=int(plot_bottom + AXIS_HEIGHT + 4),
        plot_left=plot_left,
        plot_right=plot_right,
        plot_top=plot_top,
        plot_bottom=plot_bottom,
        label_x=plot_left - 8,
        patterns=patterns,
        rows=rows,
        legend=legend,
        ticks=ticks,
        tick_label_y=plot_bottom + 18,
        title=data.title,
        description=describe(data),
    )


def _tick_text(value: float, percent: bool) -> str:
    text = f"{value:g}" if value != int(value) else f"{int(value):,}"
    return text + ("%" if percent else "")
