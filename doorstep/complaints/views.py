"""Complaint pages: the open-complaints list, and the forms to open, acknowledge, extend,
respond to and escalate a complaint. The forms open in the base template's modal when asked
for by htmx and work as full pages without it; the stages themselves show on the case page
(panel.py)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from doorstep.cases.models import Case
from doorstep.cases.permissions import can_edit_case, restricted_label
from doorstep.complaints import clocks, selectors, services
from doorstep.complaints.forms import (
    AcknowledgeForm,
    ComplaintFilterForm,
    ComplaintForm,
    EscalateForm,
    ExtendForm,
    RespondForm,
)
from doorstep.complaints.models import ComplaintStage
from doorstep.complaints.panel import can_escalate, stage_rows
from doorstep.core.concurrency import version_initial
from doorstep.core.http import AuthedHttpRequest, service_form
from doorstep.core.pagination import paginate
from doorstep.core.permissions import can_take_calls, require

# --- helpers ---------------------------------------------------------------------------------


def _case_for_edit(request: AuthedHttpRequest, reference: str) -> Case:
    case = selectors.complaint_case_get(reference=reference)
    require(can_edit_case(request.user, case), services.CANNOT_EDIT)
    require(case.is_open, services.CASE_CLOSED)
    return case


def _stage(case: Case, number: int) -> ComplaintStage:
    for stage in selectors.stages_of(case):
        if stage.stage == number:
            return stage
    raise Http404("This complaint has no such stage.")


PAGE = "complaints/form_page.html"


def _stage_context(case: Case, stage: ComplaintStage | None = None) -> dict[str, Any]:
    rows = stage_rows(selectors.stages_of(case), timezone.localdate())
    return {
        "case": case,
        "complainant": selectors.complainant_of(case),
        "rows": [row for row in rows if stage is None or row.stage.pk == stage.pk],
        "cancel_url": case.get_absolute_url(),
    }


# --- list ------------------------------------------------------------------------------------


def complaint_list(request: AuthedHttpRequest) -> HttpResponse:
    form = ComplaintFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    filters = selectors.ComplaintFilters(
        stage=data.get("stage"),
        overdue=data.get("show") == "overdue",
        due_this_week=data.get("show") == "week",
        mine=bool(data.get("mine")),
    )
    stages = selectors.open_complaint_stages(user=request.user, filters=filters, today=today)
    context: dict[str, Any] = {
        "form": form,
        "today": today,
        "can_open": can_take_calls(request.user),
        **paginate(request, stages),
    }
    context["rows"] = [
        {
            "stage": stage,
            "clock": clocks.next_clock(stage, today),
            "complainant": (stage.case.reporters[0].person if stage.case.reporters else None),
            "restricted_label": "" if stage.can_see else restricted_label(stage.case),
        }
        for stage in context["page_obj"]
    ]
    template = (
        "complaints/partials/complaint_table.html"
        if request.htmx
        else "complaints/complaint_list.html"
    )
    return render(request, template, context)


# --- open a complaint ------------------------------------------------------------------------


def _opened_message(case: Case) -> str:
    stage = selectors.stages_of(case)[0]
    return (
        f"Complaint {case.reference} logged at stage 1. Acknowledge it by "
        f"{clocks.format_day(stage.acknowledge_by)}."
    )


def complaint_create(request: AuthedHttpRequest) -> HttpResponse:
    require(can_take_calls(request.user), "Only officers who take calls can log a complaint.")
    if request.method == "POST":
        form = ComplaintForm(request.POST)
    else:
        initial: dict[str, Any] = {"received_on": timezone.localdate()}
        if request.GET.get("person"):
            initial["complainant"] = request.GET["person"]
        form = ComplaintForm(initial=initial)
    return service_form(
        request,
        form=form,
        save=lambda data: services.complaint_open(
            actor=request.user,
            complainant=data["complainant"],
            summary=data["summary"],
            received_on=data["received_on"],
            home=data["uprn"],
            about=data["about"],
            desired_outcome=data["desired_outcome"],
            lead_officer=data["lead_officer"] or request.user,
        ),
        message=_opened_message,
        redirect_to=lambda case: case.get_absolute_url(),
        page=PAGE,
        partial="complaints/partials/complaint_form.html",
        title="Log a complaint",
        context={
            "action": reverse("complaints:complaint_create"),
            "cancel_url": reverse("complaints:complaint_list"),
        },
    )


# --- stage forms -----------------------------------------------------------------------------


def _acknowledged_message(record: ComplaintStage) -> str:
    assert record.respond_by is not None
    return (
        f"{record.get_stage_display()} acknowledged. Respond by "
        f"{clocks.format_day(record.respond_by)}."
    )


def complaint_acknowledge(request: AuthedHttpRequest, reference: str, stage: int) -> HttpResponse:
    case = _case_for_edit(request, reference)
    record = _stage(case, stage)
    if request.method == "POST":
        form = AcknowledgeForm(request.POST)
    else:
        form = AcknowledgeForm(
            initial={"acknowledged_on": timezone.localdate(), **version_initial(record)}
        )
    return service_form(
        request,
        form=form,
        save=lambda data: services.complaint_acknowledge(
            actor=request.user,
            stage=record,
            acknowledged_on=data["acknowledged_on"],
            expected_version=form.expected_version,
        ),
        message=_acknowledged_message,
        redirect_to=case.get_absolute_url(),
        page=PAGE,
        partial="complaints/partials/acknowledge_form.html",
        title=f"Acknowledge the {record.get_stage_display().lower()} complaint",
        context=lambda: {
            "action": reverse("complaints:acknowledge", args=[case.reference, record.stage]),
            **_stage_context(case, record),
        },
    )


def _extended_message(record: ComplaintStage) -> str:
    due = f" Respond by {clocks.format_day(record.respond_by)}." if record.respond_by else ""
    return f"{record.get_stage_display()} response extended.{due}"


def complaint_extend(request: AuthedHttpRequest, reference: str, stage: int) -> HttpResponse:
    case = _case_for_edit(request, reference)
    record = _stage(case, stage)
    left = clocks.MAX_EXTENSION[record.stage] - record.extension_working_days
    if request.method == "POST":
        form = ExtendForm(request.POST, stage=record.stage, left=left)
    else:
        form = ExtendForm(stage=record.stage, left=left, initial=version_initial(record))
    return service_form(
        request,
        form=form,
        save=lambda data: services.complaint_extend(
            actor=request.user,
            stage=record,
            working_days=data["working_days"],
            reason=data["reason"],
            expected_version=form.expected_version,
        ),
        message=_extended_message,
        redirect_to=case.get_absolute_url(),
        saved_as={"working_days": "extension_working_days", "reason": "extension_reason"},
        page=PAGE,
        partial="complaints/partials/extend_form.html",
        title=f"Extend the {record.get_stage_display().lower()} response",
        context=lambda: {
            "action": reverse("complaints:extend", args=[case.reference, record.stage]),
            **_stage_context(case, record),
        },
    )


def _responded_message(record: ComplaintStage) -> str:
    met = clocks.within_code_timescale(record)
    return (
        f"{record.get_stage_display()} response recorded, "
        f"{'within' if met else 'outside'} the Code timescale."
    )


def complaint_respond(request: AuthedHttpRequest, reference: str, stage: int) -> HttpResponse:
    case = _case_for_edit(request, reference)
    record = _stage(case, stage)
    if request.method == "POST":
        form = RespondForm(request.POST)
    else:
        form = RespondForm(
            initial={"responded_on": timezone.localdate(), **version_initial(record)}
        )
    return service_form(
        request,
        form=form,
        save=lambda data: services.complaint_respond(
            actor=request.user,
            stage=record,
            responded_on=data["responded_on"],
            outcome=data["outcome"],
            response_summary=data["response_summary"],
            expected_version=form.expected_version,
        ),
        message=_responded_message,
        redirect_to=case.get_absolute_url(),
        page=PAGE,
        partial="complaints/partials/respond_form.html",
        title=f"Record the {record.get_stage_display().lower()} response",
        context=lambda: {
            "action": reverse("complaints:respond", args=[case.reference, record.stage]),
            **_stage_context(case, record),
        },
    )


def complaint_escalate(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _case_for_edit(request, reference)
    require(
        can_escalate(selectors.stages_of(case)),
        "A complaint can go to stage 2 only once, after the stage 1 response has been sent.",
    )
    if request.method == "POST":
        form = EscalateForm(request.POST)
    else:
        form = EscalateForm(initial={"requested_on": timezone.localdate()})
    return service_form(
        request,
        form=form,
        save=lambda data: services.complaint_escalate(
            actor=request.user,
            case=case,
            requested_on=data["requested_on"],
            reason=data["reason"],
        ),
        message=lambda record: (
            f"Escalated to stage 2. Acknowledge it by {clocks.format_day(record.acknowledge_by)}."
        ),
        redirect_to=case.get_absolute_url(),
        page=PAGE,
        partial="complaints/partials/escalate_form.html",
        title="Escalate to stage 2",
        context=lambda: {
            "action": reverse("complaints:escalate", args=[case.reference]),
            **_stage_context(case),
        },
    )
