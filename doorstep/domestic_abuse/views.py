"""Domestic abuse pages: the risk assessment (a page of its own: 27 questions), an
assessment's answers (audited), the MARAC referral forms (in the modal for htmx, or pages) and
moving an ASB or neighbour-dispute case that is really domestic abuse.

Someone who may not see a restricted case is refused with the core's words: that a restricted
case exists and whom to ask, nothing more.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from doorstep.cases.models import Case, CaseType
from doorstep.cases.permissions import can_edit_case, can_see_case, restricted_label
from doorstep.core.audit import record_view
from doorstep.core.concurrency import version_initial
from doorstep.core.http import AuthedHttpRequest, service_form
from doorstep.core.permissions import require
from doorstep.domestic_abuse import rules, selectors, services
from doorstep.domestic_abuse.forms import (
    MaracReferralForm,
    MaracUpdateForm,
    MoveForm,
    RiskAssessmentForm,
)


def _seen(request: AuthedHttpRequest, case: Case) -> Case:
    require(can_see_case(request.user, case), restricted_label(case))
    return case


def _editable(request: AuthedHttpRequest, reference: str, *, allow_closed: bool = False) -> Case:
    case = _seen(request, selectors.da_case_get(reference=reference))
    require(can_edit_case(request.user, case), services.CANNOT_EDIT)
    require(allow_closed or case.is_open, services.CLOSED)
    return case


def _data(request: AuthedHttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _modal_form(
    request: AuthedHttpRequest,
    *,
    case: Case,
    form: Form,
    title: str,
    submit: str,
    action: str,
    save: Callable[[dict[str, Any]], Any],
    message: str,
) -> HttpResponse:
    """A form about `case` (`service_form`): back to the case when saved."""
    return service_form(
        request,
        form=form,
        save=save,
        message=message,
        redirect_to=case.get_absolute_url(),
        page="domestic_abuse/form_page.html",
        partial="domestic_abuse/partials/form.html",
        title=title,
        context={
            "case": case,
            "submit": submit,
            "action": action,
            "cancel_url": case.get_absolute_url(),
        },
    )


# --- risk assessment -------------------------------------------------------------------------


def _assessment_message(result: services.AssessmentResult) -> str:
    assessment = result.assessment
    parts = [
        f"Risk assessment recorded: {assessment.get_level_display().lower()} risk "
        f"({assessment.yes_count} of {len(rules.QUESTIONS)} answered yes)."
    ]
    if not result.is_latest:
        parts.append("It is older than the latest assessment, so the case risk stays.")
    if result.marac_action is not None:
        parts.append(
            f"“{result.marac_action.title}” is due today for {result.marac_action.owner}."
            if result.marac_action.due_on == timezone.localdate()
            else f"“{result.marac_action.title}” is due "
            f"{result.marac_action.due_on:%-d %b %Y} for {result.marac_action.owner}."
        )
    elif result.marac_needed:
        parts.append("A MARAC referral is needed.")
    return " ".join(parts)


def assessment_add(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _editable(request, reference)
    if request.method == "POST":
        form = RiskAssessmentForm(request.POST)
    else:
        form = RiskAssessmentForm(
            initial={
                "victim": selectors.victim_reference(case=case),
                "assessed_on": timezone.localdate(),
            }
        )
    return service_form(
        request,
        form=form,
        save=lambda data: services.risk_assessment_record(
            actor=request.user,
            case=case,
            victim=data["victim"],
            assessed_on=data["assessed_on"],
            answers=form.answers(),
            police_callouts=data["police_callouts"],
            judgement_level=data["judgement_level"],
            judgement_reason=data["judgement_reason"],
            note=data["note"],
        ),
        message=_assessment_message,
        redirect_to=case.get_absolute_url(),
        page="domestic_abuse/assessment_form.html",
        title="Domestic abuse risk assessment",
        context={
            "case": case,
            "high": rules.HIGH_YES_COUNT,
            "medium": rules.MEDIUM_YES_COUNT,
            "callouts": rules.ESCALATION_POLICE_CALLOUTS,
            "question_count": len(rules.QUESTIONS),
        },
    )


def assessment_detail(request: AuthedHttpRequest, reference: str, pk: int) -> HttpResponse:
    """The answers of one assessment: special-category data, so every showing is audited."""
    case = _seen(request, selectors.da_case_get(reference=reference))
    assessment = selectors.assessment_get(case=case, pk=pk)
    record_view(
        actor=request.user,
        instance=assessment,
        what="domestic abuse risk assessment answers",
        person_id=assessment.victim_id,
    )
    labels = dict(rules.ANSWERS)
    rows = [
        (question, labels.get(assessment.answers.get(code, ""), "Not recorded"))
        for code, question in rules.QUESTIONS
    ]
    return render(
        request,
        "domestic_abuse/assessment_detail.html",
        {
            "case": case,
            "assessment": assessment,
            "rows": rows,
            "question_count": len(rules.QUESTIONS),
            "callouts": rules.ESCALATION_POLICE_CALLOUTS,
        },
    )


# --- MARAC -----------------------------------------------------------------------------------


def marac_add(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _editable(request, reference)
    if request.method == "POST":
        form = MaracReferralForm(request.POST)
    else:
        agency = selectors.default_marac_agency()
        form = MaracReferralForm(
            initial={"referred_on": timezone.localdate(), "agency": agency.pk if agency else None}
        )
    return _modal_form(
        request,
        case=case,
        form=form,
        title="Record a MARAC referral",
        submit="Record the referral",
        action=reverse("domestic_abuse:marac_add", args=[case.reference]),
        save=lambda data: services.marac_referral_record(
            actor=request.user,
            case=case,
            agency=data["agency"],
            referred_on=data["referred_on"],
            meeting_on=data["meeting_on"],
            reference=data["reference"],
            outcome=data["outcome"],
            safety_plan=data["safety_plan"],
        ),
        message="MARAC referral recorded.",
    )


def marac_edit(request: AuthedHttpRequest, reference: str, pk: int) -> HttpResponse:
    case = _editable(request, reference, allow_closed=True)
    referral = selectors.referral_get(case=case, pk=pk)
    initial = {
        "meeting_on": referral.meeting_on,
        "reference": referral.reference,
        "outcome": referral.outcome,
        "safety_plan": referral.safety_plan,
        **version_initial(referral),
    }
    form = MaracUpdateForm(_data(request), initial=initial)
    return _modal_form(
        request,
        case=case,
        form=form,
        title=f"MARAC referral of {referral.referred_on:%-d %b %Y}",
        submit="Save",
        action=reverse("domestic_abuse:marac_edit", args=[case.reference, pk]),
        save=lambda data: services.marac_referral_update(
            actor=request.user,
            referral=referral,
            meeting_on=data["meeting_on"],
            reference=data["reference"],
            outcome=data["outcome"],
            safety_plan=data["safety_plan"],
            expected_version=form.expected_version,
        ),
        message="MARAC referral saved.",
    )


# --- from ASB to domestic abuse --------------------------------------------------------------


def move_from_asb(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = selectors.case_get(reference=reference, case_types=services.MOVE_FROM_TYPES)
    _seen(request, case)
    require(
        can_edit_case(request.user, case), "Only officers who can work on this case can move it."
    )
    require(case.is_open, services.CLOSED)
    form = MoveForm(
        _data(request),
        initial={"summary": f"Domestic abuse, first reported as {case.reference}."},
    )
    return service_form(
        request,
        form=form,
        save=lambda data: services.move_to_domestic_abuse(
            actor=request.user,
            case=case,
            summary=data["summary"],
            lead_officer=data["lead_officer"],
        ),
        message=lambda da: (
            f"{da.reference} opened as a restricted domestic abuse case; "
            f"{case.reference} is closed and restricted."
        ),
        # The new case is restricted: an officer who may not see it goes to the case list.
        redirect_to=lambda da: (
            da.get_absolute_url() if can_see_case(request.user, da) else reverse("cases:case_list")
        ),
        page="domestic_abuse/move.html",
        title="This is domestic abuse",
        context={"case": case, "type_label": CaseType(case.case_type).label.lower()},
    )
