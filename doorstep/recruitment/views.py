"""Recruitment pages (managers, and panel members for their own scoring). Thin views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from doorstep.core.concurrency import ConflictRow, EditConflict, show_conflict, version_initial
from doorstep.core.forms import add_service_errors
from doorstep.core.http import AuthedHttpRequest
from doorstep.core.pagination import paginate
from doorstep.core.permissions import require
from doorstep.recruitment import selectors, services
from doorstep.recruitment.forms import (
    CandidateForm,
    CriterionForm,
    DecisionForm,
    ScoreForm,
    SlotForm,
    VacancyForm,
)
from doorstep.recruitment.models import Vacancy
from doorstep.recruitment.permissions import can_create_vacancy, can_manage_vacancy


def _form_page(
    request: AuthedHttpRequest,
    *,
    form: forms.Form,
    title: str,
    submit: str,
    back: str,
    handle: Callable[[dict[str, Any]], tuple[str, str]],
    intro: str = "",
    renamed: dict[str, str] | None = None,
) -> HttpResponse:
    """GET: the form. POST: validate, call `handle` (which calls a service and returns the
    message and where to go next), or show the errors, or an edit conflict with both
    versions (`renamed`: form fields whose saved value is under another name)."""
    conflict_rows: list[ConflictRow] = []
    if request.method == "POST" and form.is_valid():
        try:
            message, next_url = handle(form.cleaned_data)
        except EditConflict as conflict:
            conflict_rows = show_conflict(form, conflict)
            for name, attribute in (renamed or {}).items():
                theirs, yours = getattr(conflict.current, attribute), form.cleaned_data[name]
                if theirs != yours:
                    conflict_rows.append(
                        ConflictRow(
                            label=str(form.fields[name].label),
                            theirs=theirs or "(blank)",
                            yours=yours or "(blank)",
                        )
                    )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, message)
            return redirect(next_url)
    return render(
        request,
        "recruitment/form.html",
        {
            "form": form,
            "title": title,
            "submit": submit,
            "back": back,
            "intro": intro,
            "conflict_rows": conflict_rows,
        },
    )


def _booked(slot: Any) -> str:
    return f"Interview slot booked for {timezone.localtime(slot.starts_at):%-d %B %Y at %H:%M}."


def _decided(candidate: Any) -> str:
    return f"{candidate.get_decision_display()}: decision recorded for {candidate.full_name}."


def _managed(request: AuthedHttpRequest, pk: int) -> Vacancy:
    vacancy = selectors.vacancy_get(user=request.user, pk=pk)
    require(can_manage_vacancy(request.user, vacancy), services.REFUSED)
    return vacancy


def vacancy_list(request: AuthedHttpRequest) -> HttpResponse:
    context = {
        "can_create": can_create_vacancy(request.user),
        **paginate(request, selectors.vacancies_for(user=request.user)),
    }
    return render(request, "recruitment/vacancy_list.html", context)


@require_http_methods(["GET", "POST"])
def vacancy_create(request: AuthedHttpRequest) -> HttpResponse:
    require(can_create_vacancy(request.user), "Only housing services managers open vacancies.")

    def handle(data: dict[str, Any]) -> tuple[str, str]:
        vacancy = services.vacancy_create(actor=request.user, **data)
        return f"Vacancy for {vacancy.title} opened.", vacancy.get_absolute_url()

    return _form_page(
        request,
        form=VacancyForm(
            request.POST or None, offices=selectors.managed_offices(user=request.user)
        ),
        title="Open a vacancy",
        submit="Open the vacancy",
        back=reverse("recruitment:vacancy_list"),
        handle=handle,
    )


def vacancy_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    vacancy = selectors.vacancy_get(user=request.user, pk=pk)
    page = selectors.vacancy_page(user=request.user, vacancy=vacancy)
    return render(request, "recruitment/vacancy_detail.html", {"page": page, "vacancy": vacancy})


@require_http_methods(["GET", "POST"])
def criterion_add(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    vacancy = _managed(request, pk)
    return _form_page(
        request,
        form=CriterionForm(request.POST or None),
        title="Add a scoring criterion",
        submit="Add the criterion",
        back=vacancy.get_absolute_url(),
        handle=lambda data: (
            f"Criterion {services.criterion_add(actor=request.user, vacancy=vacancy, **data)} "
            "added.",
            vacancy.get_absolute_url(),
        ),
    )


@require_http_methods(["GET", "POST"])
def candidate_add(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    vacancy = _managed(request, pk)
    return _form_page(
        request,
        form=CandidateForm(request.POST or None),
        title="Add a candidate",
        submit="Add the candidate",
        back=vacancy.get_absolute_url(),
        intro="Candidates' details are kept apart from residents' and deleted after the "
        "retention period.",
        handle=lambda data: (
            f"{services.candidate_add(actor=request.user, vacancy=vacancy, **data).full_name} "
            "added as a candidate.",
            vacancy.get_absolute_url(),
        ),
    )


@require_http_methods(["GET", "POST"])
def slot_add(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    vacancy = _managed(request, pk)
    form = SlotForm(
        request.POST or None,
        candidates=vacancy.candidates.filter(slot__isnull=True).order_by("full_name"),
        staff=selectors.panel_choices(),
        initial={"panel": [request.user.pk]},
    )
    return _form_page(
        request,
        form=form,
        title="Book an interview slot",
        submit="Book the slot",
        back=vacancy.get_absolute_url(),
        handle=lambda data: (
            _booked(services.slot_add(actor=request.user, vacancy=vacancy, **data)),
            vacancy.get_absolute_url(),
        ),
    )


@require_http_methods(["GET", "POST"])
def score(request: AuthedHttpRequest, pk: int, candidate_pk: int) -> HttpResponse:
    vacancy = selectors.vacancy_get(user=request.user, pk=pk)
    candidate = selectors.candidate_get(vacancy=vacancy, pk=candidate_pk)
    require(
        services.can_score(request.user, candidate),
        "Only the candidate's panel can score them, until they submit their scores.",
    )
    criteria = selectors.criteria_of(vacancy=vacancy)
    initial = {
        f"score_{cid}": value
        for cid, value in selectors.my_scores_for(user=request.user, candidate=candidate).items()
    }

    def save(data: dict[str, Any]) -> tuple[str, str]:
        scores = {c.pk: data.get(f"score_{c.pk}") for c in criteria}
        saved = services.scores_save(actor=request.user, candidate=candidate, scores=scores)
        done = f"{saved} of {len(criteria)} scores saved for {candidate.full_name}."
        return done, vacancy.get_absolute_url()

    return _form_page(
        request,
        form=ScoreForm(request.POST or None, criteria=criteria, initial=initial),
        title=f"Your scores for {candidate.full_name}",
        submit="Save scores",
        back=vacancy.get_absolute_url(),
        intro="Only you see these scores until you submit them. Leave a box empty if you have "
        "not scored it yet.",
        handle=save,
    )


@require_POST
def scores_submit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    vacancy = selectors.vacancy_get(user=request.user, pk=pk)
    try:
        services.scores_submit(actor=request.user, vacancy=vacancy)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Your scores are submitted. The totals and ranking show below.")
    return redirect(vacancy.get_absolute_url())


@require_http_methods(["GET", "POST"])
def decision(request: AuthedHttpRequest, pk: int, candidate_pk: int) -> HttpResponse:
    vacancy = _managed(request, pk)
    candidate = selectors.candidate_get(vacancy=vacancy, pk=candidate_pk)
    initial = {
        "decision": candidate.decision,
        "reason": candidate.decision_reason,
        **version_initial(candidate),
    }
    form = DecisionForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        form=form,
        title=f"Decision for {candidate.full_name}",
        submit="Save the decision",
        back=vacancy.get_absolute_url(),
        handle=lambda data: (
            _decided(
                services.decision_record(
                    actor=request.user,
                    candidate=candidate,
                    expected_version=form.expected_version,
                    **data,
                )
            ),
            vacancy.get_absolute_url(),
        ),
        renamed={"reason": "decision_reason"},
    )


@require_POST
def hr_notify(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    vacancy = _managed(request, pk)
    try:
        services.hr_notify(actor=request.user, vacancy=vacancy)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "The outcome has been emailed to HR.")
    return redirect(vacancy.get_absolute_url())
