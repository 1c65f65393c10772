"""Reads for recruitment, filtered to what the user may see, in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from doorstep.accounts.models import User
from doorstep.accounts.roles import READ_ONLY_ROLES, Role
from doorstep.cases.permissions import managed_office_ids
from doorstep.places.models import Office
from doorstep.recruitment.models import (
    Candidate,
    Criterion,
    InterviewSlot,
    PanelSubmission,
    Score,
    Vacancy,
)
from doorstep.recruitment.permissions import can_manage_vacancy, can_view_vacancy, is_dpo
from doorstep.recruitment.scoring import CriterionSpec, Result, rank_candidates


def vacancies_for(*, user: Any) -> QuerySet[Vacancy]:
    """Vacancies of the offices `user` manages, and those where they sit on a panel; all of
    them for the data protection officer (read only)."""
    vacancies = (
        Vacancy.objects.order_by("-closing_date", "-id")
        .select_related("office")
        .annotate(candidate_count=Count("candidates", distinct=True))
    )
    if user.is_superuser or is_dpo(user):
        return vacancies
    panel = InterviewSlot.objects.filter(panel=user).values("vacancy_id")
    return vacancies.filter(Q(office_id__in=managed_office_ids(user)) | Q(pk__in=panel))


def vacancy_get(*, user: Any, pk: int) -> Vacancy:
    vacancy = get_object_or_404(Vacancy.objects.select_related("office", "created_by"), pk=pk)
    if not can_view_vacancy(user, vacancy):
        raise Http404("No such vacancy.")
    return vacancy


def candidate_get(*, vacancy: Vacancy, pk: int) -> Candidate:
    candidate = get_object_or_404(Candidate, vacancy=vacancy, pk=pk)
    candidate.vacancy = vacancy
    return candidate


def managed_offices(*, user: Any) -> QuerySet[Office]:
    if user.is_superuser:
        return Office.objects.order_by("name")
    return Office.objects.filter(pk__in=managed_office_ids(user)).order_by("name")


def panel_choices() -> QuerySet[User]:
    working = [role for role in Role.values if role not in READ_ONLY_ROLES]
    return (
        User.objects.filter(is_active=True, groups__name__in=working)
        .select_related("team")
        .distinct()
        .order_by("full_name")
    )


def criteria_of(*, vacancy: Vacancy) -> list[Criterion]:
    return list(vacancy.criteria.order_by("kind", "id"))


def _specs(criteria: list[Criterion]) -> list[CriterionSpec]:
    return [CriterionSpec(id=c.pk, weight=c.weight, max_score=c.max_score) for c in criteria]


def ranking(*, vacancy: Vacancy) -> list[Result]:
    """Totals and ranks of every candidate, from every panel member's complete sheet. Three
    queries."""
    criteria = criteria_of(vacancy=vacancy)
    candidate_ids = list(vacancy.candidates.order_by("pk").values_list("pk", flat=True))
    sheets: dict[int, dict[int, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    for candidate_id, member_id, criterion_id, value in Score.objects.filter(
        candidate__vacancy=vacancy
    ).values_list("candidate_id", "panel_member_id", "criterion_id", "score"):
        sheets[candidate_id][member_id][criterion_id] = value
    return rank_candidates(sheets=sheets, criteria=_specs(criteria), candidate_ids=candidate_ids)


@dataclass(frozen=True)
class CandidateRow:
    candidate: Candidate
    slot: InterviewSlot | None
    result: Result | None  # None when the viewer may not see totals yet
    on_my_panel: bool
    my_scores: dict[int, int]


@dataclass(frozen=True)
class VacancyPage:
    vacancy: Vacancy
    criteria: list[Criterion]
    rows: list[CandidateRow]
    can_manage: bool
    on_panel: bool
    submitted: bool
    sees_totals: bool

    @property
    def ranked(self) -> list[CandidateRow]:
        return sorted(
            (row for row in self.rows if row.result is not None),
            key=lambda row: (row.result.rank is None, row.result.rank or 0),  # type: ignore[union-attr]
        )


def vacancy_page(*, user: Any, vacancy: Vacancy) -> VacancyPage:
    """Everything the vacancy page shows. Panel members see their own scores, and the totals
    only once they have submitted; a manager who sits on no panel sees the totals throughout.
    A fixed number of queries whatever the number of candidates."""
    criteria = criteria_of(vacancy=vacancy)
    slots = Prefetch("slot", queryset=InterviewSlot.objects.prefetch_related("panel"))
    candidates = list(vacancy.candidates.order_by("full_name", "id").prefetch_related(slots))
    candidate_slots: dict[int, InterviewSlot | None] = {}
    for candidate in candidates:
        try:
            candidate_slots[candidate.pk] = candidate.slot
        except InterviewSlot.DoesNotExist:
            candidate_slots[candidate.pk] = None
    panel_of = {
        cid: {member.pk for member in slot.panel.all()} if slot else set()
        for cid, slot in candidate_slots.items()
    }
    member_of_any = InterviewSlot.objects.filter(vacancy=vacancy, panel=user).exists()
    submitted = PanelSubmission.objects.filter(vacancy=vacancy, panel_member=user).exists()
    manage = can_manage_vacancy(user, vacancy)
    sees_totals = submitted if member_of_any else (manage or is_dpo(user) or user.is_superuser)
    mine: dict[int, dict[int, int]] = defaultdict(dict)
    for candidate_id, criterion_id, value in Score.objects.filter(
        candidate__vacancy=vacancy, panel_member=user
    ).values_list("candidate_id", "criterion_id", "score"):
        mine[candidate_id][criterion_id] = value
    results = {r.candidate_id: r for r in ranking(vacancy=vacancy)} if sees_totals else {}
    rows = [
        CandidateRow(
            candidate=candidate,
            slot=candidate_slots[candidate.pk],
            result=results.get(candidate.pk),
            on_my_panel=user.pk in panel_of[candidate.pk],
            my_scores=dict(mine.get(candidate.pk, {})),
        )
        for candidate in candidates
    ]
    return VacancyPage(
        vacancy=vacancy,
        criteria=criteria,
        rows=rows,
        can_manage=manage,
        on_panel=member_of_any,
        submitted=submitted,
        sees_totals=sees_totals,
    )


def my_scores_for(*, user: Any, candidate: Candidate) -> dict[int, int]:
    return dict(
        Score.objects.filter(candidate=candidate, panel_member=user).values_list(
            "criterion_id", "score"
        )
    )
