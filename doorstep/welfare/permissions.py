"""Who may run welfare-call programmes and make the calls (DOMAIN.md §1).

Team leaders, housing services managers and tenancy sustainment officers define programmes;
a programme is changed by its team's leader, its office's managers and tenancy sustainment
officers in its team. Calls are made by the programme's officer, the person's patch officer
(and whoever may edit on that patch: team leaders, managers) and the programme's keepers.
Any signed-in member of staff may read programmes and the coverage report (officers read
elsewhere); call notes may be about health, so only special-category readers see them.
The data protection officer reads, never records.
"""

from __future__ import annotations

from typing import Any

from doorstep.accounts.roles import Role
from doorstep.core.permissions import (
    can_edit_person,
    can_manage_team,
    can_read_special_category,
    can_take_calls,
    is_read_only,
)

KEEPER_ROLES = (Role.TEAM_LEADER, Role.HOUSING_SERVICES_MANAGER, Role.TENANCY_SUSTAINMENT_OFFICER)


def can_create_programme(user: Any) -> bool:
    if is_read_only(user):
        return False
    return bool(user.is_superuser or user.has_role(*KEEPER_ROLES))


def can_edit_programme(user: Any, programme: Any) -> bool:
    if user.is_superuser:
        return True
    if is_read_only(user) or not user.has_role(*KEEPER_ROLES):
        return False
    if can_manage_team(user, programme.team):
        return True
    return bool(
        user.has_role(Role.TENANCY_SUSTAINMENT_OFFICER) and programme.team_id == user.team_id
    )


def can_record_call(
    user: Any, programme: Any, person: Any, patch_ids: set[int] | None = None
) -> bool:
    """`patch_ids`: the patches of the person's current homes, when already known."""
    if not can_take_calls(user):
        return False
    if user.is_superuser or programme.officer_id == user.pk:
        return True
    return can_edit_person(user, person, patch_ids=patch_ids) or can_edit_programme(user, programme)


def can_read_call_notes(user: Any) -> bool:
    return can_read_special_category(user)
