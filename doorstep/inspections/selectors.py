"""Reads for estate inspections. Inspections and schedules are about places, not people, so
every signed-in member of staff may read them; each selector uses a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.http import Http404

from doorstep.inspections import chart
from doorstep.inspections.models import (
    ChecklistItem,
    Inspection,
    InspectionAnswer,
    InspectionSchedule,
    InspectionStatus,
)
from doorstep.places.models import Block, Estate

CHART_POINTS = 24  # the latest two years at the default frequency


class ScheduleFilter:
    ALL = "all"
    DUE = "due"
    MINE = "mine"
    choices = ((ALL, "All schedules"), (DUE, "Due or overdue"), (MINE, "Mine"))


def _with_ongoing(queryset: QuerySet[InspectionSchedule]) -> QuerySet[InspectionSchedule]:
    ongoing = Inspection.objects.filter(
        schedule=OuterRef("pk"), status=InspectionStatus.IN_PROGRESS
    ).order_by("pk")
    return queryset.annotate(ongoing_id=Subquery(ongoing.values("pk")[:1]))


def schedule_list(*, user: Any, show: str, today: dt.date) -> QuerySet[InspectionSchedule]:
    """Active schedules, soonest due first, with any inspection in progress (one query)."""
    schedules = InspectionSchedule.objects.filter(active=True).select_related(
        "estate", "block", "inspector"
    )
    if show == ScheduleFilter.DUE:
        schedules = schedules.filter(next_due_on__lte=today)
    elif show == ScheduleFilter.MINE:
        schedules = schedules.filter(inspector=user)
    return _with_ongoing(schedules).order_by("next_due_on", "estate__name", "block__name", "pk")


def schedules_due_query(*, user: Any, today: dt.date) -> QuerySet[InspectionSchedule]:
    """The user's schedules due today or overdue, with any inspection in progress."""
    return (
        _with_ongoing(
            InspectionSchedule.objects.filter(active=True, inspector=user, next_due_on__lte=today)
        )
        .select_related("estate", "block")
        .order_by("next_due_on", "pk")
    )


def schedules_due_for(*, user: Any, today: dt.date) -> list[InspectionSchedule]:
    """The user's schedules due today or overdue (My day; one query)."""
    return list(schedules_due_query(user=user, today=today))


def schedule_get(*, pk: int) -> InspectionSchedule:
    try:
        return InspectionSchedule.objects.select_related("estate", "block", "inspector").get(pk=pk)
    except InspectionSchedule.DoesNotExist as exc:
        raise Http404("No such schedule.") from exc


def inspection_get(*, pk: int) -> Inspection:
    try:
        return Inspection.objects.select_related("estate", "block", "inspector", "schedule").get(
            pk=pk
        )
    except Inspection.DoesNotExist as exc:
        raise Http404("No such inspection.") from exc


def inspections_readable(*, user: Any) -> QuerySet[Inspection]:
    """Every inspection with its place, inspector and answers in checklist order (each with
    who answered, any case raised and `case_visible`: whether `user` may see that case): two
    queries for any number of inspections."""
    from doorstep.cases.permissions import visible_case_q

    visible = visible_case_q(user, prefix="case__")
    answers = (
        InspectionAnswer.objects.select_related("answered_by", "case")
        .annotate(
            case_visible=ExpressionWrapper(
                Q(case__isnull=True) | visible, output_field=BooleanField()
            )
            if visible
            else Value(True)
        )
        .order_by("order", "id")
    )
    return Inspection.objects.select_related("estate", "block", "inspector").prefetch_related(
        Prefetch("answers", queryset=answers)
    )


def answers_of(inspection: Inspection) -> list[InspectionAnswer]:
    """The inspection's answers in checklist order, with their checklist item and any case
    or repair raised (one query)."""
    answers = list(
        InspectionAnswer.objects.filter(inspection=inspection)
        .select_related("case", "repair", "item")
        .order_by("order", "id")
    )
    for answer in answers:
        answer.inspection = inspection  # saves a query per answer in services and templates
    return answers


def answer_get(*, inspection: Inspection, pk: int) -> InspectionAnswer:
    try:
        answer = InspectionAnswer.objects.select_related("case").get(pk=pk, inspection=inspection)
    except InspectionAnswer.DoesNotExist as exc:
        raise Http404("No such item on this inspection.") from exc
    answer.inspection = inspection
    return answer


def checklist() -> list[ChecklistItem]:
    return list(ChecklistItem.objects.order_by("order", "id"))


def checklist_item_get(*, pk: int) -> ChecklistItem:
    try:
        return ChecklistItem.objects.get(pk=pk)
    except ChecklistItem.DoesNotExist as exc:
        raise Http404("No such checklist item.") from exc


@dataclass(frozen=True)
class PlaceHistory:
    estate: Estate
    block: Block | None
    schedule: InspectionSchedule | None
    inspections: QuerySet[Inspection]
    chart: chart.TrendChart
    scored: list[Inspection]
    blocks: list[Block]

    @property
    def name(self) -> str:
        return f"{self.block.name}, {self.estate.name}" if self.block else self.estate.name


def place_history(*, estate_id: int | None = None, block_id: int | None = None) -> PlaceHistory:
    """An estate's (or block's) inspections, newest first, and its score trend. Four queries
    (place, schedule, chart points, blocks); the view pages the inspections."""
    block: Block | None = None
    if block_id is not None:
        try:
            block = Block.objects.select_related("estate").get(pk=block_id)
        except Block.DoesNotExist as exc:
            raise Http404("No such block.") from exc
        estate = block.estate
    else:
        try:
            estate = Estate.objects.get(pk=estate_id or 0)
        except Estate.DoesNotExist as exc:
            raise Http404("No such estate.") from exc
    schedule = (
        InspectionSchedule.objects.filter(estate=estate, block=block, active=True)
        .select_related("inspector")
        .first()
    )
    inspections = (
        Inspection.objects.filter(estate=estate, block=block)
        .select_related("inspector")
        .order_by("-inspected_on", "-id")
    )
    scored = list(
        inspections.filter(status=InspectionStatus.COMPLETED, score__isnull=False)[:CHART_POINTS]
    )
    blocks = list(Block.objects.filter(estate=estate).order_by("name")) if block is None else []
    return PlaceHistory(
        estate=estate,
        block=block,
        schedule=schedule,
        inspections=inspections,
        chart=chart.trend_chart(scored),
        scored=scored,
        blocks=blocks,
    )


def place_choices(*, estates: QuerySet[Estate]) -> list[tuple[str, str]]:
    """("e12", "Beechdale Estate (whole estate)") and ("b34", "Lapwing House, Beechdale
    Estate") for each estate and its blocks (two queries)."""
    estate_list = list(estates.order_by("name"))
    blocks: dict[int, list[Block]] = {}
    for block in Block.objects.filter(estate__in=estate_list).order_by("name"):
        blocks.setdefault(block.estate_id, []).append(block)
    choices: list[tuple[str, str]] = []
    for estate in estate_list:
        choices.append((f"e{estate.pk}", f"{estate.name} (whole estate)"))
        choices.extend((f"b{b.pk}", f"{b.name}, {estate.name}") for b in blocks.get(estate.pk, []))
    return choices


def place_from_choice(value: str) -> tuple[Estate, Block | None]:
    """The estate and block a place choice names; Http404 when it names nothing."""
    value = value or ""
    kind, number = value[:1], value[1:]
    if not number.isdigit():
        raise Http404("No such place.")
    if kind == "b":
        block = Block.objects.select_related("estate").filter(pk=int(number)).first()
        if block is None:
            raise Http404("No such block.")
        return block.estate, block
    if kind == "e":
        estate = Estate.objects.filter(pk=int(number)).first()
        if estate is None:
            raise Http404("No such estate.")
        return estate, None
    raise Http404("No such place.")


def case_links_query(case: Any) -> QuerySet[InspectionAnswer]:
    return (
        InspectionAnswer.objects.filter(case=case)
        .select_related("inspection__estate", "inspection__block", "inspection__inspector")
        .order_by("pk")
    )


def case_links(*, case: Any) -> list[InspectionAnswer]:
    """The failed items a case was raised from (the case page panel; one query, none when the
    case page found there are none, as for most cases)."""
    from doorstep.cases.registry import panel_rows

    return panel_rows(case, "inspection_links", case_links_query(case))


def fly_tipping_case_get(*, user: Any, reference: str) -> Any:
    """A fly-tipping case the user may see, by reference; 404 for any other (a case the user
    may not see is not told apart from one that does not exist)."""
    from doorstep.cases.models import CaseType
    from doorstep.cases.permissions import can_see_case
    from doorstep.cases.selectors import case_get

    case = case_get(reference=reference[:20])
    if case.case_type != CaseType.FLY_TIPPING or not can_see_case(user, case):
        raise Http404("No fly-tipping case has that reference.")
    return case


def fly_tipping_starts(*, actions: list[Any]) -> dict[int, tuple[str, str]]:
    """For My day: the case actions (with their cases loaded) that ask for a fly-tipping
    inspection, each with its one-tap "Start the inspection" (or "Carry on" once one is
    started). One query, none when no action is on a fly-tipping case."""
    from django.urls import reverse

    from doorstep.cases.models import CaseType
    from doorstep.flytipping.models import FlyTipping

    action_ids = [a.pk for a in actions if a.case.case_type == CaseType.FLY_TIPPING]
    if not action_ids:
        return {}
    starts: dict[int, tuple[str, str]] = {}
    for request in FlyTipping.objects.filter(inspection_action_id__in=action_ids).select_related(
        "case", "inspection"
    ):
        ongoing = (
            request.inspection is not None
            and request.inspection.status == InspectionStatus.IN_PROGRESS
        )
        starts[request.inspection_action_id] = (  # type: ignore[index]
            "Carry on with the inspection" if ongoing else "Start the inspection",
            reverse("inspections:fly_tipping_start", args=[request.case.reference]),
        )
    return starts
