import datetime as dt
from dataclasses import dataclass

from doorstep.hoarding.chart import trend_chart


@dataclass
class R:
    rated_on: dt.date
    case_rating: int


def test_higher_ratings_are_drawn_higher_and_later_dates_further_right():
    chart = trend_chart(
        [R(dt.date(2026, 6, 1), 8), R(dt.date(2026, 1, 5), 3), R(dt.date(2026, 3, 2), 5)]
    )
    xs = [p.x for p in chart.points]
    assert [p.score for p in chart.points] == [3, 5, 8]  # oldest first, whatever the order given
    assert xs == sorted(xs) and xs[0] < xs[-1]
    assert chart.points[0].y > chart.points[1].y > chart.points[2].y
    assert chart.polyline == " ".join(f"{p.x},{p.y}" for p in chart.points)


def test_every_point_and_band_sits_inside_the_plot():
    chart = trend_chart([R(dt.date(2026, 1, 5), 1), R(dt.date(2026, 2, 5), 9)])
    for point in chart.points:
        assert chart.left <= point.x <= chart.right
        assert chart.top <= point.y <= chart.bottom
    assert [b.label for b in chart.bands] == ["No concern", "Hoarding", "High risk"]
    assert [b.range_text for b in chart.bands] == ["1 to 3", "4 to 6", "7 to 9"]
    assert sum(b.height for b in chart.bands) == chart.bottom - chart.top


def test_the_description_reads_the_trend_in_words():
    chart = trend_chart(
        [R(dt.date(2026, 1, 5), 3), R(dt.date(2026, 3, 2), 8), R(dt.date(2026, 6, 1), 5)]
    )
    assert chart.description == (
        "3 ratings from 5 Jan 2026 to 1 Jun 2026, rising from 3 to 5. Highest 8, lowest 3. "
        "Latest 5 (hoarding: agree a support plan within 10 working days)."
    )
    assert [label.text for label in chart.date_labels] == ["5 Jan 2026", "1 Jun 2026"]
    back_down = trend_chart(
        [R(dt.date(2026, 1, 5), 3), R(dt.date(2026, 3, 2), 8), R(dt.date(2026, 6, 1), 3)]
    )
    assert back_down.description.startswith(
        "3 ratings from 5 Jan 2026 to 1 Jun 2026, starting and ending at 3. Highest 8, lowest 3."
    )


def test_one_rating_is_centred_and_no_ratings_is_said_plainly():
    one = trend_chart([R(dt.date(2026, 1, 5), 7)])
    assert one.points[0].x == (one.left + one.right) / 2
    assert one.description == "One rating, on 5 Jan 2026: 7. Latest 7 (high risk)."
    none = trend_chart([])
    assert none.points == [] and none.description == "No Clutter Image Ratings yet."
