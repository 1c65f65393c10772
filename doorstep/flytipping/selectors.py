"""Reads for fly-tipping cases. Each uses a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from doorstep.accounts.models import User
from doorstep.accounts.roles import Role
from doorstep.cases.models import Case, CaseType
from doorstep.flytipping.models import FlyTipping
from doorstep.places.models import Block, Estate


def fly_tipping_case(*, reference: str) -> Case:
    """The fly-tipping case with `reference`, with what permissions and the place need (one
    query), else 404. The caller checks what the user may do with it."""
    case = (
        Case.objects.select_related(
            "lead_officer",
            "team",
            "team__leader",
            "patch__team",
            "home__estate",
            "home__block",
            "block__estate",
            "estate",
        )
        .filter(reference=(reference or "").strip().upper(), case_type=CaseType.FLY_TIPPING)
        .first()
    )
    if case is None:
        raise Http404("No such fly-tipping case.")
    return case


# What comes with the details: the case page loads them with the case (`PANEL_DETAILS`).
DETAILS_RELATED = (
    "estate",
    "block",
    "perpetrator",
    "inspection_action__owner",
    "inspection__block",
)
PANEL_DETAILS = ("fly_tipping", *(f"fly_tipping__{path}" for path in DETAILS_RELATED))


def details_query(case: Case) -> QuerySet[FlyTipping]:
    return FlyTipping.objects.select_related(*DETAILS_RELATED).filter(case=case)


def details_for(*, case: Case) -> FlyTipping | None:
    """The case's fly-tipping details with the place, the perpetrator and the inspection
    action's owner (one query), or None when not recorded yet."""
    return details_query(case).first()


def estate_of(case: Case) -> Estate | None:
    """The estate the case is about, from its home, block or estate (no query when the case
    came from `fly_tipping_case`)."""
    if case.home_id is not None:
        return case.home.estate  # type: ignore[union-attr]
    if case.block_id is not None:
        return case.block.estate  # type: ignore[union-attr]
    return case.estate


def block_of(case: Case) -> Block | None:
    if case.block_id is not None:
        return case.block
    if case.home_id is not None:
        return case.home.block  # type: ignore[union-attr]
    return None


def estates() -> QuerySet[Estate]:
    return Estate.objects.order_by("name")


def blocks() -> QuerySet[Block]:
    return Block.objects.select_related("estate").order_by("estate__name", "name")


def estates_officers() -> QuerySet[User]:
    """Active estates officers, who may be asked to inspect."""
    return (
        User.objects.filter(groups__name=Role.ESTATES_OFFICER, is_active=True)
        .select_related("team", "team__office")
        .distinct()
        .order_by("full_name")
    )


def default_estates_officer(*, estate: Estate | None, officers: list[Any]) -> Any:
    """The estates officer covering the estate's office, when there is exactly one; else None
    (the officer chooses)."""
    if estate is None:
        return None
    covering = [
        officer
        for officer in officers
        if officer.team_id is not None and officer.team.office_id == estate.office_id
    ]
    return covering[0] if len(covering) == 1 else None
