"""Who may see and act on reports from residents (DOMAIN.md §1, §8).

Any member of staff who takes calls may read a report and act on it (the duty desk rule), and
the data protection officer may read it. The reporter's identity is narrower: the estate's
patch officer, team leaders and managers over that patch, and safeguarding leads. Not other
patches' officers, not estates or ASB officers elsewhere, not the data protection officer (who
sees in the audit log that it was viewed, and by whom).
"""

from __future__ import annotations

from typing import Any

from doorstep.accounts.roles import Role
from doorstep.core.permissions import can_edit_patch, can_take_calls, is_read_only


def can_read_reports(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        can_take_calls(user) or is_read_only(user)
    )


def can_act_on_report(user: Any, report: Any) -> bool:
    """Open a case from it or mark it dealt with."""
    return can_take_calls(user)


def can_see_reporter(user: Any, report: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.has_role(Role.SAFEGUARDING_LEAD):
        return True
    patch = report.estate.patch
    if patch is not None and patch.officer_id == user.pk:
        return True
    if not user.has_role(Role.TEAM_LEADER, Role.HOUSING_SERVICES_MANAGER):
        return False
    if patch is None:
        # An estate on no patch: the managers of its office look after it.
        return bool(
            user.has_role(Role.HOUSING_SERVICES_MANAGER)
            and report.estate.office.managers.filter(pk=user.pk).exists()
        )
    return can_edit_patch(user, patch.pk)
