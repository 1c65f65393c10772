"""Writes for domestic abuse cases (DOMAIN.md §6). Each service checks permission
(`can_edit_case`: a domestic abuse case is always restricted, so only its case team,
safeguarding leads and managers get this far) and its rule, writes in one transaction, adds a
line to the case timeline and records the change in the audit log with the values withheld.

- `risk_assessment_record`: a DASH-style assessment scored by rules.assess. The case's risk
  level follows the latest assessment. When that is high and no MARAC referral has been made
  since, a "Refer to MARAC" action is due the same working day for the lead officer.
- `marac_referral_record` / `marac_referral_update`: the referral and what came of it.
- `move_to_domestic_abuse`: an ASB or neighbour-dispute case that turns out to be domestic
  abuse becomes a restricted domestic abuse case (domestic abuse is never filed as ASB).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from doorstep.cases import services as case_services
from doorstep.cases.models import (
    Case,
    CaseAction,
    CaseEvent,
    CaseParty,
    CaseStatus,
    CaseType,
    ClosureReason,
    EventKind,
    PartyRole,
)
from doorstep.cases.permissions import can_edit_case
from doorstep.core.audit import record_change, snapshot
from doorstep.core.concurrency import lock_unchanged
from doorstep.core.models import AuditAction, AuditEvent
from doorstep.core.permissions import require
from doorstep.domestic_abuse import rules
from doorstep.domestic_abuse.models import MaracReferral, RiskAssessment

CANNOT_EDIT = "Only the case team, a safeguarding lead or a manager can change this case."
CLOSED = "This case is closed. Reopen it to change it."
NOT_DA = "Only a domestic abuse case takes this record."
MARAC_ACTION = "Refer to MARAC"
TEXT_MAX = 2000
LONG_TEXT_MAX = 4000
MOVE_FROM_TYPES = frozenset({CaseType.ASB, CaseType.NEIGHBOUR_DISPUTE})


def _check_case(actor: Any, case: Case, *, allow_closed: bool = False) -> None:
    if case.case_type != CaseType.DOMESTIC_ABUSE:
        raise ValidationError(NOT_DA)
    require(can_edit_case(actor, case), CANNOT_EDIT)
    if not allow_closed and not case.is_open:
        raise ValidationError(CLOSED)


def _text(value: str | None, *, field: str, label: str, max_length: int) -> str:
    cleaned = (value or "").strip()
    if len(cleaned) > max_length:
        raise ValidationError({field: f"{label} must be {max_length:,} characters or fewer."})
    return cleaned


def _not_future(day: dt.date | None, *, field: str, what: str) -> dt.date:
    if day is None:
        raise ValidationError({field: f"Enter the date {what}."})
    if day > timezone.localdate():
        raise ValidationError({field: f"The date {what} must be today or in the past."})
    return day


def _timeline(*, case: Case, actor: Any, text: str, kind: str = EventKind.NOTE) -> None:
    CaseEvent.objects.create(
        case=case,
        kind=kind,
        text=text,
        at=timezone.now(),
        by=actor if getattr(actor, "pk", None) else None,
    )


def _actor(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


# --- risk assessment -------------------------------------------------------------------------


@dataclass(frozen=True)
class AssessmentResult:
    assessment: RiskAssessment
    is_latest: bool
    risk_changed: bool
    marac_action: CaseAction | None
    marac_needed: bool


def marac_needed_for(case: Case) -> bool:
    """Whether the case needs a MARAC referral now (two queries)."""
    latest = RiskAssessment.objects.filter(case=case).order_by("-assessed_on", "-id").first()
    referred = list(MaracReferral.objects.filter(case=case).values_list("referred_on", flat=True))
    return rules.marac_needed(
        latest_level=latest.level if latest else None,
        latest_assessed_on=latest.assessed_on if latest else None,
        referred_on=referred,
    )


def _marac_action(*, actor: Any, case: Case, source: str) -> CaseAction | None:
    """ "Refer to MARAC" for the lead officer (or, with no active lead, whoever assessed), due
    the same working day; not added twice while one is open."""
    if CaseAction.objects.filter(case=case, title=MARAC_ACTION, done_at__isnull=True).exists():
        return None
    lead = case.lead_officer
    owner = lead if lead is not None and lead.is_active else actor
    return case_services.case_action_add(
        actor=actor,
        case=case,
        title=MARAC_ACTION,
        owner=owner,
        due_on=rules.marac_due_on(timezone.localdate()),
        source=source,
    )


@transaction.atomic
def risk_assessment_record(
    *,
    actor: Any,
    case: Case,
    victim: Any,
    assessed_on: dt.date,
    answers: Mapping[str, str],
    police_callouts: int,
    judgement_level: str = "",
    judgement_reason: str = "",
    note: str = "",
    source: str = "web",
) -> AssessmentResult:
    """Record a DASH-style risk assessment of the victim (who joins the case as victim).

    Every assessment is kept. When it is the latest, the case's risk level becomes its level
    (up or down), and a high level with no MARAC referral since brings the "Refer to MARAC"
    action, due the same working day."""
    _check_case(actor, case)
    case = (
        Case.objects.select_for_update(of=("self",)).select_related("lead_officer").get(pk=case.pk)
    )
    if victim is None:
        raise ValidationError({"victim": "Enter the person reference of the victim."})
    day = _not_future(assessed_on, field="assessed_on", what="of the assessment")
    reason = _text(
        judgement_reason, field="judgement_reason", label="The reason", max_length=TEXT_MAX
    )
    extra = _text(note, field="note", label="The note", max_length=TEXT_MAX)
    try:
        result = rules.assess(
            answers=answers,
            police_callouts=police_callouts,
            judgement_level=judgement_level,
            judgement_reason=reason,
        )
    except rules.AssessmentError as exc:
        raise ValidationError({exc.field: str(exc)}) from exc
    latest = (
        RiskAssessment.objects.filter(case=case).order_by("-assessed_on", "-id").only("id").first()
    )
    is_latest = latest is None or day >= latest.assessed_on
    assessment = RiskAssessment.objects.create(
        case=case,
        victim=victim,
        assessed_on=day,
        assessed_by=_actor(actor),
        answers={code: answers[code] for code in rules.QUESTION_CODES},
        yes_count=result.yes_count,
        police_callouts=police_callouts,
        escalation=result.escalation,
        scored_level=result.scored_level,
        judgement_level=result.judgement_level or "",
        judgement_reason=reason if result.judgement_level else "",
        level=result.level,
        note=extra,
    )
    record_change(
        actor=actor,
        action=AuditAction.CREATE,
        instance=assessment,
        person_id=victim.pk,
        source=source,
    )
    if not CaseParty.objects.filter(case=case, person=victim, role=PartyRole.VICTIM).exists():
        case_services.case_party_add(
            actor=actor, case=case, person=victim, role=PartyRole.VICTIM, source=source
        )
    _timeline(
        case=case,
        actor=actor,
        kind=EventKind.RISK,
        text=(
            f"Domestic abuse risk assessment of {victim.reference} on {day:%-d %b %Y}: "
            f"{result.level.label.lower()} ({'; '.join(result.reasons)})."
            + ("" if is_latest else " Older than the latest assessment: the case risk stays.")
        ),
    )
    risk_changed = False
    action = None
    needed = False
    if is_latest:
        if case.risk_level != result.level:
            case_services.case_set_risk(
                actor=actor,
                case=case,
                risk_level=result.level,
                reason="From the latest domestic abuse risk assessment.",
                source=source,
            )
            risk_changed = True
        needed = marac_needed_for(case)
        if needed:
            action = _marac_action(actor=actor, case=case, source=source)
    return AssessmentResult(
        assessment=assessment,
        is_latest=is_latest,
        risk_changed=risk_changed,
        marac_action=action,
        marac_needed=needed,
    )


# --- MARAC -----------------------------------------------------------------------------------


def _check_agency(agency: Any) -> None:
    if agency is None or not agency.active:
        raise ValidationError({"agency": "Select the agency, from the directory."})


def _check_meeting(meeting_on: dt.date | None, referred_on: dt.date) -> None:
    if meeting_on is not None and meeting_on < referred_on:
        raise ValidationError(
            {"meeting_on": "The MARAC meeting cannot be before the date of the referral."}
        )


@transaction.atomic
def marac_referral_record(
    *,
    actor: Any,
    case: Case,
    agency: Any,
    referred_on: dt.date,
    meeting_on: dt.date | None = None,
    reference: str = "",
    outcome: str = "",
    safety_plan: str = "",
    source: str = "web",
) -> MaracReferral:
    """Record a referral to the MARAC (through an agency in the directory: usually the
    police's or council's MARAC coordinator). Marks an open "Refer to MARAC" action done."""
    _check_case(actor, case)
    _check_agency(agency)
    day = _not_future(referred_on, field="referred_on", what="of the referral")
    _check_meeting(meeting_on, day)
    referral = MaracReferral.objects.create(
        case=case,
        agency=agency,
        referred_on=day,
        meeting_on=meeting_on,
        reference=_text(reference, field="reference", label="The reference", max_length=60),
        outcome=_text(outcome, field="outcome", label="The outcome", max_length=LONG_TEXT_MAX),
        safety_plan=_text(
            safety_plan, field="safety_plan", label="The safety plan", max_length=LONG_TEXT_MAX
        ),
        referred_by=_actor(actor),
    )
    record_change(actor=actor, action=AuditAction.CREATE, instance=referral, source=source)
    meeting = f" MARAC meeting {meeting_on:%-d %b %Y}." if meeting_on else ""
    _timeline(
        case=case,
        actor=actor,
        kind=EventKind.ACTION,
        text=f"Referred to MARAC through {agency.name} on {day:%-d %b %Y}.{meeting}",
    )
    for action in CaseAction.objects.filter(case=case, title=MARAC_ACTION, done_at__isnull=True):
        case_services.case_action_done(actor=actor, case=case, action=action, source=source)
    return referral


@transaction.atomic
def marac_referral_update(
    *,
    actor: Any,
    referral: MaracReferral,
    meeting_on: dt.date | None,
    reference: str = "",
    outcome: str = "",
    safety_plan: str = "",
    source: str = "web",
    expected_version: str | None = None,
) -> MaracReferral:
    """Record the MARAC meeting date, its reference, the outcome and the safety plan. Allowed
    on a closed case: the meeting's actions outlive the case. With `expected_version`,
    EditConflict if someone saved the referral since that version."""
    case = referral.case
    _check_case(actor, case, allow_closed=True)
    referral = lock_unchanged(referral, expected_version)
    _check_meeting(meeting_on, referral.referred_on)
    before = snapshot(referral)
    referral.meeting_on = meeting_on
    referral.reference = _text(reference, field="reference", label="The reference", max_length=60)
    referral.outcome = _text(
        outcome, field="outcome", label="The outcome", max_length=LONG_TEXT_MAX
    )
    referral.safety_plan = _text(
        safety_plan, field="safety_plan", label="The safety plan", max_length=LONG_TEXT_MAX
    )
    referral.save()
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=referral, before=before, source=source
    )
    _timeline(
        case=case,
        actor=actor,
        kind=EventKind.NOTE,
        text=f"MARAC referral of {referral.referred_on:%-d %b %Y} updated.",
    )
    return referral


# --- from ASB to domestic abuse --------------------------------------------------------------


def _link(*, actor: Any, case: Case, other: Case, source: str) -> None:
    # Not cases.services.case_link: that needs the actor to see the other case, and the
    # officer who moves a case may hand the new, restricted one to another lead.
    case.linked_cases.add(other)
    AuditEvent.objects.create(
        actor=_actor(actor),
        action=AuditAction.UPDATE,
        object_type=case._meta.label_lower,
        object_id=str(case.pk),
        object_label=case.reference,
        changes={"linked_cases": [None, other.reference]},
        source=source,
    )
    _timeline(case=case, actor=actor, kind=EventKind.LINK, text=f"Linked to {other.reference}.")
    _timeline(case=other, actor=actor, kind=EventKind.LINK, text=f"Linked to {case.reference}.")


@transaction.atomic
def move_to_domestic_abuse(
    *,
    actor: Any,
    case: Case,
    summary: str,
    lead_officer: Any = None,
    source: str = "web",
) -> Case:
    """An ASB or neighbour-dispute case that is really domestic abuse: open a restricted
    domestic abuse case for the same home and people (in the same roles), link the two, close
    the ASB case as referred elsewhere, and restrict it too — its reports describe the abuse,
    so leaving them open to every officer would undo the new case's restriction.

    The lead officer defaults to the officer making the move."""
    if case.case_type not in MOVE_FROM_TYPES:
        raise ValidationError("Only an ASB or neighbour-dispute case can be moved.")
    require(can_edit_case(actor, case), "Only officers who can work on this case can move it.")
    if not case.is_open:
        raise ValidationError(CLOSED)
    old = case.reference
    parties = [
        (party.person, party.role)
        for party in CaseParty.objects.filter(case=case).select_related("person")
    ]
    place: dict[str, Any] = {}
    if case.home_id is not None:
        place["home"] = case.home
    elif case.block_id is not None:
        place["block"] = case.block
    elif case.estate_id is not None:
        place["estate"] = case.estate
    da = case_services.case_open(
        actor=actor,
        case_type=CaseType.DOMESTIC_ABUSE,
        summary=summary,
        lead_officer=lead_officer or _actor(actor),
        parties=parties,
        risk_level=case.risk_level,
        source=source,
        **place,
    )
    _link(actor=actor, case=da, other=case, source=source)
    _timeline(
        case=da,
        actor=actor,
        text=f"Opened from {old}: domestic abuse is never handled as anti-social behaviour.",
    )
    _timeline(
        case=case,
        actor=actor,
        text=(
            f"This is domestic abuse, which is never handled as anti-social behaviour: it "
            f"continues as {da.reference}, a restricted case. This case is closed and restricted."
        ),
    )
    case_services.case_transition(
        actor=actor,
        case=case,
        to_status=CaseStatus.CLOSED,
        closure_reason=ClosureReason.REFERRED_ELSEWHERE,
        source=source,
    )
    if not case.restricted:
        locked = Case.objects.select_for_update().get(pk=case.pk)
        before = snapshot(locked)
        locked.restricted = True
        locked.save()
        record_change(
            actor=actor, action=AuditAction.UPDATE, instance=locked, before=before, source=source
        )
        _timeline(
            case=locked,
            actor=actor,
            kind=EventKind.RESTRICTION,
            text="Case restricted: only the case team, safeguarding leads and managers can see it.",
        )
        case.restricted = True
    return da
