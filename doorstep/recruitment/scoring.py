"""Totals and ranking of interview candidates (pure: no database).

A panel member's total for a candidate is the sum of (score / max * weight) over every criterion,
normalised so that full marks on everything is 100. Only a complete score sheet counts (every
criterion scored). A candidate's total is the mean of the complete sheets of the panel members
who scored them. Candidates are ranked by total, highest first; equal totals share a rank and
the next rank is skipped (1, 2, 2, 4). Arithmetic is exact (fractions), so ties are real ties.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class CriterionSpec:
    id: int
    weight: int
    max_score: int


@dataclass(frozen=True)
class Result:
    candidate_id: int
    total: Fraction | None  # 0..100, or None when no complete sheet yet
    markers: int  # panel members whose complete sheet counted
    rank: int | None

    @property
    def total_display(self) -> str:
        return "" if self.total is None else f"{float(self.total):.1f}"


def sheet_total(scores: Mapping[int, int], criteria: Sequence[CriterionSpec]) -> Fraction | None:
    """One panel member's weighted total for one candidate (0..100), or None if a criterion
    is unscored."""
    if not criteria or any(c.id not in scores for c in criteria):
        return None
    weights = sum(c.weight for c in criteria)
    raw = sum((Fraction(scores[c.id], c.max_score) * c.weight for c in criteria), Fraction(0))
    return raw * 100 / weights


def rank_candidates(
    *,
    sheets: Mapping[int, Mapping[int, Mapping[int, int]]],
    criteria: Sequence[CriterionSpec],
    candidate_ids: Sequence[int],
) -> list[Result]:
    """`sheets`: candidate id -> panel member id -> criterion id -> score. Every candidate in
    `candidate_ids` gets a Result; those without a total come last, unranked."""
    totals: dict[int, tuple[Fraction | None, int]] = {}
    for candidate_id in candidate_ids:
        complete = [
            total
            for total in (
                sheet_total(marks, criteria) for marks in sheets.get(candidate_id, {}).values()
            )
            if total is not None
        ]
        mean = sum(complete, Fraction(0)) / len(complete) if complete else None
        totals[candidate_id] = (mean, len(complete))
    scored = sorted(
        (cid for cid in candidate_ids if totals[cid][0] is not None),
        key=lambda cid: (-totals[cid][0], cid),  # type: ignore[operator]
    )
    results: list[Result] = []
    previous: Fraction | None = None
    rank = 0
    for position, cid in enumerate(scored, start=1):
        total = totals[cid][0]
        if total != previous:
            rank = position
            previous = total
        results.append(Result(candidate_id=cid, total=total, markers=totals[cid][1], rank=rank))
    results.extend(
        Result(candidate_id=cid, total=None, markers=0, rank=None)
        for cid in candidate_ids
        if totals[cid][0] is None
    )
    return results
