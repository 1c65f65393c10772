"""The hazard panel on the damp and mould case page (registered in apps.py): the Awaab's Law
clocks, live for this moment, with what is due next shown first; the milestones and the
forms to record them; the written-summary letter; repairs raised for the safety work."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from doorstep.cases.models import Case
from doorstep.cases.permissions import can_edit_case
from doorstep.cases.registry import panel_detail, panel_rows
from doorstep.hazards import clocks
from doorstep.hazards.models import HazardReport
from doorstep.repairs.models import Repair
from doorstep.repairs.permissions import can_raise_for
from doorstep.repairs.selectors import repairs_from_case_query

# What the panel lists (registered with it): the case page asks whether there are any.
PANEL_ROWS = {"hazard_repairs": lambda case: Repair.objects.filter(source_case=case)}

# Which form records each clock's milestone.
MILESTONE_OF = {
    "investigate": "investigated",
    "summary": "summary",
    "safety_work": "safety",
    "preventative": "preventative",
    "alternative": "alternative",
}


def recordable(hazard: Any, key: str) -> bool:
    """Whether the milestone behind a clock can be recorded now (the services' own order:
    the investigation first, except making an emergency safe; an offer of alternative
    accommodation at any time, and again while the household's answer is awaited)."""
    if key == "investigate":
        return hazard.investigated_at is None
    if key == "alternative":
        return hazard.alternative_offered_at is None or hazard.alternative_response == "awaiting"
    done = {
        "summary": hazard.summary_sent_at,
        "safety_work": hazard.safety_work_done_at,
        "preventative": hazard.preventative_work_begun_at,
    }[key]
    if done is not None:
        return False
    if key == "safety_work" and hazard.severity == "emergency":
        return True
    return hazard.investigated_at is not None


def hazard_panel_context(*, user: Any, case: Case) -> dict[str, Any]:
    """The hazard (one query; none when the case page loaded it with the case), the repairs
    raised for the case (one query; none when the case page found none) and the edit and
    raise checks (at most three, cached on the user)."""
    hazard = panel_detail(case, "hazard", HazardReport.objects.filter(case=case))
    can_edit = case.is_open and can_edit_case(user, case)
    context: dict[str, Any] = {
        "hazard": hazard,
        "hazard_case": case,
        "hazard_can_edit": can_edit,
        "hazard_repairs": panel_rows(case, "hazard_repairs", repairs_from_case_query(case)),
        "hazard_can_raise_repair": case.home is not None
        and case.is_open
        and can_raise_for(user, home=case.home),
        "hazard_repair_url": f"{reverse('repairs:repair_create')}?case={case.reference}",
    }
    if hazard is None:
        return context
    now = timezone.now()
    shown = clocks.hazard_clocks(hazard, now)
    rows = [
        {
            "clock": clock,
            "record_url": reverse(
                "hazards:milestone", args=[case.reference, MILESTONE_OF[clock.key]]
            )
            if can_edit and recordable(hazard, clock.key)
            else "",
        }
        for clock in shown
    ]
    context.update(
        {
            "hazard_rows": rows,
            "hazard_next": clocks.next_due(shown),
            "hazard_missed": clocks.missed(shown),
            "hazard_now": now,
        }
    )
    return context
