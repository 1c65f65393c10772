"""The fly-tipping panel on the shared case page (registered in apps.py): where, what, the
estates inspection, the perpetrator, removal, recharge, signage and the letter to the block,
each with its change link."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from doorstep.cases.models import Case
from doorstep.cases.permissions import can_edit_case
from doorstep.cases.registry import panel_detail
from doorstep.flytipping import rules, selectors
from doorstep.flytipping.services import place_label
from doorstep.inspections.permissions import can_inspect


def fly_tipping_panel_context(*, user: Any, case: Case) -> dict[str, Any]:
    """One query for the details (with place, perpetrator and the inspection's owner; none
    when the case page loaded them with the case) and the edit check (none when the case
    page has loaded the case team)."""
    details = panel_detail(case, "fly_tipping", selectors.details_query(case))
    action = details.inspection_action if details is not None else None
    can_edit = can_edit_case(user, case)
    open_request = action is not None and action.done_at is None
    linked = details.inspection if details is not None else None
    # Asked whenever there are details, so the query count does not change with the request.
    may_inspect = details is not None and can_inspect(user, details.estate)
    return {
        # The estate inspection answering the request, started from here or My day.
        "ft_linked_inspection": linked,
        "ft_can_start_inspection": open_request and case.is_open and can_edit and may_inspect,
        "ft_inspection_ongoing": linked is not None and not linked.is_completed and open_request,
        "ft_case": case,
        "ft": details,
        "ft_place": place_label(details) if details is not None else "",
        "ft_inspection": action,
        "ft_inspection_open": action is not None and action.done_at is None,
        "ft_inspection_days": rules.INSPECTION_WORKING_DAYS,
        "ft_today": timezone.localdate(),
        "ft_can_edit": can_edit and case.is_open,
        # A recharge is paid, and a letter sent, after a case closes.
        "ft_can_edit_closed": can_edit,
    }
