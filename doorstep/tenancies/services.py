"""Writes for tenancies and households. Each is one transaction and writes its own audit rows."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from doorstep.core.audit import record_change, snapshot
from doorstep.core.concurrency import lock_unchanged
from doorstep.core.models import AuditAction
from doorstep.places.models import Home, Tenure
from doorstep.tenancies.models import MemberRole, Tenancy, TenancyMember, TenancyType

LICENCE_NOT_TEMPORARY = (
    "A licence is a temporary accommodation placement: choose another type, "
    "or record it in a temporary accommodation home."
)
END_BEFORE_START = "The end date must be the same as or after the start date."
NO_TENANT = "Add at least one tenant."


def licence_allowed(*, home: Home, tenancy_type: str) -> bool:
    """DOMAIN.md §3: a `licence` is the temporary accommodation placement, so it is only
    valid in a home with tenure `temporary`."""
    return tenancy_type != TenancyType.LICENCE or home.tenure == Tenure.TEMPORARY


def overlapping_tenancy(
    *, home: Home, start_date: dt.date, end_date: dt.date | None, exclude_pk: int | None = None
) -> Tenancy | None:
    """Another tenancy of the home running on any day from start to end (open-ended if None)."""
    others = Tenancy.objects.filter(home=home).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start_date)
    )
    if end_date is not None:
        others = others.filter(start_date__lte=end_date)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    return others.order_by("start_date").first()


def _day(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def _next_reference(tenancy: Tenancy) -> str:
    # TEN-YYYY-NNNNNN like case references; the number is the row id, so it never repeats.
    return f"TEN-{timezone.localdate().year}-{tenancy.pk:06d}"


@transaction.atomic
def tenancy_create(
    *,
    actor: Any,
    home: Home,
    tenancy_type: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    tenants: Sequence[Any],
    members: Iterable[Any] = (),
    reference: str | None = None,
    source: str = "web",
) -> Tenancy:
    """Record a tenancy of `home` with its tenants and household members.

    Raises ValidationError (by field) when the end is before the start, there is no tenant,
    a licence is given outside temporary accommodation, someone is listed twice, or another
    tenancy of the home runs over the same dates. `reference` is kept when given (imports);
    otherwise one is issued.
    """
    members = list(members)
    errors: dict[str, str] = {}
    if tenancy_type not in TenancyType.values:
        errors["tenancy_type"] = "Choose the type of tenancy."
    elif not licence_allowed(home=home, tenancy_type=tenancy_type):
        errors["tenancy_type"] = LICENCE_NOT_TEMPORARY
    if end_date is not None and end_date < start_date:
        errors["end_date"] = END_BEFORE_START
    if not tenants:
        errors["tenants"] = NO_TENANT
    tenant_ids = {p.pk for p in tenants}
    member_ids = [p.pk for p in members]
    if len(tenant_ids) != len(tenants) or len(set(member_ids)) != len(member_ids):
        errors["tenants"] = "Each person can be listed only once."
    elif tenant_ids & set(member_ids):
        errors["members"] = "Someone listed as a tenant is also listed as a household member."
    if reference and Tenancy.objects.filter(reference=reference).exists():
        errors["reference"] = "A tenancy with this reference already exists."
    if "end_date" not in errors:
        clash = overlapping_tenancy(home=home, start_date=start_date, end_date=end_date)
        if clash is not None:
            errors["start_date"] = (
                f"Tenancy {clash.reference} of this home runs over these dates. "
                "End it first, or change the dates."
            )
    if errors:
        raise ValidationError(errors)

    tenancy = Tenancy(
        reference=reference or f"new-{uuid.uuid4().hex[:24]}",
        home=home,
        tenancy_type=tenancy_type,
        start_date=start_date,
        end_date=end_date,
    )
    tenancy.save()
    if not reference:
        tenancy.reference = _next_reference(tenancy)
        tenancy.save(update_fields=["reference"])
    record_change(actor=actor, action=AuditAction.CREATE, instance=tenancy, source=source)
    rows = [TenancyMember(tenancy=tenancy, person=p, role=MemberRole.TENANT) for p in tenants]
    rows += [TenancyMember(tenancy=tenancy, person=p, role=MemberRole.MEMBER) for p in members]
    for row in rows:
        row.save()
        # One row per person, so a subject access export finds every tenancy they were on.
        record_change(actor=actor, action=AuditAction.CREATE, instance=row, source=source)
    return tenancy


@transaction.atomic
def tenancy_end(
    *,
    actor: Any,
    tenancy: Tenancy,
    end_date: dt.date,
    source: str = "web",
    expected_version: str | None = None,
) -> Tenancy:
    """End a tenancy on `end_date` (the last day of the tenancy). With `expected_version`,
    refuses (EditConflict) if someone saved since that version (ended it, say)."""
    tenancy = lock_unchanged(tenancy, expected_version)
    if tenancy.end_date is not None:
        raise ValidationError(
            {"end_date": f"This tenancy already ended on {_day(tenancy.end_date)}."}
        )
    if end_date < tenancy.start_date:
        raise ValidationError({"end_date": END_BEFORE_START})
    before = snapshot(tenancy)
    tenancy.end_date = end_date
    tenancy.save(update_fields=["end_date", "updated_at"])
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=tenancy, before=before, source=source
    )
    return tenancy
