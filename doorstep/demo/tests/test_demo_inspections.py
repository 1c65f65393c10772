"""`load_demo` estate inspections: schedules, a year of history, cases raised, My day."""

from __future__ import annotations

import pytest
import time_machine

from doorstep.accounts.models import User
from doorstep.cases.models import CaseType
from doorstep.demo.tests.test_load_demo import NOW, TODAY, load
from doorstep.inspections.models import (
    Inspection,
    InspectionAnswer,
    InspectionSchedule,
    InspectionStatus,
)
from doorstep.myday.selectors import my_day
from doorstep.places.models import Estate

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    with time_machine.travel(NOW, tick=False):
        load()
        yield


def test_every_estate_has_a_schedule_and_a_year_of_scored_inspections(demo):
    for estate in Estate.objects.all():
        assert InspectionSchedule.objects.filter(estate=estate, block=None, active=True).exists()
        done = Inspection.objects.filter(
            estate=estate, block=None, status=InspectionStatus.COMPLETED
        )
        assert 6 <= done.count() <= 10, estate.name
        assert all((TODAY - i.inspected_on).days <= 365 for i in done)
        assert all(i.inspected_on.weekday() < 5 for i in done)
        for inspection in done:
            answers = InspectionAnswer.objects.filter(inspection=inspection)
            assert answers.count() == 9
            assert inspection.passes == answers.filter(result="pass").count()
    assert InspectionSchedule.objects.filter(block__isnull=False).exists()


def test_beechdale_improves_over_the_year(demo):
    scores = list(
        Inspection.objects.filter(estate__name="Beechdale Estate", block=None)
        .order_by("inspected_on")
        .values_list("score", flat=True)
    )
    assert scores[-1] > scores[0]


def test_failed_items_have_their_cases_linked_both_ways(demo):
    raised = InspectionAnswer.objects.filter(case__isnull=False).select_related("case")
    assert raised.count() == 4
    for answer in raised:
        assert answer.result == "fail" and answer.note
        assert answer.case.estate_id == answer.inspection.estate_id
        assert answer.case.opened_on == answer.inspection.inspected_on
    assert {a.case.case_type for a in raised} == {CaseType.FLY_TIPPING}


def test_the_walsall_estates_officer_has_inspections_due_and_overdue(demo):
    officer = User.objects.get(full_name="Dave Lloyd")
    items = [i for i in my_day(user=officer, now=NOW).items if i.kind == "inspection"]
    assert any(i.overdue for i in items)
    assert {"Inspect Beechdale Estate", "Inspect Blakenall Heath Estate"} <= {
        i.title for i in items
    }
    carry_on = next(i for i in items if i.title == "Inspect Blakenall Heath Estate")
    assert carry_on.action_label == "Carry on with the inspection"


def test_failed_items_have_repairs_raised_and_linked_back(demo):
    from doorstep.repairs.models import Repair

    raised = Repair.objects.filter(source_inspection_item__isnull=False).select_related(
        "source_inspection_item__inspection"
    )
    assert 2 <= raised.count() <= 2 * 3
    for repair in raised:
        answer = repair.source_inspection_item
        assert answer.result == "fail" and answer.follow_up == "repair"
        assert repair.is_communal and repair.owner == answer.inspection.inspector
