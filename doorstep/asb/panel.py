"""The ASB / neighbour-dispute panel and the Community Trigger warnings on the shared case page
(both registered in apps.py)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from doorstep.asb import risk, selectors
from doorstep.asb.models import Tool
from doorstep.cases.models import Case, CaseType
from doorstep.core.audit import record_view

PANEL_TYPES = (CaseType.ASB, CaseType.NEIGHBOUR_DISPUTE)


def can_edit(user: Any, case: Case) -> bool:
    from doorstep.cases.permissions import can_edit_case

    return bool(can_edit_case(user, case))


def asb_panel_context(*, user: Any, case: Case) -> dict[str, Any]:
    """Five queries for the panel, one for the permission check (at most), and one audit row
    when a hate incident's protected characteristic is shown."""
    data = selectors.panel_data(case=case)
    if data.details is not None and data.details.hate_incident:
        # The characteristic a hate incident targeted can reveal a victim's race, religion or
        # sexual orientation: treated as special-category, so every showing is audited.
        record_view(actor=user, instance=case, what="hate incident protected characteristic")
    latest: dict[int, Any] = {}
    for assessment in data.assessments:  # newest first
        latest.setdefault(assessment.victim_id, assessment)
    return {
        "asb_case": case,
        "asb_is_asb": case.case_type == CaseType.ASB,
        "asb_is_dispute": case.case_type == CaseType.NEIGHBOUR_DISPUTE,
        "asb_details": data.details,
        "asb_incidents": data.incidents,
        "asb_tools": data.tools,
        "asb_assessments": data.assessments,
        "asb_latest_assessments": list(latest.values()),
        "asb_mediation": data.mediation,
        "asb_can_edit": can_edit(user, case),
        "asb_tool_count": len(Tool.choices),
        "asb_question_count": len(risk.QUESTIONS),
    }


def community_trigger_warnings(*, user: Any, case: Case) -> list[str]:
    """ASB Case Review warnings for an ASB case's reporters and place, on today's date."""
    if case.case_type != CaseType.ASB:
        return []
    return selectors.case_warnings(case=case, on=timezone.localdate())
