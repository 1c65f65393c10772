"""Writes for the partner agency directory. Each checks permission, runs in a transaction and
writes the audit record, so pages, imports and the API behave alike."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from doorstep.core.audit import record_change, snapshot
from doorstep.core.concurrency import lock_unchanged
from doorstep.core.models import AuditAction
from doorstep.core.permissions import require
from doorstep.core.validators import normalise_email, normalise_phone
from doorstep.partners.models import Agency, AgencyContact, AgencyKind
from doorstep.partners.permissions import can_manage_directory

REFUSED = "Only team leaders, managers and safeguarding leads can change the agency directory."
NAME_MAX = 150
ADDRESS_MAX = 300
NOTES_MAX = 2000
CONTACT_NAME_MAX = 120
ROLE_MAX = 120


def _text(value: str | None, *, field: str, label: str, max_length: int, required: bool) -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise ValidationError({field: f"Enter {label}."})
    if len(cleaned) > max_length:
        raise ValidationError(
            {field: f"{label[0].upper()}{label[1:]} must be {max_length:,} characters or fewer."}
        )
    return cleaned


def _phone(value: str | None, *, field: str) -> str:
    if not (value or "").strip():
        return ""
    try:
        return normalise_phone(value or "")
    except ValidationError as error:
        raise ValidationError({field: error.messages[0]}) from error


def _email(value: str | None, *, field: str) -> str:
    if not (value or "").strip():
        return ""
    try:
        return normalise_email(value or "")
    except ValidationError as error:
        raise ValidationError({field: error.messages[0]}) from error


def _agency_fields(
    *,
    name: str,
    kind: str,
    phone: str,
    secure_email: str,
    address: str,
    notes: str,
    exclude_pk: int | None,
) -> dict[str, str]:
    cleaned_name = _text(
        name, field="name", label="the agency's name", max_length=NAME_MAX, required=True
    )
    if kind not in AgencyKind.values:
        raise ValidationError({"kind": "Select what kind of agency this is."})
    clash = Agency.objects.filter(name__iexact=cleaned_name)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError({"name": "An agency with this name is already in the directory."})
    return {
        "name": cleaned_name,
        "kind": kind,
        "phone": _phone(phone, field="phone"),
        "secure_email": _email(secure_email, field="secure_email"),
        "address": _text(
            address, field="address", label="the address", max_length=ADDRESS_MAX, required=False
        ),
        "notes": _text(notes, field="notes", label="notes", max_length=NOTES_MAX, required=False),
    }


@transaction.atomic
def agency_create(
    *,
    actor: Any,
    name: str,
    kind: str,
    phone: str = "",
    secure_email: str = "",
    address: str = "",
    notes: str = "",
    active: bool = True,
    source: str = "web",
) -> Agency:
    """Add an agency to the directory (name unique, ignoring case; phone stored E.164)."""
    require(can_manage_directory(actor), REFUSED)
    fields = _agency_fields(
        name=name,
        kind=kind,
        phone=phone,
        secure_email=secure_email,
        address=address,
        notes=notes,
        exclude_pk=None,
    )
    agency = Agency.objects.create(active=active, **fields)
    record_change(actor=actor, action=AuditAction.CREATE, instance=agency, source=source)
    return agency


@transaction.atomic
def agency_update(
    *,
    actor: Any,
    agency: Agency,
    name: str,
    kind: str,
    phone: str = "",
    secure_email: str = "",
    address: str = "",
    notes: str = "",
    active: bool = True,
    source: str = "web",
    expected_version: str | None = None,
) -> Agency:
    """Change an agency's details. An agency that stops working with us is made inactive, not
    deleted, so past referrals still say where they went."""
    require(can_manage_directory(actor), REFUSED)
    agency = lock_unchanged(agency, expected_version)
    fields = _agency_fields(
        name=name,
        kind=kind,
        phone=phone,
        secure_email=secure_email,
        address=address,
        notes=notes,
        exclude_pk=agency.pk,
    )
    before = snapshot(agency)
    for key, value in fields.items():
        setattr(agency, key, value)
    agency.active = active
    agency.save()
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=agency, before=before, source=source
    )
    return agency


@transaction.atomic
def agency_contact_add(
    *,
    actor: Any,
    agency: Agency,
    name: str,
    role: str = "",
    phone: str = "",
    email: str = "",
    source: str = "web",
) -> AgencyContact:
    """Add a named contact at an agency; a phone number or an email address is needed."""
    require(can_manage_directory(actor), REFUSED)
    cleaned_phone = _phone(phone, field="phone")
    cleaned_email = _email(email, field="email")
    if not cleaned_phone and not cleaned_email:
        raise ValidationError({"phone": "Enter a phone number or an email address for them."})
    contact = AgencyContact.objects.create(
        agency=agency,
        name=_text(
            name, field="name", label="their name", max_length=CONTACT_NAME_MAX, required=True
        ),
        role=_text(role, field="role", label="their role", max_length=ROLE_MAX, required=False),
        phone=cleaned_phone,
        email=cleaned_email,
    )
    record_change(actor=actor, action=AuditAction.CREATE, instance=contact, source=source)
    return contact


@transaction.atomic
def agency_contact_remove(*, actor: Any, contact: AgencyContact, source: str = "web") -> None:
    """Remove a contact who has left the agency. One still named on a meeting (an attendee
    or an action's owner) stays: the meeting's record must keep who it was."""
    require(can_manage_directory(actor), REFUSED)
    if contact.meetings_attended.exists() or contact.meeting_actions.exists():
        raise ValidationError(
            f"{contact.name} is named on a meeting (as an attendee or an action's owner), "
            "so they cannot be removed."
        )
    record_change(actor=actor, action=AuditAction.DELETE, instance=contact, source=source)
    contact.delete()
