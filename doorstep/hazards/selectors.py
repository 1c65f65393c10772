"""Reads for hazards: one case's hazard, who the written summary goes to, the breach list and
My day. Each uses a fixed number of queries whatever the number of rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from doorstep.cases.models import Case, CaseParty, CaseStatus, CaseType, PartyRole
from doorstep.cases.permissions import visible_case_q
from doorstep.hazards.models import HazardReport


def damp_case_get(*, reference: str) -> Case:
    """A damp and mould case with its place, lead officer and hazard (if recorded); 404 if
    there is no such case."""
    return get_object_or_404(
        Case.objects.filter(case_type=CaseType.DAMP_MOULD).select_related(
            "home__estate__office", "lead_officer", "team__office", "patch__team"
        ),
        reference=reference,
    )


def hazard_of(case: Case) -> HazardReport | None:
    return HazardReport.objects.filter(case=case).first()


def letter_recipient(case: Case) -> Any:
    """Who the written summary is addressed to: the case's reporter, else its subject, else a
    current tenant of the home. One or two queries."""
    from doorstep.tenancies.models import MemberRole, TenancyMember

    party = (
        CaseParty.objects.filter(case=case, role__in=[PartyRole.REPORTER, PartyRole.SUBJECT])
        .select_related("person")
        .order_by("role", "id")
        .first()
    )
    if party is not None:
        return party.person
    if case.home_id is None:
        return None
    today = timezone.localdate()
    member = (
        TenancyMember.objects.filter(
            tenancy__home_id=case.home_id, role=MemberRole.TENANT, tenancy__start_date__lte=today
        )
        .exclude(tenancy__end_date__lt=today)
        .select_related("person")
        .order_by("tenancy__start_date", "id")
        .first()
    )
    return member.person if member is not None else None


def _missed(done: str, due: str, now: dt.datetime) -> Q:
    """A clock missed: due and still not done after its moment, or done after it."""
    return Q(**{f"{due}__isnull": False}) & (
        Q(**{f"{done}__isnull": True, f"{due}__lt": now}) | Q(**{f"{done}__gt": F(due)})
    )


def breached_q(now: dt.datetime) -> Q:
    """Any Awaab's Law clock missed (the stored due moments of clocks.py)."""
    return (
        _missed("investigated_at", "investigate_by", now)
        | _missed("summary_sent_at", "summary_by", now)
        | _missed("safety_work_done_at", "safety_work_by", now)
        | _missed("preventative_work_begun_at", "preventative_by", now)
    )


@dataclass(frozen=True)
class BreachFilters:
    office_id: int | None = None
    estate_id: int | None = None
    status: str = ""  # "open", "closed" or "" for both


def breaches(*, user: Any, filters: BreachFilters, now: dt.datetime) -> QuerySet[HazardReport]:
    """Hazards with any clock missed, open or closed, newest report first. Restricted cases
    the user may not see are left out (the list shows details)."""
    hazards = HazardReport.objects.filter(breached_q(now))
    visible = visible_case_q(user, "case__")
    if visible:
        hazards = hazards.filter(visible)
    if filters.office_id:
        hazards = hazards.filter(
            Q(case__home__estate__office_id=filters.office_id)
            | Q(case__home__isnull=True, case__team__office_id=filters.office_id)
        )
    if filters.estate_id:
        hazards = hazards.filter(case__home__estate_id=filters.estate_id)
    if filters.status == "open":
        hazards = hazards.exclude(case__status=CaseStatus.CLOSED)
    elif filters.status == "closed":
        hazards = hazards.filter(case__status=CaseStatus.CLOSED)
    return hazards.select_related("case__home__estate", "case__lead_officer").order_by(
        "-reported_at", "-id"
    )


def open_hazards_led_by(*, user: Any) -> QuerySet[HazardReport]:
    """Hazards on open cases `user` leads (My day works out the next clock). One query."""
    return (
        HazardReport.objects.filter(case__lead_officer_id=user.pk)
        .exclude(case__status=CaseStatus.CLOSED)
        .select_related("case__home")
        .order_by("reported_at", "id")
    )
