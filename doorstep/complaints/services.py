"""Writes for complaints: open, acknowledge, extend, respond and escalate (DOMAIN.md §4, §6).

Every service checks its dates against the Complaint Handling Code clocks, keeps the stored due
dates (`acknowledge_by`, `respond_by`) in step, writes a line on the case timeline and an audit
record. Errors are `ValidationError`s keyed by the field an officer would correct.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from doorstep.cases.models import Case, CaseEvent, CaseStatus, CaseType, EventKind, PartyRole
from doorstep.cases.permissions import can_edit_case
from doorstep.complaints import clocks
from doorstep.complaints.models import (
    ComplaintAbout,
    ComplaintDetails,
    ComplaintStage,
    Outcome,
    Stage,
)
from doorstep.core.audit import record_change, snapshot
from doorstep.core.concurrency import EditConflict, version_of
from doorstep.core.models import AuditAction
from doorstep.core.permissions import require

SUMMARY_MAX = 300
REASON_MAX = 1000
RESPONSE_MAX = 4000
DESIRED_OUTCOME_MAX = 2000


def _today() -> dt.date:
    return timezone.localdate()


def _not_in_future(field: str, day: dt.date, what: str) -> None:
    if day > _today():
        raise ValidationError({field: f"The date {what} cannot be in the future."})


def _timeline(*, case: Case, actor: Any, text: str) -> None:
    CaseEvent.objects.create(
        case=case,
        kind=EventKind.NOTE,
        text=text,
        at=timezone.now(),
        by=actor if getattr(actor, "pk", None) else None,
    )


def _complainant_id(case: Case) -> int | None:
    # The complainant is the case's reporter; the audit row names them so a subject access
    # request finds every change to their complaint.
    party = case.parties.filter(role=PartyRole.REPORTER).order_by("id").first()
    return party.person_id if party else None


CANNOT_EDIT = "Only officers who can work on this case can change its complaint stages."
CASE_CLOSED = "This complaint case is closed. A team leader or manager can reopen it first."


def _check_may_change(actor: Any, case: Case) -> None:
    # The same rule for pages, the API and imports; an import with no actor is trusted.
    if actor is not None:
        require(can_edit_case(actor, case), CANNOT_EDIT)
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(CASE_CLOSED)


def _lock(stage: ComplaintStage, actor: Any, expected_version: str | None = None) -> ComplaintStage:
    """Re-read the stage under a row lock so two officers cannot both record a response.
    With `expected_version` (the form's), EditConflict if someone saved it since then."""
    locked = ComplaintStage.objects.select_for_update().select_related("case").get(pk=stage.pk)
    _check_may_change(actor, locked.case)
    if expected_version is not None and version_of(locked) != expected_version:
        raise EditConflict(locked)
    return locked


@transaction.atomic
def complaint_open(
    *,
    actor: Any,
    complainant: Any,
    summary: str,
    received_on: dt.date,
    home: Any = None,
    about: str = ComplaintAbout.OTHER,
    desired_outcome: str = "",
    lead_officer: Any = None,
    team: Any = None,
    source: str = "web",
) -> Case:
    """Open a complaint case at stage 1: the complainant is its reporter, and the acknowledge
    clock starts from `received_on`."""
    from doorstep.cases.services import case_open

    summary = (summary or "").strip()
    if not summary:
        raise ValidationError({"summary": "Enter what the complaint is about."})
    if len(summary) > SUMMARY_MAX:
        raise ValidationError(
            {"summary": f"The summary must be {SUMMARY_MAX} characters or fewer."}
        )
    if about not in ComplaintAbout.values:
        raise ValidationError({"about": "Choose what the complaint is about."})
    if len(desired_outcome or "") > DESIRED_OUTCOME_MAX:
        raise ValidationError(
            {
                "desired_outcome": (
                    f"What the complainant wants must be {DESIRED_OUTCOME_MAX} characters or fewer."
                )
            }
        )
    _not_in_future("received_on", received_on, "the complaint was received")

    case = case_open(
        actor=actor,
        case_type=CaseType.COMPLAINT,
        summary=summary,
        opened_on=received_on,
        home=home,
        lead_officer=lead_officer,
        team=team,
        parties=[(complainant, PartyRole.REPORTER)] if complainant is not None else (),
        source=source,
    )
    person_id = complainant.pk if complainant is not None else None
    details = ComplaintDetails.objects.create(
        case=case, about=about, desired_outcome=(desired_outcome or "").strip()
    )
    record_change(
        actor=actor,
        action=AuditAction.CREATE,
        instance=details,
        person_id=person_id,
        source=source,
    )
    stage = ComplaintStage.objects.create(
        case=case,
        stage=Stage.ONE,
        received_on=received_on,
        acknowledge_by=clocks.acknowledge_due(stage=Stage.ONE, received_on=received_on),
    )
    record_change(
        actor=actor, action=AuditAction.CREATE, instance=stage, person_id=person_id, source=source
    )
    _timeline(
        case=case,
        actor=actor,
        text=(
            f"Stage 1 complaint received on {clocks.format_day(received_on)}. "
            f"Acknowledge by {clocks.format_day(stage.acknowledge_by)}."
        ),
    )
    return case


@transaction.atomic
def complaint_acknowledge(
    *,
    actor: Any,
    stage: ComplaintStage,
    acknowledged_on: dt.date,
    source: str = "web",
    expected_version: str | None = None,
) -> ComplaintStage:
    """Record the acknowledgement; this starts the response clock."""
    stage = _lock(stage, actor, expected_version)
    if stage.acknowledged_on is not None:
        raise ValidationError(
            {
                "acknowledged_on": (
                    f"{stage.get_stage_display()} was already acknowledged on "
                    f"{clocks.format_day(stage.acknowledged_on)}."
                )
            }
        )
    if acknowledged_on < stage.received_on:
        raise ValidationError(
            {
                "acknowledged_on": (
                    "The acknowledgement date cannot be before the complaint was received "
                    f"({clocks.format_day(stage.received_on)})."
                )
            }
        )
    _not_in_future("acknowledged_on", acknowledged_on, "of the acknowledgement")
    before = snapshot(stage)
    stage.acknowledged_on = acknowledged_on
    stage.acknowledged_by = actor if getattr(actor, "pk", None) else None
    stage.respond_by = clocks.respond_by(stage)
    stage.save()
    record_change(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=stage,
        before=before,
        person_id=_complainant_id(stage.case),
        source=source,
    )
    clock = clocks.acknowledge_clock(stage, _today())
    assert stage.respond_by is not None
    _timeline(
        case=stage.case,
        actor=actor,
        text=(
            f"{stage.get_stage_display()} acknowledged on {clocks.format_day(acknowledged_on)}"
            f"{'' if clock.on_time else ', late'}. "
            f"Respond by {clocks.format_day(stage.respond_by)}."
        ),
    )
    return stage


@transaction.atomic
def complaint_extend(
    *,
    actor: Any,
    stage: ComplaintStage,
    working_days: int,
    reason: str,
    agreed_on: dt.date | None = None,
    source: str = "web",
    expected_version: str | None = None,
) -> ComplaintStage:
    """Extend the response clock by `working_days` more. The stage's total extension is capped
    (stage 1: 10, stage 2: 20 working days), and an extension must be agreed before the
    response is overdue, so a missed deadline cannot be moved after the event."""
    stage = _lock(stage, actor, expected_version)
    cap = clocks.MAX_EXTENSION[stage.stage]
    agreed_on = agreed_on or _today()
    if stage.responded_on is not None:
        raise ValidationError(
            {"working_days": f"{stage.get_stage_display()} has already had its response."}
        )
    if working_days < 1:
        raise ValidationError({"working_days": "Enter an extension of at least 1 working day."})
    remaining = cap - stage.extension_working_days
    if working_days > remaining:
        already = (
            f" It has already been extended by {stage.extension_working_days}, "
            f"so at most {remaining} more."
            if stage.extension_working_days
            else ""
        )
        raise ValidationError(
            {
                "working_days": (
                    f"A {stage.get_stage_display().lower()} response can be extended by at "
                    f"most {cap} working days in total.{already}"
                )
            }
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": "Enter the reason for the extension, as explained to the complainant."}
        )
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": f"The reason must be {REASON_MAX} characters or fewer."})
    if stage.respond_by is not None and agreed_on > stage.respond_by:
        raise ValidationError(
            {
                "working_days": (
                    "The response is already overdue (it was due by "
                    f"{clocks.format_day(stage.respond_by)}); an extension must be agreed "
                    "before then."
                )
            }
        )
    before = snapshot(stage)
    stage.extension_working_days += working_days
    stage.extension_reason = (
        f"{stage.extension_reason}\n\n{reason}" if stage.extension_reason else reason
    )
    stage.respond_by = clocks.respond_by(stage)
    stage.save()
    record_change(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=stage,
        before=before,
        person_id=_complainant_id(stage.case),
        source=source,
    )
    text = f"{stage.get_stage_display()} response extended by {working_days} working days."
    if stage.respond_by is not None:
        text += f" Respond by {clocks.format_day(stage.respond_by)}."
    _timeline(case=stage.case, actor=actor, text=f"{text} Reason: {reason}")
    return stage


@transaction.atomic
def complaint_respond(
    *,
    actor: Any,
    stage: ComplaintStage,
    responded_on: dt.date,
    outcome: str,
    response_summary: str,
    source: str = "web",
    expected_version: str | None = None,
) -> ComplaintStage:
    """Record the stage's response and its outcome. The stage must be acknowledged first."""
    stage = _lock(stage, actor, expected_version)
    if stage.responded_on is not None:
        raise ValidationError(
            {
                "responded_on": (
                    f"{stage.get_stage_display()} already had its response on "
                    f"{clocks.format_day(stage.responded_on)}."
                )
            }
        )
    if stage.acknowledged_on is None:
        raise ValidationError({"responded_on": "Record the acknowledgement before the response."})
    if responded_on < stage.acknowledged_on:
        raise ValidationError(
            {
                "responded_on": (
                    "The response date cannot be before the acknowledgement "
                    f"({clocks.format_day(stage.acknowledged_on)})."
                )
            }
        )
    _not_in_future("responded_on", responded_on, "of the response")
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": "Choose the outcome: upheld, partly or not upheld."})
    response_summary = (response_summary or "").strip()
    if not response_summary:
        raise ValidationError({"response_summary": "Enter a summary of the response."})
    if len(response_summary) > RESPONSE_MAX:
        raise ValidationError(
            {"response_summary": f"The summary must be {RESPONSE_MAX} characters or fewer."}
        )
    before = snapshot(stage)
    stage.responded_on = responded_on
    stage.outcome = outcome
    stage.response_summary = response_summary
    stage.responded_by = actor if getattr(actor, "pk", None) else None
    stage.save()
    record_change(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=stage,
        before=before,
        person_id=_complainant_id(stage.case),
        source=source,
    )
    met = clocks.within_code_timescale(stage)
    _timeline(
        case=stage.case,
        actor=actor,
        text=(
            f"{stage.get_stage_display()} response sent on {clocks.format_day(responded_on)}: "
            f"{stage.get_outcome_display().lower()}"
            f"{'' if met else ', outside the Code timescale'}."
        ),
    )
    return stage


@transaction.atomic
def complaint_escalate(
    *, actor: Any, case: Case, requested_on: dt.date, reason: str = "", source: str = "web"
) -> ComplaintStage:
    """Open stage 2 when the complainant asks to escalate after the stage 1 response; the
    acknowledge clock starts from the request."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    _check_may_change(actor, case)
    if case.case_type != CaseType.COMPLAINT:
        raise ValidationError({"requested_on": "Only a complaint can be escalated."})
    stages = {s.stage: s for s in ComplaintStage.objects.filter(case=case)}
    first = stages.get(Stage.ONE)
    if Stage.TWO in stages:
        raise ValidationError({"requested_on": "This complaint is already at stage 2."})
    if first is None or first.responded_on is None:
        raise ValidationError(
            {
                "requested_on": (
                    "A complaint can go to stage 2 only after the stage 1 response has been sent."
                )
            }
        )
    if requested_on < first.responded_on:
        raise ValidationError(
            {
                "requested_on": (
                    "The escalation request cannot be before the stage 1 response "
                    f"({clocks.format_day(first.responded_on)})."
                )
            }
        )
    _not_in_future("requested_on", requested_on, "of the escalation request")
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": f"The reason must be {REASON_MAX} characters or fewer."})
    stage = ComplaintStage.objects.create(
        case=case,
        stage=Stage.TWO,
        received_on=requested_on,
        acknowledge_by=clocks.acknowledge_due(stage=Stage.TWO, received_on=requested_on),
    )
    record_change(
        actor=actor,
        action=AuditAction.CREATE,
        instance=stage,
        person_id=_complainant_id(case),
        source=source,
    )
    text = (
        f"Escalated to stage 2 on request of {clocks.format_day(requested_on)}. "
        f"Acknowledge by {clocks.format_day(stage.acknowledge_by)}."
    )
    _timeline(case=case, actor=actor, text=f"{text} Why: {reason}" if reason else text)
    return stage
