"""Reads for repairs. Every signed-in member of staff reads repairs (they hold no personal
data beyond the place); each function uses a fixed number of queries whatever the rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from doorstep.core.working_days import LONDON
from doorstep.places.models import Block, Estate, Home
from doorstep.repairs.models import OPEN_STATUSES, Contractor, Repair

# What a repair row needs to show its place and people, in the same query.
ROW_RELATED = ("home__estate", "block__estate", "estate", "contractor", "owner")


def in_estate_q(estate_id: int) -> Q:
    """Repairs to a home on the estate, to one of its blocks, or to the estate itself."""
    return Q(home__estate_id=estate_id) | Q(block__estate_id=estate_id) | Q(estate_id=estate_id)


def in_office_q(office_id: int) -> Q:
    return (
        Q(home__estate__office_id=office_id)
        | Q(block__estate__office_id=office_id)
        | Q(estate__office_id=office_id)
    )


def repairs_readable() -> QuerySet[Repair]:
    """Every repair with its place, contractor, people and sources (one query for any rows)."""
    return Repair.objects.select_related(
        *ROW_RELATED,
        "home__patch",
        "raised_by",
        "source_contact",
        "source_case",
        "source_inspection_item__inspection__estate",
        "source_inspection_item__inspection__block",
    )


def repair_get(*, reference: str) -> Repair:
    """One repair with its place, contractor, people and sources; 404 when there is none."""
    return get_object_or_404(repairs_readable(), reference=reference)


@dataclass(frozen=True)
class RepairFilters:
    status: str = ""  # a status, "open" (not completed or cancelled), or "" for all
    priority: str = ""
    overdue: bool = False
    estate_id: int | None = None
    office_id: int | None = None
    contractor_id: int | None = None


def repairs_list(*, user: Any, filters: RepairFilters, now: dt.datetime) -> QuerySet[Repair]:
    """Repairs matching `filters`, soonest target first (open work first when mixed)."""
    repairs = Repair.objects.select_related(*ROW_RELATED)
    if filters.status == "open":
        repairs = repairs.filter(status__in=OPEN_STATUSES)
    elif filters.status:
        repairs = repairs.filter(status=filters.status)
    if filters.priority:
        repairs = repairs.filter(priority=filters.priority)
    if filters.overdue:
        repairs = repairs.filter(status__in=OPEN_STATUSES, target_at__lt=now)
    if filters.estate_id:
        repairs = repairs.filter(in_estate_q(filters.estate_id))
    if filters.office_id:
        repairs = repairs.filter(in_office_q(filters.office_id))
    if filters.contractor_id:
        repairs = repairs.filter(contractor_id=filters.contractor_id)
    return repairs.order_by("target_at", "id")


def overdue_repairs(*, user: Any, filters: RepairFilters, now: dt.datetime) -> QuerySet[Repair]:
    """Repairs not completed (or cancelled) and past their target, longest overdue first."""
    return repairs_list(
        user=user,
        filters=RepairFilters(
            overdue=True,
            priority=filters.priority,
            estate_id=filters.estate_id,
            office_id=filters.office_id,
            contractor_id=filters.contractor_id,
        ),
        now=now,
    )


def open_repairs_at(*, home: Any = None, block: Any = None, estate: Any = None) -> list[Repair]:
    """Open repairs to a home, or the communal repairs of a block or estate (an estate's own
    and its blocks'), soonest target first. One query."""
    repairs = Repair.objects.filter(status__in=OPEN_STATUSES).select_related(*ROW_RELATED)
    if home is not None:
        repairs = repairs.filter(home=home)
    elif block is not None:
        repairs = repairs.filter(block=block)
    else:
        repairs = repairs.filter(Q(estate=estate) | Q(block__estate=estate))
    return list(repairs.order_by("target_at", "id"))


def repairs_due_for(*, user: Any, until: dt.datetime) -> QuerySet[Repair]:
    """Open repairs `user` owns with a target at or before `until` (My day). One query."""
    return (
        Repair.objects.filter(owner_id=user.pk, status__in=OPEN_STATUSES, target_at__lte=until)
        .select_related("home", "block__estate", "estate")
        .order_by("target_at", "id")
    )


def repairs_from_case_query(case: Any) -> QuerySet[Repair]:
    return (
        Repair.objects.filter(source_case=case)
        .select_related("contractor", "home", "block__estate", "estate")
        .order_by("-reported_at", "-id")
    )


def repairs_from_case(*, case: Any) -> list[Repair]:
    """Repairs raised for a case (a hazard's safety work), newest first. One query."""
    return list(repairs_from_case_query(case))


def contractors(*, active_only: bool = False) -> QuerySet[Contractor]:
    found = Contractor.objects.all()
    if active_only:
        found = found.filter(active=True)
    return found.order_by("name")


def contractor_get(*, pk: int) -> Contractor:
    return get_object_or_404(Contractor, pk=pk)


# --- where a new repair comes from -----------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    """What a "raise a repair" link carried: the place (a home, or a block or estate for
    communal repairs) and where it was raised from (a contact or a case)."""

    home: Any = None
    block: Any = None
    estate: Any = None
    contact: Any = None
    case: Any = None

    @property
    def has_place(self) -> bool:
        return any(place is not None for place in (self.home, self.block, self.estate))

    @property
    def place_label(self) -> str:
        if self.home is not None:
            return self.home.short_address
        if self.block is not None:
            return f"Communal areas of {self.block}"
        if self.estate is not None:
            return f"Communal areas of {self.estate.name}"
        return ""

    @property
    def query(self) -> dict[str, str]:
        """The link's parameters (ids and references only), kept on the form's address."""
        query: dict[str, str] = {}
        if self.contact is not None:
            query["contact"] = str(self.contact.pk)
        if self.case is not None:
            query["case"] = self.case.reference
        if self.home is not None:
            query["home"] = str(self.home.pk)
        elif self.block is not None:
            query["block"] = str(self.block.pk)
        elif self.estate is not None:
            query["estate"] = str(self.estate.pk)
        return query

    @property
    def back_url(self) -> str:
        if self.case is not None:
            return str(self.case.get_absolute_url())
        if self.contact is not None and self.contact.person is not None:
            return str(self.contact.person.get_absolute_url())
        for place in (self.home, self.block, self.estate):
            if place is not None:
                return str(place.get_absolute_url())
        return ""

    def initial(self, now: str) -> dict[str, Any]:
        initial: dict[str, Any] = {"reported_at": now}
        if self.contact is not None:
            initial["description"] = self.contact.summary[:2000]
            initial["reported_at"] = self.contact.happened_at.astimezone(LONDON).strftime(
                "%Y-%m-%dT%H:%M"
            )
        elif self.case is not None:
            initial["description"] = self.case.summary
        return initial


def _pk(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def origin_from(params: Any, *, user: Any) -> Origin:
    """Resolve a raise-a-repair link's ?home=, ?block=, ?estate=, ?contact= or ?case= (at
    most five small queries). A contact or case the user may not see is a 404; so is an id
    that names nothing. A contact brings its home, or its person's current home; a case its
    home, block or estate."""
    from doorstep.cases.models import Case
    from doorstep.cases.permissions import can_see_case
    from doorstep.cases.selectors import current_home_of
    from doorstep.contacts.models import Contact
    from doorstep.contacts.selectors import visible_contacts_q

    fields: dict[str, Any] = {}
    contact_pk = _pk(params.get("contact"))
    if contact_pk is not None:
        fields["contact"] = get_object_or_404(
            Contact.objects.filter(visible_contacts_q(user)).select_related(
                "person", "home__estate"
            ),
            pk=contact_pk,
        )
    if params.get("case"):
        case = get_object_or_404(
            Case.objects.select_related("home__estate", "block__estate", "estate"),
            reference=params["case"][:20],
        )
        if not can_see_case(user, case):
            raise Http404("No case has that reference.")
        fields["case"] = case
    home_pk, block_pk, estate_pk = (
        _pk(params.get("home")),
        _pk(params.get("block")),
        _pk(params.get("estate")),
    )
    if home_pk is not None:
        fields["home"] = get_object_or_404(Home.objects.select_related("estate"), pk=home_pk)
    elif block_pk is not None:
        fields["block"] = get_object_or_404(Block.objects.select_related("estate"), pk=block_pk)
    elif estate_pk is not None:
        fields["estate"] = get_object_or_404(Estate, pk=estate_pk)
    elif "case" in fields:
        case = fields["case"]
        if case.home is not None:
            fields["home"] = case.home
        elif case.block is not None:
            fields["block"] = case.block
        elif case.estate is not None:
            fields["estate"] = case.estate
    elif "contact" in fields:
        contact = fields["contact"]
        home = contact.home
        if home is None and contact.person is not None:
            home = current_home_of(person=contact.person)
        if home is not None:
            fields["home"] = Home.objects.select_related("estate").get(pk=home.pk)
    return Origin(**fields)
