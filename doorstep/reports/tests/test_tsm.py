"""The Tenant Satisfaction Measures (DOMAIN.md §11) on hand-made data. Every expected figure is
worked out in the test: counts, denominators and the rounding."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from doorstep.places.models import Home
from doorstep.reports import tsm
from doorstep.reports.tests.factories import (
    add_homes,
    asb_case,
    at,
    complaint_stage,
    completed_repair,
)

pytestmark = pytest.mark.django_db

Y2025 = tsm.ReportingYear(2025)  # 1 April 2025 to 31 March 2026


def report(year: int = 2025) -> tsm.TsmReport:
    return tsm.tsm_report(year=tsm.ReportingYear(year))


# --- the year and rounding -------------------------------------------------------------------


def test_the_reporting_year_runs_1_april_to_31_march_in_london():
    assert Y2025.label == "2025/26"
    assert Y2025.first_day == dt.date(2025, 4, 1)
    assert Y2025.last_day == dt.date(2026, 3, 31)
    # 1 April 2026 00:00 is British Summer Time: 31 March 23:00 UTC.
    assert Y2025.ends_at == dt.datetime(2026, 3, 31, 23, 0, tzinfo=dt.UTC)
    assert tsm.ReportingYear(2099).label == "2099/00"
    assert tsm.year_containing(dt.date(2026, 3, 31)) == Y2025
    assert tsm.year_containing(dt.date(2026, 4, 1)) == tsm.ReportingYear(2026)


@pytest.mark.parametrize("bad", ["", "25", "2025/26", "twenty", "1999", "2100", " 20251"])
def test_a_bad_year_is_refused_with_a_reason(bad):
    with pytest.raises(tsm.BadYear):
        tsm.parse_year(bad)


def test_halves_are_rounded_up_not_to_even():
    # 1 per 320 homes = 3.125 per 1,000: halves up gives 3.13 (round() on a float gives 3.12).
    assert tsm.per_thousand(1, 320) == Decimal("3.13")
    assert round(1000 / 320, 2) == 3.12  # the trap this avoids
    # 1 of 16 = 6.25%: 6.3 (a float would give 6.2); 15 of 16 = 93.75%: 93.8.
    assert tsm.percentage(1, 16) == Decimal("6.3")
    assert tsm.percentage(15, 16) == Decimal("93.8")
    # 2 of 3 = 66.666…% -> 66.7; 1 of 3 = 33.33…% -> 33.3; 100% keeps its decimal.
    assert tsm.percentage(2, 3) == Decimal("66.7")
    assert tsm.percentage(1, 3) == Decimal("33.3")
    assert str(tsm.percentage(4, 4)) == "100.0"
    assert str(tsm.per_thousand(3, 1000)) == "3.00"


def test_a_zero_denominator_is_none():
    assert tsm.per_thousand(0, 0) is None
    assert tsm.percentage(0, 0) is None
    assert tsm.per_thousand(0, 10) == Decimal("0.00")


# --- relevant homes --------------------------------------------------------------------------


def test_relevant_homes_are_the_four_tenures_existing_at_the_end_of_31_march():
    add_homes(2, tenure="general_needs", created_at=at(2024, 1, 10, 9, 0))
    add_homes(1, tenure="older_persons", created_at=at(2024, 1, 10, 9, 0))
    add_homes(1, tenure="supported", created_at=at(2024, 1, 10, 9, 0))
    add_homes(1, tenure="shared_ownership", created_at=at(2024, 1, 10, 9, 0))
    # Temporary accommodation and leasehold homes never count.
    add_homes(3, tenure="temporary", created_at=at(2024, 1, 10, 9, 0))
    add_homes(2, tenure="leasehold", created_at=at(2024, 1, 10, 9, 0))
    # Added in the last minute of 31 March 2026: exists on 31 March.
    add_homes(1, tenure="general_needs", created_at=at(2026, 3, 31, 23, 59))
    # Added at midnight starting 1 April 2026: belongs to the next year.
    add_homes(1, tenure="general_needs", created_at=at(2026, 4, 1, 0, 0))

    assert report().relevant_homes == 2 + 1 + 1 + 1 + 1
    assert report(2026).relevant_homes == 7
    assert set(report().relevant_home_records.values_list("tenure", flat=True)) == {
        "general_needs",
        "older_persons",
        "supported",
        "shared_ownership",
    }


# --- NM01 ------------------------------------------------------------------------------------


def test_nm01_counts_asb_cases_opened_in_the_year_and_the_hate_incidents():
    add_homes(400, created_at=at(2020, 1, 1, 9, 0))
    add_homes(50, tenure="temporary", created_at=at(2020, 1, 1, 9, 0))  # not in the 400
    counted = [
        asb_case(opened_on=dt.date(2025, 4, 1)),  # first day
        asb_case(opened_on=dt.date(2025, 10, 14), hate=True),
        asb_case(opened_on=dt.date(2026, 3, 31), hate=True),  # last day
        asb_case(opened_on=dt.date(2025, 12, 2), restricted=True),  # restricted still counts
    ]
    asb_case(opened_on=dt.date(2025, 3, 31), hate=True)  # year before
    asb_case(opened_on=dt.date(2026, 4, 1))  # year after
    # A neighbour dispute is not an ASB case for NM01.
    asb_case(opened_on=dt.date(2025, 6, 1), case_type="neighbour_dispute")

    result = report()
    nm01_1, nm01_2 = result.measure("NM01_1"), result.measure("NM01_2")
    assert result.relevant_homes == 400
    # 4 per 400 homes = 10 per 1,000; 2 per 400 = 5 per 1,000.
    assert (nm01_1.numerator, nm01_1.denominator, nm01_1.value) == (4, 400, Decimal("10.00"))
    assert (nm01_2.numerator, nm01_2.value) == (2, Decimal("5.00"))
    assert set(nm01_1.numerator_records) == set(counted)
    assert set(nm01_2.numerator_records) == {counted[1], counted[2]}


def test_nm01_rounds_a_half_up():
    add_homes(320, created_at=at(2020, 1, 1, 9, 0))
    asb_case(opened_on=dt.date(2025, 7, 7))
    # 1 per 320 homes = 3.125 per 1,000 -> 3.13.
    assert report().measure("NM01_1").value == Decimal("3.13")


# --- RP02 ------------------------------------------------------------------------------------


@pytest.fixture
def a_home():
    return add_homes(1, created_at=at(2020, 1, 1, 9, 0))[0]


def test_rp02_emergency_within_24_hours_is_at_the_edge_inclusive(a_home):
    reported = at(2025, 6, 10, 10, 0)
    # Exactly 24 hours later: within target.
    on_edge = completed_repair(
        priority="emergency", reported_at=reported, completed_at=at(2025, 6, 11, 10, 0), home=a_home
    )
    # One second later: missed.
    completed_repair(
        priority="emergency",
        reported_at=reported,
        completed_at=at(2025, 6, 11, 10, 0, 1),
        home=a_home,
    )
    rp02_2 = report().measure("RP02_2")
    # 1 of 2 = 50.0%.
    assert (rp02_2.numerator, rp02_2.denominator, rp02_2.value) == (1, 2, Decimal("50.0"))
    assert list(rp02_2.numerator_records) == [on_edge]
    assert report().measure("RP02_1").value is None  # no non-emergency repairs: null


def test_rp02_urgent_across_the_easter_bank_holidays(a_home):
    # Reported Thursday 17 April 2025. Good Friday (18th) and Easter Monday (21st) are bank
    # holidays, 19-20 the weekend: working days after it are Tue 22 (1), Wed 23 (2), Thu 24 (3),
    # Fri 25 (4), Mon 28 April (5). The target is the end of Monday 28 April.
    reported = at(2025, 4, 17, 14, 30)
    made_it = completed_repair(
        priority="urgent", reported_at=reported, completed_at=at(2025, 4, 28, 16, 0), home=a_home
    )
    missed = completed_repair(
        priority="urgent", reported_at=reported, completed_at=at(2025, 4, 29, 8, 0), home=a_home
    )
    assert made_it.within_target is True and missed.within_target is False
    rp02_1 = report().measure("RP02_1")
    assert (rp02_1.numerator, rp02_1.denominator, rp02_1.value) == (1, 2, Decimal("50.0"))


def test_rp02_year_boundary_planned_and_open_repairs(a_home):
    routine = "routine"
    # Completed in the last minute of 31 March 2026 (BST): in 2025/26, within target.
    last_minute = completed_repair(
        priority=routine,
        reported_at=at(2026, 3, 20, 9, 0),
        completed_at=at(2026, 3, 31, 23, 59),
        home=a_home,
    )
    # Completed at 00:00 on 1 April 2026: 2026/27, though it is 31 March in UTC.
    next_year = completed_repair(
        priority=routine,
        reported_at=at(2026, 3, 20, 9, 0),
        completed_at=at(2026, 4, 1, 0, 0),
        home=a_home,
    )
    # Completed at 00:00 on 1 April 2025: the first moment of 2025/26; reported long before,
    # so it missed its target.
    first_moment = completed_repair(
        priority=routine,
        reported_at=at(2025, 1, 6, 9, 0),
        completed_at=at(2025, 4, 1, 0, 0),
        home=a_home,
    )
    # Planned work is never counted; an open repair is not completed.
    completed_repair(
        priority="planned",
        reported_at=at(2025, 5, 1, 9, 0),
        completed_at=at(2025, 5, 2, 9, 0),
        home=a_home,
    )
    completed_repair(priority="urgent", reported_at=at(2025, 5, 1, 9, 0), completed_at=None,
                     home=a_home)  # fmt: skip

    rp02_1 = report().measure("RP02_1")
    assert set(rp02_1.denominator_records) == {last_minute, first_moment}
    assert set(rp02_1.numerator_records) == {last_minute}
    assert rp02_1.value == Decimal("50.0")
    assert set(report(2026).measure("RP02_1").denominator_records) == {next_year}


def test_rp02_rounds_a_half_up(a_home):
    # 15 of 16 emergency repairs within 24 hours = 93.75% -> 93.8.
    reported = at(2025, 9, 1, 8, 0)
    for _ in range(15):
        completed_repair(priority="emergency", reported_at=reported,
                         completed_at=at(2025, 9, 1, 20, 0), home=a_home)  # fmt: skip
    completed_repair(priority="emergency", reported_at=reported,
                     completed_at=at(2025, 9, 3, 8, 0), home=a_home)  # fmt: skip
    assert report().measure("RP02_2").value == Decimal("93.8")


# --- CH01 and CH02 ---------------------------------------------------------------------------


def test_ch01_counts_stages_received_in_the_year_per_thousand_homes():
    add_homes(800, created_at=at(2020, 1, 1, 9, 0))
    complaint_stage(stage=1, received_on=dt.date(2025, 4, 1))
    complaint_stage(stage=1, received_on=dt.date(2026, 3, 31))
    complaint_stage(stage=1, received_on=dt.date(2026, 4, 1))  # next year
    first = complaint_stage(stage=1, received_on=dt.date(2025, 3, 3),
                            acknowledged_on=dt.date(2025, 3, 4))  # fmt: skip
    # The stage 2 of a complaint received before the year: escalation asked in the year.
    complaint_stage(case=first.case, stage=2, received_on=dt.date(2025, 5, 6))

    result = report()
    # 2 per 800 = 2.5 per 1,000; 1 per 800 = 1.25 per 1,000.
    assert result.measure("CH01_1").value == Decimal("2.50")
    assert result.measure("CH01_2").value == Decimal("1.25")
    assert result.measure("CH01_2").numerator == 1


def test_ch02_uses_the_response_clock_with_any_agreed_extension():
    # Stage 1 received Monday 2 June 2025, acknowledged Tuesday 3 June. Respond within 10
    # working days of acknowledgement: Wed 4 (1), Thu 5, Fri 6 (3), Mon 9 to Fri 13 (8),
    # Mon 16 (9), Tue 17 June (10). With an agreed 5-day extension: Wed 18 (11), Thu 19, Fri 20
    # (13), Mon 23 (14), Tue 24 June (15).
    received, acknowledged = dt.date(2025, 6, 2), dt.date(2025, 6, 3)
    on_day_10 = complaint_stage(received_on=received, acknowledged_on=acknowledged,
                                responded_on=dt.date(2025, 6, 17))  # fmt: skip
    complaint_stage(received_on=received, acknowledged_on=acknowledged,
                    responded_on=dt.date(2025, 6, 20))  # late, no extension  # fmt: skip
    extended = complaint_stage(received_on=received, acknowledged_on=acknowledged,
                               responded_on=dt.date(2025, 6, 20),
                               extension_working_days=5)  # fmt: skip
    complaint_stage(received_on=received, acknowledged_on=acknowledged,
                    responded_on=dt.date(2025, 6, 25), extension_working_days=5)  # fmt: skip
    # Not yet responded: not in CH02 at all.
    complaint_stage(received_on=received, acknowledged_on=acknowledged)
    assert extended.respond_by == dt.date(2025, 6, 24)

    ch02_1 = report().measure("CH02_1")
    # 2 of 4 responded within the timescale = 50.0%.
    assert (ch02_1.numerator, ch02_1.denominator, ch02_1.value) == (2, 4, Decimal("50.0"))
    assert set(ch02_1.numerator_records) == {on_day_10, extended}


def test_ch02_counts_by_the_response_date_and_stage():
    # Stage 2: 20 working days of acknowledgement. Acknowledged Monday 2 March 2026: working
    # days Tue 3 March (1) … Mon 30 March (20). Responded 30 March: within, in 2025/26.
    first = complaint_stage(received_on=dt.date(2026, 2, 2), acknowledged_on=dt.date(2026, 2, 3),
                            responded_on=dt.date(2026, 2, 16))  # fmt: skip
    within = complaint_stage(case=first.case, stage=2, received_on=dt.date(2026, 2, 27),
                             acknowledged_on=dt.date(2026, 3, 2),
                             responded_on=dt.date(2026, 3, 30))  # fmt: skip
    assert within.respond_by == dt.date(2026, 3, 30)
    # Responded 1 April 2026 (late too): the next year's CH02, not this one's.
    other = complaint_stage(received_on=dt.date(2026, 1, 5), acknowledged_on=dt.date(2026, 1, 6),
                            responded_on=dt.date(2026, 1, 7))  # fmt: skip
    complaint_stage(case=other.case, stage=2, received_on=dt.date(2026, 2, 27),
                    acknowledged_on=dt.date(2026, 3, 2),
                    responded_on=dt.date(2026, 4, 1))  # fmt: skip

    result = report()
    assert (result.measure("CH02_2").numerator, result.measure("CH02_2").denominator) == (1, 1)
    assert result.measure("CH02_2").value == Decimal("100.0")
    assert result.measure("CH02_1").value == Decimal("100.0")  # both stage 1s on time
    nxt = report(2026).measure("CH02_2")
    assert (nxt.numerator, nxt.denominator, nxt.value) == (0, 1, Decimal("0.0"))


# --- the whole report ------------------------------------------------------------------------


def test_an_empty_year_is_all_null():
    result = report()
    assert result.as_dict() == {
        "year": "2025/26",
        "relevant_homes": 0,
        **dict.fromkeys(tsm.MEASURE_CODES),
    }


def test_the_report_is_four_queries_whatever_the_size(django_assert_num_queries, a_home):
    add_homes(30, created_at=at(2020, 1, 1, 9, 0))
    for day in range(1, 20):
        asb_case(opened_on=dt.date(2025, 5, day), hate=day % 2 == 0)
        completed_repair(priority="routine", reported_at=at(2025, 5, day, 9, 0),
                         completed_at=at(2025, 5, day, 15, 0), home=a_home)  # fmt: skip
        complaint_stage(received_on=dt.date(2025, 5, day))
    with django_assert_num_queries(4):
        result = report()
    assert result.relevant_homes == 31
    assert result.measure("NM01_1").numerator == 19
    assert result.measure("NM01_2").numerator == 9


def test_json_and_csv_are_the_contract_shape(a_home):
    add_homes(319, created_at=at(2020, 1, 1, 9, 0))  # 320 with a_home
    asb_case(opened_on=dt.date(2025, 8, 1), hate=True)
    reported = at(2025, 9, 1, 8, 0)
    for hours in (1, 2, 30):
        done = reported + dt.timedelta(hours=hours)
        completed_repair(priority="emergency", reported_at=reported, completed_at=done, home=a_home)
    result = report()
    assert tsm.as_json(result) == (
        '{"year": "2025/26", "relevant_homes": 320, "NM01_1": 3.13, "NM01_2": 3.13, '
        '"RP02_1": null, "RP02_2": 66.7, "CH01_1": 0.00, "CH01_2": 0.00, "CH02_1": null, '
        '"CH02_2": null}'
    )
    assert tsm.as_csv(result) == (
        "measure,value\n"
        "NM01_1,3.13\n"
        "NM01_2,3.13\n"
        "RP02_1,\n"
        "RP02_2,66.7\n"
        "CH01_1,0.00\n"
        "CH01_2,0.00\n"
        "CH02_1,\n"
        "CH02_2,\n"
    )
    assert Home.objects.count() == 320
