"""Writes for repairs and contractors (DOMAIN.md §4, §8).

Every service checks permission itself (an import or command with no actor is trusted), runs in
one transaction, keeps the stored target and within-target flag in step with `targets.py`, and
writes the audit record.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from doorstep.core.audit import record_change, snapshot
from doorstep.core.concurrency import EditConflict, lock_unchanged, version_of
from doorstep.core.models import AuditAction
from doorstep.core.permissions import can_take_calls, require
from doorstep.core.validators import normalise_email, normalise_phone
from doorstep.core.working_days import format_moment, local_date
from doorstep.repairs import targets
from doorstep.repairs.models import (
    REFERENCE_PREFIX,
    Contractor,
    Priority,
    Repair,
    RepairSequence,
    RepairStatus,
    Trade,
)
from doorstep.repairs.permissions import can_edit_repair, can_manage_contractors, can_raise_for

DESCRIPTION_MAX = 2000
REASON_MAX = 500
CANNOT_RAISE = (
    "Only the patch's officers, the office's estates officers, team leaders and managers can "
    "raise repairs here."
)
CANNOT_EDIT = (
    "Only the repair's owner, the patch's officers, estates officers and managers can change it."
)
CONTRACTORS_ONLY = "Only a housing services manager can add or change contractors."

# Where a repair's status may go next; completion has its own service.
NEXT_STATUSES: dict[str, tuple[str, ...]] = {
    RepairStatus.REPORTED: (RepairStatus.ORDERED, RepairStatus.CANCELLED),
    RepairStatus.ORDERED: (RepairStatus.IN_PROGRESS, RepairStatus.CANCELLED),
    RepairStatus.IN_PROGRESS: (RepairStatus.ORDERED, RepairStatus.CANCELLED),
    RepairStatus.COMPLETED: (),
    RepairStatus.CANCELLED: (),
}


def next_reference(*, year: int) -> str:
    """The next REP-YYYY-NNNNNN, gapless. Call inside a transaction: the year's counter row is
    locked (SELECT … FOR UPDATE) until it commits, so concurrent reports wait their turn and a
    transaction that rolls back gives its number back (the pattern of cases' references)."""
    # INSERT … ON CONFLICT DO NOTHING makes sure the row exists without a race.
    RepairSequence.objects.bulk_create(
        [RepairSequence(year=year, last_number=0)], ignore_conflicts=True
    )
    sequence = RepairSequence.objects.select_for_update().get(year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return f"{REFERENCE_PREFIX}-{year}-{sequence.last_number:06d}"


def _description(value: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({"description": "Describe what needs repairing."})
    if len(text) > DESCRIPTION_MAX:
        raise ValidationError(
            {"description": f"The description must be {DESCRIPTION_MAX:,} characters or fewer."}
        )
    return text


def _check_owner(owner: Any) -> None:
    if owner is not None and (not owner.is_active or not can_take_calls(owner)):
        raise ValidationError({"owner": "That member of staff cannot own a repair."})


@transaction.atomic
def repair_report(
    *,
    actor: Any,
    priority: str,
    description: str,
    reported_at: dt.datetime | None = None,
    home: Any = None,
    block: Any = None,
    estate: Any = None,
    owner: Any = None,
    contractor: Contractor | None = None,
    source_contact: Any = None,
    source_case: Any = None,
    source_inspection_item: Any = None,
    source: str = "web",
) -> Repair:
    """Report a repair to a home, or to the communal areas of a block or an estate (exactly
    one), with a new reference REP-YYYY-NNNNNN and its target from the priority. The owner
    defaults to the officer who raised it. A contractor given now orders the repair at once."""
    places = [place for place in (home, block, estate) if place is not None]
    if len(places) != 1:
        raise ValidationError(
            {"home": "A repair is for one home, or the communal areas of one block or estate."}
        )
    if actor is not None or source == "web":
        require(can_raise_for(actor, home=home, block=block, estate=estate), CANNOT_RAISE)
    if priority not in Priority.values:
        raise ValidationError({"priority": "Select the priority of the repair."})
    text = _description(description)
    now = timezone.now()
    reported_at = reported_at or now
    if reported_at > now:
        raise ValidationError({"reported_at": "The time reported must be now or in the past."})
    if owner is None and getattr(actor, "pk", None):
        owner = actor
    _check_owner(owner)
    if contractor is not None and not contractor.active:
        raise ValidationError({"contractor": "That contractor is no longer used."})
    repair = Repair.objects.create(
        reference=next_reference(year=local_date(reported_at).year),
        home=home,
        block=block,
        estate=estate,
        priority=priority,
        description=text,
        reported_at=reported_at,
        target_at=targets.target_for(priority=priority, reported_at=reported_at),
        status=RepairStatus.ORDERED if contractor is not None else RepairStatus.REPORTED,
        contractor=contractor,
        owner=owner,
        raised_by=actor if getattr(actor, "pk", None) else None,
        source_contact=source_contact,
        source_case=source_case,
        source_inspection_item=source_inspection_item,
    )
    record_change(actor=actor, action=AuditAction.CREATE, instance=repair, source=source)
    return repair


def _locked(repair: Repair, actor: Any, expected_version: str | None = None) -> Repair:
    """The repair re-read under a row lock; with `expected_version` (the form's),
    EditConflict if someone saved it since then."""
    locked = (
        # Only the repair's row is locked: its place is joined (outer joins) to check permission.
        Repair.objects.select_for_update(of=("self",))
        .select_related("home__estate", "block__estate", "estate")
        .get(pk=repair.pk)
    )
    if actor is not None:
        require(can_edit_repair(actor, locked), CANNOT_EDIT)
    if expected_version is not None and version_of(locked) != expected_version:
        raise EditConflict(locked)
    return locked


def _refresh(repair: Repair, locked: Repair) -> Repair:
    for field in locked._meta.concrete_fields:
        setattr(repair, field.attname, getattr(locked, field.attname))
    return repair


@transaction.atomic
def repair_set_status(
    *,
    actor: Any,
    repair: Repair,
    status: str,
    contractor: Contractor | None = None,
    reason: str = "",
    source: str = "web",
    expected_version: str | None = None,
) -> Repair:
    """Order a repair with a contractor, mark it in progress, or cancel it (with a reason).
    Completing a repair is `repair_complete`."""
    locked = _locked(repair, actor, expected_version)
    if status not in RepairStatus.values or status == RepairStatus.COMPLETED:
        raise ValidationError({"status": "Select the new status."})
    if status not in NEXT_STATUSES[locked.status]:
        raise ValidationError(
            {
                "status": f"A repair that is {locked.get_status_display().lower()} cannot "
                f"become {RepairStatus(status).label.lower()}."
            }
        )
    before = snapshot(locked)
    if status == RepairStatus.ORDERED:
        contractor = contractor or locked.contractor
        if contractor is None:
            raise ValidationError(
                {"contractor": "Select the contractor the repair is ordered with."}
            )
        if not contractor.active:
            raise ValidationError({"contractor": "That contractor is no longer used."})
        locked.contractor = contractor
    elif status == RepairStatus.IN_PROGRESS and locked.contractor is None:
        raise ValidationError({"status": "Order the repair with a contractor first."})
    elif status == RepairStatus.CANCELLED:
        why = (reason or "").strip()
        if not why:
            raise ValidationError({"reason": "Enter why the repair is cancelled."})
        if len(why) > REASON_MAX:
            raise ValidationError(
                {"reason": f"The reason must be {REASON_MAX} characters or fewer."}
            )
        locked.cancel_reason = why
    locked.status = status
    locked.save()
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=locked, before=before, source=source
    )
    return _refresh(repair, locked)


@transaction.atomic
def repair_complete(
    *,
    actor: Any,
    repair: Repair,
    completed_at: dt.datetime,
    source: str = "web",
    expected_version: str | None = None,
) -> Repair:
    """Record when the repair was completed; whether that met the target is stored with it."""
    locked = _locked(repair, actor, expected_version)
    if not locked.is_open:
        raise ValidationError(
            {"completed_at": f"The repair is already {locked.get_status_display().lower()}."}
        )
    if completed_at is None:
        raise ValidationError({"completed_at": "Enter when the repair was completed."})
    if completed_at > timezone.now():
        raise ValidationError({"completed_at": "The time completed must be now or in the past."})
    if completed_at < locked.reported_at:
        raise ValidationError(
            {
                "completed_at": "The time completed must be after the repair was reported "
                f"({format_moment(locked.reported_at)})."
            }
        )
    before = snapshot(locked)
    locked.status = RepairStatus.COMPLETED
    locked.completed_at = completed_at
    locked.within_target = targets.within_target(
        target_at=locked.target_at, completed_at=completed_at
    )
    locked.save()
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=locked, before=before, source=source
    )
    return _refresh(repair, locked)


@transaction.atomic
def repair_set_owner(*, actor: Any, repair: Repair, owner: Any, source: str = "web") -> Repair:
    """Give the repair to another officer to look after (it moves to their My day)."""
    locked = _locked(repair, actor)
    if owner is None:
        raise ValidationError({"owner": "Select who looks after the repair."})
    _check_owner(owner)
    before = snapshot(locked)
    locked.owner = owner
    locked.save()
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=locked, before=before, source=source
    )
    return _refresh(repair, locked)


# --- contractors -----------------------------------------------------------------------------


def _contractor_values(
    *, name: str, trade: str, phone: str, email: str, exclude_pk: int | None
) -> dict[str, Any]:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": "Enter the contractor's name."})
    if len(name) > 120:
        raise ValidationError({"name": "The name must be 120 characters or fewer."})
    others = Contractor.objects.filter(name__iexact=name)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        raise ValidationError({"name": f"There is already a contractor called {name}."})
    if trade not in Trade.values:
        raise ValidationError({"trade": "Select the contractor's trade."})
    try:
        phone = normalise_phone(phone) if (phone or "").strip() else ""
    except ValidationError:
        raise ValidationError(
            {"phone": "Enter a real phone number, like 0121 496 0000 or +44 121 496 0000."}
        ) from None
    try:
        email = normalise_email(email) if (email or "").strip() else ""
    except ValidationError:
        raise ValidationError({"email": "Enter an email address, like name@example.com."}) from None
    return {"name": name, "trade": trade, "phone": phone, "email": email}


@transaction.atomic
def contractor_create(
    *, actor: Any, name: str, trade: str, phone: str = "", email: str = "", source: str = "web"
) -> Contractor:
    if actor is not None or source == "web":
        require(can_manage_contractors(actor), CONTRACTORS_ONLY)
    values = _contractor_values(name=name, trade=trade, phone=phone, email=email, exclude_pk=None)
    contractor = Contractor.objects.create(**values)
    record_change(actor=actor, action=AuditAction.CREATE, instance=contractor, source=source)
    return contractor


@transaction.atomic
def contractor_update(
    *,
    actor: Any,
    contractor: Contractor,
    name: str,
    trade: str,
    phone: str = "",
    email: str = "",
    active: bool = True,
    source: str = "web",
    expected_version: str | None = None,
) -> Contractor:
    require(can_manage_contractors(actor), CONTRACTORS_ONLY)
    values = _contractor_values(
        name=name, trade=trade, phone=phone, email=email, exclude_pk=contractor.pk
    )
    lock_unchanged(contractor, expected_version)
    contractor.refresh_from_db()  # the caller's copy, as locked now
    before = snapshot(contractor)
    for key, value in values.items():
        setattr(contractor, key, value)
    contractor.active = bool(active)
    contractor.save()
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=contractor, before=before, source=source
    )
    return contractor
