"""The same-day clock (DOMAIN.md §4): sent by the end of the London day the concern was
recorded. Dates spelled out, across the GMT/BST changes of 2026 (29 March, 25 October)."""

import datetime as dt

import pytest
import time_machine

from doorstep.core.working_days import LONDON
from doorstep.safeguarding.clock import clock_for, referral_due_at
from doorstep.safeguarding.models import SafeguardingReferral

UTC = dt.UTC


def _referral(recorded_at, sent_at=None):
    return SafeguardingReferral(
        concern_recorded_at=recorded_at, due_at=referral_due_at(recorded_at), sent_at=sent_at
    )


def test_recorded_at_2330_on_a_friday_is_due_at_235959_that_friday():
    friday_late = dt.datetime(2026, 3, 13, 23, 30, tzinfo=LONDON)  # Friday, GMT
    assert referral_due_at(friday_late) == dt.datetime(2026, 3, 13, 23, 59, 59, tzinfo=LONDON)


def test_no_working_day_grace_a_saturday_concern_is_due_on_saturday():
    saturday = dt.datetime(2026, 3, 14, 9, 0, tzinfo=LONDON)
    assert referral_due_at(saturday).date() == dt.date(2026, 3, 14)


def test_the_clock_runs_down_and_is_overdue_after_midnight():
    referral = _referral(dt.datetime(2026, 3, 13, 23, 30, tzinfo=LONDON))
    clock = clock_for(referral, dt.datetime(2026, 3, 13, 23, 45, tzinfo=LONDON))
    assert clock.state == "due"
    assert clock.remaining_text == "14 minutes"
    assert not referral.is_overdue(dt.datetime(2026, 3, 13, 23, 59, 59, tzinfo=LONDON))
    just_after = dt.datetime(2026, 3, 14, 0, 0, 0, tzinfo=LONDON)
    assert referral.is_overdue(just_after)
    assert clock_for(referral, just_after).state == "overdue"


def test_sent_next_morning_is_sent_late_sent_before_midnight_is_on_time():
    recorded = dt.datetime(2026, 3, 13, 23, 30, tzinfo=LONDON)
    late = _referral(recorded, sent_at=dt.datetime(2026, 3, 14, 8, 15, tzinfo=LONDON))
    assert late.sent_late
    assert clock_for(late, dt.datetime(2026, 3, 16, 9, 0, tzinfo=LONDON)).label == "Sent late"
    on_time = _referral(recorded, sent_at=dt.datetime(2026, 3, 13, 23, 58, tzinfo=LONDON))
    assert not on_time.sent_late
    assert clock_for(on_time, dt.datetime(2026, 3, 16, 9, 0, tzinfo=LONDON)).state == (
        "sent_on_time"
    )


def test_in_summer_the_london_day_not_the_utc_day_counts():
    # 23:30 UTC on Monday 15 June 2026 is 00:30 BST on Tuesday 16 June.
    recorded = dt.datetime(2026, 6, 15, 23, 30, tzinfo=UTC)
    due = referral_due_at(recorded)
    assert due == dt.datetime(2026, 6, 16, 23, 59, 59, tzinfo=LONDON)
    assert due.astimezone(UTC) == dt.datetime(2026, 6, 16, 22, 59, 59, tzinfo=UTC)


def test_the_day_the_clocks_go_forward_is_23_hours_long():
    recorded = dt.datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # 00:30 GMT, before the change
    due = referral_due_at(recorded)
    assert due.astimezone(UTC) == dt.datetime(2026, 3, 29, 22, 59, 59, tzinfo=UTC)
    assert due - recorded == dt.timedelta(hours=22, minutes=29, seconds=59)


def test_the_day_the_clocks_go_back_is_25_hours_long():
    recorded = dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 01:30 BST, before the change
    due = referral_due_at(recorded)
    assert due.astimezone(UTC) == dt.datetime(2026, 10, 25, 23, 59, 59, tzinfo=UTC)
    assert due - recorded == dt.timedelta(hours=23, minutes=29, seconds=59)


@pytest.mark.django_db
def test_a_referral_made_late_on_friday_and_sent_on_saturday_is_late(officer, person):
    from doorstep.partners.tests.factories import AgencyFactory
    from doorstep.safeguarding import services

    agency = AgencyFactory(kind="adult_social_care")
    with time_machine.travel(dt.datetime(2026, 3, 13, 23, 30, tzinfo=LONDON), tick=False):
        referral = services.referral_make(
            actor=officer,
            person=person,
            adult_or_child="adult",
            category="neglect",
            what_was_seen="No heating, no food in the flat.",
            immediate_danger=False,
            consent_given=True,
            agency=agency,
        )
    assert referral.due_at == dt.datetime(2026, 3, 13, 23, 59, 59, tzinfo=LONDON)
    with time_machine.travel(dt.datetime(2026, 3, 14, 8, 0, tzinfo=LONDON), tick=False):
        assert referral.is_overdue(dt.datetime.now(tz=UTC))
        referral = services.referral_mark_sent(actor=officer, referral=referral)
    assert referral.sent_late
