"""Welfare-call pages. Thin: parse, check permission, call a selector or service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from doorstep.core.concurrency import ConflictRow, EditConflict, show_conflict, version_initial
from doorstep.core.forms import add_service_errors
from doorstep.core.http import AuthedHttpRequest, safe_next_url
from doorstep.core.pagination import paginate
from doorstep.core.permissions import can_take_calls, require
from doorstep.people.models import Vulnerability
from doorstep.people.selectors import flag_choices_for, person_get
from doorstep.places.models import Tenure
from doorstep.welfare import exports, selectors, services
from doorstep.welfare.cohort import describe, rule_of
from doorstep.welfare.forms import CallForm, CaseFromCallForm, CoverageForm, ProgrammeForm
from doorstep.welfare.models import CallOutcome, WelfareProgramme
from doorstep.welfare.permissions import (
    can_create_programme,
    can_edit_programme,
    can_read_call_notes,
    can_record_call,
)


def _rule(data: dict[str, Any]) -> services.ProgrammeRule:
    return services.ProgrammeRule(
        name=data["name"],
        frequency_days=data["frequency_days"],
        start_date=data["start_date"],
        flags_all=data["flags_all"],
        min_age=data["min_age"],
        tenures=data["tenures"],
        patches=data["patches"],
        estates=data["estates"],
        officer=data["officer"],
        active=data["active"],
    )


def _rule_lines(programme: WelfareProgramme) -> list[str]:
    names = {f"tenure:{code}": label for code, label in Tenure.choices}
    names.update({f"patch:{p.pk}": p.name for p in programme.patches.all()})
    names.update({f"estate:{e.pk}": e.name for e in programme.estates.all()})
    return describe(rule_of(programme), flag_labels=dict(Vulnerability.choices), names=names)


# --- programmes ------------------------------------------------------------------------------


def programme_list(request: AuthedHttpRequest) -> HttpResponse:
    context = paginate(request, selectors.programmes_list())
    context["can_create"] = can_create_programme(request.user)
    return render(request, "welfare/programme_list.html", context)


@require_http_methods(["GET", "POST"])
def programme_create(request: AuthedHttpRequest) -> HttpResponse:
    require(can_create_programme(request.user), services.CREATE_REFUSED)
    form = ProgrammeForm(
        request.POST if request.method == "POST" else None,
        flag_choices=flag_choices_for(request.user),
        initial={"frequency_days": 14, "start_date": timezone.localdate(), "active": True},
    )
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(actor=request.user, rule=_rule(form.cleaned_data))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Programme “{programme.name}” set up.")
            return redirect(programme)
    return render(request, "welfare/programme_form.html", {"form": form, "programme": None})


@require_http_methods(["GET", "POST"])
def programme_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get(pk=pk)
    require(can_edit_programme(request.user, programme), services.EDIT_REFUSED)
    initial = {
        "name": programme.name,
        "flags_all": programme.flags_all,
        "min_age": programme.min_age,
        "tenures": programme.tenures,
        "patches": list(programme.patches.all()),
        "estates": list(programme.estates.all()),
        "frequency_days": programme.frequency_days,
        "officer": programme.officer,
        "start_date": programme.start_date,
        "active": programme.active,
        **version_initial(programme),
    }
    form = ProgrammeForm(
        request.POST if request.method == "POST" else None,
        flag_choices=flag_choices_for(request.user),
        initial=initial,
    )
    conflict_rows: list[ConflictRow] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(
                actor=request.user,
                programme=programme,
                rule=_rule(form.cleaned_data),
                expected_version=form.expected_version,
            )
        except EditConflict as conflict:
            conflict_rows = show_conflict(form, conflict)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Programme saved.")
            return redirect(programme)
    return render(
        request,
        "welfare/programme_form.html",
        {"form": form, "programme": programme, "conflict_rows": conflict_rows},
    )


def programme_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get(pk=pk)
    today = timezone.localdate()
    people = selectors.cohort_with_calls(programme=programme, today=today)
    context = paginate(request, people)
    page = context["page_obj"]
    page.object_list = selectors.cohort_page_rows(
        programme=programme, people=list(page.object_list)
    )
    context.update(
        {
            "programme": programme,
            "rule_lines": _rule_lines(programme),
            "can_edit": can_edit_programme(request.user, programme),
            "today": today,
            "outcome_labels": selectors.OUTCOME_LABELS,
        }
    )
    return render(request, "welfare/programme_detail.html", context)


# --- the call --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def call(request: AuthedHttpRequest, pk: int, reference: str) -> HttpResponse:
    programme = selectors.programme_get(pk=pk)
    person = person_get(reference=reference)
    today = timezone.localdate()
    if request.method == "POST":
        require(can_record_call(request.user, programme, person), services.CALL_REFUSED)
    form = CallForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.call_record(
                actor=request.user,
                programme=programme,
                person=person,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            recorded = result.call
            if recorded.outcome == CallOutcome.CONCERN:
                messages.success(request, "Concern recorded. Decide what happens next.")
                return redirect("welfare:call_detail", pk=programme.pk, call_pk=recorded.pk)
            message = f"Welfare call recorded: {recorded.get_outcome_display().lower()}."
            if result.escalation is not None:
                who = (
                    result.escalation.for_officer.full_name
                    if result.escalation.for_officer
                    else result.escalation.for_team.name
                )
                message += f" No answer twice in a row: {who} has a call-back due today."
            messages.success(request, message)
            return redirect(safe_next_url(request, reverse("myday:my_day")))
    screen = selectors.call_screen(
        user=request.user, programme=programme, person=person, today=today
    )
    if screen.notes_shown or screen.special_category_shown:
        services.call_notes_viewed(
            actor=request.user, person=person, what="welfare call notes and vulnerability flags"
        )
    return render(
        request,
        "welfare/call.html",
        {
            "form": form,
            "screen": screen,
            "programme": programme,
            "person": person,
            "arrangements": screen.arrangements,
            "today": today,
            "next": safe_next_url(request, ""),
        },
    )


def call_detail(request: AuthedHttpRequest, pk: int, call_pk: int) -> HttpResponse:
    programme = selectors.programme_get(pk=pk)
    recorded = selectors.call_get(pk=call_pk, programme=programme)
    show_note = can_read_call_notes(request.user)
    if show_note and recorded.note:
        services.call_notes_viewed(
            actor=request.user, person=recorded.person, what="welfare call note"
        )
    can_act = can_record_call(request.user, programme, recorded.person)
    return render(
        request,
        "welfare/call_detail.html",
        {
            "programme": programme,
            "call": recorded,
            "person": recorded.person,
            "show_note": show_note,
            "can_open_case": can_act
            and recorded.outcome == CallOutcome.CONCERN
            and recorded.case_id is None,
            "can_refer": can_take_calls(request.user) and recorded.outcome == CallOutcome.CONCERN,
        },
    )


@require_http_methods(["GET", "POST"])
def call_open_case(request: AuthedHttpRequest, pk: int, call_pk: int) -> HttpResponse:
    programme = selectors.programme_get(pk=pk)
    recorded = selectors.call_get(pk=call_pk, programme=programme)
    require(can_record_call(request.user, programme, recorded.person), services.CALL_REFUSED)
    if recorded.case_id is not None:
        messages.info(request, f"Case {recorded.case.reference} was opened from this call.")  # type: ignore[union-attr]
        return redirect(recorded.case)  # type: ignore[arg-type]
    when = timezone.localtime(recorded.called_at)
    initial = {
        "case_type": "self_neglect",
        "risk_level": "standard",
        "summary": (
            f"Concern raised on a welfare call ({programme.name}) on "
            f"{when:%d/%m/%Y at %H:%M}: {recorded.note}"
        )[:4000],
    }
    form = CaseFromCallForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.call_open_case(actor=request.user, call=recorded, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Case {case.reference} opened from the welfare call.")
            return redirect(case.get_absolute_url())
    if request.method == "GET" and recorded.note:
        services.call_notes_viewed(
            actor=request.user, person=recorded.person, what="welfare call note"
        )
    return render(
        request,
        "welfare/call_open_case.html",
        {"form": form, "programme": programme, "call": recorded, "person": recorded.person},
    )


# --- coverage --------------------------------------------------------------------------------


def _coverage(request: AuthedHttpRequest, programme: WelfareProgramme) -> tuple[Any, Any]:
    today = timezone.localdate()
    start, end = selectors.default_period(programme=programme, today=today)
    form = CoverageForm(request.GET or None, initial={"start": start, "end": end})
    status = ""
    if form.is_bound and form.is_valid():
        start = form.cleaned_data["start"] or start
        end = form.cleaned_data["end"] or end
        status = form.cleaned_data["status"]
        if start > end:
            start, end = selectors.default_period(programme=programme, today=end)
    report = selectors.coverage(
        programme=programme, start=start, end=end, today=today, status=status
    )
    return form, report


@require_GET
def coverage(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get(pk=pk)
    form, report = _coverage(request, programme)
    context = paginate(request, report.people)
    context.update(
        {
            "programme": programme,
            "form": form,
            "report": report,
            "outcome_labels": selectors.OUTCOME_LABELS,
            "status_labels": dict(selectors.COVERAGE_STATUSES),
            "query": request.GET.urlencode(),
        }
    )
    return render(request, "welfare/coverage.html", context)


@require_GET
def coverage_csv(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get(pk=pk)
    form, report = _coverage(request, programme)
    if form.is_bound and not form.is_valid():
        return HttpResponse(
            " ".join(str(e) for errors in form.errors.values() for e in errors),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    services.coverage_exported(actor=request.user, programme=programme, report=report)
    response = HttpResponse(
        exports.coverage_csv(report.people), content_type="text/csv; charset=utf-8"
    )
    name = f"welfare-coverage-{programme.pk}-{report.start:%Y%m%d}-{report.end:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
