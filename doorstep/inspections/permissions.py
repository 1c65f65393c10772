"""Who may inspect, schedule inspections and edit the checklist (DOMAIN.md §1, §8).

Inspections are made by estates officers (estates of their own office), team leaders and
managers (the offices they run), and neighbourhood officers on their own patches. Schedules
are set by team leaders and managers for the offices they run; the checklist by managers.
Everyone else who is signed in reads inspections and schedules; data protection officers
read and never write.
"""

from __future__ import annotations

from typing import Any

from doorstep.accounts.roles import Role
from doorstep.core.permissions import editable_patch_ids, is_read_only
from doorstep.places.permissions import offices_run_by

CANNOT_INSPECT = (
    "Only estates officers, neighbourhood officers on the patch, team leaders and managers "
    "can inspect this estate."
)
CANNOT_SCHEDULE = "Only team leaders and managers of this estate's office can set its schedule."
CANNOT_EDIT_CHECKLIST = "Only a housing services manager can change the inspection checklist."


def _is_super(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False))


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(getattr(user, "is_active", True))


def own_office_id(user: Any) -> int | None:
    """The office of the user's team (one query at most, cached on the user)."""
    if not hasattr(user, "_own_office_id"):
        team = user.team if getattr(user, "team_id", None) else None
        user._own_office_id = team.office_id if team is not None else None
    office_id: int | None = user._own_office_id
    return office_id


def can_inspect(user: Any, estate: Any) -> bool:
    """May `user` make (and work on) an inspection of `estate` or one of its blocks?"""
    if not _signed_in(user):
        return False
    if _is_super(user):
        return True
    if is_read_only(user):
        return False
    if estate.office_id in offices_run_by(user):
        return True
    if user.has_role(Role.ESTATES_OFFICER) and estate.office_id == own_office_id(user):
        return True
    return estate.patch_id is not None and estate.patch_id in editable_patch_ids(user)


def can_manage_schedules(user: Any, estate: Any | None = None) -> bool:
    """Team leaders and managers, for the estates of the offices they run (any, without one)."""
    if not _signed_in(user) or is_read_only(user):
        return False
    offices = offices_run_by(user)
    if estate is None:
        return bool(offices)
    return estate.office_id in offices


def can_edit_checklist(user: Any) -> bool:
    if not _signed_in(user):
        return False
    return _is_super(user) or (
        not is_read_only(user) and user.has_role(Role.HOUSING_SERVICES_MANAGER)
    )
