"""Writes for safeguarding referrals (DOMAIN.md §7). Each checks permission, runs in a
transaction and writes the audit record, so pages, imports and the API behave alike."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from doorstep.core.audit import record_change, record_view, snapshot
from doorstep.core.concurrency import lock_unchanged
from doorstep.core.models import AuditAction, AuditEvent
from doorstep.core.permissions import require
from doorstep.core.working_days import local_date
from doorstep.partners.models import Agency
from doorstep.safeguarding.clock import referral_due_at
from doorstep.safeguarding.models import (
    REFERENCE_PREFIX,
    AbuseCategory,
    AdultOrChild,
    ReferralDraft,
    ReferralSequence,
    SafeguardingReferral,
)
from doorstep.safeguarding.permissions import (
    can_edit_referral,
    can_make_referral,
    person_places,
)
from doorstep.safeguarding.selectors import current_home_of

MAKE_REFUSED = "Your role cannot make safeguarding referrals. Ask a safeguarding lead."
EDIT_REFUSED = "Only the officer who made this referral, a safeguarding lead or a manager can."
SEEN_MAX = 10000
REASON_MAX = 2000
AGENCY_REFERENCE_MAX = 60
OUTCOME_MAX = 4000


def _text(value: str | None, *, field: str, label: str, max_length: int, required: bool) -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise ValidationError({field: f"Enter {label}."})
    if len(cleaned) > max_length:
        raise ValidationError(
            {field: f"{label[0].upper()}{label[1:]} must be {max_length:,} characters or fewer."}
        )
    return cleaned


def case_opener() -> Callable[..., Any] | None:
    """The cases service `case_open`, when the cases app provides it."""
    try:
        module = importlib.import_module("doorstep.cases.services")
    except ImportError:
        return None
    opener = getattr(module, "case_open", None)
    return opener if callable(opener) else None


def next_reference(*, year: int) -> str:
    """The next SGR-YYYY-NNNNNN. Call inside a transaction: the year's counter row is locked
    until it commits, so concurrent referrals wait their turn and none is skipped."""
    sequence, _ = ReferralSequence.objects.select_for_update().get_or_create(year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return f"{REFERENCE_PREFIX}-{year}-{sequence.last_number:06d}"


def _office_id_for(*, actor: Any, places: list[tuple[int | None, int | None]]) -> int | None:
    for _, office_id in places:
        if office_id:
            return office_id
    team = getattr(actor, "team", None)
    return team.office_id if team is not None else None


def _check_concern_time(moment: dt.datetime, now: dt.datetime) -> None:
    if moment > now:
        raise ValidationError(
            {"concern_recorded_at": "The time the concern was recorded cannot be in the future."}
        )


@transaction.atomic
def referral_make(
    *,
    actor: Any,
    person: Any,
    adult_or_child: str,
    category: str,
    what_was_seen: str,
    immediate_danger: bool,
    consent_given: bool,
    agency: Agency | None,
    reason_without_consent: str = "",
    concern_recorded_at: dt.datetime | None = None,
    case: Any = None,
    open_case: bool = False,
    source: str = "web",
) -> SafeguardingReferral:
    """Record a safeguarding referral for `person` to a directory agency. The clock starts from
    `concern_recorded_at` (default now): it must be sent by the end of that London day. With
    `open_case`, a restricted safeguarding case is opened for the person and linked."""
    require(can_make_referral(actor), MAKE_REFUSED)
    now = timezone.now()
    recorded_at = concern_recorded_at or now
    _check_concern_time(recorded_at, now)
    if adult_or_child not in AdultOrChild.values:
        raise ValidationError(
            {"adult_or_child": "Select whether this is about an adult or a child."}
        )
    if category not in AbuseCategory.values:
        raise ValidationError({"category": "Select the category of abuse or neglect."})
    seen = _text(
        what_was_seen,
        field="what_was_seen",
        label="what was seen or heard",
        max_length=SEEN_MAX,
        required=True,
    )
    reason = ""
    if not consent_given:
        reason = _text(
            reason_without_consent,
            field="reason_without_consent",
            label="why you are referring without their consent",
            max_length=REASON_MAX,
            required=True,
        )
    if agency is None:
        raise ValidationError({"agency": "Select the agency you are referring to."})
    if not agency.active:
        raise ValidationError(
            {"agency": f"We no longer refer to {agency.name}. Choose another agency."}
        )
    places = person_places(person)
    referral = SafeguardingReferral.objects.create(
        reference=next_reference(year=local_date(now).year),
        person=person,
        office_id=_office_id_for(actor=actor, places=places),
        concern_recorded_at=recorded_at,
        due_at=referral_due_at(recorded_at),
        adult_or_child=adult_or_child,
        category=category,
        what_was_seen=seen,
        immediate_danger=bool(immediate_danger),
        consent_given=bool(consent_given),
        reason_without_consent=reason,
        agency=agency,
        made_by=actor,
        case=case,
    )
    record_change(actor=actor, action=AuditAction.CREATE, instance=referral, source=source)
    # The draft has become the referral: it is not kept beside it.
    ReferralDraft.objects.filter(author=actor, person=person).delete()
    if open_case and case is None:
        opener = case_opener()
        if opener is None:
            raise ValidationError({"open_case": "Cases cannot be opened here yet."})
        home = current_home_of(person)
        new_case = opener(
            actor=actor,
            case_type="safeguarding",
            summary=(
                f"Safeguarding ({referral.get_adult_or_child_display().lower()}): "
                f"{referral.get_category_display().lower()}, referral {referral.reference}"
            ),
            home=home,
            lead_officer=actor,
            team=getattr(actor, "team", None),
            parties=[(person, "subject")],
            restricted=True,
            source=source,
        )
        before = snapshot(referral)
        referral.case = new_case
        referral.save(update_fields=["case", "updated_at"])
        record_change(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=referral,
            before=before,
            source=source,
        )
    return referral


@transaction.atomic
def referral_mark_sent(
    *,
    actor: Any,
    referral: SafeguardingReferral,
    sent_at: dt.datetime | None = None,
    source: str = "web",
) -> SafeguardingReferral:
    """Record that the referral went to the agency (default: now). Sending twice changes
    nothing: the first time stands, because the clock is judged on it."""
    require(can_edit_referral(actor, referral), EDIT_REFUSED)
    referral = SafeguardingReferral.objects.select_for_update().get(pk=referral.pk)
    if referral.sent_at is not None:
        return referral
    now = timezone.now()
    moment = sent_at or now
    if moment > now:
        raise ValidationError({"sent_at": "The time it was sent cannot be in the future."})
    if moment < referral.concern_recorded_at:
        raise ValidationError(
            {"sent_at": "The time it was sent cannot be before the concern was recorded."}
        )
    before = snapshot(referral)
    referral.sent_at = moment
    referral.save(update_fields=["sent_at", "updated_at"])
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=referral, before=before, source=source
    )
    return referral


@transaction.atomic
def referral_record_outcome(
    *,
    actor: Any,
    referral: SafeguardingReferral,
    agency_reference: str = "",
    outcome: str = "",
    outcome_on: dt.date | None = None,
    source: str = "web",
    expected_version: str | None = None,
) -> SafeguardingReferral:
    """Record the agency's reference for the referral and, when they say, the outcome (dated,
    default today). With `expected_version` (the form's), EditConflict if someone saved the
    referral since then."""
    require(can_edit_referral(actor, referral), EDIT_REFUSED)
    referral = lock_unchanged(referral, expected_version)
    if referral.sent_at is None:
        raise ValidationError("Mark the referral as sent before recording the agency's reply.")
    reference = _text(
        agency_reference,
        field="agency_reference",
        label="the agency's reference",
        max_length=AGENCY_REFERENCE_MAX,
        required=False,
    )
    result = _text(
        outcome, field="outcome", label="the outcome", max_length=OUTCOME_MAX, required=False
    )
    if not reference and not result:
        raise ValidationError({"agency_reference": "Enter the agency's reference or the outcome."})
    today = timezone.localdate()
    if result:
        outcome_on = outcome_on or today
        if outcome_on > today:
            raise ValidationError({"outcome_on": "The outcome date cannot be in the future."})
        if outcome_on < local_date(referral.sent_at):
            raise ValidationError(
                {"outcome_on": "The outcome date cannot be before the referral was sent."}
            )
    elif outcome_on is not None:
        raise ValidationError({"outcome": "Enter the outcome for that date."})
    before = snapshot(referral)
    referral.agency_reference = reference
    referral.outcome = result
    referral.outcome_on = outcome_on if result else None
    referral.save(update_fields=["agency_reference", "outcome", "outcome_on", "updated_at"])
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=referral, before=before, source=source
    )
    return referral


def referral_viewed(
    *, actor: Any, referral: SafeguardingReferral, what: str, source: str = "web"
) -> AuditEvent:
    """Audit that `actor` saw a referral (every view is recorded)."""
    return record_view(
        actor=actor, instance=referral, what=what, person_id=referral.person_id, source=source
    )


def referrals_list_viewed(
    *, actor: Any, referrals: Iterable[SafeguardingReferral], what: str, source: str = "web"
) -> int:
    """Audit each referral shown in a list, one row each, in one statement."""
    events = [
        AuditEvent(
            actor=actor if getattr(actor, "pk", None) else None,
            action=AuditAction.VIEW,
            object_type=SafeguardingReferral._meta.label_lower,
            object_id=str(referral.pk),
            object_label=referral.reference,
            changes={"viewed": what},
            person_id=referral.person_id,
            source=source,
        )
        for referral in referrals
    ]
    if not events:
        return 0
    return len(AuditEvent.objects.bulk_create(events))


# Draft answers kept: the referral form's own fields, each as typed (capped, so a draft is
# never bigger than the referral it becomes).
DRAFT_FIELDS: dict[str, int] = {
    "concern_recorded_at": 40,
    "adult_or_child": 20,
    "category": 40,
    "what_was_seen": SEEN_MAX,
    "immediate_danger": 10,
    "consent_given": 10,
    "reason_without_consent": REASON_MAX,
    "agency": 20,
    "open_case": 10,
}


def referral_draft_save(*, actor: Any, person: Any, answers: dict[str, str]) -> ReferralDraft:
    """Keep the officer's half-written referral about `person` (one draft each; saving again
    replaces it). Only the referral form's fields are kept, as typed: a draft is never
    checked, because it is not finished. Not audited: only its author can ever read it, and
    the referral it becomes is."""
    require(can_make_referral(actor), MAKE_REFUSED)
    kept = {
        name: str(answers[name])[:limit]
        for name, limit in DRAFT_FIELDS.items()
        if answers.get(name) not in (None, "")
    }
    draft, _created = ReferralDraft.objects.update_or_create(
        author=actor, person=person, defaults={"answers": kept}
    )
    return draft


def referral_draft_discard(*, actor: Any, person: Any) -> None:
    """Throw away the officer's draft about `person` ("Start again")."""
    ReferralDraft.objects.filter(author=actor, person=person).delete()
