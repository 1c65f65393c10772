"""Writes for estate inspections: schedules, the checklist, inspections and their answers, and
cases raised from failed items (DOMAIN.md §4, §8).

Every service checks permission itself, runs in one transaction and writes the audit log, so
pages, the demo and any later API behave alike. Errors are `ValidationError`s keyed by the
field an officer would correct; an inspection's answers are keyed by their form prefix
("a12-result", "a12-note") so the page can put each message on its card.
"""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from doorstep.cases import services as case_services
from doorstep.cases.models import Case
from doorstep.cases.permissions import can_edit_case
from doorstep.cases.photos import PhotoError, check_photo
from doorstep.core.audit import record_change, snapshot
from doorstep.core.concurrency import lock_unchanged
from doorstep.core.models import AuditAction
from doorstep.core.permissions import require
from doorstep.flytipping import services as fly_tipping_services
from doorstep.flytipping.models import FlyTipping
from doorstep.inspections import rules
from doorstep.inspections.models import (
    HINT_MAX,
    ITEM_TEXT_MAX,
    NOTE_MAX,
    RAISABLE_CASE_TYPES,
    ChecklistItem,
    FollowUp,
    Inspection,
    InspectionAnswer,
    InspectionSchedule,
    InspectionStatus,
    Result,
    place_name,
)
from doorstep.inspections.permissions import (
    CANNOT_EDIT_CHECKLIST,
    CANNOT_INSPECT,
    CANNOT_SCHEDULE,
    can_edit_checklist,
    can_inspect,
    can_manage_schedules,
)
from doorstep.repairs import services as repair_services
from doorstep.repairs.models import Priority, Repair
from doorstep.repairs.permissions import can_raise_for

COMPLETED = "This inspection is complete; its answers cannot change."
NOT_COMPLETED = "Complete the inspection first, then raise cases from its failed items."
NOT_COMPLETED_REPAIR = "Complete the inspection first, then raise repairs from its failed items."
CANNOT_RAISE_REPAIR = "You cannot raise repairs on this estate."
RESULT_CHOICE = "Choose pass, fail or not applicable."


def _today() -> dt.date:
    return timezone.localdate()


def _date_text(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _text(value: str | None, *, field: str, label: str, max_length: int, required: bool) -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise ValidationError({field: f"Enter {label}."})
    if "\x00" in cleaned:  # a NUL byte: PostgreSQL refuses it, SQLite would keep it
        raise ValidationError({field: f"{label[0].upper()}{label[1:]} contains a NUL character."})
    if len(cleaned) > max_length:
        raise ValidationError(
            {field: f"{label[0].upper()}{label[1:]} must be {max_length:,} characters or fewer."}
        )
    return cleaned


def _check_place(estate: Any, block: Any) -> None:
    if estate is None:
        raise ValidationError({"place": "Choose the estate or block."})
    if block is not None and block.estate_id != estate.pk:
        raise ValidationError({"place": "That block is not on that estate."})


def _last_inspected_on(*, estate: Any, block: Any) -> dt.date | None:
    day: dt.date | None = Inspection.objects.filter(
        estate=estate, block=block, status=InspectionStatus.COMPLETED
    ).aggregate(last=Max("inspected_on"))["last"]
    return day


def _active_schedule(*, estate: Any, block: Any) -> InspectionSchedule | None:
    return InspectionSchedule.objects.filter(estate=estate, block=block, active=True).first()


def _set_next_due(schedule: InspectionSchedule) -> None:
    schedule.next_due_on = rules.next_due_on(
        starts_on=schedule.starts_on,
        frequency_weeks=schedule.frequency_weeks,
        last_inspected_on=schedule.last_inspected_on,
    )


# --- schedules -------------------------------------------------------------------------------


def _check_schedule(
    *, estate: Any, inspector: Any, frequency_weeks: int | None, starts_on: dt.date | None
) -> tuple[int, dt.date]:
    if frequency_weeks is None or not 1 <= frequency_weeks <= rules.MAX_FREQUENCY_WEEKS:
        raise ValidationError(
            {"frequency_weeks": f"Enter a number of weeks from 1 to {rules.MAX_FREQUENCY_WEEKS}."}
        )
    if inspector is None:
        raise ValidationError({"inspector": "Choose who inspects."})
    if not inspector.is_active or not can_inspect(inspector, estate):
        raise ValidationError({"inspector": f"{inspector} cannot inspect {estate.name}."})
    if starts_on is None:
        raise ValidationError({"starts_on": "Enter the date of the first inspection."})
    return frequency_weeks, starts_on


@transaction.atomic
def schedule_create(
    *,
    actor: Any,
    estate: Any,
    inspector: Any,
    block: Any = None,
    frequency_weeks: int | None = None,
    starts_on: dt.date | None = None,
    source: str = "web",
) -> InspectionSchedule:
    """Schedule regular inspections of an estate, or of one block on it. The frequency
    defaults to the estate's own (DOMAIN.md §4: every 4 weeks); the first is due on
    `starts_on` (today by default), or one frequency after the last inspection, if later."""
    _check_place(estate, block)
    require(can_manage_schedules(actor, estate), CANNOT_SCHEDULE)
    if frequency_weeks is None:
        frequency_weeks = rules.weeks_from_days(estate.inspection_frequency_days)
    weeks, start = _check_schedule(
        estate=estate,
        inspector=inspector,
        frequency_weeks=frequency_weeks,
        starts_on=starts_on or _today(),
    )
    if _active_schedule(estate=estate, block=block) is not None:
        raise ValidationError(
            {"place": f"{place_name(estate, block)} already has a schedule. Change that one."}
        )
    schedule = InspectionSchedule(
        estate=estate,
        block=block,
        inspector=inspector,
        frequency_weeks=weeks,
        starts_on=start,
        last_inspected_on=_last_inspected_on(estate=estate, block=block),
    )
    _set_next_due(schedule)
    schedule.save()
    record_change(actor=actor, action=AuditAction.CREATE, instance=schedule, source=source)
    return schedule


@transaction.atomic
def schedule_update(
    *,
    actor: Any,
    schedule: InspectionSchedule,
    inspector: Any,
    frequency_weeks: int | None,
    starts_on: dt.date | None,
    source: str = "web",
    expected_version: str | None = None,
) -> InspectionSchedule:
    """Change who inspects, how often or from when; the next due date follows. With
    `expected_version`, refuses (EditConflict) if someone saved since that version."""
    require(can_manage_schedules(actor, schedule.estate), CANNOT_SCHEDULE)
    lock_unchanged(schedule, expected_version)
    if not schedule.active:
        raise ValidationError("This schedule has stopped. Set up a new one.")
    weeks, start = _check_schedule(
        estate=schedule.estate,
        inspector=inspector,
        frequency_weeks=frequency_weeks,
        starts_on=starts_on,
    )
    before = snapshot(schedule)
    schedule.inspector = inspector
    schedule.frequency_weeks = weeks
    schedule.starts_on = start
    _set_next_due(schedule)
    schedule.save()
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=schedule, before=before, source=source
    )
    return schedule


@transaction.atomic
def schedule_stop(
    *, actor: Any, schedule: InspectionSchedule, source: str = "web"
) -> InspectionSchedule:
    """Stop scheduling inspections of the place (its past inspections stay)."""
    require(can_manage_schedules(actor, schedule.estate), CANNOT_SCHEDULE)
    if not schedule.active:
        return schedule
    before = snapshot(schedule)
    schedule.active = False
    schedule.save(update_fields=["active", "updated_at"])
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=schedule, before=before, source=source
    )
    return schedule


# --- the checklist ---------------------------------------------------------------------------


def _check_item(text: str, hint: str, follow_up: str, repair_priority: str) -> tuple[str, str]:
    words = _text(
        text, field="text", label="the checklist item", max_length=ITEM_TEXT_MAX, required=True
    )
    help_text = _text(hint, field="hint", label="the hint", max_length=HINT_MAX, required=False)
    if follow_up not in FollowUp.values:
        raise ValidationError({"follow_up": "Choose what a failure of this item usually needs."})
    if repair_priority not in Priority.values:
        raise ValidationError(
            {"repair_priority": "Choose the priority a repair for this item usually has."}
        )
    return words, help_text


@transaction.atomic
def checklist_item_add(
    *,
    actor: Any,
    text: str,
    hint: str = "",
    follow_up: str = FollowUp.REPAIR,
    repair_priority: str | None = Priority.ROUTINE,
    source: str = "web",
) -> ChecklistItem:
    """Add an item at the end of the checklist; inspections started from now on include it."""
    require(can_edit_checklist(actor), CANNOT_EDIT_CHECKLIST)
    repair_priority = repair_priority or Priority.ROUTINE
    words, help_text = _check_item(text, hint, follow_up, repair_priority)
    last = ChecklistItem.objects.aggregate(last=Max("order"))["last"] or 0
    item = ChecklistItem.objects.create(
        text=words,
        hint=help_text,
        follow_up=follow_up,
        repair_priority=repair_priority,
        order=last + 1,
    )
    record_change(actor=actor, action=AuditAction.CREATE, instance=item, source=source)
    return item


@transaction.atomic
def checklist_item_update(
    *,
    actor: Any,
    item: ChecklistItem,
    text: str,
    hint: str,
    follow_up: str,
    repair_priority: str | None = None,
    source: str = "web",
    expected_version: str | None = None,
) -> ChecklistItem:
    """Reword an item. Inspections already started keep the words they used. With
    `expected_version`, refuses (EditConflict) if someone saved since that version."""
    require(can_edit_checklist(actor), CANNOT_EDIT_CHECKLIST)
    lock_unchanged(item, expected_version)
    priority = repair_priority or item.repair_priority
    words, help_text = _check_item(text, hint, follow_up, priority)
    before = snapshot(item)
    item.text, item.hint, item.follow_up = words, help_text, follow_up
    item.repair_priority = priority
    item.save()
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=item, before=before, source=source
    )
    return item


@transaction.atomic
def checklist_item_move(
    *, actor: Any, item: ChecklistItem, direction: str, source: str = "web"
) -> ChecklistItem:
    """Move an item one place up or down the checklist (the order inspections ask in)."""
    require(can_edit_checklist(actor), CANNOT_EDIT_CHECKLIST)
    if direction not in ("up", "down"):
        raise ValidationError({"direction": "Choose up or down."})
    items = list(ChecklistItem.objects.select_for_update().order_by("order", "id"))
    index = next(i for i, candidate in enumerate(items) if candidate.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    for position, candidate in enumerate(items, start=1):
        if candidate.order != position:
            before = snapshot(candidate)
            candidate.order = position
            candidate.save(update_fields=["order", "updated_at"])
            record_change(
                actor=actor,
                action=AuditAction.UPDATE,
                instance=candidate,
                before=before,
                source=source,
            )
    item.refresh_from_db()
    return item


@transaction.atomic
def checklist_item_set_active(
    *, actor: Any, item: ChecklistItem, active: bool, source: str = "web"
) -> ChecklistItem:
    """Retire an item (new inspections leave it out; past ones keep it) or bring it back."""
    require(can_edit_checklist(actor), CANNOT_EDIT_CHECKLIST)
    if item.active == active:
        return item
    before = snapshot(item)
    item.active = active
    item.save(update_fields=["active", "updated_at"])
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=item, before=before, source=source
    )
    return item


# --- inspections -----------------------------------------------------------------------------


@transaction.atomic
def inspection_start(
    *,
    actor: Any,
    estate: Any,
    block: Any = None,
    inspected_on: dt.date | None = None,
    source: str = "web",
) -> Inspection:
    """Start an inspection of the estate (or block) with today's checklist, or return the one
    already in progress there, so a lost signal or a second tap never makes two."""
    _check_place(estate, block)
    require(can_inspect(actor, estate), CANNOT_INSPECT)
    day = inspected_on or _today()
    if day > _today():
        raise ValidationError({"inspected_on": "The date of the inspection cannot be in future."})
    ongoing = (
        Inspection.objects.filter(estate=estate, block=block, status=InspectionStatus.IN_PROGRESS)
        .order_by("pk")
        .first()
    )
    if ongoing is not None:
        return ongoing
    items = list(ChecklistItem.objects.filter(active=True).order_by("order", "id"))
    if not items:
        raise ValidationError("The checklist has no items. Ask a manager to add them.")
    inspection = Inspection.objects.create(
        estate=estate,
        block=block,
        schedule=_active_schedule(estate=estate, block=block),
        inspector=actor,
        inspected_on=day,
    )
    InspectionAnswer.objects.bulk_create(
        [
            InspectionAnswer(
                inspection=inspection,
                item=item,
                item_text=item.text,
                item_hint=item.hint,
                follow_up=item.follow_up,
                order=position,
            )
            for position, item in enumerate(items, start=1)
        ]
    )
    record_change(actor=actor, action=AuditAction.CREATE, instance=inspection, source=source)
    return inspection


def _locked_in_progress(inspection: Inspection) -> Inspection:
    """The inspection row locked for this transaction; refuses a completed one."""
    locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if locked.status == InspectionStatus.COMPLETED:
        raise ValidationError(COMPLETED)
    return locked


@transaction.atomic
def answer_record(
    *,
    actor: Any,
    answer: InspectionAnswer,
    result: str | None = None,
    note: str | None = None,
    photo: IO[bytes] | File | None = None,
    remove_photo: bool = False,
    source: str = "web",
) -> InspectionAnswer:
    """Save what is given for one checklist item: its result, note and/or photo. What is not
    given (None) stays as it was, so a page that sends one item never clears another."""
    inspection = answer.inspection
    require(can_inspect(actor, inspection.estate), CANNOT_INSPECT)
    _locked_in_progress(inspection)
    before = snapshot(answer)
    if result:
        if result not in Result.values:
            raise ValidationError({"result": RESULT_CHOICE})
        answer.result = result
    if note is not None:
        answer.note = _text(
            note, field="note", label="the note", max_length=NOTE_MAX, required=False
        )
    old_photo = answer.photo.name if answer.photo else ""
    if photo is not None:
        try:
            found = check_photo(photo)
        except PhotoError as exc:
            raise ValidationError({"photo": str(exc)}) from exc
        name = f"photo{found.extension}"
        file = photo if isinstance(photo, File) else File(photo, name=name)
        answer.photo.save(name, file, save=False)
        answer.photo_content_type = found.content_type
    elif remove_photo and old_photo:
        answer.photo = ""
        answer.photo_content_type = ""
    changed = snapshot(answer) != before
    if not changed:
        return answer
    answer.answered_by = actor if getattr(actor, "pk", None) else None
    answer.answered_at = timezone.now()
    storage = answer.photo.storage
    new_photo = answer.photo.name if answer.photo else ""
    try:
        answer.save()
        record_change(
            actor=actor, action=AuditAction.UPDATE, instance=answer, before=before, source=source
        )
    except Exception:
        if new_photo and new_photo != old_photo:
            storage.delete(new_photo)
        raise
    if old_photo and old_photo != new_photo:
        # Replaced or removed: the old file goes once the change is safely saved.
        transaction.on_commit(lambda: storage.delete(old_photo))
    return answer


def completion_errors(answers: list[InspectionAnswer]) -> dict[str, str]:
    """What stops an inspection being completed: every item answered, every fail noted."""
    errors: dict[str, str] = {}
    for answer in answers:
        if not answer.result:
            errors[f"{answer.prefix}-result"] = (
                f"Answer “{answer.item_text}”: pass, fail or not applicable."
            )
        elif answer.result == Result.FAIL and not answer.note.strip():
            errors[f"{answer.prefix}-note"] = f"Add a note saying why “{answer.item_text}” failed."
    return errors


@transaction.atomic
def inspection_complete(*, actor: Any, inspection: Inspection, source: str = "web") -> Inspection:
    """Complete the inspection: every item must be answered and every fail needs a note. The
    score is worked out (rules.score) and the place's schedule moves on to its next due date."""
    require(can_inspect(actor, inspection.estate), CANNOT_INSPECT)
    locked = _locked_in_progress(inspection)
    answers = list(locked.answers.order_by("order", "id"))
    errors = completion_errors(answers)
    if errors:
        raise ValidationError(errors)
    before = snapshot(locked)
    locked.passes = sum(1 for a in answers if a.result == Result.PASS)
    locked.fails = sum(1 for a in answers if a.result == Result.FAIL)
    locked.not_applicable = sum(1 for a in answers if a.result == Result.NOT_APPLICABLE)
    locked.score = rules.score(passes=locked.passes, fails=locked.fails)
    locked.status = InspectionStatus.COMPLETED
    locked.completed_at = timezone.now()
    locked.save()
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=locked, before=before, source=source
    )
    schedule = _active_schedule(estate=locked.estate, block=locked.block)
    if schedule is not None:
        schedule_before = snapshot(schedule)
        schedule.last_inspected_on = _last_inspected_on(estate=locked.estate, block=locked.block)
        _set_next_due(schedule)
        schedule.save(update_fields=["last_inspected_on", "next_due_on", "updated_at"])
        record_change(
            actor=None,
            action=AuditAction.UPDATE,
            instance=schedule,
            before=schedule_before,
            source=source,
        )
    _answer_fly_tipping_requests(actor=actor, inspection=locked, answers=answers, source=source)
    for field in locked._meta.concrete_fields:
        setattr(inspection, field.attname, getattr(locked, field.attname))
    return inspection


def _summary(answer: InspectionAnswer, inspection: Inspection) -> str:
    text = (
        f"{answer.item_text}: failed at the inspection of {inspection.place_name} "
        f"on {_date_text(inspection.inspected_on)}."
    )
    if answer.note:
        text = f"{text} {answer.note}"
    if len(text) > case_services.SUMMARY_MAX:
        text = text[: case_services.SUMMARY_MAX - 1].rstrip() + "…"
    return text


@transaction.atomic
def answer_raise_case(
    *,
    actor: Any,
    answer: InspectionAnswer,
    case_type: str | None = None,
    opened_on: dt.date | None = None,
    source: str = "web",
) -> Case:
    """Open a case on the inspected estate or block from a failed item, in one step: the note
    goes on the case and its timeline, the photo is copied to the case, and the item and the
    case link to each other. The type defaults to the item's usual follow-up."""
    inspection = answer.inspection
    require(can_inspect(actor, inspection.estate), CANNOT_INSPECT)
    if inspection.status != InspectionStatus.COMPLETED:
        raise ValidationError(NOT_COMPLETED)
    locked = (
        InspectionAnswer.objects.select_for_update(of=("self",))
        .select_related("case")
        .get(pk=answer.pk)
    )
    if locked.result != Result.FAIL:
        raise ValidationError("Only a failed item raises a case.")
    if locked.case_id is not None:
        raise ValidationError(
            f"Case {locked.case.reference} was already raised from this item."  # type: ignore[union-attr]
        )
    if not case_type and locked.follow_up in RAISABLE_CASE_TYPES:
        case_type = locked.follow_up
    if case_type not in RAISABLE_CASE_TYPES:
        raise ValidationError(
            {"case_type": "Choose the type of case: fly-tipping or anti-social behaviour."}
        )
    case = case_services.case_open(
        actor=actor,
        case_type=case_type,
        summary=_summary(locked, inspection),
        estate=inspection.estate,
        block=inspection.block,
        lead_officer=actor,
        opened_on=opened_on,
        source=source,
    )
    story = (
        f"Raised from the inspection of {inspection.place_name} on "
        f"{_date_text(inspection.inspected_on)} by {inspection.inspector}: "
        f"“{locked.item_text}” failed."
    )
    if locked.note:
        story += f"\n\nInspector's note: {locked.note}"
    case_services.case_note_add(actor=actor, case=case, text=story, source=source)
    if locked.photo:
        with locked.photo.open("rb") as photo:
            case_services.case_attachment_add(
                actor=actor,
                case=case,
                uploaded_file=photo,
                caption=f"Inspection photo: {locked.item_text}"[: case_services.CAPTION_MAX],
                source=source,
            )
    before = snapshot(locked)
    locked.case = case
    locked.save(update_fields=["case", "updated_at"])
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=locked, before=before, source=source
    )
    answer.case = case
    return case


def _repair_description(answer: InspectionAnswer, inspection: Inspection) -> str:
    text = (
        f"{answer.item_text}: failed at the estate inspection of {inspection.place_name} on "
        f"{_date_text(inspection.inspected_on)} by {inspection.inspector}."
    )
    if answer.note:
        text = f"{text}\n\nInspector's note: {answer.note}"
    if len(text) > repair_services.DESCRIPTION_MAX:
        text = text[: repair_services.DESCRIPTION_MAX - 1].rstrip() + "…"
    return text


@transaction.atomic
def answer_raise_repair(
    *,
    actor: Any,
    answer: InspectionAnswer,
    priority: str | None = None,
    source: str = "web",
) -> Repair:
    """Raise a communal repair on the inspected block (or estate) from a failed item, in one
    step: the inspector's note goes in its description, the inspector looks after it, and
    the repair points back at the item (`Repair.source_inspection_item`, one repair per
    item). The priority defaults to the one the checklist item usually needs; the case
    raised from the same item, if any, is the repair's case."""
    inspection = answer.inspection
    require(can_inspect(actor, inspection.estate), CANNOT_INSPECT)
    if inspection.status != InspectionStatus.COMPLETED:
        raise ValidationError(NOT_COMPLETED_REPAIR)
    place = {"block": inspection.block} if inspection.block else {"estate": inspection.estate}
    require(can_raise_for(actor, **place), CANNOT_RAISE_REPAIR)
    locked = (
        InspectionAnswer.objects.select_for_update(of=("self",))
        .select_related("item", "case")
        .get(pk=answer.pk)
    )
    if locked.result != Result.FAIL:
        raise ValidationError("Only a failed item raises a repair.")
    existing = Repair.objects.filter(source_inspection_item=locked).only("reference").first()
    if existing is not None:
        raise ValidationError(f"Repair {existing.reference} was already raised from this item.")
    chosen = priority or locked.item.repair_priority
    if chosen not in Priority.values:
        raise ValidationError({"priority": "Choose the priority of the repair."})
    repair = repair_services.repair_report(
        actor=actor,
        priority=chosen,
        description=_repair_description(locked, inspection),
        source_case=locked.case,
        source_inspection_item=locked,
        source=source,
        **place,
    )
    return repair


# --- fly-tipping inspection requests ---------------------------------------------------------


@transaction.atomic
def inspection_start_for_fly_tipping(*, actor: Any, case: Case, source: str = "web") -> Inspection:
    """Start (or carry on with) the inspection a fly-tipping case asked of the estates team:
    of the block the fly-tipping is at, else of its estate. The case records the inspection
    (`fly_tipping_inspection_started`); completing it answers the request."""
    details = (
        FlyTipping.objects.select_related("estate", "block", "inspection", "inspection_action")
        .filter(case=case)
        .first()
    )
    if details is None:
        raise ValidationError(fly_tipping_services.NO_DETAILS)
    require(can_inspect(actor, details.estate), CANNOT_INSPECT)
    linked = details.inspection
    if linked is not None and linked.status == InspectionStatus.IN_PROGRESS:
        return linked
    action = details.inspection_action
    if action is None or action.done_at is not None:
        raise ValidationError("No inspection is asked for on this case.")
    inspection = inspection_start(
        actor=actor, estate=details.estate, block=details.block, source=source
    )
    fly_tipping_services.fly_tipping_inspection_started(
        actor=actor, case=case, inspection=inspection, source=source
    )
    return inspection


def _answer_fly_tipping_requests(
    *, actor: Any, inspection: Inspection, answers: list[InspectionAnswer], source: str
) -> None:
    """On completion: each fly-tipping case whose request this inspection answers records it
    and its inspection action is done. A failed item that usually needs a fly-tipping case
    ("No fly-tipping", "Bin stores") is linked to the (first) requesting case rather than
    raising another, so the case page shows the item. A case the completer may not change is
    left for its officers (the request stays open on it)."""
    requests = list(
        FlyTipping.objects.filter(inspection=inspection, inspected_on__isnull=True)
        .select_related("case")
        .order_by("case_id")
    )
    day = timezone.localdate(inspection.completed_at)
    items_linked = False
    for request in requests:
        case = request.case
        if not can_edit_case(actor, case):
            continue
        if not items_linked:
            items_linked = True
            for answer in answers:
                if (
                    answer.result == Result.FAIL
                    and answer.follow_up == FollowUp.FLY_TIPPING
                    and answer.case_id is None
                ):
                    before = snapshot(answer)
                    answer.case = case
                    answer.save(update_fields=["case", "updated_at"])
                    record_change(
                        actor=actor,
                        action=AuditAction.UPDATE,
                        instance=answer,
                        before=before,
                        source=source,
                    )
        fly_tipping_services.fly_tipping_inspection_linked(
            actor=actor, case=case, inspected_on=day, inspection=inspection, source=source
        )
