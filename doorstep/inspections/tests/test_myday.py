import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from doorstep.core.working_days import LONDON, end_of_day
from doorstep.inspections import services
from doorstep.inspections.myday import inspections_due
from doorstep.inspections.tests.factories import ScheduleFactory
from doorstep.myday.selectors import my_day
from doorstep.places.tests.factories import BlockFactory, EstateFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 3, 9, 0, tzinfo=LONDON)
TODAY = NOW.date()


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_due_and_overdue_inspections_are_on_the_inspectors_my_day(
    frozen, estates_officer, estate, office, patch
):
    ScheduleFactory(estate=estate, inspector=estates_officer, next_due_on=TODAY)
    late = EstateFactory(name="Goscote Fields", office=office, patch=patch)
    ScheduleFactory(
        estate=late,
        inspector=estates_officer,
        next_due_on=TODAY - dt.timedelta(days=5),
        last_inspected_on=dt.date(2026, 1, 29),
    )
    later = EstateFactory(name="Caldmore Green", office=office, patch=patch)
    ScheduleFactory(estate=later, inspector=estates_officer, next_due_on=TODAY + dt.timedelta(1))
    items = inspections_due(user=estates_officer, today=TODAY, now=NOW)
    assert [(i.title, i.overdue) for i in items] == [
        ("Inspect Goscote Fields", True),
        ("Inspect Beechdale Estate", False),
    ]
    overdue = items[0]
    assert overdue.due_at == end_of_day(dt.date(2026, 2, 26))
    assert overdue.detail == "Due 26 Feb 2026, every 4 weeks, last inspected 29 Jan 2026."
    assert overdue.action_label == "Start the inspection"
    assert overdue.kind_label == "Estate inspection"


def test_stopped_schedules_and_other_inspectors_work_are_left_off(
    frozen, estates_officer, officer, estate, office, patch
):
    ScheduleFactory(estate=estate, inspector=officer, next_due_on=TODAY)
    stopped = EstateFactory(office=office, patch=patch)
    ScheduleFactory(estate=stopped, inspector=estates_officer, next_due_on=TODAY, active=False)
    assert inspections_due(user=estates_officer, today=TODAY, now=NOW) == []


def test_an_inspection_in_progress_is_carried_on(frozen, estates_officer, estate):
    block = BlockFactory(estate=estate, name="Kestrel House")
    schedule = ScheduleFactory(
        estate=estate, block=block, inspector=estates_officer, next_due_on=TODAY
    )
    inspection = services.inspection_start(actor=estates_officer, estate=estate, block=block)
    (item,) = inspections_due(user=estates_officer, today=TODAY, now=NOW)
    assert item.title == "Inspect Kestrel House, Beechdale Estate"
    assert item.url == inspection.get_absolute_url()
    assert item.action_url == reverse("inspections:schedule_start", args=[schedule.pk])
    assert item.action_label == "Carry on with the inspection"
    assert item.detail.endswith("In progress.")


def test_one_query_however_many_are_due(
    frozen, estates_officer, office, patch, django_assert_num_queries
):
    for _ in range(12):
        estate = EstateFactory(office=office, patch=patch)
        ScheduleFactory(estate=estate, inspector=estates_officer, next_due_on=TODAY)
        services.inspection_start(actor=estates_officer, estate=estate)
    with django_assert_num_queries(1):
        items = inspections_due(user=estates_officer, today=TODAY, now=NOW)
    assert len(items) == 12


def test_my_day_page_offers_to_start_the_inspection(frozen, client, estates_officer, estate):
    schedule = ScheduleFactory(estate=estate, inspector=estates_officer, next_due_on=TODAY)
    client.force_login(estates_officer)
    page = client.get(reverse("myday:my_day")).content.decode()
    assert "Inspect Beechdale Estate" in page
    assert reverse("inspections:schedule_start", args=[schedule.pk]) in page
    assert any(item.kind == "inspection" for item in my_day(user=estates_officer, now=NOW).items)
