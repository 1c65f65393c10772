"""The hoarding / self-neglect panel on the shared case page (registered in apps.py): the
latest Clutter Image Rating and its band, the trend chart with its data table, the rating form,
and for self-neglect the assessments and their form."""

from __future__ import annotations

from typing import Any

from django.forms import Form

from doorstep.cases.models import Case, CaseType
from doorstep.cases.permissions import can_edit_case
from doorstep.cases.registry import panel_rows
from doorstep.hoarding import selectors
from doorstep.hoarding.chart import trend_chart
from doorstep.hoarding.forms import ClutterRatingForm, SelfNeglectAssessmentForm
from doorstep.hoarding.models import ClutterRating, SelfNeglectAssessment
from doorstep.hoarding.services import home_in_scheme

IN_SCHEME = "Neighbours in a scheme may be at risk"

# What the panel lists (registered with it): the case page asks whether each has rows.
PANEL_ROWS = {
    "hoarding_ratings": lambda case: ClutterRating.objects.filter(case=case),
    "hoarding_assessments": lambda case: SelfNeglectAssessment.objects.filter(case=case),
}


def hoarding_panel_context(
    *,
    user: Any,
    case: Case,
    rating_form: Form | None = None,
    assessment_form: Form | None = None,
) -> dict[str, Any]:
    """Ratings (one query), assessments for self-neglect (one query), the home's estate to tell
    a scheme (at most two, none when the case page loaded them) and the edit check."""
    ratings = panel_rows(case, "hoarding_ratings", selectors.ratings_query(case))
    self_neglect = case.case_type == CaseType.SELF_NEGLECT
    can_edit = case.is_open and can_edit_case(user, case)
    return {
        "hoarding_ratings": ratings,
        "hoarding_latest": ratings[0] if ratings else None,
        "hoarding_chart": trend_chart(ratings),
        "hoarding_can_edit": can_edit,
        "hoarding_rating_form": (rating_form or ClutterRatingForm()) if can_edit else None,
        "hoarding_self_neglect": self_neglect,
        "hoarding_assessments": (
            panel_rows(case, "hoarding_assessments", selectors.assessments_query(case))
            if self_neglect
            else []
        ),
        "hoarding_assessment_form": (
            (assessment_form or SelfNeglectAssessmentForm()) if can_edit and self_neglect else None
        ),
        "hoarding_in_scheme": home_in_scheme(case),
        "hoarding_in_scheme_text": IN_SCHEME,
    }
