"""Writes for fly-tipping cases (DOMAIN.md §6). Each service checks permission
(`can_edit_case`) and its rule, writes in one transaction, adds a line to the case timeline and
records the change in the audit log, so pages, commands and the API behave alike.

Where the fly-tipping is (and what was dumped) is recorded first; everything else hangs off
that record. Most changes need the case open; a recharge (paid months later) and the letter to
the block may be recorded on a closed case, as the core lets costs be.

Hooks for work elsewhere: `fly_tipping_inspection_started` and `fly_tipping_inspection_linked`
(the estates inspections work, when an inspection is started for the request and when it is
completed) and `fly_tipping_letter_sent` (the bulk letters work).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from doorstep.accounts.roles import Role
from doorstep.cases import services as case_services
from doorstep.cases.models import (
    Case,
    CaseAction,
    CaseEvent,
    CaseParty,
    CaseType,
    EventKind,
    PartyRole,
)
from doorstep.cases.permissions import can_edit_case
from doorstep.core.audit import record_change, snapshot
from doorstep.core.concurrency import EditConflict, lock_unchanged, version_of
from doorstep.core.models import AuditAction
from doorstep.core.permissions import require
from doorstep.flytipping import rules
from doorstep.flytipping.models import (
    FlyTipping,
    LocationKind,
    Perpetrator,
    RechargeStatus,
    Waste,
)

CANNOT_EDIT = "Only officers who can work on this case can change it."
NOT_FLY_TIPPING = "Only a fly-tipping case takes fly-tipping details."
CLOSED = "This case is closed. Reopen it to change it."
NO_DETAILS = "Record where the fly-tipping is, and what was dumped, first."
WHERE_MAX = 300
DESCRIPTION_MAX = 1000
NAME_MAX = 150
MAX_AMOUNT = Decimal("99999999.99")


# --- helpers ---------------------------------------------------------------------------------


def _check_case(actor: Any, case: Case, *, allow_closed: bool = False) -> None:
    if case.case_type != CaseType.FLY_TIPPING:
        raise ValidationError(NOT_FLY_TIPPING)
    require(can_edit_case(actor, case), CANNOT_EDIT)
    if not allow_closed and not case.is_open:
        raise ValidationError(CLOSED)


def _details(case: Case, expected_version: str | None = None) -> FlyTipping:
    """The case's details, locked for this transaction, or the error to record them first.
    With `expected_version`, EditConflict if they were saved since that version."""
    details = (
        FlyTipping.objects.select_for_update(of=("self",))
        .select_related("estate", "block", "perpetrator", "inspection_action")
        .filter(case=case)
        .first()
    )
    if details is None:
        raise ValidationError(NO_DETAILS)
    if expected_version is not None and version_of(details) != expected_version:
        raise EditConflict(details)
    return details


def _text(value: str | None, *, field: str, label: str, max_length: int, required: bool) -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise ValidationError({field: f"Enter {label}."})
    if len(cleaned) > max_length:
        raise ValidationError(
            {field: f"{label[0].upper()}{label[1:]} must be {max_length:,} characters or fewer."}
        )
    return cleaned


def _date(
    day: dt.date | None, *, field: str, what: str, case: Case, required: bool = True
) -> dt.date | None:
    """A date on or after the case was reported (opened) and not in the future."""
    if day is None:
        if required:
            raise ValidationError({field: f"Enter the date {what}."})
        return None
    if day > timezone.localdate():
        raise ValidationError({field: f"The date {what} must be today or in the past."})
    if day < case.opened_on:
        raise ValidationError(
            {
                field: f"The date {what} cannot be before the fly-tipping was reported, "
                f"{case.opened_on:%-d %b %Y}."
            }
        )
    return day


def _timeline(*, case: Case, actor: Any, text: str, kind: str = EventKind.NOTE) -> None:
    CaseEvent.objects.create(
        case=case,
        kind=kind,
        text=text,
        at=timezone.now(),
        by=actor if getattr(actor, "pk", None) else None,
    )


def _save(*, actor: Any, details: FlyTipping, before: dict[str, Any] | None, source: str) -> None:
    details.updated_by = actor if getattr(actor, "pk", None) else None
    details.save()
    record_change(
        actor=actor,
        action=AuditAction.UPDATE if before is not None else AuditAction.CREATE,
        instance=details,
        before=before,
        source=source,
    )


def place_label(details: FlyTipping) -> str:
    """ "Cedar Court, Beechdale Estate" or "Beechdale Estate"."""
    if details.block_id is not None:
        return f"{details.block.name}, {details.estate.name}"  # type: ignore[union-attr]
    return details.estate.name


def _money(amount: Decimal) -> str:
    return f"£{amount:,.2f}"


# --- where and what --------------------------------------------------------------------------


def _check_waste(waste: Iterable[str], description: str) -> list[str]:
    chosen = set(waste or [])
    unknown = chosen - set(Waste.values)
    if unknown or not chosen:
        raise ValidationError({"waste": "Select what was dumped."})
    if Waste.OTHER in chosen and not description:
        raise ValidationError({"waste_description": "Describe what else was dumped."})
    return [code for code in Waste.values if code in chosen]


@transaction.atomic
def fly_tipping_details_save(
    *,
    actor: Any,
    case: Case,
    location_kind: str,
    estate: Any,
    block: Any = None,
    where_exactly: str,
    waste: Iterable[str],
    waste_description: str = "",
    source: str = "web",
    expected_version: str | None = None,
) -> FlyTipping:
    """Record or change where the fly-tipping is (on the estate, at a block or in a communal
    area; the estate, the block if any, and where exactly) and what was dumped."""
    _check_case(actor, case)
    if location_kind not in LocationKind.values:
        raise ValidationError({"location_kind": "Select where the fly-tipping is."})
    if estate is None:
        raise ValidationError({"estate": "Select the estate."})
    if location_kind == LocationKind.BLOCK and block is None:
        raise ValidationError({"block": "Select the block the fly-tipping is at."})
    if block is not None and block.estate_id != estate.pk:
        raise ValidationError({"block": f"{block.name} is not on {estate.name}."})
    where = _text(
        where_exactly,
        field="where_exactly",
        label="where exactly",
        max_length=WHERE_MAX,
        required=True,
    )
    description = _text(
        waste_description,
        field="waste_description",
        label="the description",
        max_length=DESCRIPTION_MAX,
        required=False,
    )
    codes = _check_waste(waste, description)
    details = FlyTipping.objects.select_for_update().filter(case=case).first()
    if details is not None:
        # Opened on no details ("new") or on an older version: someone saved in between.
        details = lock_unchanged(details, expected_version)
    before = snapshot(details) if details is not None else None
    if details is None:
        details = FlyTipping(case=case)
    details.location_kind = location_kind
    details.estate = estate
    details.block = block
    details.where_exactly = where
    details.waste = codes
    details.waste_description = description
    _save(actor=actor, details=details, before=before, source=source)
    what = ", ".join(details.waste_labels).lower()
    _timeline(
        case=case,
        actor=actor,
        text=(
            f"Fly-tipping {'details changed' if before else 'recorded'}: "
            f"{place_label(details)} — {where}. Dumped: {what}."
        ),
    )
    return details


# --- inspection by the estates team ----------------------------------------------------------


def is_estates_officer(user: Any) -> bool:
    return bool(user is not None and user.is_active and user.has_role(Role.ESTATES_OFFICER))


@transaction.atomic
def fly_tipping_request_inspection(
    *,
    actor: Any,
    case: Case,
    officer: Any,
    requested_on: dt.date | None = None,
    source: str = "web",
) -> CaseAction:
    """Ask an estates officer to inspect: a case action they own (so it reaches their My day),
    due within rules.INSPECTION_WORKING_DAYS working days of the day asked (today unless
    given, for a request made by phone earlier). One open request at a time. A request
    recorded so late that its due date has passed is due today (no case action is due in the
    past)."""
    _check_case(actor, case)
    details = _details(case)
    asked = _date(
        requested_on or timezone.localdate(),
        field="requested_on",
        what="the inspection was asked for",
        case=case,
    )
    assert asked is not None
    if not is_estates_officer(officer):
        raise ValidationError({"officer": "Choose an estates officer to inspect."})
    current = details.inspection_action
    if current is not None and current.done_at is None:
        raise ValidationError(
            f"An inspection is already asked of {current.owner.full_name}, due "
            f"{current.due_on:%-d %b %Y}."
        )
    before = snapshot(details)
    action = case_services.case_action_add(
        actor=actor,
        case=case,
        title=f"{rules.INSPECTION_TITLE} at {place_label(details)}"[: case_services.TITLE_MAX],
        owner=officer,
        due_on=max(rules.inspection_due_on(asked), timezone.localdate()),
        source=source,
    )
    details.inspection_action = action
    _save(actor=actor, details=details, before=before, source=source)
    return action


@transaction.atomic
def fly_tipping_inspection_started(
    *, actor: Any, case: Case, inspection: Any, source: str = "web"
) -> FlyTipping:
    """The hook for the estates inspections work: the estate inspection `inspection` was
    started (or carried on with) to answer the open request. Completing it calls
    `fly_tipping_inspection_linked`."""
    _check_case(actor, case)
    details = _details(case)
    action = details.inspection_action
    if action is None or action.done_at is not None:
        raise ValidationError("No inspection is asked for on this case.")
    if details.inspection_id == inspection.pk:
        return details
    before = snapshot(details)
    details.inspection = inspection
    _save(actor=actor, details=details, before=before, source=source)
    _timeline(
        case=case,
        actor=actor,
        text=f"Estate inspection of {inspection.place_name} started by "
        f"{getattr(actor, 'full_name', '') or 'the estates team'}.",
    )
    return details


@transaction.atomic
def fly_tipping_inspection_linked(
    *,
    actor: Any,
    case: Case,
    inspected_on: dt.date,
    inspection_reference: str = "",
    inspection: Any = None,
    source: str = "web",
) -> FlyTipping:
    """The hook for the estates inspections work: an inspection answered the request — an
    estate inspection in Doorstep (`inspection`), or one made elsewhere (by reference, when it
    has one). Records when, and marks the inspection action done."""
    _check_case(actor, case, allow_closed=True)
    details = _details(case)
    day = _date(inspected_on, field="inspected_on", what="of the inspection", case=case)
    reference = _text(
        inspection_reference,
        field="inspection_reference",
        label="the inspection reference",
        max_length=40,
        required=False,
    )
    before = snapshot(details)
    details.inspected_on = day
    details.inspection_reference = reference
    if inspection is not None:
        details.inspection = inspection
    _save(actor=actor, details=details, before=before, source=source)
    action = details.inspection_action
    if action is not None and action.done_at is None:
        case_services.case_action_done(actor=actor, case=case, action=action, source=source)
    if inspection is not None:
        what = f" (estate inspection of {inspection.place_name}, score {inspection.score_text})."
    elif reference:
        what = f" (inspection {reference})."
    else:
        what = "."
    _timeline(
        case=case,
        actor=actor,
        text=f"Inspected by the estates team on {day:%-d %b %Y}{what}",
    )
    return details


# --- perpetrator -----------------------------------------------------------------------------


@transaction.atomic
def fly_tipping_perpetrator_record(
    *,
    actor: Any,
    case: Case,
    status: str,
    person: Any = None,
    source: str = "web",
    expected_version: str | None = None,
) -> FlyTipping:
    """Record who dumped it (a person from the people records, who joins the case as an
    alleged perpetrator) or that no one was identified. A person recorded before and no longer
    named comes off the case as alleged perpetrator."""
    _check_case(actor, case)
    details = _details(case, expected_version)
    if status not in Perpetrator.values:
        raise ValidationError({"status": "Select whether the person who dumped it is known."})
    if status == Perpetrator.IDENTIFIED and person is None:
        raise ValidationError({"person": "Enter the person reference of who dumped it."})
    new_person = person if status == Perpetrator.IDENTIFIED else None
    old_person = details.perpetrator
    before = snapshot(details)
    details.perpetrator_status = status
    details.perpetrator = new_person
    _save(actor=actor, details=details, before=before, source=source)
    if old_person is not None and (new_person is None or new_person.pk != old_person.pk):
        party = CaseParty.objects.filter(
            case=case, person=old_person, role=PartyRole.ALLEGED_PERPETRATOR
        ).first()
        if party is not None:
            case_services.case_party_remove(actor=actor, case=case, party=party, source=source)
    if new_person is not None:
        if not CaseParty.objects.filter(
            case=case, person=new_person, role=PartyRole.ALLEGED_PERPETRATOR
        ).exists():
            case_services.case_party_add(
                actor=actor,
                case=case,
                person=new_person,
                role=PartyRole.ALLEGED_PERPETRATOR,
                note="Identified as having dumped the rubbish.",
                source=source,
            )
        text = f"Fly-tipping perpetrator identified: {new_person.reference}."
    else:
        text = "Fly-tipping perpetrator not identified."
    _timeline(case=case, actor=actor, text=text)
    return details


# --- removal, recharge, signage, letter ------------------------------------------------------


@transaction.atomic
def fly_tipping_removal_record(
    *,
    actor: Any,
    case: Case,
    arranged_on: dt.date | None,
    removed_on: dt.date | None = None,
    removed_by: str = "",
    source: str = "web",
    expected_version: str | None = None,
) -> FlyTipping:
    """Record when removal was arranged and when, and by whom, the rubbish was removed."""
    _check_case(actor, case)
    details = _details(case, expected_version)
    if arranged_on is None and removed_on is None:
        raise ValidationError({"arranged_on": "Enter the date removal was arranged."})
    arranged = _date(
        arranged_on, field="arranged_on", what="removal was arranged", case=case, required=False
    )
    removed = _date(
        removed_on, field="removed_on", what="it was removed", case=case, required=False
    )
    if arranged is not None and removed is not None and removed < arranged:
        raise ValidationError(
            {"removed_on": "The date it was removed cannot be before removal was arranged."}
        )
    by = _text(
        removed_by,
        field="removed_by",
        label="who removed it",
        max_length=NAME_MAX,
        required=removed is not None,
    )
    before = snapshot(details)
    details.removal_arranged_on = arranged
    details.removed_on = removed
    details.removed_by = by
    _save(actor=actor, details=details, before=before, source=source)
    parts = []
    if arranged is not None:
        parts.append(f"Removal arranged on {arranged:%-d %b %Y}.")
    if removed is not None:
        parts.append(f"Removed on {removed:%-d %b %Y} by {by}.")
    _timeline(case=case, actor=actor, text=" ".join(parts))
    return details


@transaction.atomic
def fly_tipping_recharge_record(
    *,
    actor: Any,
    case: Case,
    status: str,
    amount: Decimal | None = None,
    recharge_to: str = "",
    source: str = "web",
    expected_version: str | None = None,
) -> FlyTipping:
    """Record the recharge of the removal cost: not applicable, or raised, paid or written off
    (each with the amount in pounds, more than 0, and to whom). May be recorded after the case
    closed: payment comes late."""
    _check_case(actor, case, allow_closed=True)
    details = _details(case, expected_version)
    if status not in RechargeStatus.values:
        raise ValidationError({"status": "Select the state of the recharge."})
    if status == RechargeStatus.NOT_APPLICABLE:
        amount, to = None, ""
    else:
        if amount is None or amount <= 0 or amount > MAX_AMOUNT:
            raise ValidationError(
                {"amount": "Enter the amount recharged in pounds, more than 0, like 150.00."}
            )
        to = _text(
            recharge_to,
            field="recharge_to",
            label="who is recharged",
            max_length=NAME_MAX,
            required=True,
        )
    before = snapshot(details)
    details.recharge_status = status
    details.recharge_amount = amount
    details.recharge_to = to
    _save(actor=actor, details=details, before=before, source=source)
    if amount is None:
        text = "Recharge: not applicable."
    else:
        text = f"Recharge {RechargeStatus(status).label.lower()}: {_money(amount)} to {to}."
    _timeline(case=case, actor=actor, text=text, kind=EventKind.COST)
    return details


@transaction.atomic
def fly_tipping_signage_record(
    *,
    actor: Any,
    case: Case,
    put_up_on: dt.date,
    where: str,
    source: str = "web",
    expected_version: str | None = None,
) -> FlyTipping:
    """Record signs put up against fly-tipping: when and where."""
    _check_case(actor, case)
    details = _details(case, expected_version)
    day = _date(put_up_on, field="put_up_on", what="the signs went up", case=case)
    place = _text(
        where, field="where", label="where the signs are", max_length=WHERE_MAX, required=True
    )
    before = snapshot(details)
    details.signage_on = day
    details.signage_where = place
    _save(actor=actor, details=details, before=before, source=source)
    _timeline(case=case, actor=actor, text=f"Signs put up on {day:%-d %b %Y}: {place}.")
    return details


@transaction.atomic
def fly_tipping_letter_sent(
    *, actor: Any, case: Case, sent_on: dt.date, source: str = "web"
) -> FlyTipping:
    """The hook for the letters work: the letter to every household of the block (or estate)
    went out on `sent_on`. Also allowed on a closed case (the letter may follow closure)."""
    _check_case(actor, case, allow_closed=True)
    details = _details(case)
    day = _date(sent_on, field="sent_on", what="the letter was sent", case=case)
    before = snapshot(details)
    details.letter_sent_on = day
    _save(actor=actor, details=details, before=before, source=source)
    _timeline(
        case=case,
        actor=actor,
        kind=EventKind.LETTER,
        text=f"Letter about the fly-tipping sent to the households of {place_label(details)} "
        f"on {day:%-d %b %Y}.",
    )
    return details


# --- closing ---------------------------------------------------------------------------------


def closure_problems(*, case: Case, closure_reason: str) -> list[str]:
    """Registered with the case core: why a fly-tipping case may not close with this reason
    (see rules.py: not "resolved" while the estates inspection is still open)."""
    if case.case_type != CaseType.FLY_TIPPING:
        return []
    action = (
        CaseAction.objects.filter(fly_tipping_inspections__case=case)
        .select_related("owner")
        .first()
    )
    inspection_open = action is not None and action.done_at is None
    if not rules.closing_blocked(closure_reason=closure_reason, inspection_open=inspection_open):
        return []
    assert action is not None
    return [rules.closing_blocked_text(owner=action.owner.full_name, due_on=action.due_on)]
