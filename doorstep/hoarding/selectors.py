"""Reads for hoarding and self-neglect cases. Each uses a fixed number of queries."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from doorstep.cases.models import Case
from doorstep.hoarding.models import ClutterRating, SelfNeglectAssessment
from doorstep.hoarding.services import CASE_TYPES


def hoarding_case(*, reference: str, case_types: frozenset[str] = CASE_TYPES) -> Case:
    """The case with `reference` if it is one of `case_types`, else 404. The caller checks
    what the user may do with it (`doorstep.cases.permissions`)."""
    case = (
        Case.objects.select_related(
            "lead_officer", "team", "patch__team", "home__estate", "block__estate", "estate"
        )
        .filter(reference=reference, case_type__in=case_types)
        .first()
    )
    if case is None:
        raise Http404("No such case.")
    return case


def ratings_query(case: Case) -> QuerySet[ClutterRating]:
    return (
        ClutterRating.objects.filter(case=case)
        .select_related("rated_by")
        .order_by("-rated_on", "-id")
    )


def ratings_for(*, case: Case) -> list[ClutterRating]:
    """Every Clutter Image Rating on the case, newest first (one query)."""
    return list(ratings_query(case))


def assessments_query(case: Case) -> QuerySet[SelfNeglectAssessment]:
    return (
        SelfNeglectAssessment.objects.filter(case=case)
        .select_related("assessed_by")
        .order_by("-assessed_on", "-id")
    )


def assessments_for(*, case: Case) -> list[SelfNeglectAssessment]:
    """Every self-neglect assessment on the case, newest first (one query)."""
    return list(assessments_query(case))
