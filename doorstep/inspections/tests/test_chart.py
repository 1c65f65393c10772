import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from doorstep.inspections.chart import trend_chart


@dataclass
class I:  # noqa: E742 - an inspection, for short
    inspected_on: dt.date
    score: Decimal | None


def test_higher_scores_are_drawn_higher_and_later_dates_further_right():
    chart = trend_chart(
        [
            I(dt.date(2026, 6, 1), Decimal("90.0")),
            I(dt.date(2026, 1, 5), Decimal("55.6")),
            I(dt.date(2026, 3, 2), Decimal("77.8")),
        ]
    )
    assert [p.score for p in chart.points] == [Decimal("55.6"), Decimal("77.8"), Decimal("90.0")]
    xs = [p.x for p in chart.points]
    assert xs == sorted(xs) and xs[0] < xs[-1]
    assert chart.points[0].y > chart.points[1].y > chart.points[2].y
    assert chart.polyline == " ".join(f"{p.x},{p.y}" for p in chart.points)


def test_every_point_sits_inside_the_plot_with_its_label_readable():
    chart = trend_chart(
        [I(dt.date(2026, 1, 5), Decimal("0.0")), I(dt.date(2026, 2, 5), Decimal("100.0"))]
    )
    for point in chart.points:
        assert chart.left <= point.x <= chart.right
        assert chart.top <= point.y <= chart.bottom
        assert chart.top < point.label_y < chart.height
    assert [t.value for t in chart.ticks] == [0, 25, 50, 75, 100]
    assert chart.ticks[0].y == chart.bottom and chart.ticks[-1].y == chart.top


def test_unscored_inspections_are_left_out_of_the_line():
    chart = trend_chart([I(dt.date(2026, 1, 5), Decimal("80.0")), I(dt.date(2026, 2, 5), None)])
    assert len(chart.points) == 1
    assert chart.description == "One scored inspection, on 5 Jan 2026: 80.0%."


def test_the_description_reads_the_trend_in_words():
    chart = trend_chart(
        [
            I(dt.date(2026, 1, 5), Decimal("66.7")),
            I(dt.date(2026, 3, 2), Decimal("55.6")),
            I(dt.date(2026, 6, 1), Decimal("88.9")),
        ]
    )
    assert chart.description == (
        "3 scored inspections from 5 Jan 2026 to 1 Jun 2026, rising from 66.7% to 88.9%. "
        "Highest 88.9%, lowest 55.6%. Latest 88.9% on 1 Jun 2026."
    )
    assert [label.text for label in chart.date_labels] == ["5 Jan 2026", "1 Jun 2026"]


def test_one_inspection_is_centred_and_none_is_said_plainly():
    one = trend_chart([I(dt.date(2026, 1, 5), Decimal("75.0"))])
    assert one.points[0].x == (one.left + one.right) / 2
    none = trend_chart([])
    assert none.points == [] and none.description == "No scored inspections yet."
