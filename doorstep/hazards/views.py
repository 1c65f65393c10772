"""Hazard pages: report a hazard in a home, record the details on a damp and mould case opened
elsewhere, record each Awaab's Law milestone (in the modal with htmx, full pages without), the
written-summary letter as a PDF and the breach list for team leaders and managers. The clocks
themselves show on the case page (panel.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from doorstep.cases.models import Case
from doorstep.cases.permissions import (
    can_edit_case,
    can_see_case,
    is_team_leader_or_manager,
    restricted_label,
)
from doorstep.core.audit import record_view
from doorstep.core.concurrency import (
    VersionedFormMixin,
    opened_before_a_change,
    version_initial,
)
from doorstep.core.forms import local_input
from doorstep.core.http import AuthedHttpRequest, service_form
from doorstep.core.pagination import paginate
from doorstep.core.permissions import can_take_calls, require
from doorstep.core.working_days import LONDON
from doorstep.hazards import clocks, selectors, services
from doorstep.hazards.forms import (
    AlternativeForm,
    BreachFilterForm,
    HazardDetailsForm,
    HazardReportForm,
    InvestigatedForm,
    PreventativeForm,
    SafetyWorkForm,
    SummarySentForm,
)
from doorstep.hazards.models import HazardReport
from doorstep.hazards.panel import recordable
from doorstep.hazards.pdf import summary_letter_pdf_bytes
from doorstep.places.models import Home

BREACHES_REFUSED = "The Awaab's Law breach list is for team leaders and managers."


def _case(request: AuthedHttpRequest, reference: str) -> Case:
    case = selectors.damp_case_get(reference=reference)
    if not can_see_case(request.user, case):
        raise PermissionDenied(restricted_label(case))
    return case


def _editable_case(request: AuthedHttpRequest, reference: str) -> Case:
    case = _case(request, reference)
    require(can_edit_case(request.user, case), services.CANNOT_EDIT)
    require(case.is_open, services.CASE_CLOSED)
    return case


PAGE = "hazards/form_page.html"


# --- reporting a hazard ----------------------------------------------------------------------


def hazard_create(request: AuthedHttpRequest) -> HttpResponse:
    require(can_take_calls(request.user), "Only officers who take calls can report a hazard.")
    home_pk = request.GET.get("home", "")
    if not home_pk.isdigit():
        raise Http404("Report a hazard from the home's page.")
    home = get_object_or_404(Home.objects.select_related("estate"), pk=int(home_pk))
    if request.method == "POST":
        form = HazardReportForm(request.POST)
    else:
        form = HazardReportForm(initial={"reported_at": local_input(timezone.now())})
    return service_form(
        request,
        form=form,
        save=lambda data: services.hazard_report(
            actor=request.user,
            home=home,
            kind=data["kind"],
            severity=data["severity"],
            summary=data["summary"],
            reported_at=data["reported_at"],
            reporter=data["reporter"],
            lead_officer=data["lead_officer"],
        ),
        message=lambda hazard: (
            f"Hazard reported: case {hazard.case.reference}. Investigate by "
            f"{clocks.format_moment(hazard.investigate_by)}."
        ),
        redirect_to=lambda hazard: hazard.case.get_absolute_url(),
        page="hazards/hazard_form.html",
        title="Report damp, mould or another hazard",
        context={
            "home": home,
            "action": f"{reverse('hazards:hazard_create')}?home={home.pk}",
            "cancel_url": home.get_absolute_url(),
        },
    )


def hazard_details(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _editable_case(request, reference)
    if selectors.hazard_of(case) is not None:
        raise Http404("This case already has its hazard details.")
    if request.method == "POST":
        form = HazardDetailsForm(request.POST)
    else:
        opened = dt.datetime.combine(case.opened_on, dt.time(9, 0), tzinfo=LONDON)
        form = HazardDetailsForm(initial={"reported_at": local_input(opened)})
    return service_form(
        request,
        form=form,
        save=lambda data: services.hazard_record(
            actor=request.user,
            case=case,
            kind=data["kind"],
            severity=data["severity"],
            reported_at=data["reported_at"],
        ),
        message="Hazard details recorded.",
        redirect_to=case.get_absolute_url(),
        page=PAGE,
        partial="hazards/partials/details_form.html",
        title=f"Record the hazard on {case.reference}",
        context={
            "case": case,
            "action": reverse("hazards:hazard_details", args=[case.reference]),
            "cancel_url": case.get_absolute_url(),
            "submit": "Record the hazard",
        },
    )


# --- milestones ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Milestone:
    clock: str  # the clock it meets (panel.recordable)
    title: str
    form: type[VersionedFormMixin]
    initial_field: str
    record: Callable[..., HazardReport]
    submit: str
    done: str
    # The hazard's own name for a form field named otherwise, to show both versions.
    saved_as: dict[str, str] = field(default_factory=dict)


def _investigated(
    actor: Any, hazard: HazardReport, data: dict[str, Any], version: str | None
) -> HazardReport:
    return services.hazard_investigated(
        actor=actor,
        hazard=hazard,
        investigated_at=data["investigated_at"],
        findings=data["findings"],
        work_planned=data["work_planned"],
        expected_version=version,
    )


def _summary(
    actor: Any, hazard: HazardReport, data: dict[str, Any], version: str | None
) -> HazardReport:
    return services.hazard_summary_sent(
        actor=actor, hazard=hazard, sent_at=data["sent_at"], expected_version=version
    )


def _safety(
    actor: Any, hazard: HazardReport, data: dict[str, Any], version: str | None
) -> HazardReport:
    return services.hazard_safety_work_done(
        actor=actor, hazard=hazard, done_at=data["done_at"], expected_version=version
    )


def _preventative(
    actor: Any, hazard: HazardReport, data: dict[str, Any], version: str | None
) -> HazardReport:
    return services.hazard_preventative(
        actor=actor,
        hazard=hazard,
        begun_at=data["begun_at"],
        not_practicable_reason=data["not_practicable_reason"],
        expected_version=version,
    )


def _alternative(
    actor: Any, hazard: HazardReport, data: dict[str, Any], version: str | None
) -> HazardReport:
    return services.hazard_alternative_accommodation(
        actor=actor,
        hazard=hazard,
        offered_at=data["offered_at"],
        response=data["response"],
        expected_version=version,
    )


MILESTONES = {
    "investigated": Milestone(
        "investigate",
        "Record the investigation",
        InvestigatedForm,
        "investigated_at",
        _investigated,
        "Record the investigation",
        "Investigation recorded.",
    ),
    "summary": Milestone(
        "summary",
        "Record the written summary as sent",
        SummarySentForm,
        "sent_at",
        _summary,
        "Record it as sent",
        "Written summary recorded as sent and logged as a letter.",
        {"sent_at": "summary_sent_at"},
    ),
    "safety": Milestone(
        "safety_work",
        "Record the safety work as done",
        SafetyWorkForm,
        "done_at",
        _safety,
        "Record the safety work",
        "Safety work recorded as done.",
        {"done_at": "safety_work_done_at"},
    ),
    "preventative": Milestone(
        "preventative",
        "Record the preventative work",
        PreventativeForm,
        "begun_at",
        _preventative,
        "Record the preventative work",
        "Preventative work recorded.",
        {
            "begun_at": "preventative_work_begun_at",
            "not_practicable_reason": "preventative_not_practicable_reason",
        },
    ),
    "alternative": Milestone(
        "alternative",
        "Record the offer of alternative accommodation",
        AlternativeForm,
        "offered_at",
        _alternative,
        "Record the offer",
        "Offer of alternative accommodation recorded.",
        {"offered_at": "alternative_offered_at", "response": "alternative_response"},
    ),
}


def milestone(request: AuthedHttpRequest, reference: str, step: str) -> HttpResponse:
    what = MILESTONES.get(step)
    if what is None:
        raise Http404("No such milestone.")
    case = _editable_case(request, reference)
    hazard = selectors.hazard_of(case)
    if hazard is None:
        raise Http404("Record the hazard details first.")
    hazard.case = case
    # A form opened before someone else recorded this milestone is answered with the
    # conflict (both versions), not as a milestone that cannot be recorded.
    stale = request.method == "POST" and opened_before_a_change(request.POST, hazard)
    if not recordable(hazard, what.clock) and not stale:
        raise Http404("That milestone cannot be recorded now.")
    if request.method == "POST":
        form = what.form(request.POST)
    else:
        form = what.form(
            initial={what.initial_field: local_input(timezone.now()), **version_initial(hazard)}
        )
    return service_form(
        request,
        form=form,
        save=lambda data: what.record(request.user, hazard, data, form.expected_version),
        message=what.done,
        redirect_to=case.get_absolute_url(),
        saved_as=what.saved_as,
        page=PAGE,
        partial="hazards/partials/milestone_form.html",
        title=what.title,
        # The clocks are worked out when the form is shown, after any failed save.
        context=lambda: {
            "case": case,
            "hazard": hazard,
            "step": step,
            "rows": clocks.hazard_clocks(hazard, timezone.now()),
            "action": reverse("hazards:milestone", args=[case.reference, step]),
            "cancel_url": case.get_absolute_url(),
            "submit": what.submit,
        },
    )


# --- the written-summary letter --------------------------------------------------------------


def summary_letter(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    hazard = selectors.hazard_of(case)
    if hazard is None or hazard.investigated_at is None:
        raise Http404("The written summary follows the investigation; record it first.")
    hazard.case = case
    recipient = selectors.letter_recipient(case)
    record_view(
        actor=request.user,
        instance=hazard,
        what="written summary letter (PDF)",
        person_id=recipient.pk if recipient is not None else None,
    )
    pdf = summary_letter_pdf_bytes(
        hazard,
        recipient=recipient,
        landlord=getattr(settings, "DOORSTEP_LANDLORD_NAME", "") or settings.DOORSTEP_NAME,
        signed_by=request.user,
        now=timezone.now(),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    # The reference, never a name, in the file name.
    response["Content-Disposition"] = f'inline; filename="{case.reference}-summary.pdf"'
    response["Cache-Control"] = "no-store"
    return response


# --- the breach list -------------------------------------------------------------------------


def breach_list(request: AuthedHttpRequest) -> HttpResponse:
    require(is_team_leader_or_manager(request.user), BREACHES_REFUSED)
    form = BreachFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    office, estate = data.get("office"), data.get("estate")
    filters = selectors.BreachFilters(
        office_id=office.pk if office else None,
        estate_id=estate.pk if estate else None,
        status=data.get("status") or "",
    )
    now = timezone.now()
    hazards = selectors.breaches(user=request.user, filters=filters, now=now)
    context: dict[str, Any] = {"form": form, **paginate(request, hazards)}
    context["rows"] = [
        {"hazard": hazard, "missed": clocks.missed(clocks.hazard_clocks(hazard, now))}
        for hazard in context["page_obj"]
    ]
    template = "hazards/partials/breach_table.html" if request.htmx else "hazards/breach_list.html"
    return render(request, template, context)
