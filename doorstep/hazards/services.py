"""Writes for hazard reports: report a hazard (opening its damp and mould case), record the
details on a case opened elsewhere, and record each Awaab's Law milestone (DOMAIN.md §4).

Every service checks the case permission (an import or the demo with no actor is trusted),
keeps the stored clock due moments in step with `clocks.py`, writes a line on the case timeline
and an audit record, in one transaction. Errors are `ValidationError`s keyed by the field an
officer would correct.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from doorstep.cases.models import Case, CaseEvent, CaseStatus, CaseType, EventKind, PartyRole
from doorstep.cases.permissions import can_edit_case
from doorstep.core.audit import record_change, snapshot
from doorstep.core.concurrency import EditConflict, version_of
from doorstep.core.models import AuditAction
from doorstep.core.permissions import require
from doorstep.hazards import clocks
from doorstep.hazards.models import AccommodationResponse, HazardKind, HazardReport, Severity

TEXT_MAX = 4000
REASON_MAX = 2000
CANNOT_EDIT = "Only officers who can work on this case can record its hazard milestones."
CASE_CLOSED = "This case is closed. A team leader or manager can reopen it first."


def _now() -> dt.datetime:
    return timezone.now()


def _moment(field: str, moment: dt.datetime | None, what: str) -> dt.datetime:
    if moment is None:
        raise ValidationError({field: f"Enter when {what}."})
    if moment > _now():
        raise ValidationError({field: f"The time {what} must be now or in the past."})
    return moment


def _text(field: str, value: str, *, what: str, required: bool, max_length: int = TEXT_MAX) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: f"Enter {what}."})
    if len(text) > max_length:
        raise ValidationError({field: f"This must be {max_length:,} characters or fewer."})
    return text


def _timeline(*, case: Case, actor: Any, text: str, kind: str = EventKind.NOTE) -> None:
    CaseEvent.objects.create(
        case=case,
        kind=kind,
        text=text,
        at=_now(),
        by=actor if getattr(actor, "pk", None) else None,
    )


def _store_due(hazard: HazardReport) -> None:
    due = clocks.due_moments(hazard)
    hazard.investigate_by = due.investigate_by
    hazard.summary_by = due.summary_by
    hazard.safety_work_by = due.safety_work_by
    hazard.preventative_by = due.preventative_by


def _check_details(*, kind: str, severity: str, reported_at: dt.datetime | None) -> dt.datetime:
    if kind not in HazardKind.values:
        raise ValidationError({"kind": "Select the kind of hazard."})
    if severity not in Severity.values:
        raise ValidationError(
            {"severity": "Select whether the hazard is an emergency or significant."}
        )
    return _moment("reported_at", reported_at, "the hazard was reported")


def _reporter_id(case: Case) -> int | None:
    party = case.parties.filter(role=PartyRole.REPORTER).order_by("id").first()
    return party.person_id if party else None


@transaction.atomic
def hazard_report(
    *,
    actor: Any,
    home: Any,
    kind: str,
    severity: str,
    summary: str,
    reported_at: dt.datetime | None = None,
    reporter: Any = None,
    lead_officer: Any = None,
    source: str = "web",
) -> HazardReport:
    """Report a hazard in a home: opens a damp and mould case (the cases service gives it its
    reference, timeline and lead officer) with the hazard's details and clocks."""
    from doorstep.cases.services import case_open

    reported_at = _check_details(kind=kind, severity=severity, reported_at=reported_at or _now())
    if home is None:
        raise ValidationError({"home": "Enter the home the hazard is in."})
    case = case_open(
        actor=actor,
        case_type=CaseType.DAMP_MOULD,
        summary=summary,
        opened_on=timezone.localtime(reported_at).date(),
        home=home,
        lead_officer=lead_officer,
        parties=[(reporter, PartyRole.REPORTER)] if reporter is not None else (),
        risk_level="high" if severity == Severity.EMERGENCY else "standard",
        source=source,
    )
    return _create(
        actor=actor, case=case, kind=kind, severity=severity, reported_at=reported_at, source=source
    )


@transaction.atomic
def hazard_record(
    *,
    actor: Any,
    case: Case,
    kind: str,
    severity: str,
    reported_at: dt.datetime,
    source: str = "web",
) -> HazardReport:
    """Record the hazard details of a damp and mould case opened from the case form."""
    if actor is not None:
        require(can_edit_case(actor, case), CANNOT_EDIT)
    if case.case_type != CaseType.DAMP_MOULD:
        raise ValidationError({"kind": "Hazard details belong on a damp and mould case."})
    if HazardReport.objects.filter(case=case).exists():
        raise ValidationError({"kind": "This case already has its hazard details."})
    reported_at = _check_details(kind=kind, severity=severity, reported_at=reported_at)
    return _create(
        actor=actor, case=case, kind=kind, severity=severity, reported_at=reported_at, source=source
    )


def _create(
    *, actor: Any, case: Case, kind: str, severity: str, reported_at: dt.datetime, source: str
) -> HazardReport:
    hazard = HazardReport(
        case=case,
        kind=kind,
        severity=severity,
        reported_at=reported_at,
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    _store_due(hazard)
    hazard.save()
    record_change(
        actor=actor,
        action=AuditAction.CREATE,
        instance=hazard,
        person_id=_reporter_id(case),
        source=source,
    )
    what = "safety work" if severity == Severity.SIGNIFICANT else "make safe"
    _timeline(
        case=case,
        actor=actor,
        text=(
            f"{hazard.get_severity_display()} hazard reported: {hazard.get_kind_display().lower()}"
            f" ({clocks.format_moment(reported_at)}). Investigate"
            f"{' and ' + what if severity == Severity.EMERGENCY else ''} by "
            f"{clocks.format_moment(hazard.investigate_by)}."
        ),
    )
    return hazard


def _lock(hazard: HazardReport, actor: Any, expected_version: str | None = None) -> HazardReport:
    """Re-read the hazard under a row lock so two officers never record the same milestone.
    With `expected_version` (the form's), EditConflict if someone saved it since then."""
    locked = HazardReport.objects.select_for_update().select_related("case").get(pk=hazard.pk)
    if actor is not None:
        require(can_edit_case(actor, locked.case), CANNOT_EDIT)
    if locked.case.status == CaseStatus.CLOSED:
        raise ValidationError(CASE_CLOSED)
    if expected_version is not None and version_of(locked) != expected_version:
        raise EditConflict(locked)
    return locked


def _save(
    hazard: HazardReport, *, actor: Any, before: dict[str, Any], source: str, text: str
) -> HazardReport:
    _store_due(hazard)
    hazard.save()
    record_change(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=hazard,
        before=before,
        person_id=_reporter_id(hazard.case),
        source=source,
    )
    _timeline(case=hazard.case, actor=actor, text=text)
    return hazard


def _on_time(done: dt.datetime, due: dt.datetime | None) -> str:
    if due is None:
        return ""
    return ", in time" if done <= due else f", late (was due by {clocks.format_moment(due)})"


@transaction.atomic
def hazard_investigated(
    *,
    actor: Any,
    hazard: HazardReport,
    investigated_at: dt.datetime,
    findings: str,
    work_planned: str,
    source: str = "web",
    expected_version: str | None = None,
) -> HazardReport:
    """Record the end of the investigation, what it found and what will be done: this starts
    the written summary, safety work and preventative work clocks."""
    hazard = _lock(hazard, actor, expected_version)
    if hazard.investigated_at is not None:
        raise ValidationError({"investigated_at": "The investigation is already recorded."})
    investigated_at = _moment("investigated_at", investigated_at, "the investigation ended")
    if investigated_at < hazard.reported_at:
        raise ValidationError(
            {
                "investigated_at": "The investigation cannot end before the hazard was reported "
                f"({clocks.format_moment(hazard.reported_at)})."
            }
        )
    before = snapshot(hazard)
    hazard.findings = _text(
        "findings", findings, what="what the investigation found", required=True
    )
    hazard.work_planned = _text(
        "work_planned", work_planned, what="what will be done to put it right", required=True
    )
    due = hazard.investigate_by
    hazard.investigated_at = investigated_at
    _store_due(hazard)
    next_steps = (
        f" Written summary by {clocks.format_moment(hazard.summary_by)};"
        f" safety work by {clocks.format_moment(hazard.safety_work_by)}."
        if hazard.summary_by and hazard.safety_work_by
        else ""
    )
    return _save(
        hazard,
        actor=actor,
        before=before,
        source=source,
        text=f"Investigation ended {clocks.format_moment(investigated_at)}"
        f"{_on_time(investigated_at, due)}.{next_steps}",
    )


def _after_investigation(hazard: HazardReport, field: str, moment: dt.datetime) -> None:
    if hazard.investigated_at is None:
        raise ValidationError({field: "Record the investigation first."})
    if moment < hazard.investigated_at:
        raise ValidationError(
            {
                field: "This cannot be before the investigation ended "
                f"({clocks.format_moment(hazard.investigated_at)})."
            }
        )


@transaction.atomic
def hazard_summary_sent(
    *,
    actor: Any,
    hazard: HazardReport,
    sent_at: dt.datetime,
    source: str = "web",
    expected_version: str | None = None,
) -> HazardReport:
    """Record that the written summary was sent to the tenant, and log it as a letter contact
    on the tenant (and the case's timeline through the contact)."""
    from doorstep.contacts.models import Channel, Direction
    from doorstep.contacts.services import contact_log
    from doorstep.hazards.selectors import letter_recipient

    hazard = _lock(hazard, actor, expected_version)
    if hazard.summary_sent_at is not None:
        raise ValidationError({"sent_at": "The written summary is already recorded as sent."})
    sent_at = _moment("sent_at", sent_at, "the written summary was sent")
    _after_investigation(hazard, "sent_at", sent_at)
    before = snapshot(hazard)
    hazard.summary_sent_at = sent_at
    recipient = letter_recipient(hazard.case)
    if actor is not None:
        contact_log(
            actor=actor,
            channel=Channel.LETTER,
            direction=Direction.OUTBOUND,
            summary=(
                f"Written summary of the {hazard.get_kind_display().lower()} investigation sent "
                "(Awaab's Law): what was found, what we will do and by when."
            ),
            person=recipient,
            home=hazard.case.home,
            happened_at=sent_at,
            case=hazard.case,
        )
    return _save(
        hazard,
        actor=actor,
        before=before,
        source=source,
        text=f"Written summary sent {clocks.format_moment(sent_at)}"
        f"{_on_time(sent_at, hazard.summary_by)}.",
    )


@transaction.atomic
def hazard_safety_work_done(
    *,
    actor: Any,
    hazard: HazardReport,
    done_at: dt.datetime,
    source: str = "web",
    expected_version: str | None = None,
) -> HazardReport:
    """Record that the relevant safety work is done (for an emergency: the home made safe)."""
    hazard = _lock(hazard, actor, expected_version)
    if hazard.safety_work_done_at is not None:
        raise ValidationError({"done_at": "The safety work is already recorded as done."})
    done_at = _moment("done_at", done_at, "the safety work was done")
    if hazard.severity == Severity.SIGNIFICANT:
        _after_investigation(hazard, "done_at", done_at)
    elif done_at < hazard.reported_at:
        raise ValidationError({"done_at": "This cannot be before the hazard was reported."})
    before = snapshot(hazard)
    hazard.safety_work_done_at = done_at
    return _save(
        hazard,
        actor=actor,
        before=before,
        source=source,
        text=f"Safety work done {clocks.format_moment(done_at)}"
        f"{_on_time(done_at, hazard.safety_work_by)}.",
    )


@transaction.atomic
def hazard_preventative(
    *,
    actor: Any,
    hazard: HazardReport,
    begun_at: dt.datetime | None = None,
    not_practicable_reason: str = "",
    source: str = "web",
    expected_version: str | None = None,
) -> HazardReport:
    """Record when the supplementary preventative work began, or why it cannot reasonably
    begin within 5 working days (the clock becomes 12 weeks), or both."""
    hazard = _lock(hazard, actor, expected_version)
    if hazard.severity == Severity.EMERGENCY:
        raise ValidationError(
            {"begun_at": "The preventative work clock is for significant hazards."}
        )
    if hazard.preventative_work_begun_at is not None:
        raise ValidationError({"begun_at": "The preventative work is already recorded as begun."})
    reason = _text(
        "not_practicable_reason",
        not_practicable_reason,
        what="why it is not reasonably practicable",
        required=False,
        max_length=REASON_MAX,
    )
    if begun_at is None and not reason:
        raise ValidationError(
            {
                "begun_at": "Enter when the preventative work began, or why it cannot "
                "reasonably begin within 5 working days."
            }
        )
    if hazard.investigated_at is None:
        raise ValidationError({"begun_at": "Record the investigation first."})
    before = snapshot(hazard)
    lines = []
    if reason and reason != hazard.preventative_not_practicable_reason:
        hazard.preventative_not_practicable_reason = reason
        _store_due(hazard)
        assert hazard.preventative_by is not None
        lines.append(
            "Preventative work not reasonably practicable within 5 working days: begin by "
            f"{clocks.format_moment(hazard.preventative_by)} (12 weeks). Why: {reason}"
        )
    if begun_at is not None:
        begun_at = _moment("begun_at", begun_at, "the preventative work began")
        _after_investigation(hazard, "begun_at", begun_at)
        hazard.preventative_work_begun_at = begun_at
        _store_due(hazard)
        lines.append(
            f"Preventative work begun {clocks.format_moment(begun_at)}"
            f"{_on_time(begun_at, hazard.preventative_by)}."
        )
    return _save(hazard, actor=actor, before=before, source=source, text=" ".join(lines))


@transaction.atomic
def hazard_alternative_accommodation(
    *,
    actor: Any,
    hazard: HazardReport,
    offered_at: dt.datetime,
    response: str,
    source: str = "web",
    expected_version: str | None = None,
) -> HazardReport:
    """Record the offer of alternative accommodation when the home cannot be made safe in time,
    and the household's answer (which may be recorded again when it comes)."""
    hazard = _lock(hazard, actor, expected_version)
    offered_at = _moment("offered_at", offered_at, "alternative accommodation was offered")
    if offered_at < hazard.reported_at:
        raise ValidationError({"offered_at": "The offer cannot be before the hazard was reported."})
    if response not in AccommodationResponse.values:
        raise ValidationError({"response": "Select the household's answer."})
    before = snapshot(hazard)
    hazard.alternative_offered_at = offered_at
    hazard.alternative_response = response
    return _save(
        hazard,
        actor=actor,
        before=before,
        source=source,
        text=(
            f"Alternative accommodation offered {clocks.format_moment(offered_at)}: "
            f"{AccommodationResponse(response).label.lower()}."
        ),
    )
