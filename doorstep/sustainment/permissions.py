"""Who may make support referrals and book, hold, re-offer and close partner jobs
(DOMAIN.md §1, §9).

Everyone signed in may read them (officers read elsewhere; the data protection officer reads
and audits). Working on them is for tenancy sustainment officers — for people housed in their
office, or not housed by us — and for the officers, team leaders and managers who look after
the person's home (the patch rule of `doorstep.core.permissions`). Data protection officers
never edit.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from doorstep.accounts.roles import Role
from doorstep.core.permissions import can_edit_patch, is_read_only

Place = tuple[int | None, int | None]  # (patch id, office id) of a current home


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(getattr(user, "is_active", True))


def person_places(person: Any) -> list[Place]:
    """(patch id, office id) of the homes on the person's current tenancies (one query)."""
    from doorstep.tenancies.models import TenancyMember

    today = timezone.localdate()
    return list(
        TenancyMember.objects.filter(person=person, tenancy__start_date__lte=today)
        .filter(Q(tenancy__end_date__isnull=True) | Q(tenancy__end_date__gte=today))
        .values_list("tenancy__home__patch_id", "tenancy__home__estate__office_id")
        .order_by("-tenancy__start_date", "pk")
    )


def can_read_support(user: Any) -> bool:
    return _signed_in(user)


def can_work_support(user: Any, person: Any, places: list[Place] | None = None) -> bool:
    """May `user` make a referral for `person`, or book and close jobs for them?
    `places`: the person's `person_places`, when the caller has them."""
    if not _signed_in(user) or is_read_only(user):
        return False
    if user.is_superuser:
        return True
    if places is None:
        places = person_places(person)
    if user.has_role(Role.TENANCY_SUSTAINMENT_OFFICER):
        office_id = user.team.office_id if user.team_id else None
        if not places or any(office == office_id for _, office in places):
            return True
    if not places:
        return user.has_role(Role.TEAM_LEADER, Role.HOUSING_SERVICES_MANAGER)
    if user.has_role(Role.NEIGHBOURHOOD_OFFICER, Role.TEAM_LEADER, Role.HOUSING_SERVICES_MANAGER):
        return any(patch is not None and can_edit_patch(user, patch) for patch, _ in places)
    return False


def can_reoffer_jobs(user: Any) -> bool:
    """The on-hold list with its bulk re-offer: tenancy sustainment officers, and the team
    leaders and managers who oversee them (each job is still checked one by one)."""
    if not _signed_in(user) or is_read_only(user):
        return False
    return bool(user.is_superuser) or user.has_role(
        Role.TENANCY_SUSTAINMENT_OFFICER,
        Role.NEIGHBOURHOOD_OFFICER,
        Role.TEAM_LEADER,
        Role.HOUSING_SERVICES_MANAGER,
    )
