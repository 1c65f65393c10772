"""Reads for complaints: the stages of one complaint, the open-complaints list, My day and the
fixed counts behind the Tenant Satisfaction Measures CH01 and CH02 (DOMAIN.md §11).

Each function uses a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    DateField,
    F,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models import Case as CaseWhen
from django.shortcuts import get_object_or_404

from doorstep.cases.models import Case, CaseParty, CaseStatus, CaseType, PartyRole
from doorstep.cases.permissions import visible_case_q
from doorstep.complaints.models import ComplaintStage, Stage

# --- one complaint ---------------------------------------------------------------------------


def _reporters() -> Prefetch[Any]:
    return Prefetch(
        "parties",
        queryset=CaseParty.objects.filter(role=PartyRole.REPORTER).select_related("person"),
        to_attr="reporters",
    )


def complaint_case_get(*, reference: str) -> Case:
    """The complaint case with its details, stages and complainant (4 queries); 404 if there
    is no complaint with that reference."""
    return get_object_or_404(
        Case.objects.filter(case_type=CaseType.COMPLAINT)
        .select_related("lead_officer", "team", "home", "complaint_details")
        .prefetch_related(_reporters(), "complaint_stages"),
        reference=reference,
    )


def with_complaint(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Complaint cases with their details, stages and complainant (three more queries
    whatever the rows)."""
    return cases.select_related("complaint_details").prefetch_related(
        _reporters(), "complaint_stages"
    )


def complainant_of(case: Case) -> Any:
    """The complainant (the case's first reporter), from the prefetched `reporters`."""
    reporters = getattr(case, "reporters", None)
    if reporters is None:
        reporters = list(case.parties.filter(role=PartyRole.REPORTER).select_related("person"))
    return reporters[0].person if reporters else None


def stages_of(case: Case) -> list[ComplaintStage]:
    """Stages in order, from the prefetch when there is one."""
    return sorted(case.complaint_stages.all(), key=lambda s: s.stage)


# --- the open-complaints list ----------------------------------------------------------------


@dataclass(frozen=True)
class ComplaintFilters:
    stage: int | None = None
    overdue: bool = False
    due_this_week: bool = False
    mine: bool = False


def _with_next_due(stages: QuerySet[ComplaintStage], today: dt.date) -> QuerySet[ComplaintStage]:
    # What is due next: the acknowledgement until there is one, then the response.
    return stages.annotate(
        next_due=CaseWhen(
            When(acknowledged_on__isnull=True, then=F("acknowledge_by")),
            default=F("respond_by"),
            output_field=DateField(),
        )
    ).annotate(
        is_overdue=CaseWhen(
            When(Q(next_due__lt=today), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def open_complaint_stages(
    *, user: Any, filters: ComplaintFilters, today: dt.date
) -> QuerySet[ComplaintStage]:
    """Stages still waiting for a response, on open complaints, soonest due first. Each row
    has `next_due`, `is_overdue`, `can_see` (False for a restricted case the user is not on:
    show only that it exists and whom to ask) and the complainant in `case.reporters`."""
    stages = ComplaintStage.objects.filter(responded_on__isnull=True).exclude(
        case__status=CaseStatus.CLOSED
    )
    if filters.stage in (Stage.ONE, Stage.TWO):
        stages = stages.filter(stage=filters.stage)
    if filters.mine:
        stages = stages.filter(case__lead_officer_id=user.pk)
    stages = _with_next_due(stages, today)
    if filters.overdue:
        stages = stages.filter(Q(next_due__lt=today))
    if filters.due_this_week:
        sunday = today + dt.timedelta(days=6 - today.weekday())
        stages = stages.filter(Q(next_due__gte=today, next_due__lte=sunday))
    visible = visible_case_q(user, "case__")
    can_see: Any = (
        CaseWhen(When(visible, then=Value(True)), default=Value(False), output_field=BooleanField())
        if visible
        else Value(True, output_field=BooleanField())
    )
    return (
        stages.annotate(can_see=can_see)
        .select_related("case", "case__lead_officer", "case__home", "case__team__leader")
        .prefetch_related(
            Prefetch(
                "case__parties",
                queryset=CaseParty.objects.filter(role=PartyRole.REPORTER).select_related("person"),
                to_attr="reporters",
            )
        )
        .order_by(F("next_due").asc(), "case__reference", "stage")
    )


# --- My day ----------------------------------------------------------------------------------


def clocks_due_for(*, user: Any, today: dt.date) -> QuerySet[ComplaintStage]:
    """Acknowledgements and responses due today or overdue on open complaints `user` leads
    (one query)."""
    return (
        _with_next_due(
            ComplaintStage.objects.filter(
                case__lead_officer_id=user.pk, responded_on__isnull=True
            ).exclude(case__status=CaseStatus.CLOSED),
            today,
        )
        .filter(Q(next_due__lte=today))
        .select_related("case")
        .order_by(F("next_due").asc(), "case__reference", "stage")
    )


# --- Tenant Satisfaction Measures ------------------------------------------------------------


@dataclass(frozen=True)
class ComplaintCounts:
    """Raw counts for CH01 (received) and CH02 (responded, and within the Code timescale)."""

    stage_1_received: int
    stage_2_received: int
    stage_1_responded: int
    stage_1_within_timescale: int
    stage_2_responded: int
    stage_2_within_timescale: int


def complaint_counts(*, start: dt.date, end: dt.date) -> ComplaintCounts:
    """Stages received, and responded to, from `start` to `end` inclusive (for a reporting
    year: 1 April Y to 31 March Y+1). One query. A response is within the Code timescale when
    it is on or before `respond_by`: the response clock from acknowledgement plus any agreed
    extension."""
    received = Q(received_on__gte=start, received_on__lte=end)
    responded = Q(responded_on__gte=start, responded_on__lte=end)
    within = responded & Q(responded_on__lte=F("respond_by"))
    totals = ComplaintStage.objects.filter(received | responded).aggregate(
        stage_1_received=Count("pk", filter=received & Q(stage=1)),
        stage_2_received=Count("pk", filter=received & Q(stage=2)),
        stage_1_responded=Count("pk", filter=responded & Q(stage=1)),
        stage_1_within_timescale=Count("pk", filter=within & Q(stage=1)),
        stage_2_responded=Count("pk", filter=responded & Q(stage=2)),
        stage_2_within_timescale=Count("pk", filter=within & Q(stage=2)),
    )
    return ComplaintCounts(**totals)
