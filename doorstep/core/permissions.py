"""Object-level rules of DOMAIN.md §1: patch, office and role.

Officers edit on their own patches and read elsewhere; team leaders edit across their team's
patches; managers across their offices. Data protection officers read and audit, never edit.
Any signed-in officer (not a read-only role) can take a duty-desk call and log a contact or a
call-back for anyone.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from doorstep.accounts.roles import READ_ONLY_ROLES, SPECIAL_CATEGORY_READERS, Role


def _is_super(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False))


def editable_patch_ids(user: Any) -> frozenset[int]:
    """Ids of the patches whose people, homes and tenancies `user` may change."""
    cached: frozenset[int] | None = getattr(user, "_editable_patch_ids", None)
    if cached is not None:
        return cached
    from doorstep.places.models import Patch

    if not getattr(user, "is_authenticated", False):
        return frozenset()
    query = Patch.objects.none()
    if user.has_role(
        Role.NEIGHBOURHOOD_OFFICER,
        Role.TENANCY_SUSTAINMENT_OFFICER,
        Role.ESTATES_OFFICER,
        Role.ASB_OFFICER,
    ):
        query = query | Patch.objects.filter(officer=user)
    if user.has_role(Role.TEAM_LEADER):
        query = query | Patch.objects.filter(team__leader=user)
        if user.team_id:
            query = query | Patch.objects.filter(team_id=user.team_id)
    if user.has_role(Role.HOUSING_SERVICES_MANAGER):
        query = query | Patch.objects.filter(team__office__managers=user)
    ids = frozenset(query.values_list("id", flat=True).distinct())
    user._editable_patch_ids = ids
    return ids


def is_read_only(user: Any) -> bool:
    return not _is_super(user) and bool(user.roles) and user.roles <= READ_ONLY_ROLES


def can_take_calls(user: Any) -> bool:
    """Duty desk: log a contact or call-back for anyone."""
    return bool(getattr(user, "is_authenticated", False)) and (
        _is_super(user) or (bool(user.roles) and not is_read_only(user))
    )


def can_edit_patch(user: Any, patch_id: int | None) -> bool:
    if _is_super(user):
        return True
    if is_read_only(user):
        return False
    if patch_id is None:
        # Homes and people on no patch are looked after by team leaders and managers.
        return user.has_role(Role.TEAM_LEADER, Role.HOUSING_SERVICES_MANAGER)
    return patch_id in editable_patch_ids(user)


def can_edit_home(user: Any, home: Any) -> bool:
    return can_edit_patch(user, home.patch_id)


def can_edit_person(user: Any, person: Any, patch_ids: set[int] | None = None) -> bool:
    """`patch_ids`: the patches of the person's current homes (see people.selectors)."""
    if _is_super(user):
        return True
    if is_read_only(user):
        return False
    if patch_ids is None:
        from doorstep.people.selectors import patch_ids_of_person

        patch_ids = patch_ids_of_person(person=person)
    if not patch_ids:
        # Not housed by us (an applicant, a reporter, a visitor): any officer may keep the
        # record right, since anyone can take their call.
        return can_take_calls(user)
    return any(can_edit_patch(user, pid) for pid in patch_ids)


def can_read_special_category(user: Any) -> bool:
    return _is_super(user) or user.has_role(*SPECIAL_CATEGORY_READERS)


def can_manage_team(user: Any, team: Any) -> bool:
    """Duty rota, reassigning call-backs, the team's overdue board."""
    if _is_super(user):
        return True
    if user.has_role(Role.TEAM_LEADER) and (team.leader_id == user.pk or team.pk == user.team_id):
        return True
    return (
        user.has_role(Role.HOUSING_SERVICES_MANAGER)
        and team.office.managers.filter(pk=user.pk).exists()
    )


def require(allowed: bool, message: str = "You do not have permission to do that.") -> None:
    if not allowed:
        raise PermissionDenied(message)
