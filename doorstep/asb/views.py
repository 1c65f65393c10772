"""ASB and neighbour-dispute pages: the forms behind the case page's ASB panel (they open in the
base template's modal when asked for by htmx and work as full pages without it) and the
managers' ASB Case Review (Community Trigger) list."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from doorstep.accounts.roles import Role
from doorstep.asb import risk, selectors, services, trigger
from doorstep.asb.forms import (
    AsbDetailsForm,
    IncidentReportForm,
    MediationOutcomeForm,
    MediationReferralForm,
    RiskAssessmentForm,
    ToolUseForm,
    TriggerDateForm,
)
from doorstep.asb.models import IncidentReport
from doorstep.asb.panel import can_edit
from doorstep.cases.models import Case, CaseType
from doorstep.core.concurrency import version_initial
from doorstep.core.http import AuthedHttpRequest, service_form
from doorstep.core.pagination import paginate
from doorstep.core.permissions import require

CANNOT_EDIT = "Only officers who can work on this case can change it."
CLOSED = "This case is closed. Reopen it to change it."


# --- helpers ---------------------------------------------------------------------------------


def _case_for_edit(
    request: AuthedHttpRequest,
    reference: str,
    case_types: tuple[str, ...] = selectors.ASB_TYPES,
    *,
    allow_closed: bool = False,
) -> Case:
    case = selectors.asb_case_get(reference=reference, case_types=case_types)
    require(can_edit(request.user, case), CANNOT_EDIT)
    require(allow_closed or case.is_open, CLOSED)
    return case


PAGE = "asb/form_page.html"


def _base(case: Case, action: str, **extra: Any) -> dict[str, Any]:
    return {"case": case, "action": action, "cancel_url": case.get_absolute_url(), **extra}


# --- ASB details -----------------------------------------------------------------------------


def details_edit(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _case_for_edit(request, reference, (CaseType.ASB,))
    if request.method == "POST":
        form = AsbDetailsForm(request.POST)
    else:
        details = selectors.panel_data(case=case).details
        # Details not yet recorded are version "new": saving conflicts if someone records
        # them first.
        initial: dict[str, Any] = (
            {
                "category": details.category,
                "subtype": details.subtype,
                "hate_incident": details.hate_incident,
                "protected_characteristic": details.protected_characteristic,
                **version_initial(details),
            }
            if details
            else {"version": "new"}
        )
        form = AsbDetailsForm(initial=initial)
    return service_form(
        request,
        form=form,
        save=lambda data: services.asb_details_save(
            actor=request.user,
            case=case,
            category=data["category"],
            subtype=data["subtype"],
            hate_incident=data["hate_incident"],
            protected_characteristic=data["protected_characteristic"],
            expected_version=form.expected_version,
        ),
        message=f"ASB details of {case} saved.",
        redirect_to=case.get_absolute_url(),
        follow=True,
        page=PAGE,
        partial="asb/partials/details_form.html",
        title=f"ASB details of {case.reference}",
        context=_base(case, reverse("asb:details_edit", args=[reference])),
    )


# --- incident reports ------------------------------------------------------------------------


def _incident_message(case: Case, report: IncidentReport) -> str:
    if report.case.pk != case.pk:
        return f"{case} was closed, so this report opened a new case, {report.case}, linked to it."
    return f"Incident report added to {case}."


def incident_add(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    # Allowed on a closed case: a later report opens a new, linked case (services).
    case = _case_for_edit(request, reference, allow_closed=True)
    if request.method == "POST":
        form = IncidentReportForm(request.POST)
    else:
        # ?person=REF from a person's page or the duty desk fills in who reported it.
        form = IncidentReportForm(
            initial={"reported_on": timezone.localdate(), "reporter": request.GET.get("person", "")}
        )
    return service_form(
        request,
        form=form,
        save=lambda data: services.incident_report_add(
            actor=request.user,
            case=case,
            reporter=data["reporter"],
            reported_on=data["reported_on"],
            description=data["description"],
        ),
        message=lambda report: _incident_message(case, report),
        redirect_to=lambda report: report.case.get_absolute_url(),
        follow=True,
        page=PAGE,
        partial="asb/partials/incident_form.html",
        title=f"Add an incident report to {case.reference}",
        context=_base(case, reverse("asb:incident_add", args=[reference])),
    )


# --- tools -----------------------------------------------------------------------------------


def tool_add(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _case_for_edit(request, reference)
    if request.method == "POST":
        form = ToolUseForm(request.POST)
    else:
        form = ToolUseForm(initial={"used_on": timezone.localdate()})
    return service_form(
        request,
        form=form,
        save=lambda data: services.tool_use_add(
            actor=request.user,
            case=case,
            tool=data["tool"],
            used_on=data["used_on"],
            note=data["note"],
        ),
        message=lambda use: f"{use.get_tool_display()} recorded on {case}.",
        redirect_to=case.get_absolute_url(),
        follow=True,
        page=PAGE,
        partial="asb/partials/tool_form.html",
        title=f"Record a tool used on {case.reference}",
        context=_base(case, reverse("asb:tool_add", args=[reference])),
    )


# --- victim risk assessment ------------------------------------------------------------------


def risk_assessment(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _case_for_edit(request, reference)
    if request.method == "POST":
        form = RiskAssessmentForm(request.POST)
    else:
        form = RiskAssessmentForm(initial={"assessed_on": timezone.localdate()})
    return service_form(
        request,
        form=form,
        save=lambda data: services.risk_assessment_record(
            actor=request.user,
            case=case,
            victim=data["victim"],
            assessed_on=data["assessed_on"],
            answers=form.answers(),
            note=data["note"],
        ),
        message=lambda assessment: (
            f"Victim risk assessment recorded: {assessment.get_level_display()} "
            f"risk ({assessment.score} of {len(risk.QUESTIONS)})."
        ),
        redirect_to=case.get_absolute_url(),
        follow=True,
        page=PAGE,
        partial="asb/partials/risk_form.html",
        title=f"Victim risk assessment on {case.reference}",
        context=_base(
            case,
            reverse("asb:risk_assessment", args=[reference]),
            high_score=risk.HIGH_SCORE,
            medium_score=risk.MEDIUM_SCORE,
        ),
    )


# --- mediation -------------------------------------------------------------------------------


def mediation(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _case_for_edit(request, reference, (CaseType.NEIGHBOUR_DISPUTE,))
    if request.method == "POST":
        form = MediationReferralForm(request.POST)
    else:
        form = MediationReferralForm(initial={"referred_on": timezone.localdate()})
    return service_form(
        request,
        form=form,
        save=lambda data: services.mediation_refer(
            actor=request.user,
            case=case,
            provider=data["provider"],
            referred_on=data["referred_on"],
            note=data["note"],
        ),
        message=f"{case} referred to mediation.",
        redirect_to=case.get_absolute_url(),
        follow=True,
        page=PAGE,
        partial="asb/partials/mediation_form.html",
        title=f"Refer {case.reference} to mediation",
        context=_base(case, reverse("asb:mediation", args=[reference])),
    )


def mediation_outcome(request: AuthedHttpRequest, reference: str, pk: int) -> HttpResponse:
    case = _case_for_edit(request, reference, (CaseType.NEIGHBOUR_DISPUTE,))
    referral = selectors.mediation_referral_get(case=case, pk=pk)
    if request.method == "POST":
        form = MediationOutcomeForm(request.POST)
    else:
        form = MediationOutcomeForm(
            initial={"outcome_on": timezone.localdate(), **version_initial(referral)}
        )
    return service_form(
        request,
        form=form,
        save=lambda data: services.mediation_outcome_record(
            actor=request.user,
            referral=referral,
            outcome=data["outcome"],
            outcome_on=data["outcome_on"],
            expected_version=form.expected_version,
        ),
        message="Mediation outcome recorded.",
        redirect_to=case.get_absolute_url(),
        follow=True,
        page=PAGE,
        partial="asb/partials/mediation_outcome_form.html",
        title=f"Outcome of mediation on {case.reference}",
        context=_base(
            case, reverse("asb:mediation_outcome", args=[reference, pk]), referral=referral
        ),
    )


# --- the Community Trigger list --------------------------------------------------------------


def community_triggers(request: AuthedHttpRequest) -> HttpResponse:
    require(
        selectors.can_see_trigger_list(request.user),
        "Only team leaders, managers and ASB officers can see the ASB Case Review list.",
    )
    form = TriggerDateForm(request.GET)
    on = None
    if form.is_valid():
        on = form.cleaned_data["on"] or timezone.localdate()
    context: dict[str, Any] = {
        "form": form,
        "on": on,
        "person_threshold": trigger.PERSON_THRESHOLD,
        "person_warning": trigger.PERSON_WARNING,
        "place_threshold": trigger.PLACE_THRESHOLD,
        "place_warning": trigger.PLACE_WARNING,
    }
    if on is not None:
        start, _ = trigger.window(on)
        context["window_start"] = start
        context.update(paginate(request, selectors.trigger_rows(user=request.user, on=on)))
    return render(request, "asb/community_triggers.html", context)


CATCH_UP_ROLES = (
    Role.ASB_OFFICER,
    Role.NEIGHBOURHOOD_OFFICER,
    Role.TEAM_LEADER,
    Role.HOUSING_SERVICES_MANAGER,
)


def catch_up(request: AuthedHttpRequest) -> HttpResponse:
    """The neighbourhood officer and the ASB officer go through a patch's open cases together:
    last activity, next action and risk, with agreed actions added in place."""
    require(
        request.user.is_superuser or request.user.has_role(*CATCH_UP_ROLES),
        "The ASB catch-up is for neighbourhood and ASB officers, team leaders and managers.",
    )
    patches = list(selectors.catch_up_patches(user=request.user))
    chosen = request.GET.get("patch", "")
    patch = next((p for p in patches if str(p.pk) == chosen), None)
    if patch is None:
        mine = [p for p in patches if p.officer_id == request.user.pk]
        patch = mine[0] if mine else (patches[0] if patches else None)
    rows = selectors.catch_up_rows(user=request.user, patch=patch) if patch else []
    here = f"{reverse('asb:catch_up')}?patch={patch.pk}" if patch else reverse("asb:catch_up")
    return render(
        request,
        "asb/catch_up.html",
        {"patches": patches, "patch": patch, "rows": rows, "here": here},
    )
