"""Writes for tenancy sustainment (DOMAIN.md §9). Each checks permission, runs in a
transaction and writes the audit record, so pages, commands and the API behave alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from doorstep.contacts.models import CallBackStatus
from doorstep.contacts.permissions import can_work_callback
from doorstep.contacts.services import callback_complete, callback_create
from doorstep.core.audit import record_change, record_view, snapshot
from doorstep.core.concurrency import lock_unchanged
from doorstep.core.models import AuditAction, AuditEvent
from doorstep.core.permissions import require
from doorstep.core.working_days import local_date
from doorstep.partners.models import Agency
from doorstep.safeguarding.selectors import current_home_of
from doorstep.sustainment.models import (
    OPEN_JOB_STATUSES,
    REFERENCE_PREFIX,
    JobStatus,
    PartnerJob,
    ReferralStatus,
    SupportKind,
    SupportReferral,
    SupportSequence,
)
from doorstep.sustainment.permissions import can_work_support
from doorstep.sustainment.selectors import consent_to_share

REFUSED = (
    "Only tenancy sustainment officers, and the officers who look after the person's home, "
    "can do this."
)
DESCRIPTION_MAX = 500
ELIGIBILITY_MAX = 500
INSTRUCTIONS_MAX = 2000
REASON_MAX = 500
VALUE_MAX = Decimal("99999.99")


def _text(value: str | None, *, field: str, label: str, max_length: int, required: bool) -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise ValidationError({field: f"Enter {label}."})
    if len(cleaned) > max_length:
        raise ValidationError(
            {field: f"{label[0].upper()}{label[1:]} must be {max_length:,} characters or fewer."}
        )
    return cleaned


def _require_work(actor: Any, person: Any) -> None:
    require(can_work_support(actor, person), REFUSED)


def next_reference(*, year: int) -> str:
    """The next SUP-YYYY-NNNNNN. Call inside a transaction: the year's counter row stays locked
    until it commits, so none is skipped or used twice."""
    sequence, _ = SupportSequence.objects.select_for_update().get_or_create(year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return f"{REFERENCE_PREFIX}-{year}-{sequence.last_number:06d}"


# --- referrals -------------------------------------------------------------------------------


@transaction.atomic
def referral_make(
    *,
    actor: Any,
    person: Any,
    kind: str,
    description: str = "",
    eligibility_note: str = "",
    case: Any = None,
    officer: Any = None,
    source: str = "web",
) -> SupportReferral:
    """Refer `person` for tenancy sustainment support. "Other" needs a description. The
    officer looking after it defaults to the actor."""
    _require_work(actor, person)
    if kind not in SupportKind.values:
        raise ValidationError({"kind": "Select the kind of support."})
    text = _text(
        description,
        field="description",
        label="what support is needed",
        max_length=DESCRIPTION_MAX,
        required=kind == SupportKind.OTHER,
    )
    eligibility = _text(
        eligibility_note,
        field="eligibility_note",
        label="the eligibility note",
        max_length=ELIGIBILITY_MAX,
        required=False,
    )
    if case is not None and not case.parties.filter(person=person).exists():
        raise ValidationError({"case": f"{person.full_name} is not on case {case.reference}."})
    referral = SupportReferral.objects.create(
        reference=next_reference(year=local_date(timezone.now()).year),
        person=person,
        kind=kind,
        description=text,
        eligibility_note=eligibility,
        case=case,
        officer=officer or actor,
        made_by=actor,
    )
    record_change(actor=actor, action=AuditAction.CREATE, instance=referral, source=source)
    return referral


@transaction.atomic
def referral_close(
    *,
    actor: Any,
    referral: SupportReferral,
    status: str,
    closed_on: dt.date | None = None,
    source: str = "web",
) -> SupportReferral:
    """Close a referral as completed or withdrawn. A referral with open jobs cannot close:
    record each job's outcome first."""
    _require_work(actor, referral.person)
    locked = SupportReferral.objects.select_for_update().get(pk=referral.pk)
    if locked.status != ReferralStatus.OPEN:
        raise ValidationError("This referral is already closed.")
    if status not in (ReferralStatus.COMPLETED, ReferralStatus.WITHDRAWN):
        raise ValidationError({"status": "Select whether the support was completed or withdrawn."})
    if locked.jobs.filter(status__in=OPEN_JOB_STATUSES).exists():
        raise ValidationError(
            {"status": "Record the outcome of every open job before closing the referral."}
        )
    today = timezone.localdate()
    closed_on = closed_on or today
    if closed_on > today:
        raise ValidationError({"closed_on": "The date closed cannot be in the future."})
    before = snapshot(locked)
    locked.status = status
    locked.closed_on = closed_on
    locked.save(update_fields=["status", "closed_on", "updated_at"])
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=locked, before=before, source=source
    )
    return locked


# --- partner jobs ----------------------------------------------------------------------------


def _check_slot(
    *, date: dt.date | None, start_time: dt.time | None, end_time: dt.time | None
) -> tuple[dt.date, dt.time, dt.time]:
    if date is None:
        raise ValidationError({"date": "Enter the date of the job."})
    if date < timezone.localdate():
        raise ValidationError({"date": "The date of the job must be today or in the future."})
    if start_time is None:
        raise ValidationError({"start_time": "Enter the time the job starts."})
    if end_time is None:
        raise ValidationError({"end_time": "Enter the time the job ends."})
    if end_time <= start_time:
        raise ValidationError({"end_time": "The job must end after it starts."})
    return date, start_time, end_time


def _check_agency(agency: Agency | None) -> Agency:
    if agency is None:
        raise ValidationError({"agency": "Select the partner doing the job."})
    if not agency.active:
        raise ValidationError(
            {"agency": f"We no longer work with {agency.name}. Choose another partner."}
        )
    return agency


@transaction.atomic
def job_book(
    *,
    actor: Any,
    referral: SupportReferral,
    agency: Agency | None,
    date: dt.date | None,
    start_time: dt.time | None,
    end_time: dt.time | None,
    instructions: str = "",
    source: str = "web",
) -> PartnerJob:
    """Book a job with a partner agency in a time slot, for an open referral."""
    _require_work(actor, referral.person)
    if referral.status != ReferralStatus.OPEN:
        raise ValidationError("This referral is closed; make a new referral to book more work.")
    partner = _check_agency(agency)
    day, start, end = _check_slot(date=date, start_time=start_time, end_time=end_time)
    job = PartnerJob.objects.create(
        referral=referral,
        agency=partner,
        date=day,
        start_time=start,
        end_time=end,
        instructions=_text(
            instructions,
            field="instructions",
            label="what the partner is asked to do",
            max_length=INSTRUCTIONS_MAX,
            required=False,
        ),
        booked_by=actor,
    )
    record_change(
        actor=actor,
        action=AuditAction.CREATE,
        instance=job,
        person_id=referral.person_id,
        source=source,
    )
    return job


def _locked_job(job: PartnerJob, expected_version: str | None = None) -> PartnerJob:
    """The job's row, locked; EditConflict if it changed since `expected_version`."""
    lock_unchanged(job, expected_version)
    return PartnerJob.objects.select_for_update().select_related("referral").get(pk=job.pk)


def _save(actor: Any, job: PartnerJob, before: dict[str, Any], source: str) -> None:
    job.save()
    record_change(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=job,
        before=before,
        person_id=job.referral.person_id,
        source=source,
    )


@transaction.atomic
def job_rebook(
    *,
    actor: Any,
    job: PartnerJob,
    date: dt.date | None,
    start_time: dt.time | None,
    end_time: dt.time | None,
    source: str = "web",
    expected_version: str | None = None,
) -> PartnerJob:
    """Book a new slot for a job (moved, back from hold, or re-offered). The job sheet must go
    to the partner again. The re-offer call-back, if still open, is marked done. With
    `expected_version`, refuses (EditConflict) if someone saved since that version."""
    _require_work(actor, job.referral.person)
    locked = _locked_job(job, expected_version)
    if not locked.is_open:
        raise ValidationError("This job is finished; book a new job instead.")
    day, start, end = _check_slot(date=date, start_time=start_time, end_time=end_time)
    before = snapshot(locked)
    locked.date, locked.start_time, locked.end_time = day, start, end
    locked.status = JobStatus.BOOKED
    locked.hold_reason = ""
    locked.sheet_sent_at = None
    locked.sheet_sent_to = ""
    _save(actor, locked, before, source)
    callback = locked.reoffer_callback
    if (
        callback is not None
        and callback.status == CallBackStatus.OPEN
        and can_work_callback(actor, callback)
    ):
        callback_complete(
            actor=actor, callback=callback, outcome=f"New slot booked: {locked.slot_label}."
        )
    return locked


@transaction.atomic
def job_hold(
    *,
    actor: Any,
    job: PartnerJob,
    reason: str,
    source: str = "web",
    expected_version: str | None = None,
) -> PartnerJob:
    """Pause a booked job (the partner stopped work, the person is in hospital, …). With
    `expected_version`, refuses (EditConflict) if someone saved since that version."""
    _require_work(actor, job.referral.person)
    locked = _locked_job(job, expected_version)
    if locked.status != JobStatus.BOOKED:
        raise ValidationError("Only a booked job can be put on hold.")
    text = _text(
        reason, field="hold_reason", label="why it is on hold", max_length=REASON_MAX, required=True
    )
    before = snapshot(locked)
    locked.status = JobStatus.ON_HOLD
    locked.hold_reason = text
    _save(actor, locked, before, source)
    return locked


@dataclass
class ReofferResult:
    reoffered: list[PartnerJob] = field(default_factory=list)
    already: list[PartnerJob] = field(default_factory=list)
    no_phone: list[PartnerJob] = field(default_factory=list)
    skipped: list[PartnerJob] = field(default_factory=list)  # not on hold, or not the actor's

    @property
    def callbacks_made(self) -> int:
        return len(self.reoffered)


def _phone_of(person: Any) -> str:
    return str(person.phone or person.phone_other or "")


@transaction.atomic
def jobs_reoffer(*, actor: Any, jobs: Iterable[PartnerJob], source: str = "web") -> ReofferResult:
    """Re-offer paused jobs in one step: each on-hold job moves to "to re-offer" and gets a
    call-back for `actor` to ring the person and agree a new time. Safe to run again on the
    same jobs: a job that already has an open re-offer call-back gets no second one."""
    result = ReofferResult()
    for job in jobs:
        person = job.referral.person
        if not can_work_support(actor, person):
            result.skipped.append(job)
            continue
        locked = _locked_job(job)
        if locked.status not in (JobStatus.ON_HOLD, JobStatus.TO_REOFFER):
            result.skipped.append(locked)
            continue
        callback = locked.reoffer_callback
        if callback is not None and callback.status == CallBackStatus.OPEN:
            result.already.append(locked)
            continue
        before = snapshot(locked)
        locked.status = JobStatus.TO_REOFFER
        phone = _phone_of(person)
        if phone:
            locked.reoffer_callback = callback_create(
                actor=actor,
                for_officer=actor,
                phone=phone,
                person=person,
                home=current_home_of(person),
                reason=(
                    f"Re-offer {locked.referral.what.lower()} with {locked.agency.name} "
                    f"({locked.referral.reference}, job {locked.pk}): agree a new time."
                ),
            )
            result.reoffered.append(locked)
        else:
            result.no_phone.append(locked)
        _save(actor, locked, before, source)
    return result


def _value(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError) as error:
        raise ValidationError(
            {"value": "Enter the cost or value in pounds, like 45.50."}
        ) from error
    if amount < 0:
        raise ValidationError({"value": "The cost or value cannot be negative."})
    if amount > VALUE_MAX:
        raise ValidationError({"value": "The cost or value must be £99,999.99 or less."})
    return amount


@transaction.atomic
def job_record_outcome(
    *,
    actor: Any,
    job: PartnerJob,
    completed: bool,
    reason: str = "",
    value: Any = None,
    outcome_on: dt.date | None = None,
    source: str = "web",
    expected_version: str | None = None,
) -> PartnerJob:
    """Record whether the partner did the job (a reason when not) and its cost or value. When
    the last open job on a referral is completed, the referral is completed too. With
    `expected_version`, refuses (EditConflict) if someone saved since that version."""
    _require_work(actor, job.referral.person)
    locked = _locked_job(job, expected_version)
    if locked.status != JobStatus.BOOKED:
        raise ValidationError("Only a booked job can have its outcome recorded.")
    text = _text(
        reason,
        field="outcome_reason",
        label="why the job was not done",
        max_length=REASON_MAX,
        required=not completed,
    )
    today = timezone.localdate()
    outcome_on = outcome_on or today
    if outcome_on > today:
        raise ValidationError({"outcome_on": "The outcome date cannot be in the future."})
    amount = _value(value)
    before = snapshot(locked)
    locked.status = JobStatus.COMPLETED if completed else JobStatus.NOT_COMPLETED
    locked.outcome_reason = text
    locked.outcome_on = outcome_on
    locked.value = amount
    _save(actor, locked, before, source)
    referral = locked.referral
    if (
        completed
        and referral.status == ReferralStatus.OPEN
        and not referral.jobs.filter(status__in=OPEN_JOB_STATUSES).exists()
    ):
        referral_close(
            actor=actor,
            referral=referral,
            status=ReferralStatus.COMPLETED,
            closed_on=outcome_on,
            source=source,
        )
    return locked


# --- the job sheet ---------------------------------------------------------------------------

NO_CONSENT = (
    "{person} has no consent recorded to share information with {agency}. Record their "
    "consent on their page (with the agency's name as it is in the directory) before sending "
    "the job sheet."
)
NO_EMAIL = "{agency} has no secure email address in the directory. Ask a team leader to add it."


def check_can_share(*, job: PartnerJob) -> None:
    """Refuse, with the reason, when the job sheet may not go to the partner."""
    person = job.referral.person
    if not consent_to_share(person=person, agency=job.agency):
        raise ValidationError(NO_CONSENT.format(person=person.full_name, agency=job.agency.name))
    if not job.agency.secure_email:
        raise ValidationError(NO_EMAIL.format(agency=job.agency.name))


def job_sheet_viewed(*, actor: Any, job: PartnerJob, source: str = "web") -> AuditEvent:
    """The sheet shows the person's special arrangements (derived from health flags): every
    view is audited."""
    return record_view(
        actor=actor,
        instance=job,
        what="partner job sheet (PDF)",
        person_id=job.referral.person_id,
        source=source,
    )


@transaction.atomic
def job_send_sheet(
    *, actor: Any, job: PartnerJob, landlord: str, source: str = "web"
) -> PartnerJob:
    """Email the job sheet (PDF) to the partner's secure mailbox. Only with the person's
    consent to share with that agency recorded, and only what the partner needs: name,
    address, access and special arrangements, the job."""
    from doorstep.sustainment.pdf import job_sheet_pdf_bytes

    _require_work(actor, job.referral.person)
    locked = _locked_job(job)
    if locked.status != JobStatus.BOOKED:
        raise ValidationError("Only a booked job's sheet can be sent. Book a slot first.")
    job = PartnerJob.objects.select_related("referral__person", "referral__officer", "agency").get(
        pk=locked.pk
    )
    check_can_share(job=job)
    now = timezone.now()
    pdf = job_sheet_pdf_bytes(job, landlord=landlord, printed_by=actor, now=now)
    message = EmailMessage(
        # References only in the subject: it is seen in mailbox lists.
        subject=f"Job sheet {job.referral.reference}/{job.pk}: {job.slot_label}",
        body=(
            f"Dear {job.agency.name},\n\n"
            f"Please find attached the job sheet for a {job.referral.what.lower()} job on "
            f"{job.slot_label} (our reference {job.referral.reference}, job {job.pk}).\n\n"
            "It holds personal data shared with the person's consent: keep it securely and "
            "only for this job.\n\n"
            f"{actor.full_name}\n{landlord}\n{actor.email}\n"
        ),
        to=[job.agency.secure_email],
        reply_to=[actor.email],
    )
    message.attach(f"{job.referral.reference}-job-{job.pk}.pdf", pdf, "application/pdf")
    before = snapshot(locked)
    locked.sheet_sent_at = now
    locked.sheet_sent_to = job.agency.secure_email
    _save(actor, locked, before, source)
    AuditEvent.objects.create(
        actor=actor,
        action=AuditAction.EXPORT,
        object_type=PartnerJob._meta.label_lower,
        object_id=str(locked.pk),
        object_label=job.referral.reference,
        changes={"disclosed": f"job sheet emailed to {job.agency.name}"},
        person_id=job.referral.person_id,
        source=source,
    )
    # Last, so a refusal above sends nothing; a failure to send rolls the record back.
    message.send()
    return locked
