import datetime as dt
from decimal import Decimal

from doorstep.core.trend_chart import DateAxis, DateLabel, trend_words


def test_dates_spread_between_the_insets_and_the_ends_are_labelled():
    axis = DateAxis(
        start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 11), left=40, right=540, inset=10
    )
    assert axis.x(dt.date(2026, 1, 1)) == 50
    assert axis.x(dt.date(2026, 1, 6)) == 290
    assert axis.x(dt.date(2026, 1, 11)) == 530
    assert axis.labels() == [
        DateLabel(x=50, text="1 Jan 2026", anchor="start"),
        DateLabel(x=530, text="11 Jan 2026", anchor="end"),
    ]


def test_one_day_sits_in_the_middle_with_one_label():
    day = dt.date(2026, 3, 27)
    axis = DateAxis(start=day, end=day, left=40, right=540, inset=10)
    assert axis.x(day) == 290
    assert axis.labels() == [DateLabel(x=290, text="27 Mar 2026", anchor="middle")]


def test_trend_words_say_which_way_the_line_runs():
    assert trend_words(3, 7) == "rising from 3 to 7"
    assert trend_words(7, 3) == "falling from 7 to 3"
    assert trend_words(5, 5) == "starting and ending at 5"
    assert trend_words(Decimal("80.0"), Decimal("62.5"), lambda v: f"{v}%") == (
        "falling from 80.0% to 62.5%"
    )
