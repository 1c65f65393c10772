"""Reads for the agency directory: anyone signed in may read it. Fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from doorstep.partners.models import Agency, AgencyContact, AgencyKind


def agencies_list(
    *, q: str = "", kind: str = "", include_inactive: bool = True
) -> QuerySet[Agency]:
    """Agencies whose name (or a contact's name) contains `q`, of `kind`, with a contact count;
    active ones first."""
    agencies = Agency.objects.all()
    query = (q or "").strip()
    if query:
        agencies = agencies.filter(
            Q(name__icontains=query)
            | Q(pk__in=AgencyContact.objects.filter(name__icontains=query).values("agency_id"))
        )
    if kind:
        agencies = agencies.filter(kind=kind)
    if not include_inactive:
        agencies = agencies.filter(active=True)
    return agencies.annotate(contact_count=Count("contacts")).order_by("-active", "name", "pk")


def agency_get(*, pk: int) -> Agency:
    """The agency with its contacts prefetched, or 404."""
    return get_object_or_404(
        Agency.objects.prefetch_related(
            Prefetch("contacts", queryset=AgencyContact.objects.order_by("name", "id"))
        ),
        pk=pk,
    )


def agency_contact_get(*, agency: Agency, pk: int) -> AgencyContact:
    return get_object_or_404(AgencyContact, agency=agency, pk=pk)


def active_agencies() -> QuerySet[Agency]:
    """Agencies an officer can refer to today."""
    return Agency.objects.filter(active=True).order_by("name", "pk")


def default_agency(*, kind: str) -> Agency | None:
    """The first active agency of `kind` (e.g. the council's adult social care), if any."""
    if kind not in AgencyKind.values:
        return None
    return active_agencies().filter(kind=kind).first()
