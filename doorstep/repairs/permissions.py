"""Who may raise and work on repairs (DOMAIN.md §1, §8).

Every signed-in member of staff reads repairs. Raising and updating them:
- neighbourhood officers (and anyone else who looks after a patch) on their own patches, and
  team leaders across their team's patches (`doorstep.core.permissions.can_edit_patch`);
- estates officers across their own office's estates, homes and blocks (estates teams cover
  an office, not a patch);
- housing services managers in the offices they manage.
Data protection officers read only. Contractors are kept by managers. The overdue list is for
team leaders, managers and estates officers.
"""

from __future__ import annotations

from typing import Any

from doorstep.accounts.roles import Role
from doorstep.cases.permissions import managed_office_ids
from doorstep.core.permissions import can_edit_patch, is_read_only


def _is_super(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False))


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(getattr(user, "is_active", True))


def place_of(*, home: Any = None, block: Any = None, estate: Any = None) -> tuple[int | None, int]:
    """(patch id, office id) of a home or a communal place; needs the estate loaded."""
    if home is not None:
        return home.patch_id or home.estate.patch_id, home.estate.office_id
    if block is not None:
        return block.estate.patch_id, block.estate.office_id
    if estate is None:
        raise ValueError("A repair is for a home, a block or an estate.")
    return estate.patch_id, estate.office_id


def user_office_id(user: Any) -> int | None:
    return user.team.office_id if getattr(user, "team_id", None) else None


def can_raise_at(user: Any, *, patch_id: int | None, office_id: int) -> bool:
    if not _signed_in(user):
        return False
    if _is_super(user):
        return True
    if is_read_only(user):
        return False
    if office_id in managed_office_ids(user):
        return True
    if user.has_role(Role.ESTATES_OFFICER) and user_office_id(user) == office_id:
        return True
    if user.has_role(Role.NEIGHBOURHOOD_OFFICER, Role.TEAM_LEADER) and patch_id is not None:
        return can_edit_patch(user, patch_id)
    return False


def can_raise_for(user: Any, *, home: Any = None, block: Any = None, estate: Any = None) -> bool:
    patch_id, office_id = place_of(home=home, block=block, estate=estate)
    return can_raise_at(user, patch_id=patch_id, office_id=office_id)


def can_edit_repair(user: Any, repair: Any) -> bool:
    """Change the status, contractor or owner of a repair, or record its completion."""
    if repair.owner_id is not None and repair.owner_id == getattr(user, "pk", None):
        return _signed_in(user) and not is_read_only(user)
    return can_raise_for(user, home=repair.home, block=repair.block, estate=repair.estate)


def may_raise_repairs(user: Any) -> bool:
    """Whether the user raises repairs anywhere (to offer the button at all)."""
    if not _signed_in(user) or is_read_only(user):
        return _is_super(user)
    return _is_super(user) or user.has_role(
        Role.NEIGHBOURHOOD_OFFICER,
        Role.ESTATES_OFFICER,
        Role.TEAM_LEADER,
        Role.HOUSING_SERVICES_MANAGER,
    )


def can_see_overdue_list(user: Any) -> bool:
    return _is_super(user) or (
        _signed_in(user)
        and user.has_role(Role.TEAM_LEADER, Role.HOUSING_SERVICES_MANAGER, Role.ESTATES_OFFICER)
    )


def can_manage_contractors(user: Any) -> bool:
    return _is_super(user) or (_signed_in(user) and user.has_role(Role.HOUSING_SERVICES_MANAGER))
