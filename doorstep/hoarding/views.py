"""Add a Clutter Image Rating or a self-neglect assessment to a case.

The forms sit in the case page's hoarding panel and post here; without errors the officer goes
back to the case page, otherwise the form comes back as a page of its own with the errors.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render

from doorstep.cases.models import Case, CaseType
from doorstep.cases.permissions import can_edit_case
from doorstep.core.forms import add_service_errors
from doorstep.core.http import AuthedHttpRequest
from doorstep.core.permissions import require
from doorstep.hoarding import rules, selectors, services
from doorstep.hoarding.forms import ClutterRatingForm, SelfNeglectAssessmentForm
from doorstep.hoarding.panel import IN_SCHEME
from doorstep.hoarding.services import RatingResult, home_in_scheme

CANNOT_EDIT = "Only officers who can work on this case can add to it."


def _editable_case(request: AuthedHttpRequest, reference: str, case_types: frozenset[str]) -> Case:
    case = selectors.hoarding_case(reference=reference, case_types=case_types)
    require(can_edit_case(request.user, case), CANNOT_EDIT)
    return case


def _form_page(
    request: AuthedHttpRequest, *, case: Case, title: str, form: Form, partial: str, **extra: Any
) -> HttpResponse:
    context = {"case": case, "title": title, "form": form, "partial": partial, **extra}
    return render(request, "hoarding/form_page.html", context)


def _rating_message(result: RatingResult) -> str:
    score = result.rating.case_rating
    parts = [f"Clutter Image Rating {score} recorded: {rules.band_text(score).lower()}."]
    if not result.is_latest:
        parts.append("It is older than the latest rating, so it joins the trend only.")
    if result.actions:
        owner = result.actions[0].owner
        titles = "; ".join(
            f"{action.title} (due {action.due_on.day} {action.due_on:%b %Y})"
            for action in result.actions
        )
        parts.append(f"Added to {owner}'s actions: {titles}.")
    if result.risk_raised:
        parts.append("Case risk raised to high.")
    return " ".join(parts)


def rating_add(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _editable_case(request, reference, services.CASE_TYPES)
    form = ClutterRatingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.clutter_rating_add(
                actor=request.user,
                case=case,
                rated_on=data["rated_on"],
                living_room=data["living_room"],
                kitchen=data["kitchen"],
                bedroom=data["bedroom"],
                note=data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _rating_message(result))
            return redirect(case.get_absolute_url())
    return _form_page(
        request,
        case=case,
        title="Add a Clutter Image Rating",
        form=form,
        partial="hoarding/partials/rating_form.html",
    )


def assessment_add(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _editable_case(request, reference, frozenset({CaseType.SELF_NEGLECT}))
    form = SelfNeglectAssessmentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.self_neglect_assessment_add(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Self-neglect assessment recorded.")
            return redirect(case.get_absolute_url())
    return _form_page(
        request,
        case=case,
        title="Add a self-neglect assessment",
        form=form,
        partial="hoarding/partials/assessment_form.html",
        hoarding_in_scheme=home_in_scheme(case),
        hoarding_in_scheme_text=IN_SCHEME,
    )
