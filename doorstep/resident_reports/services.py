"""Writes for reports from residents: the public submission, and what staff do with a report.

The public page has no signed-in user: its writes are audited with no actor and the source
"public", and its contact is logged by the "Online report form" account (inactive, no roles,
no password), so the contact log shows where the report came from.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from doorstep.accounts.models import User
from doorstep.cases.models import Case, CaseType
from doorstep.cases.photos import PhotoError, check_photo
from doorstep.contacts.models import Channel, Contact, Direction
from doorstep.core.audit import record_change, record_view, snapshot
from doorstep.core.models import AuditAction
from doorstep.core.permissions import require
from doorstep.core.validators import normalise_phone, normalise_postcode
from doorstep.resident_reports.models import (
    ReporterDetails,
    ReportKind,
    ReportStatus,
    ResidentReport,
)
from doorstep.resident_reports.permissions import can_act_on_report, can_see_reporter

logger = logging.getLogger(__name__)

SOURCE = "public"
ONLINE_FORM_EMAIL = "online-report-form@doorstep.invalid"
ONLINE_FORM_NAME = "Online report form"
DESCRIPTION_MAX = 2000
LOCATION_MAX = 300
OUTCOME_MAX = 500
# Unambiguous when read out on the phone: no 0/O, 1/I/L.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
# What a report becomes when an officer opens a case from it. A communal repair is not a case:
# it is marked dealt with once the repair is raised (the repairs app adds that step).
CASE_TYPE_FOR_KIND: dict[str, str] = {
    ReportKind.FLY_TIPPING: CaseType.FLY_TIPPING,
    ReportKind.ASB: CaseType.ASB,
}


def online_form_user() -> User:
    """The account the public page's contacts are logged by: never signs in, takes no work."""
    user, created = User.objects.get_or_create(
        email=ONLINE_FORM_EMAIL, defaults={"full_name": ONLINE_FORM_NAME, "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _new_reference() -> str:
    code = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"RPT-{code[:4]}-{code[4:]}"


def _clean(value: str, *, field: str, label: str, max_length: int, required: bool) -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise ValidationError({field: f"Enter {label}."})
    if len(cleaned) > max_length:
        raise ValidationError({field: f"This must be {max_length:,} characters or fewer."})
    return cleaned


def _contact_summary(report: ResidentReport) -> str:
    who = (
        "anonymous"
        if report.anonymous
        else "the reporter left contact details, shown to the patch officer"
    )
    where = report.place_name + (f" ({report.location})" if report.location else "")
    return (
        f"Report {report.reference} from the public report page ({who}). "
        f"{report.get_kind_display()} at {where}: {report.description}"
    )[:4000]


@transaction.atomic
def report_submit(
    *,
    kind: str,
    description: str,
    estate: Any,
    block: Any = None,
    location: str = "",
    postcode: str = "",
    photo: IO[bytes] | File | None = None,
    anonymous: bool = True,
    name: str = "",
    phone: str = "",
    email: str = "",
    submitted_at: dt.datetime | None = None,
) -> ResidentReport:
    """Take a report from the public page. It is logged as a contact (channel portal, from the
    resident, about the estate or block) and waits on the patch officer's My day. With
    `anonymous`, any name, phone or email given is dropped, never stored."""
    if kind not in ReportKind.values:
        raise ValidationError({"kind": "Select what you are reporting."})
    text = _clean(
        description,
        field="description",
        label="what you want to report",
        max_length=DESCRIPTION_MAX,
        required=True,
    )
    if estate is None:
        raise ValidationError({"estate": "Select the estate, or enter the postcode."})
    if block is not None and block.estate_id != estate.pk:
        raise ValidationError({"block": "That block is not on the estate you chose."})
    where = _clean(
        location, field="location", label="where", max_length=LOCATION_MAX, required=False
    )
    if postcode:
        try:
            postcode = normalise_postcode(postcode)
        except ValidationError as exc:
            raise ValidationError({"postcode": exc.messages}) from exc
    details: dict[str, str] = {}
    if not anonymous:
        details = _reporter_details(name=name, phone=phone, email=email)
    checked = None
    if photo is not None:
        try:
            checked = check_photo(photo)
        except PhotoError as exc:
            raise ValidationError({"photo": str(exc)}) from exc

    moment = submitted_at or timezone.now()
    report = ResidentReport(
        kind=kind,
        description=text,
        estate=estate,
        block=block,
        location=where,
        postcode=postcode,
        anonymous=anonymous,
        submitted_at=moment,
    )
    contact = Contact.objects.create(
        channel=Channel.PORTAL,
        direction=Direction.INBOUND,
        estate=estate,
        block=block,
        summary="(report being saved)",
        logged_by=online_form_user(),
        happened_at=moment,
    )
    report.contact = contact
    if photo is not None and checked is not None:
        report.photo_type = checked.content_type
        file = photo if isinstance(photo, File) else File(photo, name=f"photo{checked.extension}")
        report.photo.save(f"photo{checked.extension}", file, save=False)
    for _ in range(5):
        report.reference = _new_reference()
        try:
            with transaction.atomic():
                report.save()
            break
        except IntegrityError:
            continue  # a reference already taken: draw again
    else:  # pragma: no cover - five clashes in a space of 31^8
        raise RuntimeError("Could not draw a free report reference.")
    contact.summary = _contact_summary(report)
    contact.save(update_fields=["summary", "updated_at"])
    record_change(actor=None, action=AuditAction.CREATE, instance=contact, source=SOURCE)
    record_change(actor=None, action=AuditAction.CREATE, instance=report, source=SOURCE)
    if details:
        reporter = ReporterDetails.objects.create(report=report, **details)
        record_change(actor=None, action=AuditAction.CREATE, instance=reporter, source=SOURCE)
    logger.info("resident report %s received for estate %s", report.reference, estate.pk)
    return report


def _reporter_details(*, name: str, phone: str, email: str) -> dict[str, str]:
    name = _clean(name, field="name", label="your name", max_length=120, required=False)
    email = _clean(email, field="email", label="your email", max_length=254, required=False)
    phone = (phone or "").strip()
    if phone:
        try:
            phone = normalise_phone(phone)
        except ValidationError as exc:
            raise ValidationError({"phone": exc.messages}) from exc
    if email:
        from django.core.validators import validate_email

        try:
            validate_email(email)
        except ValidationError as exc:
            raise ValidationError(
                {"email": "Enter an email address, like name@example.com."}
            ) from exc
    if not (phone or email):
        raise ValidationError(
            {"phone": "Enter a phone number or an email address, so we can contact you."}
        )
    return {"name": name, "phone": phone, "email": email.lower()}


# --- staff ------------------------------------------------------------------------------------


def reporter_viewed(*, actor: Any, report: ResidentReport) -> ReporterDetails | None:
    """The reporter's details, for staff allowed to see them; every look is audited."""
    require(
        can_see_reporter(actor, report),
        "Only the patch officer, team leaders, managers and safeguarding leads can see who "
        "made this report.",
    )
    details = ReporterDetails.objects.filter(report=report).first()
    if details is not None:
        record_view(actor=actor, instance=report, what="reporter's name and contact details")
    return details


def _locked_new(report: ResidentReport) -> ResidentReport:
    locked = ResidentReport.objects.select_for_update().get(pk=report.pk)
    if locked.status != ReportStatus.NEW:
        raise ValidationError(
            f"Report {locked.reference} is already {locked.get_status_display().lower()}."
        )
    return locked


@transaction.atomic
def report_open_case(*, actor: Any, report: ResidentReport) -> Case:
    """Open a case from a report in one step: fly-tipping or ASB at the report's place, led by
    the officer, with the report's contact first on its timeline and its photo attached."""
    from doorstep.cases import services as cases

    require(can_act_on_report(actor, report), "Only officers who take calls can open a case.")
    locked = _locked_new(report)
    case_type = CASE_TYPE_FOR_KIND.get(locked.kind)
    if case_type is None:
        raise ValidationError(
            "A report of a communal repair is not a case: raise the repair, then mark the "
            "report as dealt with."
        )
    summary = f"Reported online ({locked.reference}): {locked.description}"
    if len(summary) > cases.SUMMARY_MAX:
        summary = summary[: cases.SUMMARY_MAX - 1] + "…"
    case = cases.case_open_from_contact(
        actor=actor,
        contact=locked.contact,
        case_type=case_type,
        summary=summary,
        opened_on=timezone.localdate(),
        block=locked.block,
        estate=locked.estate,
    )
    if locked.photo:
        with locked.photo.open("rb") as handle:
            cases.case_attachment_add(
                actor=actor,
                case=case,
                uploaded_file=File(handle, name=locked.photo.name),
                caption=f"Photo sent with report {locked.reference}",
            )
    before = snapshot(locked)
    locked.status = ReportStatus.CASE_OPENED
    locked.case = case
    locked.handled_at = timezone.now()
    locked.handled_by = actor
    locked.save(update_fields=["status", "case", "handled_at", "handled_by", "updated_at"])
    record_change(actor=actor, action=AuditAction.UPDATE, instance=locked, before=before)
    _refresh(report, locked)
    return case


@transaction.atomic
def report_dealt_with(*, actor: Any, report: ResidentReport, outcome: str = "") -> ResidentReport:
    """Close a report that needs no case (a repair raised, a duplicate, nothing found)."""
    require(can_act_on_report(actor, report), "Only officers who take calls can close a report.")
    locked = _locked_new(report)
    text = _clean(
        outcome, field="outcome", label="what was done", max_length=OUTCOME_MAX, required=False
    )
    before = snapshot(locked)
    locked.status = ReportStatus.DEALT_WITH
    locked.handled_at = timezone.now()
    locked.handled_by = actor
    locked.outcome = text
    locked.save(update_fields=["status", "handled_at", "handled_by", "outcome", "updated_at"])
    record_change(actor=actor, action=AuditAction.UPDATE, instance=locked, before=before)
    _refresh(report, locked)
    return report


def _refresh(report: ResidentReport, locked: ResidentReport) -> None:
    for field in ("status", "case", "handled_at", "handled_by", "outcome"):
        setattr(report, field, getattr(locked, field))
