"""The domestic abuse panel on the shared case page, and on ASB and neighbour-dispute cases
the way to move one that is really domestic abuse (both registered in apps.py)."""

from __future__ import annotations

from typing import Any

from doorstep.cases.models import Case
from doorstep.cases.permissions import can_edit_case
from doorstep.core.audit import record_view
from doorstep.domestic_abuse import rules, selectors
from doorstep.domestic_abuse.services import MOVE_FROM_TYPES

__all__ = ["MOVE_FROM_TYPES", "domestic_abuse_panel_context", "move_panel_context"]


def domestic_abuse_panel_context(*, user: Any, case: Case) -> dict[str, Any]:
    """Two queries (assessments, referrals), one audit row when any is shown, and the edit
    check. The case page is only rendered for someone who may see the case."""
    assessments = selectors.assessments_for(case=case)
    referrals = selectors.referrals_for(case=case)
    if assessments or referrals:
        # Risk levels, judgement and MARAC records are special-category data.
        record_view(actor=user, instance=case, what="domestic abuse risk assessments and MARAC")
    latest = assessments[0] if assessments else None
    can_edit = can_edit_case(user, case)
    return {
        "da_case": case,
        "da_assessments": assessments,
        "da_latest": latest,
        "da_referrals": referrals,
        "da_marac_needed": rules.marac_needed(
            latest_level=latest.level if latest else None,
            latest_assessed_on=latest.assessed_on if latest else None,
            referred_on=[referral.referred_on for referral in referrals],
        ),
        "da_question_count": len(rules.QUESTIONS),
        "da_can_edit": can_edit and case.is_open,
        "da_can_edit_closed": can_edit,
    }


def move_panel_context(*, user: Any, case: Case) -> dict[str, Any]:
    """No queries beyond the edit check."""
    return {"da_move_case": case, "da_can_move": case.is_open and can_edit_case(user, case)}
