"""`load_demo` repairs and Awaab's Law hazards: one load, everything an officer would look for."""

from __future__ import annotations

import pytest
import time_machine
from django.db.models import Q

from doorstep.accounts.models import User
from doorstep.cases.models import Case, CaseType
from doorstep.demo import data
from doorstep.demo.tests.test_load_demo import NOW, load
from doorstep.hazards import clocks
from doorstep.hazards.models import HazardReport
from doorstep.hazards.selectors import BreachFilters, breaches
from doorstep.myday.selectors import my_day
from doorstep.repairs.models import OPEN_STATUSES, Contractor, Repair

pytestmark = pytest.mark.django_db


def test_repairs_contractors_and_a_hazard_case_in_every_clock_state():
    with time_machine.travel(NOW, tick=False):
        load()

        assert Contractor.objects.count() == 6
        repairs = Repair.objects.all()
        assert set(repairs.values_list("priority", flat=True)) == {
            "emergency", "urgent", "routine", "planned",
        }  # fmt: skip
        assert (
            repairs.filter(within_target=True).count()
            > repairs.filter(within_target=False).count()
            > 0
        )
        assert repairs.filter(status__in=OPEN_STATUSES, target_at__lt=NOW).exists()  # overdue
        assert repairs.filter(Q(block__isnull=False) | Q(estate__isnull=False)).count() >= 3
        for repair in repairs.filter(status="completed"):
            assert repair.completed_at <= NOW
            assert repair.within_target == (repair.completed_at <= repair.target_at)

        estates = User.objects.get(full_name="Dave Lloyd")
        day = my_day(user=estates, now=NOW)
        assert any(item.kind == "repair" and item.overdue for item in day.items)
        assert any(item.kind == "repair" and not item.overdue for item in day.items)  # today

        # Every damp and mould case has its hazard details.
        assert not Case.objects.filter(case_type=CaseType.DAMP_MOULD, hazard__isnull=True).exists()
        officer = User.objects.get(full_name=data.DEMO_OFFICER)
        mine = HazardReport.objects.filter(case__lead_officer=officer).select_related("case")
        states = {}
        for hazard in mine:
            shown = {c.key: c.state for c in clocks.hazard_clocks(hazard, NOW)}
            states[hazard.case.summary] = (hazard.severity, shown, hazard.case.status)
        by_start = {summary.split(";")[0].split(".")[0]: value for summary, value in states.items()}
        assert by_start["Black mould around the bedroom window"][1]["investigate"] == "due"
        assert by_start["Damp patch spreading on the kitchen wall"][1]["summary"] in (
            "due",
            "due_soon",
        )
        waiting_safety = by_start["Mould on the ceiling of the back bedroom"][1]
        assert waiting_safety["summary"] == "done"
        assert waiting_safety["safety_work"] in ("due", "due_soon")
        completed = by_start["Condensation and mould in the bathroom"]
        assert completed[2] == "closed"
        assert {
            completed[1][k] for k in ("investigate", "summary", "safety_work", "preventative")
        } == {"done"}
        breached = by_start["Mould in every room"][1]
        assert breached["investigate"] == "late" and breached["summary"] == "overdue"
        emergency = by_start["Ceiling bulging with water above the light fitting"]
        assert emergency[0] == "emergency" and emergency[1]["investigate"] == "due_soon"
        # A repair is on order for the safety work of the case waiting for it.
        assert Repair.objects.filter(
            source_case__summary__startswith="Mould on the ceiling"
        ).exists()

        # The breach list holds the one breach made on purpose.
        manager = User.objects.get(full_name=data.DEMO_MANAGER)
        found = breaches(user=manager, filters=BreachFilters(), now=NOW)
        assert [h.case.summary for h in found] == ["Mould in every room; tenant has asthma."]
