"""Writes for ASB and neighbour-dispute cases. Each service checks permission (`can_edit_case`;
imports, `source="import"`, are authorised by the command instead) and its rule, writes in one
transaction, adds a line to the case timeline and records the change in the audit log, so the
pages, imports and the API behave alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from doorstep.asb import risk
from doorstep.asb.models import (
    AsbDetails,
    AsbToolUse,
    IncidentReport,
    MediationOutcome,
    MediationReferral,
    ProtectedCharacteristic,
    Subtype,
    Tool,
    VictimRiskAssessment,
)
from doorstep.cases.models import Case, CaseEvent, CaseParty, CaseType, EventKind, PartyRole
from doorstep.core.audit import record_change, snapshot
from doorstep.core.concurrency import lock_unchanged
from doorstep.core.models import AuditAction, AuditEvent
from doorstep.core.permissions import require
from doorstep.people.models import Person

ASB_TYPES = frozenset({CaseType.ASB, CaseType.NEIGHBOUR_DISPUTE})
CANNOT_EDIT = "Only officers who can work on this case can change it."


def _require_edit(actor: Any, case: Case, source: str) -> None:
    if source != "import":
        from doorstep.cases.permissions import can_edit_case

        require(can_edit_case(actor, case), CANNOT_EDIT)


def _require_type(case: Case, types: frozenset[str] = ASB_TYPES) -> None:
    if case.case_type not in types:
        labels = " or ".join(sorted(CaseType(t).label.lower() for t in types))
        raise ValidationError(f"Case {case.reference} is not an {labels} case.")


def _not_future(day: dt.date, field: str, today: dt.date | None, what: str) -> None:
    if day > (today or timezone.localdate()):
        raise ValidationError({field: f"{what} must be today or in the past."})


def _staff(actor: Any) -> Any:
    """The member of staff to record as having done it: none for an import or the system."""
    return actor if getattr(actor, "pk", None) else None


def _timeline(*, case: Case, actor: Any, kind: str, text: str) -> None:
    CaseEvent.objects.create(case=case, kind=kind, text=text, at=timezone.now(), by=_staff(actor))


def _create[M: models.Model](
    record: M, *, actor: Any, source: str, person_id: int | None = None
) -> M:
    """Check and save a new record of the case, with its audit row."""
    record.full_clean()
    record.save()
    record_change(
        actor=actor,
        action=AuditAction.CREATE,
        instance=record,
        person_id=person_id,
        source=source,
    )
    return record


def _add_party(*, actor: Any, case: Case, person: Person, role: str, source: str) -> None:
    party, created = CaseParty.objects.get_or_create(case=case, person=person, role=role)
    if created:
        record_change(
            actor=actor,
            action=AuditAction.CREATE,
            instance=party,
            person_id=person.pk,
            source=source,
        )
        _timeline(
            case=case,
            actor=actor,
            kind=EventKind.PARTY,
            text=f"{person.full_name} ({person.reference}) added as "
            f"{party.get_role_display().lower()}.",
        )


# --- ASB details -----------------------------------------------------------------------------


@transaction.atomic
def asb_details_save(
    *,
    actor: Any,
    case: Case,
    category: str,
    subtype: str,
    hate_incident: bool,
    protected_characteristic: str = "",
    source: str = "web",
    expected_version: str | None = None,
) -> AsbDetails:
    """Record or change an ASB case's category, subtype and hate incident flag.

    A hate incident needs the protected characteristic it was aimed at; the `hate` subtype is
    always a hate incident. The characteristic is cleared when the flag is taken off."""
    _require_type(case, frozenset({CaseType.ASB}))
    _require_edit(actor, case, source)
    if subtype == Subtype.HATE and not hate_incident:
        raise ValidationError(
            {"hate_incident": "A hate subtype is a hate incident: tick hate incident."}
        )
    if hate_incident and not protected_characteristic:
        raise ValidationError(
            {
                "protected_characteristic": (
                    "Choose the protected characteristic the hate incident was aimed at."
                )
            }
        )
    if protected_characteristic and protected_characteristic not in ProtectedCharacteristic:
        raise ValidationError({"protected_characteristic": "Choose a protected characteristic."})
    details = AsbDetails.objects.select_for_update().filter(case=case).first()
    if details is not None:
        # Opened on no details ("new") or an older version: someone saved in between.
        details = lock_unchanged(details, expected_version)
    before = snapshot(details) if details else None
    if details is None:
        details = AsbDetails(case=case)
    details.category = category
    details.subtype = subtype
    details.hate_incident = hate_incident
    details.protected_characteristic = protected_characteristic if hate_incident else ""
    details.full_clean()
    details.save()
    record_change(
        actor=actor,
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        instance=details,
        before=before,
        source=source,
    )
    return details


# --- incident reports ------------------------------------------------------------------------


def _place_of(case: Case) -> dict[str, Any]:
    """Home, block and estate ids a report on `case` is about, for the place rule."""
    if case.home_id is not None:
        home = case.home
        assert home is not None
        return {
            "about_home_id": home.pk,
            "about_block_id": home.block_id,
            "about_estate_id": home.estate_id,
        }
    if case.block_id is not None:
        block = case.block
        assert block is not None
        return {"about_block_id": block.pk, "about_estate_id": block.estate_id}
    return {"about_estate_id": case.estate_id}


def _link(*, actor: Any, case: Case, other: Case, source: str) -> None:
    # Not cases.services.case_link: that needs the actor to be able to edit the new case,
    # which someone recording a report on the old one may not (an action owner, say).
    case.linked_cases.add(other)
    AuditEvent.objects.create(
        actor=_staff(actor),
        action=AuditAction.UPDATE,
        object_type=case._meta.label_lower,
        object_id=str(case.pk),
        object_label=case.reference,
        changes={"linked_cases": [None, other.reference]},
        source=source,
    )
    _timeline(case=case, actor=actor, kind=EventKind.LINK, text=f"Linked to {other.reference}.")
    _timeline(case=other, actor=actor, kind=EventKind.LINK, text=f"Linked to {case.reference}.")


def _follow_on_case(*, actor: Any, closed: Case, source: str) -> Case:
    """A new case for a report made after `closed` was closed (DOMAIN.md §6), linked to it and
    in the same place, team and hands."""
    from doorstep.cases.services import case_open

    place: dict[str, Any] = {}
    if closed.home_id:
        place["home"] = closed.home
    elif closed.block_id:
        place["block"] = closed.block
    elif closed.estate_id:
        place["estate"] = closed.estate
    summary = f"New report after {closed.reference} closed: {closed.summary}"[:300]
    case = case_open(
        actor=actor,
        case_type=closed.case_type,
        summary=summary,
        opened_on=timezone.localdate(),
        lead_officer=closed.lead_officer,
        team=closed.team,
        restricted=closed.restricted,
        source=source,
        **place,
    )
    _link(actor=actor, case=case, other=closed, source=source)
    old = AsbDetails.objects.filter(case=closed).first()
    if old is not None:
        details = AsbDetails.objects.create(
            case=case,
            category=old.category,
            subtype=old.subtype,
            hate_incident=old.hate_incident,
            protected_characteristic=old.protected_characteristic,
        )
        record_change(actor=actor, action=AuditAction.CREATE, instance=details, source=source)
    _timeline(
        case=case,
        actor=actor,
        kind=EventKind.NOTE,
        text=f"Opened for a new incident report after {closed.reference} was closed.",
    )
    return case


@transaction.atomic
def incident_report_add(
    *,
    actor: Any,
    case: Case,
    reporter: Person,
    reported_on: dt.date,
    description: str = "",
    today: dt.date | None = None,
    source: str = "web",
) -> IncidentReport:
    """Record an incident report on an ASB or neighbour-dispute case.

    The reporter joins the case as a reporter. A report dated after the case was closed opens
    a new, linked case (DOMAIN.md §6: a closed case is never counted again); use
    `report.case` for the case it landed on."""
    _require_type(case)
    _require_edit(actor, case, source)
    _not_future(reported_on, "reported_on", today, "The date of the report")
    if not case.is_open and case.closed_on is not None and reported_on > case.closed_on:
        case = _follow_on_case(actor=actor, closed=case, source=source)
    report = IncidentReport(
        case=case,
        reporter=reporter,
        reported_on=reported_on,
        description=description.strip(),
        recorded_by=_staff(actor),
        **_place_of(case),
    )
    _create(report, actor=actor, source=source, person_id=reporter.pk)
    _add_party(actor=actor, case=case, person=reporter, role=PartyRole.REPORTER, source=source)
    _timeline(
        case=case,
        actor=actor,
        kind=EventKind.NOTE,
        text=f"Incident reported by {reporter.reference} on {reported_on:%d %b %Y}.",
    )
    return report


# --- tools -----------------------------------------------------------------------------------


@transaction.atomic
def tool_use_add(
    *,
    actor: Any,
    case: Case,
    tool: str,
    used_on: dt.date,
    note: str = "",
    today: dt.date | None = None,
    source: str = "web",
) -> AsbToolUse:
    """Record a tool used on the case (warning, acceptable behaviour contract, …)."""
    _require_type(case)
    _require_edit(actor, case, source)
    if tool not in Tool:
        raise ValidationError({"tool": "Choose the tool used."})
    _not_future(used_on, "used_on", today, "The date the tool was used")
    use = AsbToolUse(
        case=case,
        tool=tool,
        used_on=used_on,
        note=note.strip(),
        recorded_by=_staff(actor),
    )
    _create(use, actor=actor, source=source)
    _timeline(
        case=case,
        actor=actor,
        kind=EventKind.ACTION,
        text=f"{use.get_tool_display()} used on {used_on:%d %b %Y}.",
    )
    return use


# --- victim risk assessment ------------------------------------------------------------------


def _raise_case_risk(*, actor: Any, case: Case, level: str, source: str) -> None:
    """Lift the case's risk to `level`. Never lowers it: an officer lowers risk on the case
    page, deliberately, not as a side effect of one victim's answers."""
    if not risk.higher(level, case.risk_level):
        return
    from doorstep.cases.services import case_set_risk

    case_set_risk(
        actor=actor, case=case, risk_level=level, reason="Victim risk assessment.", source=source
    )


@transaction.atomic
def risk_assessment_record(
    *,
    actor: Any,
    case: Case,
    victim: Person,
    assessed_on: dt.date,
    answers: Mapping[str, bool],
    note: str = "",
    today: dt.date | None = None,
    source: str = "web",
) -> VictimRiskAssessment:
    """Record a victim's risk assessment, scored by risk.score_answers. The victim joins the
    case as a victim, and the case's risk rises to the assessment's level if that is higher."""
    _require_type(case)
    _require_edit(actor, case, source)
    _not_future(assessed_on, "assessed_on", today, "The date of the assessment")
    try:
        result = risk.score_answers(answers)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    assessment = VictimRiskAssessment(
        case=case,
        victim=victim,
        assessed_on=assessed_on,
        assessed_by=_staff(actor),
        score=result.score,
        level=result.level,
        note=note.strip(),
        **{name: bool(answers[name]) for name in risk.QUESTION_FIELDS},
    )
    _create(assessment, actor=actor, source=source, person_id=victim.pk)
    _add_party(actor=actor, case=case, person=victim, role=PartyRole.VICTIM, source=source)
    _timeline(
        case=case,
        actor=actor,
        kind=EventKind.RISK,
        text=(
            f"Victim risk assessment for {victim.reference}: "
            f"{assessment.get_level_display().lower()} ({result.score} of "
            f"{len(risk.QUESTION_FIELDS)})."
        ),
    )
    _raise_case_risk(actor=actor, case=case, level=result.level, source=source)
    return assessment


# --- mediation -------------------------------------------------------------------------------


@transaction.atomic
def mediation_refer(
    *,
    actor: Any,
    case: Case,
    provider: str,
    referred_on: dt.date,
    note: str = "",
    today: dt.date | None = None,
    source: str = "web",
) -> MediationReferral:
    """Refer a neighbour dispute to a mediation service."""
    _require_type(case, frozenset({CaseType.NEIGHBOUR_DISPUTE}))
    _require_edit(actor, case, source)
    _not_future(referred_on, "referred_on", today, "The date of the referral")
    if not provider.strip():
        raise ValidationError({"provider": "Enter the mediation service."})
    referral = MediationReferral(
        case=case,
        provider=provider.strip(),
        referred_on=referred_on,
        note=note.strip(),
        referred_by=_staff(actor),
    )
    _create(referral, actor=actor, source=source)
    _timeline(
        case=case,
        actor=actor,
        kind=EventKind.ACTION,
        text=f"Referred to mediation ({referral.provider}) on {referred_on:%d %b %Y}.",
    )
    return referral


@transaction.atomic
def mediation_outcome_record(
    *,
    actor: Any,
    referral: MediationReferral,
    outcome: str,
    outcome_on: dt.date,
    today: dt.date | None = None,
    source: str = "web",
    expected_version: str | None = None,
) -> MediationReferral:
    """Record what came of a mediation referral. With `expected_version`, EditConflict if
    someone saved the referral since that version."""
    _require_edit(actor, referral.case, source)
    lock_unchanged(referral, expected_version)
    referral.refresh_from_db()  # the caller's copy, as locked now
    if outcome not in MediationOutcome:
        raise ValidationError({"outcome": "Choose the outcome of the mediation."})
    _not_future(outcome_on, "outcome_on", today, "The date of the outcome")
    if outcome_on < referral.referred_on:
        raise ValidationError(
            {"outcome_on": "The date of the outcome must be on or after the referral date."}
        )
    before = snapshot(referral)
    referral.outcome = outcome
    referral.outcome_on = outcome_on
    referral.full_clean()
    referral.save()
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=referral, before=before, source=source
    )
    _timeline(
        case=referral.case,
        actor=actor,
        kind=EventKind.NOTE,
        text=f"Mediation outcome: {referral.get_outcome_display().lower()}.",
    )
    return referral
