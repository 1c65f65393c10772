"""Support referral and partner job pages. Thin: parse, check permission, call a service or
selector, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doorstep.core.concurrency import ConflictRow, EditConflict, show_conflict, version_initial
from doorstep.core.forms import add_service_errors
from doorstep.core.http import AuthedHttpRequest
from doorstep.core.pagination import paginate
from doorstep.core.permissions import require
from doorstep.partners.selectors import active_agencies
from doorstep.people.arrangements import arrangements_for
from doorstep.people.selectors import person_get
from doorstep.sustainment import selectors, services
from doorstep.sustainment.forms import (
    JOB_TABS,
    CloseForm,
    HoldForm,
    JobForm,
    OutcomeForm,
    ReferralFilterForm,
    ReferralForm,
    SlotForm,
)
from doorstep.sustainment.models import JobStatus, PartnerJob, SupportReferral
from doorstep.sustainment.pdf import job_sheet_pdf_bytes
from doorstep.sustainment.permissions import can_reoffer_jobs, can_work_support

REOFFER_REFUSED = "Re-offering paused work is for tenancy sustainment and neighbourhood officers."


def _landlord() -> str:
    return getattr(settings, "DOORSTEP_LANDLORD_NAME", "") or settings.DOORSTEP_NAME


def _work_on(request: AuthedHttpRequest, referral: SupportReferral) -> None:
    require(can_work_support(request.user, referral.person), services.REFUSED)


# --- referrals -------------------------------------------------------------------------------


@require_GET
def referral_list(request: AuthedHttpRequest) -> HttpResponse:
    form = ReferralFilterForm(request.GET or None)
    filters: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    referrals = selectors.referral_list(
        user=request.user,
        status=filters.get("status", ""),
        kind=filters.get("kind", ""),
        mine=bool(filters.get("mine")),
    )
    return render(
        request, "sustainment/referral_list.html", {"form": form, **paginate(request, referrals)}
    )


@require_http_methods(["GET", "POST"])
def referral_create(request: AuthedHttpRequest) -> HttpResponse:
    reference = request.GET.get("person", "").strip()
    if not reference:
        raise Http404("Make a support referral from the person's page.")
    person = person_get(reference=reference)
    require(can_work_support(request.user, person), services.REFUSED)
    form = ReferralForm(
        request.POST if request.method == "POST" else None,
        cases=selectors.open_cases_of(user=request.user, person=person),
    )
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_make(
                actor=request.user, person=person, **form.service_arguments()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Support referral {referral.reference} made.")
            return redirect(referral)
    return render(
        request,
        "sustainment/referral_form.html",
        {"form": form, "person": person, "arrangements": arrangements_for(person)},
    )


@require_GET
def referral_detail(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    referral = selectors.referral_get(reference=reference)
    person = referral.person
    return render(
        request,
        "sustainment/referral_detail.html",
        {
            "referral": referral,
            "person": person,
            "arrangements": arrangements_for(person),
            "jobs": selectors.jobs_of(referral=referral),
            "can_work": can_work_support(request.user, person),
            "close_form": CloseForm(),
        },
    )


@require_POST
def referral_close(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    referral = selectors.referral_get(reference=reference)
    _work_on(request, referral)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.referral_close(
                actor=request.user, referral=referral, status=form.cleaned_data["status"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Referral {referral.reference} closed.")
    else:
        messages.error(request, "Select how the referral ended.")
    return redirect(referral)


# --- jobs ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def job_create(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    referral = selectors.referral_get(reference=reference)
    _work_on(request, referral)
    person = referral.person
    form = JobForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.job_book(actor=request.user, referral=referral, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Job booked with {job.agency.name} for {job.slot_label}. Send the job sheet "
                "to the partner.",
            )
            return redirect(job)
    agencies = list(active_agencies())
    consented = selectors.consented_agency_ids(person=person, agencies=agencies)
    return render(
        request,
        "sustainment/job_form.html",
        {
            "form": form,
            "referral": referral,
            "person": person,
            "arrangements": arrangements_for(person),
            "consented": [agency for agency in agencies if agency.pk in consented],
        },
    )


@require_GET
def job_list(request: AuthedHttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in JobStatus.values:
        status = ""
    mine = request.GET.get("mine") == "1"
    jobs = selectors.job_list(user=request.user, status=status, mine=mine)
    context: dict[str, Any] = {
        "status": status,
        "mine": mine,
        "tabs": [
            {"value": value, "label": label, "current": value == status}
            for value, label in JOB_TABS
        ],
        "can_reoffer": status == JobStatus.ON_HOLD and can_reoffer_jobs(request.user),
        **paginate(request, jobs),
    }
    page = context["page_obj"]
    page.object_list = list(page.object_list)
    for job in page.object_list:
        job.arrangements = arrangements_for(job.referral.person)
    return render(request, "sustainment/job_list.html", context)


@require_POST
def jobs_reoffer(request: AuthedHttpRequest) -> HttpResponse:
    require(can_reoffer_jobs(request.user), REOFFER_REFUSED)
    ids = [int(value) for value in request.POST.getlist("job") if value.isdigit()]
    back = reverse("sustainment:job_list") + "?status=on_hold"
    if not ids:
        messages.error(request, "Select the jobs to re-offer.")
        return redirect(back)
    result = services.jobs_reoffer(actor=request.user, jobs=selectors.jobs_for_reoffer(ids=ids))
    if result.reoffered:
        count = len(result.reoffered)
        messages.success(
            request,
            f"{count} job{'s' if count != 1 else ''} to re-offer: a call-back for each is on "
            "your My day to agree a new time.",
        )
    if result.already:
        count = len(result.already)
        messages.info(
            request,
            f"{count} job{'s' if count != 1 else ''} already had a re-offer call-back; "
            "no new one made.",
        )
    if result.no_phone:
        refs = ", ".join(f"{job.referral.reference}/{job.pk}" for job in result.no_phone)
        messages.error(request, f"No phone number for {refs}: write to them or visit instead.")
    if result.skipped:
        refs = ", ".join(f"{job.referral.reference}/{job.pk}" for job in result.skipped)
        messages.error(request, f"Not re-offered (not on hold, or not yours to work): {refs}.")
    return redirect(reverse("sustainment:job_list") + "?status=to_reoffer")


def _job_context(request: AuthedHttpRequest, job: PartnerJob, **extra: Any) -> dict[str, Any]:
    person = job.referral.person
    return {
        "job": job,
        "referral": job.referral,
        "person": person,
        "arrangements": arrangements_for(person),
        "can_work": can_work_support(request.user, person),
        "has_consent": selectors.consent_to_share(person=person, agency=job.agency),
        **extra,
    }


@require_GET
def job_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    job = selectors.job_get(pk=pk)
    return render(request, "sustainment/job_detail.html", _job_context(request, job))


def _job_form_page(
    request: AuthedHttpRequest,
    pk: int,
    *,
    form_class: type[SlotForm] | type[HoldForm] | type[OutcomeForm],
    title: str,
    act: Callable[[PartnerJob, Any], PartnerJob],
    done: Callable[[PartnerJob], str],
) -> HttpResponse:
    job = selectors.job_get(pk=pk)
    require(can_work_support(request.user, job.referral.person), services.REFUSED)
    form = form_class(
        request.POST if request.method == "POST" else None, initial=version_initial(job)
    )
    conflict_rows: list[ConflictRow] = []
    if request.method == "POST" and form.is_valid():
        try:
            job = act(job, form)
        except EditConflict as conflict:
            conflict_rows = show_conflict(form, conflict)
            job = selectors.job_get(pk=pk)  # the page says what the job is now
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done(job))
            return redirect(job)
    return render(
        request,
        "sustainment/job_action.html",
        _job_context(request, job, form=form, title=title, conflict_rows=conflict_rows),
    )


@require_http_methods(["GET", "POST"])
def job_rebook(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    return _job_form_page(
        request,
        pk,
        form_class=SlotForm,
        title="Book a new slot",
        act=lambda job, form: services.job_rebook(
            actor=request.user, job=job, expected_version=form.expected_version, **form.cleaned_data
        ),
        done=lambda job: (
            f"New slot booked for {job.slot_label}. Send the job sheet to the partner again."
        ),
    )


@require_http_methods(["GET", "POST"])
def job_hold(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    return _job_form_page(
        request,
        pk,
        form_class=HoldForm,
        title="Put the job on hold",
        act=lambda job, form: services.job_hold(
            actor=request.user,
            job=job,
            reason=form.cleaned_data["hold_reason"],
            expected_version=form.expected_version,
        ),
        done=lambda job: (
            "Job put on hold. Re-offer it from the list of jobs on hold when work restarts."
        ),
    )


@require_http_methods(["GET", "POST"])
def job_outcome(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    return _job_form_page(
        request,
        pk,
        form_class=OutcomeForm,
        title="Record the outcome",
        act=lambda job, form: services.job_record_outcome(
            actor=request.user,
            job=job,
            expected_version=form.expected_version,
            **form.service_arguments(),
        ),
        done=lambda job: f"Outcome recorded: {job.get_status_display().lower()}.",
    )


@require_POST
def job_send(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    job = selectors.job_get(pk=pk)
    require(can_work_support(request.user, job.referral.person), services.REFUSED)
    try:
        job = services.job_send_sheet(actor=request.user, job=job, landlord=_landlord())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Job sheet emailed to {job.sheet_sent_to}.")
    return redirect(job)


@require_GET
def job_sheet(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    job = selectors.job_get(pk=pk)
    services.job_sheet_viewed(actor=request.user, job=job)
    pdf = job_sheet_pdf_bytes(
        job, landlord=_landlord(), printed_by=request.user, now=timezone.now()
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    # References, never a name, in the file name.
    response["Content-Disposition"] = (
        f'inline; filename="{job.referral.reference}-job-{job.pk}.pdf"'
    )
    response["Cache-Control"] = "no-store"
    return response
