"""Reads for temporary accommodation placements and their reviews. Fixed query counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from doorstep.core.permissions import can_edit_home, editable_patch_ids
from doorstep.people.arrangements import open_flag_codes
from doorstep.people.models import VulnerabilityFlag
from doorstep.places.models import Tenure
from doorstep.ta_reviews import clock
from doorstep.ta_reviews.models import TAReview
from doorstep.tenancies.models import MemberRole, Tenancy, TenancyMember, TenancyType
from doorstep.tenancies.selectors import current_q

MINE, ALL = "mine", "all"
DUE, OVERDUE, ANY = "due", "overdue", ""


def placements(*, today: dt.date) -> QuerySet[Tenancy]:
    """Current temporary accommodation placements, each with its last review and the next
    review date set on it (`last_reviewed_on`, `set_next_review_on`)."""
    latest = TAReview.objects.filter(tenancy_id=OuterRef("pk")).order_by("-reviewed_on", "-id")
    return Tenancy.objects.filter(
        current_q(today),
        tenancy_type=TenancyType.LICENCE,
        home__tenure=Tenure.TEMPORARY,
    ).annotate(
        last_reviewed_on=Subquery(latest.values("reviewed_on")[:1]),
        set_next_review_on=Subquery(latest.values("next_review_on")[:1]),
    )


def due_q(today: dt.date) -> Q:
    """Placements whose next review is due by `today` (in SQL: the date set on the last
    review, or the first clock date when there is none)."""
    first_due_started_by = today - clock.INTERVAL
    return Q(set_next_review_on__lte=today) | Q(
        set_next_review_on__isnull=True, start_date__lte=first_due_started_by
    )


def next_due(tenancy: Any) -> dt.date:
    if tenancy.set_next_review_on is not None:
        return tenancy.set_next_review_on
    return clock.clock_date(tenancy.start_date, 1)


@dataclass(frozen=True)
class PlacementRow:
    tenancy: Tenancy
    next_due: dt.date
    last_reviewed_on: dt.date | None
    tenants: list[Any]

    def is_overdue(self, today: dt.date) -> bool:
        return self.next_due < today


def _tenants(*, flag_codes: bool = False) -> Prefetch[Any]:
    """The tenants as `tenant_members`, with their people's open flags prefetched as
    `current_flags` — or, with `flag_codes`, as codes on each member (`person_flag_codes`),
    which saves a query."""
    members = TenancyMember.objects.filter(role=MemberRole.TENANT).select_related("person")
    if flag_codes:
        members = members.annotate(person_flag_codes=open_flag_codes())
    else:
        members = members.prefetch_related(
            Prefetch(
                "person__flags",
                queryset=VulnerabilityFlag.objects.filter(end_date__isnull=True),
                to_attr="current_flags",
            )
        )
    return Prefetch(
        "members",
        queryset=members.order_by("person__last_name", "person__first_name"),
        to_attr="tenant_members",
    )


def _row(tenancy: Any) -> PlacementRow:
    return PlacementRow(
        tenancy=tenancy,
        next_due=next_due(tenancy),
        last_reviewed_on=tenancy.last_reviewed_on,
        tenants=[m.person for m in tenancy.tenant_members],
    )


def placement_rows(
    *, user: Any, today: dt.date, show: str = MINE, status: str = ANY
) -> list[PlacementRow]:
    """Placements for the list page, soonest review first: on the user's patches (or all),
    optionally only those due or overdue. Three queries whatever the number of placements."""
    rows = placements(today=today).select_related("home__patch__officer")
    if show != ALL:
        rows = rows.filter(home__patch_id__in=editable_patch_ids(user))
    if status == DUE:
        rows = rows.filter(due_q(today))
    elif status == OVERDUE:
        rows = rows.filter(due_q(today - dt.timedelta(days=1)))
    result = [_row(t) for t in rows.prefetch_related(_tenants())]
    result.sort(key=lambda row: (row.next_due, row.tenancy.reference))
    return result


def reviews_due_for(*, user: Any, today: dt.date) -> list[PlacementRow]:
    """For My day: placements in homes on patches where the user is the patch officer, with a
    review due by today. Two queries (placements; tenants with their flag codes)."""
    rows = reviews_due_query(user=user, today=today).prefetch_related(_tenants(flag_codes=True))
    return [_row(t) for t in rows]


def reviews_due_query(*, user: Any, today: dt.date) -> QuerySet[Tenancy]:
    """The placements of `reviews_due_for`, without their tenants."""
    return (
        placements(today=today)
        .filter(due_q(today), home__patch__officer_id=user.pk)
        .select_related("home")
    )


def placement_get(*, reference: str, today: dt.date) -> Tenancy:
    """One placement (current or ended), or 404 when the tenancy is not a placement."""
    try:
        tenancy = (
            Tenancy.objects.select_related("home__patch__officer", "home__estate")
            .prefetch_related(_tenants())
            .get(reference=reference)
        )
    except Tenancy.DoesNotExist as exc:
        raise Http404("No tenancy has that reference.") from exc
    if not tenancy.is_temporary_accommodation:
        raise Http404("That tenancy is not a temporary accommodation placement.")
    return tenancy


def reviews_of(*, tenancy: Tenancy) -> list[TAReview]:
    return list(
        TAReview.objects.filter(tenancy=tenancy)
        .select_related("reviewed_by", "referral_agency")
        .order_by("-reviewed_on", "-id")
    )


@dataclass(frozen=True)
class ReviewPanel:
    is_placement: bool
    reviews: list[TAReview]
    next_due: dt.date | None
    clock_due: dt.date | None
    overdue: bool
    can_review: bool


def review_panel(*, user: Any, tenancy: Tenancy, today: dt.date) -> ReviewPanel:
    """The small panel on the tenancy page: the reviews (dates and method only) and when the
    next is due. One query, none for a tenancy that is not a placement."""
    if not tenancy.is_temporary_accommodation:
        return ReviewPanel(False, [], None, None, False, False)
    reviews = reviews_of(tenancy=tenancy)
    pairs = [(r.reviewed_on, r.next_review_on) for r in reviews]
    due = clock.next_review_due(start_date=tenancy.start_date, reviews=pairs)
    current = tenancy.is_current(today)
    return ReviewPanel(
        is_placement=True,
        reviews=reviews,
        next_due=due if current else None,
        clock_due=clock.clock_due(
            start_date=tenancy.start_date, reviewed_on=[r.reviewed_on for r in reviews]
        ),
        overdue=current and due < today,
        can_review=current and can_edit_home(user, tenancy.home),
    )
