"""Who may see and run multi-agency meetings (DOMAIN.md §1, §9).

A meeting linked to a case is seen only by those who may see the case
(`doorstep.cases.permissions`): for a restricted case, its case team, safeguarding leads and
managers. Other meetings — about a person, or a partnership meeting about no one — are seen by
all staff. Staff who may see a meeting and are not read-only may arrange one; the chair, the
person who arranged it, our staff attending, those who may edit the linked case, team leaders
and managers run it (agenda, attendees, minutes, actions). The data protection officer reads.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from doorstep.accounts.roles import Role
from doorstep.cases.permissions import can_edit_case, can_see_case, visible_case_q
from doorstep.core.permissions import can_take_calls, is_read_only


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(getattr(user, "is_active", True))


def can_arrange_meeting(user: Any) -> bool:
    return can_take_calls(user)


def can_see_meeting(user: Any, meeting: Any) -> bool:
    if not _signed_in(user):
        return False
    if meeting.case_id is None:
        return True
    return can_see_case(user, meeting.case)


def visible_meetings_q(user: Any) -> Q:
    """`can_see_meeting` as a filter on Meeting. An empty Q means every meeting."""
    case_q = visible_case_q(user, prefix="case__")
    if not case_q:
        return Q()
    return Q(case__isnull=True) | case_q


def can_run_meeting(user: Any, meeting: Any, staff_ids: frozenset[int] | None = None) -> bool:
    """`staff_ids`: the meeting's staff attendees, when the caller has them."""
    if not _signed_in(user) or is_read_only(user) or not can_see_meeting(user, meeting):
        return False
    if user.is_superuser or user.pk in (meeting.chair_id, meeting.created_by_id):
        return True
    if user.has_role(Role.TEAM_LEADER, Role.HOUSING_SERVICES_MANAGER):
        return True
    if meeting.case_id is not None and can_edit_case(user, meeting.case):
        return True
    if staff_ids is None:
        staff_ids = frozenset(
            meeting.attendees.filter(staff__isnull=False).values_list("staff_id", flat=True)
        )
    return user.pk in staff_ids


def can_mark_action_done(user: Any, meeting: Any, action: Any) -> bool:
    """The action's owner, or anyone who runs the meeting (the chair records an agency's)."""
    if not _signed_in(user) or is_read_only(user) or not can_see_meeting(user, meeting):
        return False
    return action.owner_id == user.pk or can_run_meeting(user, meeting)
