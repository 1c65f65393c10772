"""Writes for contacts, call-backs and the duty rota (DOMAIN.md §4, §5, §10).

Every service checks permission itself, runs in a transaction and writes the audit record, so
pages, the API and imports behave alike.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from doorstep.contacts.models import (
    AttemptOutcome,
    CallBack,
    CallBackAttempt,
    CallBackStatus,
    Channel,
    Contact,
    Direction,
    DutyShift,
)
from doorstep.contacts.permissions import (
    can_close_follow_up,
    can_link_contact,
    can_reassign_callback,
    can_work_callback,
)
from doorstep.core.audit import record_change, snapshot
from doorstep.core.concurrency import lock_unchanged
from doorstep.core.models import AuditAction
from doorstep.core.permissions import can_manage_team, can_take_calls, require
from doorstep.core.validators import normalise_phone
from doorstep.core.working_days import due_within_working_days

SUMMARY_MAX = 4000
REASON_MAX = 500
OUTCOME_MAX = 1000
NOTE_MAX = 500


def _text(value: str, *, field: str, label: str, max_length: int, required: bool) -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise ValidationError({field: f"Enter {label}."})
    if len(cleaned) > max_length:
        raise ValidationError(
            {field: f"{label[0].upper()}{label[1:]} must be {max_length:,} characters or fewer."}
        )
    return cleaned


def _check_assignee(*, for_officer: Any, for_team: Any) -> None:
    if (for_officer is None) == (for_team is None):
        raise ValidationError(
            {"for_officer": "Choose who should ring back: an officer or a team, not both."}
        )
    if for_officer is not None and not (for_officer.is_active and can_take_calls(for_officer)):
        raise ValidationError({"for_officer": "That member of staff cannot take call-backs."})


# --- contacts --------------------------------------------------------------------------------


@transaction.atomic
def contact_log(
    *,
    actor: Any,
    channel: str,
    direction: str,
    summary: str,
    person: Any = None,
    home: Any = None,
    happened_at: dt.datetime | None = None,
    follow_up_on: dt.date | None = None,
    case: Any = None,
) -> Contact:
    """Log one contact with or about a resident, once. Any officer who takes calls may log a
    contact about anyone (duty desk rule); it must be about a person or a home. With `case`,
    it joins that case's timeline (only a case the officer may see)."""
    require(can_take_calls(actor), "Only officers who take calls can log a contact.")
    if case is not None:
        _check_case(actor, case)
    if person is None and home is None:
        raise ValidationError(
            {"person": "Enter a person reference or UPRN: a contact is about someone or a home."}
        )
    if channel not in Channel.values:
        raise ValidationError({"channel": "Select how the contact was made."})
    if direction not in Direction.values:
        raise ValidationError({"direction": "Select whether the contact was from or to them."})
    text = _text(summary, field="summary", label="a summary", max_length=SUMMARY_MAX, required=True)
    contact = Contact.objects.create(
        channel=channel,
        direction=direction,
        summary=text,
        person=person,
        home=home,
        logged_by=actor,
        happened_at=happened_at or timezone.now(),
        follow_up_on=follow_up_on,
        case=case,
    )
    record_change(actor=actor, action=AuditAction.CREATE, instance=contact)
    return contact


def _check_case(actor: Any, case: Any) -> None:
    from doorstep.cases.permissions import can_see_case, restricted_label

    if not can_see_case(actor, case):
        raise ValidationError({"case": f"{case.reference}: {restricted_label(case)}."})


@transaction.atomic
def contact_link_case(
    *, actor: Any, contact: Contact, case: Any, new_case: bool = False
) -> Contact:
    """Put a logged contact on a case's timeline. An existing case: only someone who may change
    both the contact and the case (`can_link_contact`). `new_case`: the case `actor` has just
    opened from the contact (the duty desk: anyone who takes calls), in the same transaction."""
    require(can_take_calls(actor), "Only officers who take calls can change a contact.")
    _check_case(actor, case)
    require(
        new_case or can_link_contact(actor, contact, case),
        "Only the officer who logged this contact, or their team leader or manager, can put it "
        "on a case they work on.",
    )
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if contact.case_id == case.pk:
        return contact
    before = snapshot(contact)
    contact.case = case
    contact.save(update_fields=["case", "updated_at"])
    record_change(actor=actor, action=AuditAction.UPDATE, instance=contact, before=before)
    return contact


@transaction.atomic
def contact_follow_up_done(*, actor: Any, contact: Contact) -> Contact:
    """Mark a contact's follow-up as done, so it leaves the logger's My day."""
    require(
        can_close_follow_up(actor, contact),
        "Only the officer who logged this contact, or their team leader, can close its follow-up.",
    )
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if contact.follow_up_done_at is not None:
        return contact
    before = snapshot(contact)
    contact.follow_up_done_at = timezone.now()
    contact.save(update_fields=["follow_up_done_at", "updated_at"])
    record_change(actor=actor, action=AuditAction.UPDATE, instance=contact, before=before)
    return contact


# --- call-backs ------------------------------------------------------------------------------


def callback_due_at(logged_at: dt.datetime) -> dt.datetime:
    """DOMAIN.md §4 (fixed): end of the 1st working day after the call-back was logged."""
    return due_within_working_days(logged_at, 1)


@transaction.atomic
def callback_create(
    *,
    actor: Any,
    phone: str,
    reason: str,
    for_officer: Any = None,
    for_team: Any = None,
    person: Any = None,
    home: Any = None,
    caller_name: str = "",
    contact: Contact | None = None,
    logged_at: dt.datetime | None = None,
    due_at: dt.datetime | None = None,
) -> CallBack:
    """Leave a call-back for an officer or a team (exactly one). Due by the end of the first
    working day after it was logged, unless a rule sets an earlier `due_at` (a welfare-call
    escalation is due the same day); the phone number is stored as E.164."""
    require(can_take_calls(actor), "Only officers who take calls can leave a call-back.")
    _check_assignee(for_officer=for_officer, for_team=for_team)
    try:
        number = normalise_phone(phone)
    except ValidationError as exc:
        raise ValidationError({"phone": exc.messages}) from exc
    text = _text(reason, field="reason", label="a reason", max_length=REASON_MAX, required=True)
    name = _text(
        caller_name, field="caller_name", label="the caller's name", max_length=120, required=False
    )
    logged_at = logged_at or timezone.now()
    callback = CallBack.objects.create(
        for_officer=for_officer,
        for_team=for_team,
        person=person,
        home=home,
        contact=contact,
        caller_name=name,
        phone=number,
        reason=text,
        due_at=due_at or callback_due_at(logged_at),
        created_by=actor,
    )
    record_change(actor=actor, action=AuditAction.CREATE, instance=callback)
    return callback


def _open_callback(callback: CallBack, expected_version: str | None = None) -> CallBack:
    # Lock the row so two officers cannot close the same call-back at once; with the version
    # a form was opened on, a change since is an EditConflict (both versions shown).
    locked = lock_unchanged(callback, expected_version)
    if locked.status != CallBackStatus.OPEN:
        raise ValidationError(f"This call-back is already {locked.get_status_display().lower()}.")
    return locked


@transaction.atomic
def callback_attempt(
    *, actor: Any, callback: CallBack, outcome: str, note: str = ""
) -> CallBackAttempt:
    """Log one attempt to ring back. Even "spoke to them" leaves the call-back open: the
    officer marks it done, with the outcome, when the matter is dealt with."""
    require(can_work_callback(actor, callback), "You cannot work on this call-back.")
    _open_callback(callback)
    if outcome not in AttemptOutcome.values:
        raise ValidationError({"outcome": "Select what happened when you rang."})
    text = _text(note, field="note", label="the note", max_length=NOTE_MAX, required=False)
    attempt = CallBackAttempt.objects.create(
        callback=callback, attempted_by=actor, outcome=outcome, note=text
    )
    record_change(
        actor=actor, action=AuditAction.CREATE, instance=attempt, person_id=callback.person_id
    )
    return attempt


@transaction.atomic
def callback_complete(
    *, actor: Any, callback: CallBack, outcome: str = "", expected_version: str | None = None
) -> CallBack:
    """Mark a call-back as done, with what came of it. With `expected_version`, refuses
    (EditConflict) if someone saved since that version."""
    require(can_work_callback(actor, callback), "You cannot work on this call-back.")
    locked = _open_callback(callback, expected_version)
    text = _text(
        outcome, field="outcome", label="the outcome", max_length=OUTCOME_MAX, required=False
    )
    before = snapshot(locked)
    locked.status = CallBackStatus.DONE
    locked.completed_at = timezone.now()
    locked.completed_by = actor
    locked.outcome = text
    locked.save(update_fields=["status", "completed_at", "completed_by", "outcome", "updated_at"])
    record_change(actor=actor, action=AuditAction.UPDATE, instance=locked, before=before)
    return locked


@transaction.atomic
def callback_reassign(
    *,
    actor: Any,
    callback: CallBack,
    for_officer: Any = None,
    for_team: Any = None,
    expected_version: str | None = None,
) -> CallBack:
    """Give an open call-back to another officer or team. The team leader of its team, a
    manager of that office, or the current assignee may do this; the due time stays. With
    `expected_version`, refuses (EditConflict) if someone saved since that version."""
    require(
        can_reassign_callback(actor, callback),
        "Only the officer it is for, their team leader or a manager can reassign this call-back.",
    )
    locked = _open_callback(callback, expected_version)
    _check_assignee(for_officer=for_officer, for_team=for_team)
    before = snapshot(locked)
    locked.for_officer = for_officer
    locked.for_team = for_team
    locked.save(update_fields=["for_officer", "for_team", "updated_at"])
    record_change(actor=actor, action=AuditAction.UPDATE, instance=locked, before=before)
    return locked


# --- duty rota -------------------------------------------------------------------------------


@transaction.atomic
def duty_set(*, actor: Any, team: Any, date: dt.date, officer: Any) -> DutyShift | None:
    """Set the team's duty officer for a day (or clear the day when `officer` is None).
    Only the team leader or a manager of the team; the officer must be in the team."""
    require(can_manage_team(actor, team), "Only the team leader or a manager can set the rota.")
    if date < timezone.localdate():
        raise ValidationError({"date": "You cannot change the rota for a day that has passed."})
    existing = DutyShift.objects.select_for_update().filter(team=team, date=date).first()
    if officer is None:
        if existing is not None:
            record_change(
                actor=actor,
                action=AuditAction.DELETE,
                instance=existing,
                before=snapshot(existing),
            )
            existing.delete()
        return None
    if officer.team_id != team.pk or not officer.is_active:
        raise ValidationError({"officer": "The duty officer must be a member of the team."})
    if existing is None:
        shift = DutyShift.objects.create(team=team, date=date, officer=officer)
        record_change(actor=actor, action=AuditAction.CREATE, instance=shift)
        return shift
    before = snapshot(existing)
    existing.officer = officer
    existing.save(update_fields=["officer", "updated_at"])
    record_change(actor=actor, action=AuditAction.UPDATE, instance=existing, before=before)
    return existing
