"""Add a Clutter Image Rating or a self-neglect assessment to a case.

The forms sit in the case page's hoarding panel and post here; without errors the officer goes
back to the case page, otherwise the form comes back as a page of its own with the errors.
"""

from __future__ import annotations

from django.http import HttpResponse

from doorstep.cases.models import Case, CaseType
from doorstep.cases.permissions import can_edit_case
from doorstep.core.http import AuthedHttpRequest, service_form
from doorstep.core.permissions import require
from doorstep.hoarding import rules, selectors, services
from doorstep.hoarding.forms import ClutterRatingForm, SelfNeglectAssessmentForm
from doorstep.hoarding.panel import IN_SCHEME
from doorstep.hoarding.services import RatingResult, home_in_scheme

CANNOT_EDIT = "Only officers who can work on this case can add to it."
# The page is the form's own (the form itself sits in the case page's panel): its `partial`
# is the form to include, never shown alone.
PAGE = "hoarding/form_page.html"


def _editable_case(request: AuthedHttpRequest, reference: str, case_types: frozenset[str]) -> Case:
    case = selectors.hoarding_case(reference=reference, case_types=case_types)
    require(can_edit_case(request.user, case), CANNOT_EDIT)
    return case


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
    return service_form(
        request,
        form=ClutterRatingForm(request.POST if request.method == "POST" else None),
        save=lambda data: services.clutter_rating_add(
            actor=request.user,
            case=case,
            rated_on=data["rated_on"],
            living_room=data["living_room"],
            kitchen=data["kitchen"],
            bedroom=data["bedroom"],
            note=data["note"],
        ),
        message=_rating_message,
        redirect_to=case.get_absolute_url(),
        page=PAGE,
        title="Add a Clutter Image Rating",
        context={"case": case, "partial": "hoarding/partials/rating_form.html"},
    )


def assessment_add(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _editable_case(request, reference, frozenset({CaseType.SELF_NEGLECT}))
    return service_form(
        request,
        form=SelfNeglectAssessmentForm(request.POST if request.method == "POST" else None),
        save=lambda data: services.self_neglect_assessment_add(
            actor=request.user, case=case, **data
        ),
        message="Self-neglect assessment recorded.",
        redirect_to=case.get_absolute_url(),
        page=PAGE,
        title="Add a self-neglect assessment",
        context=lambda: {
            "case": case,
            "partial": "hoarding/partials/assessment_form.html",
            "hoarding_in_scheme": home_in_scheme(case),
            "hoarding_in_scheme_text": IN_SCHEME,
        },
    )
