import datetime as dt

import pytest

from doorstep.cases.models import Case, CaseStatus
from doorstep.cases.tests.factories import CaseFactory
from doorstep.core.working_days import LONDON
from doorstep.hazards.myday import hazard_clocks_due
from doorstep.hazards.tests.factories import HazardFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 1, 6, 10, 0, tzinfo=LONDON)  # Tuesday 6 January 2026


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


def _case(officer, home):
    return CaseFactory(case_type="damp_mould", home=home, lead_officer=officer)


def test_the_next_due_clock_for_the_lead_officer_when_overdue_or_due_soon(officer, home):
    # Investigate by Wed 7 Jan 2026 (reported Fri 19 Dec 2025): due by the end of the next
    # working day, so on My day.
    soon = HazardFactory(case=_case(officer, home), reported_at=at(2025, 12, 19, 10, 0))
    # Investigated Wed 24 Dec: summary was due Wed 31 Dec: overdue.
    late = HazardFactory(
        case=_case(officer, home),
        reported_at=at(2025, 12, 19, 10, 0),
        investigated_at=at(2025, 12, 24, 14, 0),
    )
    # Reported Mon 5 Jan: investigate by Mon 19 Jan: not yet.
    HazardFactory(case=_case(officer, home), reported_at=at(2026, 1, 5, 10, 0))
    # A closed case drops off.
    closed = HazardFactory(case=_case(officer, home), reported_at=at(2025, 12, 1, 10, 0))
    Case.objects.filter(pk=closed.case_id).update(
        status=CaseStatus.CLOSED, closed_on=closed.case.opened_on
    )
    items = hazard_clocks_due(user=officer, today=NOW.date(), now=NOW)
    assert [(item.url, item.kind, item.overdue) for item in items] == [
        (soon.case.get_absolute_url(), "hazard_investigate", False),
        (late.case.get_absolute_url(), "hazard_summary", True),
    ]
    assert items[1].title.startswith("Send the written summary: damp and mould DM-")
    assert items[1].detail == "Overdue: was due by Wed 31 Dec 2025, 23:59"


def test_other_officers_see_nothing_and_queries_are_fixed(
    officer, other_officer, home, django_assert_max_num_queries
):
    for _ in range(8):
        HazardFactory(case=_case(officer, home), reported_at=at(2025, 12, 1, 10, 0))
    assert hazard_clocks_due(user=other_officer, today=NOW.date(), now=NOW) == []
    with django_assert_max_num_queries(1):
        assert len(hazard_clocks_due(user=officer, today=NOW.date(), now=NOW)) == 8
