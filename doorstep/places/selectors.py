"""Reads for homes, estates and blocks. Any signed-in officer reads everywhere (DOMAIN.md §1);
each function uses a fixed number of queries whatever the number of rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from doorstep.contacts.models import CallBack, CallBackStatus, Contact
from doorstep.contacts.selectors import visible_contacts_q
from doorstep.core.permissions import can_edit_home, can_take_calls
from doorstep.places.models import Block, Estate, Home, Office, Patch
from doorstep.places.permissions import can_add_homes, can_edit_block, can_edit_estate
from doorstep.tenancies.models import Tenancy
from doorstep.tenancies.selectors import Occupant, household, tenancy_history

RECENT_CONTACTS = 20


def homes_list(*, user: Any, filters: dict[str, Any] | None = None) -> QuerySet[Home]:
    """Homes for the list page, filtered by `filters` (q, estate, block, tenure, patch).

    `q` matches words of the address, the postcode (with or without its space) or the UPRN.
    """
    homes = Home.objects.select_related("estate", "block", "patch__officer")
    filters = filters or {}
    query = (filters.get("q") or "").strip().lower()
    for word in query.split():
        homes = homes.filter(search_text__contains=word)
    for name in ("estate", "block", "patch"):
        if filters.get(name):
            homes = homes.filter(**{name: filters[name]})
    if filters.get("tenure"):
        homes = homes.filter(tenure=filters["tenure"])
    return homes.order_by("postcode", "address_line_1", "pk")


def home_filter_choices() -> dict[str, Any]:
    """The estates, blocks and patches offered by the home list's filter (three queries)."""
    return {
        "estates": Estate.objects.only("id", "name").order_by("name"),
        "blocks": Block.objects.select_related("estate").order_by("estate__name", "name"),
        "patches": Patch.objects.only("id", "name").order_by("name"),
    }


@dataclass(frozen=True)
class HomePage:
    home: Home
    occupants: list[Occupant]
    tenancies: list[Tenancy]
    contacts: list[Contact]
    callbacks: list[CallBack]
    can_edit: bool
    can_log_contact: bool

    @property
    def officer(self) -> Any:
        return self.home.patch.officer if self.home.patch else None

    @property
    def current_tenancies(self) -> list[Tenancy]:
        ids = {o.member.tenancy_id for o in self.occupants}
        return [t for t in self.tenancies if t.pk in ids]


def home_page(*, user: Any, home_id: int, today: dt.date) -> HomePage:
    """Everything on a home's page in eight queries: the home, its household (with the flags
    behind each person's special arrangements), its tenancies with their people, the latest
    contacts and the open call-backs."""
    try:
        home = Home.objects.select_related(
            "estate__office", "block", "patch__officer", "patch__team"
        ).get(pk=home_id)
    except Home.DoesNotExist as exc:
        raise Http404("No home has that id.") from exc
    contacts = list(
        Contact.objects.filter(visible_contacts_q(user), home=home)
        .select_related("logged_by", "person")
        .order_by("-happened_at", "-id")[:RECENT_CONTACTS]
    )
    callbacks = list(
        CallBack.objects.filter(home=home, status=CallBackStatus.OPEN)
        .select_related("for_officer", "for_team", "person")
        .order_by("due_at", "id")
    )
    return HomePage(
        home=home,
        occupants=household(home=home, today=today),
        tenancies=tenancy_history(home=home),
        contacts=contacts,
        callbacks=callbacks,
        can_edit=can_edit_home(user, home),
        can_log_contact=can_take_calls(user),
    )


def estates_list(*, user: Any, filters: dict[str, Any] | None = None) -> QuerySet[Estate]:
    """Estates and schemes with their number of homes and blocks, by name."""
    estates = Estate.objects.select_related("office", "patch__officer").annotate(
        home_count=Count("homes", distinct=True), block_count=Count("blocks", distinct=True)
    )
    filters = filters or {}
    if filters.get("q"):
        estates = estates.filter(name__icontains=filters["q"].strip())
    if filters.get("office"):
        estates = estates.filter(office=filters["office"])
    return estates.order_by("name", "pk")


def offices() -> QuerySet[Office]:
    return Office.objects.order_by("name")


@dataclass(frozen=True)
class PlacePage:
    """An estate's or a block's page: its homes (a queryset, paged by the view), its blocks
    (estates only), its patch officer and the latest contacts about its homes."""

    estate: Estate
    block: Block | None
    homes: QuerySet[Home]
    blocks: Sequence[Block]
    recent_activity: list[Contact]
    can_edit: bool
    can_add_homes: bool

    @property
    def patch(self) -> Patch | None:
        return self.estate.patch

    @property
    def officer(self) -> Any:
        return self.estate.patch.officer if self.estate.patch else None


def _recent_activity(condition: Q, *, user: Any) -> list[Contact]:
    return list(
        Contact.objects.filter(condition, visible_contacts_q(user))
        .select_related("logged_by", "home", "person")
        .order_by("-happened_at", "-id")[:RECENT_CONTACTS]
    )


def _homes_on(condition: Q) -> QuerySet[Home]:
    return (
        Home.objects.filter(condition)
        .select_related("block", "patch__officer")
        .order_by("block__name", "address_line_1", "pk")
    )


def estate_page(*, user: Any, estate_id: int) -> PlacePage:
    try:
        estate = Estate.objects.select_related("office", "patch__officer", "patch__team").get(
            pk=estate_id
        )
    except Estate.DoesNotExist as exc:
        raise Http404("No estate has that id.") from exc
    blocks = list(
        Block.objects.filter(estate=estate).annotate(home_count=Count("homes")).order_by("name")
    )
    for block in blocks:
        block.estate = estate
    return PlacePage(
        estate=estate,
        block=None,
        homes=_homes_on(Q(estate=estate)),
        blocks=blocks,
        recent_activity=_recent_activity(Q(home__estate=estate), user=user),
        can_edit=can_edit_estate(user, estate),
        can_add_homes=can_add_homes(user),
    )


def block_page(*, user: Any, block_id: int) -> PlacePage:
    try:
        block = Block.objects.select_related(
            "estate__office", "estate__patch__officer", "estate__patch__team"
        ).get(pk=block_id)
    except Block.DoesNotExist as exc:
        raise Http404("No block has that id.") from exc
    return PlacePage(
        estate=block.estate,
        block=block,
        homes=_homes_on(Q(block=block)),
        blocks=[],
        recent_activity=_recent_activity(Q(home__block=block), user=user),
        can_edit=can_edit_block(user, block),
        can_add_homes=can_add_homes(user),
    )


def get_home(*, home_id: int) -> Home:
    try:
        return Home.objects.select_related("estate", "block", "patch").get(pk=home_id)
    except Home.DoesNotExist as exc:
        raise Http404("No home has that id.") from exc


def get_estate(*, estate_id: int) -> Estate:
    try:
        return Estate.objects.select_related("office", "patch").get(pk=estate_id)
    except Estate.DoesNotExist as exc:
        raise Http404("No estate has that id.") from exc


def get_block(*, block_id: int) -> Block:
    try:
        return Block.objects.select_related("estate").get(pk=block_id)
    except Block.DoesNotExist as exc:
        raise Http404("No block has that id.") from exc
