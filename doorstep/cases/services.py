"""Writes for the shared case core (DOMAIN.md §6).

Every service checks permission itself, runs in a transaction, writes a line on the case
timeline where an officer would expect one, and writes the audit record, so pages, the API,
imports and the type apps (asb, hoarding, complaints, safeguarding) behave alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from doorstep.cases.models import (
    ALWAYS_RESTRICTED,
    REFERENCE_PREFIX,
    Case,
    CaseAction,
    CaseAttachment,
    CaseCost,
    CaseEvent,
    CaseParty,
    CaseSequence,
    CaseStatus,
    CaseType,
    ClosureReason,
    CostKind,
    EventKind,
    PartyRole,
    RiskLevel,
    Satisfaction,
    SatisfactionMethod,
)
from doorstep.cases.permissions import (
    can_edit_case,
    can_lift_restriction,
    can_reopen,
    can_restrict,
    can_see_case,
)
from doorstep.cases.photos import PhotoError, check_photo
from doorstep.core.audit import record_change, snapshot
from doorstep.core.concurrency import lock_unchanged
from doorstep.core.models import AuditAction, AuditEvent
from doorstep.core.permissions import can_take_calls, require

SUMMARY_MAX = 300
NOTE_MAX = 4000
TITLE_MAX = 200
CAPTION_MAX = 200
PARTY_NOTE_MAX = 300
COST_NOTE_MAX = 300
MAX_AMOUNT = Decimal("99999999.99")
MAX_HOURS = Decimal("9999.99")

CANNOT_EDIT = "Only the case team, its team leader or a manager of its office can change this case."
CASE_CLOSED = "This case is closed. A team leader or manager can reopen it first."

# Where each status may go next (DOMAIN.md §6). Reopening a closed case is for team leaders
# and managers only (see `case_transition`).
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    CaseStatus.OPEN: frozenset(
        {CaseStatus.INVESTIGATING, CaseStatus.ACTION, CaseStatus.MONITORING, CaseStatus.CLOSED}
    ),
    CaseStatus.INVESTIGATING: frozenset(
        {CaseStatus.ACTION, CaseStatus.MONITORING, CaseStatus.CLOSED}
    ),
    CaseStatus.ACTION: frozenset(
        {CaseStatus.MONITORING, CaseStatus.INVESTIGATING, CaseStatus.CLOSED}
    ),
    CaseStatus.MONITORING: frozenset(
        {CaseStatus.ACTION, CaseStatus.INVESTIGATING, CaseStatus.CLOSED}
    ),
    CaseStatus.CLOSED: frozenset({CaseStatus.OPEN}),
}


# --- helpers ---------------------------------------------------------------------------------


def _text(value: str | None, *, field: str, label: str, max_length: int, required: bool) -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise ValidationError({field: f"Enter {label}."})
    if len(cleaned) > max_length:
        raise ValidationError(
            {field: f"{label[0].upper()}{label[1:]} must be {max_length:,} characters or fewer."}
        )
    return cleaned


def _locked(case: Case) -> Case:
    """The case row locked for this transaction, so two officers' changes never interleave."""
    return Case.objects.select_for_update().get(pk=case.pk)


def _refresh(case: Case, locked: Case) -> None:
    """Copy the saved state back onto the caller's instance, so the page shows the change."""
    for field in locked._meta.concrete_fields:
        setattr(case, field.attname, getattr(locked, field.attname))


def _event(*, case: Case, kind: str, text: str, actor: Any) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        text=text[:NOTE_MAX],
        at=timezone.now(),
        by=actor if getattr(actor, "pk", None) else None,
    )


def _require_edit(actor: Any, case: Case) -> None:
    require(can_edit_case(actor, case), CANNOT_EDIT)


def _require_open(case: Case) -> None:
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(CASE_CLOSED)


def _audit_update(*, actor: Any, case: Case, changes: dict[str, list[Any]], source: str) -> None:
    """An audit row for a change the case's own fields do not show (links, restriction view)."""
    AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=AuditAction.UPDATE,
        object_type=case._meta.label_lower,
        object_id=str(case.pk),
        object_label=case.reference,
        changes=changes,
        source=source,
    )


def _check_staff(user: Any, *, field: str, role: str) -> None:
    if user is None or not user.is_active or not can_take_calls(user):
        raise ValidationError({field: f"That member of staff cannot be the {role}."})


def _date_label(day: dt.date) -> str:
    return f"{day:%-d %b %Y}"


# --- references ------------------------------------------------------------------------------


def _next_reference(*, case_type: str, year: int) -> str:
    """The next TYPE-YYYY-NNNNNN, gapless: the year's counter row is locked (SELECT … FOR
    UPDATE) until this transaction ends, so concurrent openings wait their turn, and a
    transaction that rolls back gives its number back."""
    prefix = REFERENCE_PREFIX[case_type]
    # Make sure the row exists without a race: INSERT … ON CONFLICT DO NOTHING waits for a
    # concurrent inserter to commit, then the locking read sees its row.
    CaseSequence.objects.bulk_create(
        [CaseSequence(prefix=prefix, year=year, last_number=0)], ignore_conflicts=True
    )
    sequence = CaseSequence.objects.select_for_update().get(prefix=prefix, year=year)
    while True:
        sequence.last_number += 1
        reference = f"{prefix}-{year}-{sequence.last_number:06d}"
        # A case imported with its old reference keeps it; the counter steps past it.
        if not Case.objects.filter(reference=reference).exists():
            break
    sequence.save(update_fields=["last_number"])
    return reference


def _patch_id_of(*, home: Any, block: Any, estate: Any) -> int | None:
    if home is not None:
        return home.patch_id or home.estate.patch_id
    if block is not None:
        return block.estate.patch_id
    if estate is not None:
        return estate.patch_id
    return None


# --- opening and status ----------------------------------------------------------------------


@transaction.atomic
def case_open(
    *,
    actor: Any,
    case_type: str,
    summary: str,
    opened_on: dt.date | None = None,
    home: Any = None,
    block: Any = None,
    estate: Any = None,
    lead_officer: Any = None,
    team: Any = None,
    parties: Iterable[tuple[Any, str]] = (),
    risk_level: str = RiskLevel.STANDARD,
    restricted: bool = False,
    source: str = "web",
) -> Case:
    """Open a case with a new reference TYPE-YYYY-NNNNNN (year of `opened_on`).

    Any officer who takes calls may open a case about anyone or anywhere (the duty desk rule);
    the lead officer defaults to the actor and the team to the lead officer's. Safeguarding
    and domestic-abuse cases are always restricted. The patch is the home's, else the block's
    or estate's. `parties` are (person, role) pairs. Writes "Case opened" on the timeline.
    """
    if actor is not None or source == "web":
        require(can_take_calls(actor), "Only officers who take calls can open a case.")
    if case_type not in CaseType.values:
        raise ValidationError({"case_type": "Select the type of case."})
    text = _text(summary, field="summary", label="a summary", max_length=SUMMARY_MAX, required=True)
    today = timezone.localdate()
    opened_on = opened_on or today
    if opened_on > today:
        raise ValidationError({"opened_on": "The date opened must be today or in the past."})
    if risk_level not in RiskLevel.values:
        raise ValidationError({"risk_level": "Select the risk level."})
    if lead_officer is None and actor is not None and getattr(actor, "pk", None):
        lead_officer = actor
    if lead_officer is not None:
        _check_staff(lead_officer, field="lead_officer", role="lead officer")
    if team is None and lead_officer is not None:
        team = lead_officer.team
    pairs: list[tuple[Any, str]] = []
    for person, role in parties:
        if role not in PartyRole.values:
            raise ValidationError({"role": "Select the person's role in the case."})
        if (person.pk, role) not in {(p.pk, r) for p, r in pairs}:
            pairs.append((person, role))
    always = case_type in ALWAYS_RESTRICTED

    case = Case.objects.create(
        reference=_next_reference(case_type=case_type, year=opened_on.year),
        case_type=case_type,
        summary=text,
        opened_on=opened_on,
        risk_level=risk_level,
        restricted=bool(restricted) or always,
        lead_officer=lead_officer,
        team=team,
        home=home,
        block=block if block is not None else (home.block if home is not None else None),
        estate=estate,
        patch_id=_patch_id_of(home=home, block=block, estate=estate),
    )
    record_change(actor=actor, action=AuditAction.CREATE, instance=case, source=source)
    for person, role in pairs:
        party = CaseParty.objects.create(case=case, person=person, role=role)
        record_change(actor=actor, action=AuditAction.CREATE, instance=party, source=source)
    opened = "Case opened."
    if always:
        opened += f" {case.get_case_type_display()} cases are always restricted."
    elif case.restricted:
        opened += " Restricted."
    _event(case=case, kind=EventKind.STATUS, text=opened, actor=actor)
    return case


@transaction.atomic
def case_open_from_contact(*, actor: Any, contact: Any, **kwargs: Any) -> Case:
    """Open a case from a logged contact (the duty desk's "open a case" link) and link the
    contact to it, so the call is the first line of the case's timeline."""
    from doorstep.contacts.services import contact_link_case

    case = case_open(actor=actor, **kwargs)
    contact_link_case(actor=actor, contact=contact, case=case, new_case=True)
    return case


@transaction.atomic
def case_update(
    *,
    actor: Any,
    case: Case,
    summary: str,
    lead_officer: Any,
    source: str = "web",
    expected_version: str | None = None,
) -> Case:
    """Change a case's summary or lead officer. A new lead from another team brings the case
    to their team."""
    _require_edit(actor, case)
    locked = lock_unchanged(case, expected_version)
    text = _text(summary, field="summary", label="a summary", max_length=SUMMARY_MAX, required=True)
    _check_staff(lead_officer, field="lead_officer", role="lead officer")
    before = snapshot(locked)
    lines = []
    if lead_officer.pk != locked.lead_officer_id:
        lines.append(f"Lead officer is now {lead_officer.full_name}.")
        locked.lead_officer = lead_officer
        if lead_officer.team_id and lead_officer.team_id != locked.team_id:
            locked.team_id = lead_officer.team_id
    if text != locked.summary:
        lines.append("Summary changed.")
        locked.summary = text
    if lines:
        locked.save()
        record_change(
            actor=actor, action=AuditAction.UPDATE, instance=locked, before=before, source=source
        )
        _event(case=locked, kind=EventKind.NOTE, text=" ".join(lines), actor=actor)
    _refresh(case, locked)
    return case


def allowed_transitions(*, user: Any, case: Case) -> list[str]:
    """The statuses `user` may move the case to now, in workflow order."""
    if not can_edit_case(user, case):
        return []
    if case.status == CaseStatus.CLOSED:
        return [CaseStatus.OPEN] if can_reopen(user, case) else []
    allowed = ALLOWED_TRANSITIONS[case.status]
    return [status for status in CaseStatus.values if status in allowed]


@transaction.atomic
def case_transition(
    *,
    actor: Any,
    case: Case,
    to_status: str,
    closure_reason: str = "",
    closed_on: dt.date | None = None,
    source: str = "web",
) -> Case:
    """Move a case along its workflow. Closing needs a closure reason and sets the closed
    date (today unless given); reopening a closed case is for team leaders and managers."""
    _require_edit(actor, case)
    locked = _locked(case)
    from_status = locked.status
    if to_status not in CaseStatus.values:
        raise ValidationError({"to_status": "Select the new status."})
    if to_status == from_status:
        raise ValidationError(
            {"to_status": f"The case is already {locked.get_status_display().lower()}."}
        )
    if to_status not in ALLOWED_TRANSITIONS[from_status]:
        raise ValidationError(
            {
                "to_status": f"A case that is {locked.get_status_display().lower()} cannot "
                f"move to {CaseStatus(to_status).label.lower()}."
            }
        )
    before = snapshot(locked)
    if from_status == CaseStatus.CLOSED:
        require(can_reopen(actor, locked), "Only a team leader or manager can reopen a case.")
        locked.closed_on = None
        locked.closure_reason = ""
        text = "Case reopened."
    elif to_status == CaseStatus.CLOSED:
        if closure_reason not in ClosureReason.values:
            raise ValidationError({"closure_reason": "Select why the case is being closed."})
        today = timezone.localdate()
        closed_on = closed_on or today
        if closed_on > today:
            raise ValidationError({"closed_on": "The date closed must be today or in the past."})
        if closed_on < locked.opened_on:
            raise ValidationError(
                {
                    "closed_on": "The date closed must be on or after the date opened, "
                    f"{_date_label(locked.opened_on)}."
                }
            )
        # Rules of a case type about closing (see registry.register_closure_check).
        from doorstep.cases.registry import closure_checks

        problems = [
            problem
            for check in closure_checks()
            for problem in check(case=locked, closure_reason=closure_reason)
        ]
        if problems:
            raise ValidationError({"closure_reason": problems})
        locked.closed_on = closed_on
        locked.closure_reason = closure_reason
        text = f"Case closed: {ClosureReason(closure_reason).label}."
    else:
        text = (
            f"Status changed from {CaseStatus(from_status).label} to {CaseStatus(to_status).label}."
        )
    locked.status = to_status
    locked.save()
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=locked, before=before, source=source
    )
    _event(case=locked, kind=EventKind.STATUS, text=text, actor=actor)
    _refresh(case, locked)
    return case


# --- timeline, people, risk, restriction -----------------------------------------------------


@transaction.atomic
def case_note_add(
    *, actor: Any, case: Case, text: str, kind: str = EventKind.NOTE, source: str = "web"
) -> CaseEvent:
    """Add a note (or a record of a letter sent) to the case timeline. Notes may be added
    after closure: late information still belongs on the record."""
    _require_edit(actor, case)
    if kind not in (EventKind.NOTE, EventKind.LETTER):
        raise ValidationError({"kind": "Select whether this is a note or a letter."})
    body = _text(text, field="text", label="the note", max_length=NOTE_MAX, required=True)
    event = _event(case=case, kind=kind, text=body, actor=actor)
    record_change(actor=actor, action=AuditAction.CREATE, instance=event, source=source)
    return event


@transaction.atomic
def case_party_add(
    *, actor: Any, case: Case, person: Any, role: str, note: str = "", source: str = "web"
) -> CaseParty:
    """Add a person to the case in a role (reporter, victim, witness, alleged perpetrator,
    subject). One person may hold several roles, each once."""
    _require_edit(actor, case)
    _require_open(case)
    if role not in PartyRole.values:
        raise ValidationError({"role": "Select the person's role in the case."})
    extra = _text(note, field="note", label="the note", max_length=PARTY_NOTE_MAX, required=False)
    if CaseParty.objects.filter(case=case, person=person, role=role).exists():
        raise ValidationError(
            {"role": f"{person.full_name} is already a {PartyRole(role).label.lower()}."}
        )
    party = CaseParty.objects.create(case=case, person=person, role=role, note=extra)
    record_change(actor=actor, action=AuditAction.CREATE, instance=party, source=source)
    _event(
        case=case,
        kind=EventKind.PARTY,
        text=f"{person.full_name} ({person.reference}) added as {PartyRole(role).label.lower()}.",
        actor=actor,
    )
    return party


@transaction.atomic
def case_party_remove(*, actor: Any, case: Case, party: CaseParty, source: str = "web") -> None:
    """Take a person off the case (added in error, or no longer involved)."""
    _require_edit(actor, case)
    _require_open(case)
    if party.case_id != case.pk:
        raise ValidationError("That person is not on this case.")
    before = snapshot(party)
    person = party.person
    role_label = party.get_role_display().lower()
    record_change(
        actor=actor,
        action=AuditAction.DELETE,
        instance=party,
        before=before,
        person_id=party.person_id,
        source=source,
    )
    party.delete()
    _event(
        case=case,
        kind=EventKind.PARTY,
        text=f"{person.full_name} ({person.reference}) removed as {role_label}.",
        actor=actor,
    )


@transaction.atomic
def case_set_risk(
    *, actor: Any, case: Case, risk_level: str, reason: str = "", source: str = "web"
) -> Case:
    """Change the case's risk level, with the reason on the timeline."""
    _require_edit(actor, case)
    _require_open(case)
    if risk_level not in RiskLevel.values:
        raise ValidationError({"risk_level": "Select the risk level."})
    why = _text(reason, field="reason", label="the reason", max_length=NOTE_MAX, required=False)
    locked = _locked(case)
    if locked.risk_level == risk_level:
        _refresh(case, locked)
        return case
    before = snapshot(locked)
    old = RiskLevel(locked.risk_level).label
    locked.risk_level = risk_level
    locked.save()
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=locked, before=before, source=source
    )
    text = f"Risk level changed from {old} to {RiskLevel(risk_level).label}."
    if why:
        text += f" {why}"
    _event(case=locked, kind=EventKind.RISK, text=text, actor=actor)
    _refresh(case, locked)
    return case


@transaction.atomic
def case_restrict(*, actor: Any, case: Case, restricted: bool, source: str = "web") -> Case:
    """Mark a case restricted, or lift the restriction: team leaders and managers only.
    Safeguarding and domestic-abuse cases are always restricted."""
    require(can_restrict(actor, case), "Only a team leader or manager can restrict a case.")
    locked = _locked(case)
    if not restricted and locked.case_type in ALWAYS_RESTRICTED:
        raise ValidationError(
            f"{locked.get_case_type_display()} cases are always restricted; "
            "the restriction cannot be lifted."
        )
    if not restricted:
        require(can_lift_restriction(actor, locked), "You cannot lift this restriction.")
    if locked.restricted == bool(restricted):
        _refresh(case, locked)
        return case
    before = snapshot(locked)
    locked.restricted = bool(restricted)
    locked.save()
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=locked, before=before, source=source
    )
    text = (
        "Case restricted: only the case team, safeguarding leads and managers can see it."
        if restricted
        else "Restriction lifted."
    )
    _event(case=locked, kind=EventKind.RESTRICTION, text=text, actor=actor)
    _refresh(case, locked)
    return case


# --- actions and reviews ---------------------------------------------------------------------


@transaction.atomic
def case_action_add(
    *, actor: Any, case: Case, title: str, owner: Any, due_on: dt.date, source: str = "web"
) -> CaseAction:
    """Add an action with an owner and due date; it shows on the owner's My day when due.
    The owner joins the case team, so they can see a restricted case."""
    _require_edit(actor, case)
    _require_open(case)
    what = _text(
        title, field="title", label="what needs doing", max_length=TITLE_MAX, required=True
    )
    _check_staff(owner, field="owner", role="owner of an action")
    if due_on is None:
        raise ValidationError({"due_on": "Enter the date the action is due."})
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": "The due date must be today or in the future."})
    action = CaseAction.objects.create(case=case, title=what, owner=owner, due_on=due_on)
    record_change(actor=actor, action=AuditAction.CREATE, instance=action, source=source)
    _event(
        case=case,
        kind=EventKind.ACTION,
        text=f"Action added: {what} — {owner.full_name}, due {_date_label(due_on)}.",
        actor=actor,
    )
    return action


@transaction.atomic
def case_action_done(
    *, actor: Any, case: Case, action: CaseAction, source: str = "web"
) -> CaseAction:
    """Mark an action done (idempotent: a second click changes nothing)."""
    _require_edit(actor, case)
    if action.case_id != case.pk:
        raise ValidationError("That action is not on this case.")
    locked = CaseAction.objects.select_for_update().get(pk=action.pk)
    if locked.done_at is not None:
        return locked
    before = snapshot(locked)
    locked.done_at = timezone.now()
    locked.done_by = actor
    locked.save()
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=locked, before=before, source=source
    )
    _event(case=case, kind=EventKind.ACTION, text=f"Action done: {locked.title}.", actor=actor)
    return locked


def _check_review_date(next_review_on: dt.date | None) -> None:
    if next_review_on is not None and next_review_on < timezone.localdate():
        raise ValidationError(
            {"next_review_on": "The next review date must be today or in the future."}
        )


@transaction.atomic
def case_review_schedule(
    *, actor: Any, case: Case, next_review_on: dt.date, source: str = "web"
) -> Case:
    """Set the date of the case's next review; it shows on the lead officer's My day then."""
    _require_edit(actor, case)
    _require_open(case)
    if next_review_on is None:
        raise ValidationError({"next_review_on": "Enter the date of the next review."})
    _check_review_date(next_review_on)
    locked = _locked(case)
    before = snapshot(locked)
    locked.next_review_on = next_review_on
    locked.save()
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=locked, before=before, source=source
    )
    _event(
        case=locked,
        kind=EventKind.REVIEW,
        text=f"Next review set for {_date_label(next_review_on)}.",
        actor=actor,
    )
    _refresh(case, locked)
    return case


@transaction.atomic
def case_review_done(
    *,
    actor: Any,
    case: Case,
    note: str,
    next_review_on: dt.date | None = None,
    source: str = "web",
) -> Case:
    """Record a review of the case (what was found) and set the next review date, or none."""
    _require_edit(actor, case)
    _require_open(case)
    body = _text(
        note, field="note", label="what the review found", max_length=NOTE_MAX, required=True
    )
    _check_review_date(next_review_on)
    locked = _locked(case)
    before = snapshot(locked)
    locked.next_review_on = next_review_on
    locked.save()
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=locked, before=before, source=source
    )
    after = (
        f" Next review {_date_label(next_review_on)}."
        if next_review_on
        else " No further review scheduled."
    )
    _event(case=locked, kind=EventKind.REVIEW, text=f"Case reviewed: {body}{after}", actor=actor)
    _refresh(case, locked)
    return case


# --- costs, photos, links, satisfaction ------------------------------------------------------


@transaction.atomic
def case_cost_add(
    *,
    actor: Any,
    case: Case,
    kind: str,
    incurred_on: dt.date,
    amount: Decimal,
    hours: Decimal | None = None,
    note: str = "",
    source: str = "web",
) -> CaseCost:
    """Record a cost of the case: officer time (with hours), legal, works or other. Costs may
    be added after closure: invoices arrive late."""
    _require_edit(actor, case)
    if kind not in CostKind.values:
        raise ValidationError({"kind": "Select the kind of cost."})
    if incurred_on is None:
        raise ValidationError({"incurred_on": "Enter the date of the cost."})
    if incurred_on > timezone.localdate():
        raise ValidationError({"incurred_on": "The date of the cost must be today or earlier."})
    if amount is None or amount < 0 or amount > MAX_AMOUNT:
        raise ValidationError({"amount": "Enter the amount in pounds, like 125.50."})
    if hours is not None and (hours <= 0 or hours > MAX_HOURS):
        raise ValidationError({"hours": "Enter the hours as a number more than 0, like 1.5."})
    if kind == CostKind.OFFICER_TIME and hours is None:
        raise ValidationError({"hours": "Enter the hours of officer time."})
    extra = _text(note, field="note", label="the note", max_length=COST_NOTE_MAX, required=False)
    cost = CaseCost.objects.create(
        case=case,
        kind=kind,
        incurred_on=incurred_on,
        amount=amount,
        hours=hours,
        note=extra,
        recorded_by=actor,
    )
    record_change(actor=actor, action=AuditAction.CREATE, instance=cost, source=source)
    _event(
        case=case,
        kind=EventKind.COST,
        text=f"Cost added: {CostKind(kind).label}, £{amount:,.2f}.",
        actor=actor,
    )
    return cost


@transaction.atomic
def case_attachment_add(
    *,
    actor: Any,
    case: Case,
    uploaded_file: IO[bytes] | File,
    caption: str = "",
    source: str = "web",
) -> CaseAttachment:
    """Add a photo to the case. Only JPEG, PNG, WebP or HEIC images up to 10 MB, judged by the
    file's content (not its name). Stored through Django's storage API under a random name."""
    _require_edit(actor, case)
    _require_open(case)
    words = _text(
        caption, field="caption", label="the caption", max_length=CAPTION_MAX, required=False
    )
    try:
        photo = check_photo(uploaded_file)
    except PhotoError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    attachment = CaseAttachment(
        case=case,
        content_type=photo.content_type,
        size=photo.size,
        caption=words,
        uploaded_by=actor,
    )
    # The stored name comes from what the file is, never from what the uploader called it.
    name = f"photo{photo.extension}"
    file = uploaded_file if isinstance(uploaded_file, File) else File(uploaded_file, name=name)
    attachment.file.save(name, file, save=False)
    try:
        attachment.save()
        # record_change cannot snapshot a FileField (core.audit has no case for it yet), so
        # the row is written here with the stored name, which holds no personal data.
        AuditEvent.objects.create(
            actor=actor if getattr(actor, "pk", None) else None,
            action=AuditAction.CREATE,
            object_type=attachment._meta.label_lower,
            object_id=str(attachment.pk),
            object_label=case.reference,
            changes={
                "case_id": [None, case.pk],
                "file": [None, attachment.file.name],
                "content_type": [None, attachment.content_type],
                "size": [None, attachment.size],
                "caption": [None, attachment.caption],
            },
            source=source,
        )
        _event(
            case=case,
            kind=EventKind.ATTACHMENT,
            text=f"Photo added{': ' + words if words else ''}.",
            actor=actor,
        )
    except Exception:
        attachment.file.delete(save=False)
        raise
    # An outer transaction that rolls back later leaves the stored file behind, unreferenced;
    # Django has no rollback hook. Such orphans hold no personal data in their names.
    return attachment


@transaction.atomic
def case_link(*, actor: Any, case: Case, other: Case, source: str = "web") -> None:
    """Link two cases (the same people or place, a complaint about a case's handling…)."""
    _require_edit(actor, case)
    if other.pk == case.pk:
        raise ValidationError({"reference": "A case cannot be linked to itself."})
    if not can_see_case(actor, other):
        raise ValidationError(
            {"reference": f"{other.reference} is restricted; ask its case team to link it."}
        )
    if case.linked_cases.filter(pk=other.pk).exists():
        raise ValidationError({"reference": f"{other.reference} is already linked."})
    case.linked_cases.add(other)
    _audit_update(
        actor=actor, case=case, changes={"linked_cases": [None, other.reference]}, source=source
    )
    _event(case=case, kind=EventKind.LINK, text=f"Linked to {other.reference}.", actor=actor)
    _event(case=other, kind=EventKind.LINK, text=f"Linked to {case.reference}.", actor=actor)


@transaction.atomic
def case_unlink(*, actor: Any, case: Case, other: Case, source: str = "web") -> None:
    """Remove the link between two cases."""
    _require_edit(actor, case)
    if not case.linked_cases.filter(pk=other.pk).exists():
        raise ValidationError({"reference": f"{other.reference} is not linked to this case."})
    case.linked_cases.remove(other)
    _audit_update(
        actor=actor, case=case, changes={"linked_cases": [other.reference, None]}, source=source
    )
    _event(case=case, kind=EventKind.LINK, text=f"Unlinked from {other.reference}.", actor=actor)
    _event(case=other, kind=EventKind.LINK, text=f"Unlinked from {case.reference}.", actor=actor)


@transaction.atomic
def case_satisfaction_record(
    *, actor: Any, case: Case, satisfaction: str, method: str, source: str = "web"
) -> Case:
    """Record the reporter's satisfaction with how the case was handled, asked by phone or by
    a link, once the case is closed."""
    _require_edit(actor, case)
    locked = _locked(case)
    if locked.status != CaseStatus.CLOSED:
        raise ValidationError("Satisfaction is asked for once the case is closed.")
    if satisfaction not in Satisfaction.values:
        raise ValidationError({"satisfaction": "Select how satisfied the reporter was."})
    if method not in SatisfactionMethod.values:
        raise ValidationError({"method": "Select how the reporter was asked."})
    before = snapshot(locked)
    locked.satisfaction = satisfaction
    locked.satisfaction_method = method
    locked.save()
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=locked, before=before, source=source
    )
    _event(
        case=locked,
        kind=EventKind.SATISFACTION,
        text=(
            f"Reporter's satisfaction: {Satisfaction(satisfaction).label} "
            f"({SatisfactionMethod(method).label.lower()})."
        ),
        actor=actor,
    )
    _refresh(case, locked)
    return case


def case_list_exported(*, actor: Any, rows: int, kind: str, filters: dict[str, Any]) -> None:
    """Audit an export of the case list: who took which filtered list, in which format."""
    AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=AuditAction.EXPORT,
        object_type="cases.case",
        object_id="list",
        object_label=f"{rows} cases ({kind})",
        changes={"filters": filters, "rows": rows},
    )
