"""Writes for subject access: the register of requests and the export. Each checks
permission, runs in one transaction and writes its audit row."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from doorstep.core.audit import record_change, record_view, snapshot
from doorstep.core.concurrency import lock_unchanged
from doorstep.core.models import AuditAction, AuditEvent
from doorstep.core.permissions import require
from doorstep.dataprotection.deadlines import MAX_EXTENSION_MONTHS, sar_due_on
from doorstep.dataprotection.models import RequestStatus, SubjectAccessRequest
from doorstep.dataprotection.sar import build_export, export_zip_bytes
from doorstep.dataprotection.selectors import can_manage_sar

REFUSED = "Only the data protection officer keeps the subject access register."
REQUESTER_MAX = 150
REASON_MAX = 500


def sar_export_for(*, person: Any, actor: Any, source: str = "web", with_pdf: bool = True) -> bytes:
    """The export archive of `person` (see sar.py), audited as an export of their data."""
    export = build_export(person)
    data = export_zip_bytes(export, landlord=settings.DOORSTEP_NAME, with_pdf=with_pdf)
    AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=AuditAction.EXPORT,
        object_type="people.person",
        object_id=str(person.pk),
        object_label=person.reference,
        changes={"exported": "subject access export"},
        person_id=person.pk,
        source=source,
    )
    return data


def _validate(
    *,
    received_on: dt.date | None,
    requester: str,
    identity_checked: bool,
    identity_checked_on: dt.date | None,
    extension_months: int,
    extension_reason: str,
    today: dt.date,
) -> None:
    errors: dict[str, str] = {}
    if received_on is None:
        errors["received_on"] = "Enter the date the request was received."
    elif received_on > today:
        errors["received_on"] = "The date the request was received cannot be in the future."
    if not requester.strip():
        errors["requester"] = "Enter who made the request."
    elif len(requester) > REQUESTER_MAX:
        errors["requester"] = f"Who made the request must be {REQUESTER_MAX} characters or fewer."
    if identity_checked and identity_checked_on is None:
        errors["identity_checked_on"] = "Enter the date the requester's identity was checked."
    if identity_checked_on and received_on and identity_checked_on < received_on:
        errors["identity_checked_on"] = (
            "The identity check cannot be before the request was received."
        )
    if not 0 <= extension_months <= MAX_EXTENSION_MONTHS:
        errors["extension_months"] = "An extension is up to two further months."
    elif extension_months and not extension_reason.strip():
        errors["extension_reason"] = "Enter why the request needs more time."
    if len(extension_reason) > REASON_MAX:
        errors["extension_reason"] = f"The reason must be {REASON_MAX} characters or fewer."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def request_create(
    *,
    actor: Any,
    person: Any,
    received_on: dt.date | None,
    requester: str,
    identity_checked: bool = False,
    identity_checked_on: dt.date | None = None,
) -> SubjectAccessRequest:
    """Log a subject access request. It is due one calendar month from receipt."""
    require(can_manage_sar(actor), REFUSED)
    today = timezone.localdate()
    _validate(
        received_on=received_on,
        requester=requester,
        identity_checked=identity_checked,
        identity_checked_on=identity_checked_on,
        extension_months=0,
        extension_reason="",
        today=today,
    )
    assert received_on is not None
    request = SubjectAccessRequest.objects.create(
        person=person,
        received_on=received_on,
        requester=requester.strip(),
        identity_checked=identity_checked,
        identity_checked_on=identity_checked_on if identity_checked else None,
        due_on=sar_due_on(received_on),
        created_by=actor,
    )
    record_change(actor=actor, action=AuditAction.CREATE, instance=request)
    return request


@transaction.atomic
def request_update(
    *,
    actor: Any,
    request: SubjectAccessRequest,
    expected_version: str | None = None,
    identity_checked: bool,
    identity_checked_on: dt.date | None,
    extension_months: int,
    extension_reason: str,
    status: str,
    completed_on: dt.date | None,
) -> SubjectAccessRequest:
    """Record the identity check, an extension (with its reason; the due date moves), the
    status and the completion date."""
    require(can_manage_sar(actor), REFUSED)
    current = lock_unchanged(request, expected_version)
    today = timezone.localdate()
    _validate(
        received_on=current.received_on,
        requester=current.requester,
        identity_checked=identity_checked,
        identity_checked_on=identity_checked_on,
        extension_months=extension_months,
        extension_reason=extension_reason,
        today=today,
    )
    if status not in RequestStatus.values:
        raise ValidationError({"status": "Select a status from the list."})
    if status == RequestStatus.COMPLETED and completed_on is None:
        raise ValidationError({"completed_on": "Enter the date the response was sent."})
    if completed_on and status != RequestStatus.COMPLETED:
        raise ValidationError({"status": "A request with a completion date is completed."})
    if completed_on and completed_on < current.received_on:
        raise ValidationError(
            {"completed_on": "The completion date cannot be before the request was received."}
        )
    before = snapshot(current)
    current.identity_checked = identity_checked
    current.identity_checked_on = identity_checked_on if identity_checked else None
    current.extension_months = extension_months
    current.extension_reason = extension_reason.strip() if extension_months else ""
    current.due_on = sar_due_on(current.received_on, extension_months)
    current.status = status
    current.completed_on = completed_on
    current.save()
    record_change(actor=actor, action=AuditAction.UPDATE, instance=current, before=before)
    return current


@transaction.atomic
def export_queue(*, actor: Any, request: SubjectAccessRequest) -> SubjectAccessRequest:
    """Mark the export as asked for; the caller enqueues `tasks.generate_sar_export`."""
    require(can_manage_sar(actor), REFUSED)
    current = SubjectAccessRequest.objects.select_for_update().get(pk=request.pk)
    current.export_queued_at = timezone.now()
    if current.status == RequestStatus.RECEIVED:
        current.status = RequestStatus.IN_PROGRESS
    current.save(update_fields=["export_queued_at", "status", "updated_at"])
    return current


def export_generate(*, request_id: int, actor_id: int | None) -> SubjectAccessRequest:
    """Build the export of the request's person and store it (Django storage) on the request.
    Runs in the task worker; the archive is built outside the transaction, stored in one.

    A task delivered again (a retry after a worker crash, or a duplicate) finds the export of
    this request already built and not asked for since, and does nothing: no second archive,
    no second set of audit rows for the disclosure."""
    from django.contrib.auth import get_user_model

    request = SubjectAccessRequest.objects.select_related("person").get(pk=request_id)
    if request.export_queued_at is None and request.export_file:
        return request
    actor = get_user_model()._default_manager.filter(pk=actor_id).first() if actor_id else None
    data = sar_export_for(person=request.person, actor=actor, source="task")
    with transaction.atomic():
        current = SubjectAccessRequest.objects.select_for_update().get(pk=request_id)
        if current.export_queued_at is None and current.export_file:
            return current  # another delivery of the task stored it while this one built
        old = current.export_file.name if current.export_file else ""
        current.export_file.save("export.zip", ContentFile(data), save=False)
        current.export_generated_at = timezone.now()
        current.export_queued_at = None
        current.save(
            update_fields=["export_file", "export_generated_at", "export_queued_at", "updated_at"]
        )
        if old:
            current.export_file.storage.delete(old)
    return current


def export_download(*, actor: Any, request: SubjectAccessRequest) -> None:
    """Audit that `actor` downloaded the stored export."""
    require(can_manage_sar(actor), REFUSED)
    record_view(
        actor=actor,
        instance=request,
        what="subject access export downloaded",
        person_id=request.person_id,
    )
