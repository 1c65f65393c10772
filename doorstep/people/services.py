"""Writes for people: records, vulnerability flags, emergency contacts, consents, equality.

Every service runs in a transaction and writes its own audit row, so pages, imports and the
API are audited alike.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Collection
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from doorstep.core.audit import record_change, snapshot
from doorstep.core.concurrency import lock_unchanged
from doorstep.core.models import AuditAction, AuditEvent
from doorstep.core.validators import normalise_email, normalise_phone
from doorstep.people.models import (
    ConsentToShare,
    EmergencyContact,
    EqualityInformation,
    FlagReview,
    Person,
    Vulnerability,
    VulnerabilityFlag,
)
from doorstep.people.search_keys import name_key, person_search_text

# The fields a person form, an import or the API may set, in the order a form shows them.
PERSON_FIELDS: tuple[str, ...] = (
    "title",
    "first_name",
    "last_name",
    "preferred_name",
    "date_of_birth",
    "phone",
    "phone_other",
    "email",
    "preferred_contact_method",
    "language",
    "interpreter_needed",
    "communication_needs",
)
EMERGENCY_CONTACT_FIELDS = frozenset({"name", "relationship", "phone", "note"})
EQUALITY_FIELDS = frozenset(
    {
        "sex",
        "gender_identity",
        "ethnicity",
        "religion",
        "sexual_orientation",
        "disability",
        "marital_status",
        "pregnancy_maternity",
    }
)
REFERENCE_RE = re.compile(r"^P[0-9]{6}$")
# How many times to retry a new reference when a colleague took the same one at once.
_REFERENCE_ATTEMPTS = 5
# "Reviewed, no change" puts the next review this many months on.
DEFAULT_REVIEW_MONTHS = 6


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day (31 Aug + 6 -> 28/29 Feb)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _check_fields(fields: dict[str, Any], allowed: Collection[str]) -> None:
    unknown = set(fields).difference(allowed)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")


def _clean_person_fields(fields: dict[str, Any]) -> dict[str, Any]:
    cleaned = dict(fields)
    for key in ("phone", "phone_other"):
        if key in cleaned:
            value = (cleaned[key] or "").strip()
            cleaned[key] = normalise_phone(value) if value else ""
    if "email" in cleaned:
        value = (cleaned["email"] or "").strip()
        cleaned["email"] = normalise_email(value) if value else ""
    for key in (
        "title",
        "first_name",
        "last_name",
        "preferred_name",
        "language",
        "communication_needs",
    ):
        if key in cleaned:
            cleaned[key] = (cleaned[key] or "").strip()
    return cleaned


def _refresh_search_keys(person: Person) -> None:
    person.search_text = person_search_text(person)
    person.name_key = name_key(person.last_name)


def next_person_reference() -> str:
    """The next free reference: "P" and six digits, one more than the highest in use."""
    highest = (
        Person.objects.filter(reference__regex=r"^P[0-9]{6}$")
        .aggregate(top=Max("reference"))
        .get("top")
    )
    # Fixed width, so the greatest string is the greatest number.
    number = int(highest[1:]) + 1 if highest else 1
    if number > 999_999:
        raise ValidationError("No person references are left. Ask an administrator.")
    return f"P{number:06d}"


@transaction.atomic
def person_create(*, actor: Any, reference: str = "", source: str = "web", **fields: Any) -> Person:
    """Add a person. Phones are stored E.164 and emails lower-case; a reference is allocated
    ("P" and six digits) unless one is given (an import keeps the landlord's reference)."""
    _check_fields(fields, PERSON_FIELDS)
    cleaned = _clean_person_fields(fields)
    for attempt in range(_REFERENCE_ATTEMPTS):
        person = Person(reference=reference or next_person_reference(), **cleaned)
        _refresh_search_keys(person)
        try:
            # A savepoint, so a clash on the reference leaves the outer transaction usable.
            with transaction.atomic():
                person.save()
        except IntegrityError:
            if reference or attempt == _REFERENCE_ATTEMPTS - 1:
                raise
            continue
        break
    record_change(actor=actor, action=AuditAction.CREATE, instance=person, source=source)
    return person


@transaction.atomic
def person_update(
    *,
    actor: Any,
    person: Person,
    source: str = "web",
    expected_version: str | None = None,
    **fields: Any,
) -> Person:
    """Change a person's details; audited with the fields that changed. With
    `expected_version`, refuses (EditConflict) if someone saved since that version."""
    _check_fields(fields, PERSON_FIELDS)
    cleaned = _clean_person_fields(fields)
    lock_unchanged(person, expected_version)
    before = snapshot(person)
    for key, value in cleaned.items():
        setattr(person, key, value)
    _refresh_search_keys(person)
    person.save()
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=person, before=before, source=source
    )
    return person


# Vulnerability flags -----------------------------------------------------------------------


@transaction.atomic
def flag_add(
    *,
    actor: Any,
    person: Person,
    code: str,
    start_date: dt.date,
    review_date: dt.date | None = None,
    note: str = "",
    source: str = "web",
) -> VulnerabilityFlag:
    """Record a vulnerability flag. A person has at most one open flag of each code."""
    if code not in Vulnerability.values:
        raise ValidationError({"code": "Choose a flag from the list."})
    if review_date is not None and review_date < start_date:
        raise ValidationError({"review_date": "The review date must be on or after the start."})
    if VulnerabilityFlag.objects.filter(person=person, code=code, end_date__isnull=True).exists():
        raise ValidationError({"code": "This person already has an open flag of that kind."})
    flag = VulnerabilityFlag.objects.create(
        person=person,
        code=code,
        start_date=start_date,
        review_date=review_date,
        note=(note or "").strip(),
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    record_change(actor=actor, action=AuditAction.CREATE, instance=flag, source=source)
    return flag


@transaction.atomic
def flag_review(
    *,
    actor: Any,
    flag: VulnerabilityFlag,
    review_date: dt.date,
    note: str = "",
    reviewed_on: dt.date | None = None,
) -> FlagReview:
    """Record that the flag was reviewed today and set its next review date."""
    if flag.end_date is not None:
        raise ValidationError("This flag has ended; it needs no review.")
    reviewed_on = reviewed_on or timezone.localdate()
    if review_date <= reviewed_on:
        raise ValidationError({"review_date": "The next review date must be in the future."})
    before = snapshot(flag)
    flag.review_date = review_date
    flag.save(update_fields=["review_date", "updated_at"])
    review = FlagReview.objects.create(
        flag=flag,
        reviewed_on=reviewed_on,
        reviewed_by=actor if getattr(actor, "pk", None) else None,
        next_review_date=review_date,
        note=(note or "").strip(),
    )
    record_change(actor=actor, action=AuditAction.UPDATE, instance=flag, before=before)
    record_change(actor=actor, action=AuditAction.CREATE, instance=review, person_id=flag.person_id)
    return review


def flag_reviewed_no_change(*, actor: Any, flag: VulnerabilityFlag, today: dt.date) -> FlagReview:
    """The one-click review from My day: nothing changed, look again in six months."""
    return flag_review(
        actor=actor,
        flag=flag,
        review_date=add_months(today, DEFAULT_REVIEW_MONTHS),
        note="Reviewed, no change",
        reviewed_on=today,
    )


@transaction.atomic
def flag_end(*, actor: Any, flag: VulnerabilityFlag, end_date: dt.date) -> VulnerabilityFlag:
    """End a flag; it stops counting for special arrangements and reviews."""
    if flag.end_date is not None:
        raise ValidationError("This flag has already ended.")
    if end_date < flag.start_date:
        raise ValidationError({"end_date": "The end date must be on or after the start date."})
    before = snapshot(flag)
    flag.end_date = end_date
    flag.save(update_fields=["end_date", "updated_at"])
    record_change(actor=actor, action=AuditAction.UPDATE, instance=flag, before=before)
    return flag


# Emergency contacts -----------------------------------------------------------------------


def _clean_emergency_contact(fields: dict[str, Any]) -> dict[str, Any]:
    cleaned = {key: (value or "").strip() for key, value in fields.items()}
    if "phone" in cleaned:
        cleaned["phone"] = normalise_phone(cleaned["phone"])
    return cleaned


@transaction.atomic
def emergency_contact_add(*, actor: Any, person: Person, **fields: Any) -> EmergencyContact:
    """Add someone to ring in an emergency (name, relationship, phone, note)."""
    _check_fields(fields, EMERGENCY_CONTACT_FIELDS)
    contact = EmergencyContact.objects.create(person=person, **_clean_emergency_contact(fields))
    record_change(actor=actor, action=AuditAction.CREATE, instance=contact)
    return contact


@transaction.atomic
def emergency_contact_update(
    *, actor: Any, contact: EmergencyContact, **fields: Any
) -> EmergencyContact:
    """Change an emergency contact's details."""
    _check_fields(fields, EMERGENCY_CONTACT_FIELDS)
    before = snapshot(contact)
    for key, value in _clean_emergency_contact(fields).items():
        setattr(contact, key, value)
    contact.save()
    record_change(actor=actor, action=AuditAction.UPDATE, instance=contact, before=before)
    return contact


@transaction.atomic
def emergency_contact_remove(*, actor: Any, contact: EmergencyContact) -> None:
    """Remove an emergency contact; the audit row keeps who removed it."""
    record_change(actor=actor, action=AuditAction.DELETE, instance=contact)
    contact.delete()


# Consent to share ---------------------------------------------------------------------------


@transaction.atomic
def consent_add(
    *, actor: Any, person: Person, agency: str, given_on: dt.date, note: str = ""
) -> ConsentToShare:
    """Record consent to share information with a named agency, on the date it was given."""
    agency = (agency or "").strip()
    if not agency:
        raise ValidationError({"agency": "Enter the agency the person agreed to share with."})
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": "The date consent was given must not be in the future."})
    consent = ConsentToShare.objects.create(
        person=person, agency=agency, given_on=given_on, note=(note or "").strip()
    )
    record_change(actor=actor, action=AuditAction.CREATE, instance=consent)
    return consent


@transaction.atomic
def consent_withdraw(
    *, actor: Any, consent: ConsentToShare, withdrawn_on: dt.date
) -> ConsentToShare:
    """Record that the person withdrew consent; nothing more is shared from that date."""
    if consent.withdrawn_on is not None:
        raise ValidationError("This consent has already been withdrawn.")
    if withdrawn_on < consent.given_on:
        raise ValidationError("Consent cannot be withdrawn before it was given.")
    before = snapshot(consent)
    consent.withdrawn_on = withdrawn_on
    consent.save(update_fields=["withdrawn_on", "updated_at"])
    record_change(actor=actor, action=AuditAction.UPDATE, instance=consent, before=before)
    return consent


# Equality information ---------------------------------------------------------------------


@transaction.atomic
def equality_save(*, actor: Any, person: Person, **fields: Any) -> EqualityInformation:
    """Create or update a person's equality monitoring answers (all optional)."""
    _check_fields(fields, EQUALITY_FIELDS)
    info = EqualityInformation.objects.filter(person=person).first()
    created = info is None
    if info is None:
        info = EqualityInformation(person=person)
    before = {} if created else snapshot(info)
    for key, value in fields.items():
        setattr(info, key, (value or "").strip())
    info.save()
    record_change(
        actor=actor,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        instance=info,
        before=before,
    )
    return info


# Disclosures ------------------------------------------------------------------------------


def special_category_list_viewed(
    *, actor: Any, people: list[Person], what: str, source: str = "web"
) -> int:
    """Audit that `actor` saw special-category data (`what`) for each person in a list.

    One row per person, as `record_view` writes, so a subject access request finds each
    disclosure; written in one statement so a page of results costs one query.
    """
    if not people:
        return 0
    events = [
        AuditEvent(
            actor=actor if getattr(actor, "pk", None) else None,
            action=AuditAction.VIEW,
            object_type=Person._meta.label_lower,
            object_id=str(person.pk),
            object_label=person.reference,
            changes={"viewed": what},
            person_id=person.pk,
            source=source,
        )
        for person in people
    ]
    return len(AuditEvent.objects.bulk_create(events))
