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


def load_permissions(user: Any) -> None:
    """Read `user`'s roles, team, the patches behind `editable_patch_ids` and the offices they
    manage in one query, and cache them on the user (this request's), so that a page making
    many permission checks pays for them once. The same rules as the functions that read them
    one query at a time."""
    from django.contrib.auth.models import Group
    from django.db.models import CharField, OuterRef, StringAgg, Subquery, Value
    from django.db.models.functions import Cast

    from doorstep.accounts.models import User
    from doorstep.places.models import Office, Patch

    if not getattr(user, "is_authenticated", False) or not getattr(user, "pk", None):
        return
    if getattr(user, "_permissions_loaded", False):
        return

    def ids(queryset: Any, key: str) -> Subquery:
        return Subquery(
            queryset.order_by()
            .values(key)
            .annotate(ids=StringAgg(Cast("id", CharField()), delimiter=Value(",")))
            .values("ids")
        )

    row = (
        User.objects.filter(pk=user.pk)
        .select_related("team")
        .annotate(
            role_names=Subquery(
                Group.objects.filter(user=OuterRef("pk"))
                .order_by()
                .values("user")
                .annotate(names=StringAgg("name", delimiter=Value(",")))
                .values("names")
            ),
            officer_patches=ids(Patch.objects.filter(officer_id=OuterRef("pk")), "officer_id"),
            leader_patches=ids(
                Patch.objects.filter(team__leader_id=OuterRef("pk")), "team__leader_id"
            ),
            team_patches=ids(Patch.objects.filter(team_id=OuterRef("team_id")), "team_id"),
            manager_patches=ids(
                Patch.objects.filter(team__office__managers=OuterRef("pk")),
                "team__office__managers",
            ),
            offices=ids(Office.objects.filter(managers=OuterRef("pk")), "managers"),
        )
        .first()
    )
    if row is None:
        return

    def split(value: str | None) -> frozenset[int]:
        return frozenset(int(part) for part in value.split(",")) if value else frozenset()

    user._roles_cache = frozenset(row.role_names.split(",")) if row.role_names else frozenset()
    if user.team_id == row.team_id:
        User._meta.get_field("team").set_cached_value(user, row.team)
    patches: frozenset[int] = frozenset()
    if user.has_role(
        Role.NEIGHBOURHOOD_OFFICER,
        Role.TENANCY_SUSTAINMENT_OFFICER,
        Role.ESTATES_OFFICER,
        Role.ASB_OFFICER,
    ):
        patches |= split(row.officer_patches)
    if user.has_role(Role.TEAM_LEADER):
        patches |= split(row.leader_patches)
        if user.team_id:
            patches |= split(row.team_patches)
    if user.has_role(Role.HOUSING_SERVICES_MANAGER):
        patches |= split(row.manager_patches)
    user._editable_patch_ids = patches
    # As cases.permissions.managed_office_ids: only a manager manages offices.
    user._managed_office_ids = (
        split(row.offices)
        if getattr(user, "is_active", True) and user.has_role(Role.HOUSING_SERVICES_MANAGER)
        else frozenset()
    )
    user._permissions_loaded = True


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
