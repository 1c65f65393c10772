import datetime as dt

import pytest

from doorstep.complaints import selectors
from doorstep.complaints.selectors import ComplaintFilters
from doorstep.complaints.tests.factories import add_complainant, complaint_stage

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = D(2027, 1, 6)  # Wed 6 Jan 2027


def _refs(stages):
    return [(s.case.reference, s.stage) for s in stages]


# --- CH01 / CH02 counts ----------------------------------------------------------------------


def test_complaint_counts_for_a_reporting_year(django_assert_num_queries):
    year = {"start": D(2026, 4, 1), "end": D(2027, 3, 31)}
    # Stage 1 received on the first and last day of the year count; the day before does not.
    complaint_stage(received_on=D(2026, 3, 31))
    on_first_day = complaint_stage(
        received_on=D(2026, 4, 1),
        acknowledged_on=D(2026, 4, 2),
        responded_on=D(2026, 4, 20),  # respond by Mon 20 Apr 2026 (Easter): within
    )
    complaint_stage(received_on=D(2027, 3, 31))
    # Received last year, responded this year two working days late: counts in CH02 only.
    complaint_stage(
        received_on=D(2026, 3, 16), acknowledged_on=D(2026, 3, 17), responded_on=D(2026, 4, 2)
    )
    # Stage 2 on the first complaint: escalation requested in the year, responded with an
    # agreed extension, on the extended due day.
    complaint_stage(
        case=on_first_day.case,
        stage=2,
        received_on=D(2026, 5, 1),
        acknowledged_on=D(2026, 5, 5),
        extension_working_days=5,
        responded_on=D(2026, 6, 10),
    )
    with django_assert_num_queries(1):
        counts = selectors.complaint_counts(**year)
    assert counts.stage_1_received == 2
    assert counts.stage_2_received == 1
    assert counts.stage_1_responded == 2
    assert counts.stage_1_within_timescale == 1
    assert counts.stage_2_responded == 1
    assert counts.stage_2_within_timescale == 1


def test_the_hand_worked_dates_behind_the_counts():
    from doorstep.complaints import clocks

    # Ack Thu 2 Apr 2026: Tue 7 (1; Easter) .. Fri 10 (4), 13-17 (5-9), Mon 20 Apr (10).
    assert clocks.respond_due(stage=1, acknowledged_on=D(2026, 4, 2)) == D(2026, 4, 20)
    # Ack Tue 17 Mar 2026: 18-20 (3), 23-27 (8), Mon 30 (9), Tue 31 Mar (10); 2 Apr is late.
    assert clocks.respond_due(stage=1, acknowledged_on=D(2026, 3, 17)) == D(2026, 3, 31)
    # Ack Tue 5 May 2026, 25 working days: 6-8 (3), 11-15 (8), 18-22 (13), Mon 25 May bank
    # holiday, 26-29 (17), 1-5 Jun (22), 8-10 Jun (25).
    assert clocks.respond_due(
        stage=2, acknowledged_on=D(2026, 5, 5), extension_working_days=5
    ) == D(2026, 6, 10)


# --- the open-complaints list ----------------------------------------------------------------


@pytest.fixture
def spread(officer, other_officer):
    """Four open stages and one responded, around Wed 6 Jan 2027."""
    return {
        # Acknowledge by Mon 4 Jan 2027: overdue.
        "late_ack": complaint_stage(received_on=D(2026, 12, 23), lead_officer=officer),
        # Acknowledge by Thu 7 Jan: due this week.
        "ack_week": complaint_stage(received_on=D(2026, 12, 30), lead_officer=other_officer),
        # Acknowledged; stage 2 respond by Fri 29 Jan: next week and later.
        "respond_later": complaint_stage(
            stage=2,
            received_on=D(2026, 12, 30),
            acknowledged_on=D(2026, 12, 31),
            lead_officer=officer,
        ),
        # Responded: not in the list.
        "done": complaint_stage(
            received_on=D(2026, 12, 1), acknowledged_on=D(2026, 12, 2), responded_on=D(2026, 12, 4)
        ),
    }


def test_open_stages_soonest_first_with_overdue_flags(officer, spread):
    stages = list(
        selectors.open_complaint_stages(user=officer, filters=ComplaintFilters(), today=TODAY)
    )
    assert [s.pk for s in stages] == [
        spread["late_ack"].pk,
        spread["ack_week"].pk,
        spread["respond_later"].pk,
    ]
    assert [s.is_overdue for s in stages] == [True, False, False]
    assert [s.next_due for s in stages] == [D(2027, 1, 4), D(2027, 1, 7), D(2027, 1, 29)]


def test_open_stages_filters(officer, spread):
    def pks(**kwargs):
        return [
            s.pk
            for s in selectors.open_complaint_stages(
                user=officer, filters=ComplaintFilters(**kwargs), today=TODAY
            )
        ]

    assert pks(stage=2) == [spread["respond_later"].pk]
    assert pks(overdue=True) == [spread["late_ack"].pk]
    assert pks(due_this_week=True) == [spread["ack_week"].pk]
    assert pks(mine=True) == [spread["late_ack"].pk, spread["respond_later"].pk]


def test_a_closed_complaint_leaves_the_list(officer, spread):
    case = spread["late_ack"].case
    case.status = "closed"
    case.closed_on = TODAY
    case.save()
    stages = selectors.open_complaint_stages(user=officer, filters=ComplaintFilters(), today=TODAY)
    assert spread["late_ack"].pk not in [s.pk for s in stages]


def test_restricted_complaints_are_masked_for_people_off_the_case(
    officer, other_officer, safeguarding_lead, person
):
    stage = complaint_stage(received_on=D(2027, 1, 4), lead_officer=officer, restricted=True)
    add_complainant(stage.case, person)

    def can_see(user):
        return (
            selectors.open_complaint_stages(user=user, filters=ComplaintFilters(), today=TODAY)
            .get()
            .can_see
        )

    assert can_see(officer) is True
    assert can_see(safeguarding_lead) is True
    assert can_see(other_officer) is False


def test_list_queries_do_not_grow_with_rows(officer, person, django_assert_max_num_queries):
    for day in range(1, 29):
        stage = complaint_stage(received_on=D(2026, 12, day), lead_officer=officer)
        add_complainant(stage.case, person)
    with django_assert_max_num_queries(3):
        stages = list(
            selectors.open_complaint_stages(user=officer, filters=ComplaintFilters(), today=TODAY)
        )
        names = [s.case.reporters[0].person.full_name for s in stages]
        leads = [s.case.lead_officer.full_name for s in stages]
    assert len(names) == len(leads) == 28
