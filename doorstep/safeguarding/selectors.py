"""Reads for safeguarding referrals. Each returns only what the user may see, in a fixed
number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from doorstep.core.permissions import require
from doorstep.safeguarding.models import ReferralDraft, SafeguardingReferral
from doorstep.safeguarding.permissions import (
    can_read_safeguarding,
    can_see_referral,
    visible_referrals_q,
)

SEE_REFUSED = (
    "Safeguarding referrals are seen only by the officer who made them, safeguarding leads and "
    "managers. Ask your safeguarding lead."
)


class ReferralFilter:
    ALL = ""
    OVERDUE = "overdue"
    NOT_SENT = "not_sent"
    AWAITING_OUTCOME = "awaiting_outcome"

    choices = [
        (ALL, "All referrals"),
        (OVERDUE, "Overdue"),
        (NOT_SENT, "Not sent"),
        (AWAITING_OUTCOME, "Awaiting outcome"),
    ]


def _with_related(referrals: QuerySet[SafeguardingReferral]) -> QuerySet[SafeguardingReferral]:
    return referrals.select_related("person", "agency", "made_by", "office", "case")


def referrals_visible_to(*, user: Any) -> QuerySet[SafeguardingReferral]:
    return SafeguardingReferral.objects.filter(visible_referrals_q(user))


def referral_list(*, user: Any, show: str = "", now: dt.datetime) -> QuerySet[SafeguardingReferral]:
    """Referrals `user` may see, filtered: overdue (not sent, clock run out), not sent, or sent
    and awaiting the agency's outcome. Unsent ones first, oldest clock first."""
    referrals = referrals_visible_to(user=user)
    if show == ReferralFilter.OVERDUE:
        referrals = referrals.filter(sent_at__isnull=True, due_at__lt=now)
    elif show == ReferralFilter.NOT_SENT:
        referrals = referrals.filter(sent_at__isnull=True)
    elif show == ReferralFilter.AWAITING_OUTCOME:
        referrals = referrals.filter(sent_at__isnull=False, outcome="")
    unsent_first = Case(When(sent_at__isnull=True, then=Value(0)), default=Value(1))
    return _with_related(referrals).order_by(unsent_first, "due_at", "-id")


def referrals_readable() -> QuerySet[SafeguardingReferral]:
    """Every referral with what its page shows; callers check `can_see_referral` on the one
    they read (see `referral_get`)."""
    return _with_related(SafeguardingReferral.objects.all())


def referral_get(*, user: Any, reference: str) -> SafeguardingReferral:
    """The referral, or 404; refused unless `user` may see it."""
    referral = get_object_or_404(
        _with_related(SafeguardingReferral.objects.all()), reference=reference
    )
    require(can_see_referral(user, referral), SEE_REFUSED)
    return referral


def current_home_of(person: Any) -> Any:
    """The home of the person's latest current tenancy, or None (one query)."""
    from doorstep.tenancies.models import TenancyMember

    today = timezone.localdate()
    member = (
        TenancyMember.objects.filter(person=person, tenancy__start_date__lte=today)
        .exclude(tenancy__end_date__lt=today)
        .select_related("tenancy__home")
        .order_by("-tenancy__start_date", "pk")
        .first()
    )
    return member.tenancy.home if member is not None else None


def referrals_to_send(*, user: Any) -> QuerySet[SafeguardingReferral]:
    """Referrals `user` made that are not yet sent (their My day)."""
    return (
        SafeguardingReferral.objects.filter(made_by_id=user.pk, sent_at__isnull=True)
        .select_related("agency")
        .order_by("due_at", "id")
    )


def referrals_for_case(*, user: Any, case: Any) -> list[SafeguardingReferral]:
    return list(
        _with_related(
            SafeguardingReferral.objects.filter(case=case).filter(visible_referrals_q(user))
        ).order_by("-concern_recorded_at", "-id")
    )


@dataclass(frozen=True)
class SafeguardingFlag:
    """What a person's page shows a permitted user: that there is a flag, since when, and the
    referrals they may open."""

    since: dt.datetime
    count: int
    referrals: list[SafeguardingReferral] = field(default_factory=list)


def person_flag(*, user: Any, person: Any) -> SafeguardingFlag | None:
    """The person's safeguarding flag as `user` may see it, or None (no referral, or not a
    permitted role)."""
    referrals = list(
        SafeguardingReferral.objects.filter(person=person)
        .select_related("agency")
        .order_by("-concern_recorded_at", "-id")
    )
    if not referrals or not can_read_safeguarding(user, person):
        return None
    return SafeguardingFlag(
        since=min(r.concern_recorded_at for r in referrals),
        count=len(referrals),
        referrals=[r for r in referrals if can_see_referral(user, r)],
    )


def case_referrals_query(case: Any) -> QuerySet[SafeguardingReferral]:
    """Referrals linked to the case, whoever may read them (the case page asks whether there
    are any; `referrals_for_case` reads those the user may)."""
    return SafeguardingReferral.objects.filter(case=case)


def case_panel_context(*, user: Any, case: Any) -> dict[str, Any]:
    """For the shared case page: the referrals linked to a safeguarding case (two queries;
    none when the case page found none)."""
    from doorstep.cases.registry import has_rows_attr

    # Which referrals show depends on the user, so the list is read here, not kept.
    known = getattr(case, has_rows_attr("safeguarding_referrals"), None)
    referrals = [] if known is False else referrals_for_case(user=user, case=case)
    return {"referrals": referrals, "case": case}


def referral_draft_for(*, user: Any, person: Any) -> ReferralDraft | None:
    """The user's own draft referral about `person`: nobody else's is ever returned."""
    if not getattr(user, "is_authenticated", False):
        return None
    return ReferralDraft.objects.filter(author=user, person=person).first()
