"""Who may set up estates, blocks and homes (DOMAIN.md §1-§2).

Homes follow the patch rule of doorstep.core.permissions (officers on their own patches, team
leaders across their team's, managers across their offices). Estates and blocks are set up by
team leaders and managers only, for the offices they run.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from doorstep.accounts.roles import Role
from doorstep.core.permissions import can_edit_patch, editable_patch_ids, is_read_only


def _is_super(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False))


def offices_run_by(user: Any) -> frozenset[int]:
    """Ids of the offices whose estates and blocks `user` may set up and change.

    A manager runs the offices they manage; a team leader the office of the team they lead or
    belong to. Cached on the user for the request, like editable_patch_ids.
    """
    cached: frozenset[int] | None = getattr(user, "_offices_run_by", None)
    if cached is not None:
        return cached
    from doorstep.places.models import Office

    if not getattr(user, "is_authenticated", False) or is_read_only(user):
        return frozenset()
    if _is_super(user):
        ids = frozenset(Office.objects.values_list("id", flat=True))
    else:
        condition = Q(pk__in=[])
        if user.has_role(Role.HOUSING_SERVICES_MANAGER):
            condition |= Q(managers=user)
        if user.has_role(Role.TEAM_LEADER):
            condition |= Q(teams__leader=user)
            if user.team_id:
                condition |= Q(teams__id=user.team_id)
        ids = frozenset(Office.objects.filter(condition).values_list("id", flat=True).distinct())
    user._offices_run_by = ids
    return ids


def can_add_estates(user: Any) -> bool:
    """Estates, schemes and blocks are set up by team leaders and managers."""
    return bool(offices_run_by(user))


def can_edit_estate(user: Any, estate: Any) -> bool:
    return estate.office_id in offices_run_by(user)


def can_edit_block(user: Any, block: Any) -> bool:
    return can_edit_estate(user, block.estate)


def can_add_homes(user: Any) -> bool:
    """Anyone who looks after at least one patch (or homes on no patch) may add a home there."""
    if not getattr(user, "is_authenticated", False) or is_read_only(user):
        return False
    return bool(
        _is_super(user)
        or editable_patch_ids(user)
        or user.has_role(Role.TEAM_LEADER, Role.HOUSING_SERVICES_MANAGER)
    )


def can_place_home_on(user: Any, patch_id: int | None) -> bool:
    """A home may only be put on (or moved to) a patch the user looks after."""
    return can_edit_patch(user, patch_id)
