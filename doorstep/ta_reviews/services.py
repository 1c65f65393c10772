"""Writes for TA reviews: permission checked, one transaction, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from doorstep.core.audit import record_change, record_view
from doorstep.core.models import AuditAction
from doorstep.core.permissions import require
from doorstep.ta_reviews import clock
from doorstep.ta_reviews.models import Issue, ReviewMethod, TAReview
from doorstep.ta_reviews.permissions import can_record_review
from doorstep.tenancies.models import Tenancy

TEXT_MAX = 2000
REASON_MAX = 500
REFUSED = "Only officers for this home's patch can record a review of the placement."


def clock_after(*, tenancy: Tenancy, reviewed_on: dt.date) -> dt.date:
    """The clock's next date once a review on `reviewed_on` is counted (the form's default)."""
    done = list(TAReview.objects.filter(tenancy=tenancy).values_list("reviewed_on", flat=True))
    return clock.clock_due(start_date=tenancy.start_date, reviewed_on=[*done, reviewed_on])


def _text(value: str, *, field: str, label: str, max_length: int = TEXT_MAX) -> str:
    cleaned = (value or "").strip()
    if len(cleaned) > max_length:
        raise ValidationError({field: f"{label} must be {max_length:,} characters or fewer."})
    return cleaned


@transaction.atomic
def review_record(
    *,
    actor: Any,
    tenancy: Tenancy,
    reviewed_on: dt.date,
    method: str,
    issues: Iterable[str] = (),
    issues_note: str = "",
    advice_given: str = "",
    referral_agency: Any = None,
    referrals_made: str = "",
    next_review_on: dt.date | None = None,
    later_reason: str = "",
) -> TAReview:
    """Record a review of a placement and log it as a contact with the tenants.

    The next review date defaults to the 8-week clock; the officer may bring it forward, but a
    date past the clock needs a reason."""
    from doorstep.contacts.models import Channel, Direction
    from doorstep.contacts.services import contact_log

    require(can_record_review(actor, tenancy), REFUSED)
    if not tenancy.is_temporary_accommodation:
        raise ValidationError("Only a temporary accommodation placement has these reviews.")
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if reviewed_on > today:
        errors["reviewed_on"] = "The date of the review cannot be in the future."
    elif reviewed_on < tenancy.start_date:
        errors["reviewed_on"] = "The review cannot be before the placement started."
    elif tenancy.end_date is not None and reviewed_on > tenancy.end_date:
        errors["reviewed_on"] = "The review cannot be after the placement ended."
    if method not in ReviewMethod.values:
        errors["method"] = "Select how the review was done."
    codes = list(dict.fromkeys(issues))
    if any(code not in Issue.values for code in codes):
        errors["issues"] = "Choose issues from the list."
    if Issue.OTHER in codes and not (issues_note or "").strip():
        errors["issues_note"] = "Say what the other issue is."
    if referral_agency is not None and not referral_agency.active:
        errors["referral_agency"] = "That agency is no longer in the directory."
    if errors:
        raise ValidationError(errors)
    clock_date = clock_after(tenancy=tenancy, reviewed_on=reviewed_on)
    next_review_on = next_review_on or clock_date
    reason = _text(later_reason, field="later_reason", label="The reason", max_length=REASON_MAX)
    if next_review_on <= reviewed_on:
        raise ValidationError({"next_review_on": "The next review must be after this one."})
    if next_review_on > clock_date and not reason:
        raise ValidationError(
            {
                "later_reason": f"Give a reason for a next review after {clock_date:%d/%m/%Y}, "
                "when the 8-week clock says it is due."
            }
        )
    if next_review_on <= clock_date:
        reason = ""
    note = _text(issues_note, field="issues_note", label="The note on the issues")
    advice = _text(advice_given, field="advice_given", label="The advice given")
    referrals = _text(referrals_made, field="referrals_made", label="The referrals made")
    tenants = [m.person for m in tenancy.members.select_related("person").filter(role="tenant")]
    contact = contact_log(
        actor=actor,
        channel=Channel.PHONE if method == ReviewMethod.TELEPHONE else Channel.VISIT,
        direction=Direction.OUTBOUND,
        # Details may be about health; they stay on the review, where views are audited.
        summary=f"Temporary accommodation review of placement {tenancy.reference} "
        f"({ReviewMethod(method).label.lower()}).",
        person=tenants[0] if tenants else None,
        home=tenancy.home,
        happened_at=timezone.now()
        if reviewed_on == today
        else dt.datetime.combine(reviewed_on, dt.time(12), tzinfo=timezone.get_current_timezone()),
    )
    review = TAReview.objects.create(
        tenancy=tenancy,
        reviewed_on=reviewed_on,
        reviewed_by=actor,
        method=method,
        issues=codes,
        issues_note=note,
        advice_given=advice,
        referral_agency=referral_agency,
        referrals_made=referrals,
        next_review_on=next_review_on,
        later_reason=reason,
        contact=contact,
    )
    record_change(
        actor=actor,
        action=AuditAction.CREATE,
        instance=review,
        person_id=tenants[0].pk if tenants else None,
    )
    return review


def reviews_viewed(*, actor: Any, tenancy: Tenancy) -> None:
    """Audit a view of the details of a placement's reviews (may be about health)."""
    record_view(actor=actor, instance=tenancy, what="temporary accommodation review details")
