"""Reads for tenancies and households. Every function uses a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from doorstep.core.permissions import can_edit_home
from doorstep.people.arrangements import Arrangement, arrangements_for
from doorstep.people.models import VulnerabilityFlag
from doorstep.tenancies.models import MemberRole, Tenancy, TenancyMember


def _current_flags() -> Prefetch[Any]:
    # The arrangements banner needs each person's open flags only.
    return Prefetch(
        "person__flags",
        queryset=VulnerabilityFlag.objects.filter(end_date__isnull=True),
        to_attr="current_flags",
    )


def current_q(today: dt.date, prefix: str = "") -> Q:
    """Tenancies running on `today` (started, and not ended before it)."""
    return Q(**{f"{prefix}start_date__lte": today}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today})
    )


@dataclass(frozen=True)
class Occupant:
    """One person in a household, with what an officer must know before calling or visiting."""

    member: TenancyMember
    arrangements: list[Arrangement] = field(default_factory=list)

    @property
    def person(self) -> Any:
        return self.member.person

    @property
    def is_tenant(self) -> bool:
        return self.member.role == MemberRole.TENANT


def _occupants(members: list[TenancyMember]) -> list[Occupant]:
    return [Occupant(member=m, arrangements=arrangements_for(m.person)) for m in members]


def household(*, home: Any, today: dt.date) -> list[Occupant]:
    """The people on the home's current tenancy: tenants first, then household members.

    Two queries whatever the size of the household.
    """
    members = (
        TenancyMember.objects.filter(current_q(today, "tenancy__"), tenancy__home=home)
        .select_related("person", "tenancy")
        .prefetch_related(_current_flags())
        .order_by("person__last_name", "person__first_name", "pk")
    )
    # Tenants first, then the rest of the household, each by name.
    return _occupants(sorted(members, key=lambda m: m.role != MemberRole.TENANT))


def tenancy_history(*, home: Any) -> list[Tenancy]:
    """Every tenancy of the home, newest first, with its people (two queries)."""
    members = TenancyMember.objects.select_related("person").order_by(
        "person__last_name", "person__first_name", "pk"
    )
    return list(
        Tenancy.objects.filter(home=home)
        .order_by("-start_date", "-pk")
        .prefetch_related(Prefetch("members", queryset=members))
    )


def tenancies_of_person(*, person: Any) -> QuerySet[Tenancy]:
    """A person's tenancies, newest first, with their home (for the person page)."""
    return (
        Tenancy.objects.filter(members__person=person)
        .select_related("home")
        .order_by("-start_date", "-pk")
        .distinct()
    )


@dataclass(frozen=True)
class TenancyPage:
    tenancy: Tenancy
    tenants: list[Occupant]
    members: list[Occupant]
    is_current: bool
    can_edit: bool


def tenancy_page(*, user: Any, reference: str, today: dt.date) -> TenancyPage:
    """Everything shown on a tenancy's page. Any signed-in officer may read it."""
    try:
        tenancy = Tenancy.objects.select_related(
            "home__estate", "home__block", "home__patch__officer"
        ).get(reference=reference)
    except Tenancy.DoesNotExist as exc:
        raise Http404("No tenancy has that reference.") from exc
    members = list(
        TenancyMember.objects.filter(tenancy=tenancy)
        .select_related("person")
        .prefetch_related(_current_flags())
        .order_by("person__last_name", "person__first_name", "pk")
    )
    for member in members:
        # Already loaded; saves a query per member in templates that follow member.tenancy.
        member.tenancy = tenancy
    occupants = _occupants(members)
    return TenancyPage(
        tenancy=tenancy,
        tenants=[o for o in occupants if o.is_tenant],
        members=[o for o in occupants if not o.is_tenant],
        is_current=tenancy.is_current(today),
        can_edit=can_edit_home(user, tenancy.home),
    )


def tenancies_list() -> QuerySet[Tenancy]:
    """Every tenancy with its home and its people (for the API; two queries a page). Any
    signed-in officer may read tenancies."""
    members = TenancyMember.objects.select_related("person").order_by(
        "role", "person__last_name", "pk"
    )
    return Tenancy.objects.select_related("home").prefetch_related(
        Prefetch("members", queryset=members)
    )


def tenancy_ids_of(*, person_reference: str) -> QuerySet[Any]:
    """Ids of the tenancies the person with this reference is or was on (a subquery)."""
    return TenancyMember.objects.filter(person__reference=person_reference).values("tenancy_id")


def people_by_reference(*, references: list[str]) -> dict[str, Any]:
    """The people with these references, by reference (one query; unknown ones are absent)."""
    from doorstep.people.models import Person

    found = Person.objects.filter(reference__in=references)
    return {person.reference: person for person in found}


def get_tenancy(*, reference: str) -> Tenancy:
    try:
        return Tenancy.objects.select_related("home").get(reference=reference)
    except Tenancy.DoesNotExist as exc:
        raise Http404("No tenancy has that reference.") from exc
