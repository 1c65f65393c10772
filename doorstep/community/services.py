"""Writes for Community Champions and community events (DOMAIN.md §9). Each checks
permission, runs in one transaction and writes the audit record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from doorstep.cases.photos import PhotoError, check_photo
from doorstep.community.models import (
    Champion,
    Event,
    EventKind,
    EventPhoto,
    EventTask,
    SignUp,
)
from doorstep.community.permissions import can_edit_community
from doorstep.core.audit import record_change, snapshot
from doorstep.core.concurrency import lock_unchanged
from doorstep.core.models import AuditAction
from doorstep.core.permissions import can_take_calls, require

REFUSED = "Only officers and managers can change community events and champions."


def _text(value: str | None, *, field: str, label: str, max_length: int, required: bool) -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise ValidationError({field: f"Enter {label}."})
    if len(cleaned) > max_length:
        raise ValidationError(
            {field: f"{label[0].upper()}{label[1:]} must be {max_length:,} characters or fewer."}
        )
    return cleaned


def _staff(user: Any, *, field: str, role: str) -> None:
    if user is None or not user.is_active or not can_take_calls(user):
        raise ValidationError({field: f"That member of staff cannot be the {role}."})


# --- champions -------------------------------------------------------------------------------


@transaction.atomic
def champion_add(
    *,
    actor: Any,
    person: Any,
    since: dt.date,
    estate: Any = None,
    area: str = "",
    interests: str = "",
) -> Champion:
    """Record a resident as a Community Champion for an estate or an area."""
    require(can_edit_community(actor), REFUSED)
    if person is None:
        raise ValidationError({"person": "Enter the resident's person reference."})
    place = _text(area, field="area", label="the area", max_length=120, required=False)
    if estate is None and not place:
        raise ValidationError({"area": "Select an estate or enter the area they champion."})
    likes = _text(
        interests, field="interests", label="their interests", max_length=300, required=False
    )
    if since is None:
        raise ValidationError({"since": "Enter the date they became a champion."})
    if since > timezone.localdate():
        raise ValidationError({"since": "The date must be today or in the past."})
    if Champion.objects.filter(person=person, ended_on__isnull=True).exists():
        raise ValidationError({"person": f"{person.full_name} is already a Community Champion."})
    champion = Champion.objects.create(
        person=person, estate=estate, area=place, interests=likes, since=since
    )
    record_change(actor=actor, action=AuditAction.CREATE, instance=champion)
    return champion


# --- events ----------------------------------------------------------------------------------


def _event_fields(
    *,
    title: str,
    kind: str,
    venue: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime | None,
    office: Any,
    organiser: Any,
    description: str,
) -> dict[str, Any]:
    name = _text(title, field="title", label="the event's title", max_length=150, required=True)
    if kind not in EventKind.values:
        raise ValidationError({"kind": "Select the kind of event."})
    place = _text(venue, field="venue", label="the venue", max_length=200, required=True)
    if starts_at is None:
        raise ValidationError({"starts_at": "Enter the date and time it starts."})
    if ends_at is not None and ends_at <= starts_at:
        raise ValidationError({"ends_at": "The end must be after the start."})
    if office is None:
        raise ValidationError({"office": "Select the office running the event."})
    _staff(organiser, field="organiser", role="organiser")
    plan = _text(
        description, field="description", label="the plan", max_length=4000, required=False
    )
    return {
        "title": name,
        "kind": kind,
        "venue": place,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "office": office,
        "organiser": organiser,
        "description": plan,
    }


@transaction.atomic
def event_create(
    *,
    actor: Any,
    title: str,
    kind: str,
    venue: str,
    starts_at: dt.datetime,
    office: Any,
    organiser: Any = None,
    ends_at: dt.datetime | None = None,
    estate: Any = None,
    description: str = "",
    champions: Iterable[Champion] = (),
) -> Event:
    """Plan an event (a community garden afternoon, a street party, a scarecrow competition)."""
    require(can_edit_community(actor), REFUSED)
    fields = _event_fields(
        title=title,
        kind=kind,
        venue=venue,
        starts_at=starts_at,
        ends_at=ends_at,
        office=office,
        organiser=organiser or actor,
        description=description,
    )
    if starts_at is not None and starts_at < timezone.now() - dt.timedelta(days=1):
        raise ValidationError({"starts_at": "A new event must start today or later."})
    event = Event.objects.create(estate=estate, **fields)
    event.champions.set(list(champions))
    record_change(actor=actor, action=AuditAction.CREATE, instance=event)
    return event


@transaction.atomic
def event_update(
    *,
    actor: Any,
    event: Event,
    title: str,
    kind: str,
    venue: str,
    starts_at: dt.datetime,
    office: Any,
    organiser: Any,
    ends_at: dt.datetime | None = None,
    estate: Any = None,
    description: str = "",
    champions: Iterable[Champion] = (),
    expected_version: str | None = None,
) -> Event:
    """Change an event's plan. With `expected_version`, refuses (EditConflict) if someone
    saved since that version."""
    require(can_edit_community(actor), REFUSED)
    fields = _event_fields(
        title=title,
        kind=kind,
        venue=venue,
        starts_at=starts_at,
        ends_at=ends_at,
        office=office,
        organiser=organiser,
        description=description,
    )
    locked = lock_unchanged(event, expected_version)
    before = snapshot(locked)
    for name, value in {**fields, "estate": estate}.items():
        setattr(locked, name, value)
    locked.save()
    locked.champions.set(list(champions))
    record_change(actor=actor, action=AuditAction.UPDATE, instance=locked, before=before)
    return locked


@transaction.atomic
def event_outcome_record(
    *,
    actor: Any,
    event: Event,
    outcome: str,
    attendance: int | None = None,
    expected_version: str | None = None,
) -> Event:
    """What came of the event and how many came, once it has started. With
    `expected_version`, refuses (EditConflict) if someone saved since that version."""
    require(can_edit_community(actor), REFUSED)
    if event.starts_at > timezone.now():
        raise ValidationError({"outcome": "Record the outcome once the event has taken place."})
    notes = _text(outcome, field="outcome", label="the outcome", max_length=4000, required=True)
    if attendance is not None and not 0 <= attendance <= 100_000:
        raise ValidationError({"attendance": "Enter how many came, like 25."})
    locked = lock_unchanged(event, expected_version)
    before = snapshot(locked)
    locked.outcome = notes
    locked.attendance = attendance
    locked.save()
    record_change(actor=actor, action=AuditAction.UPDATE, instance=locked, before=before)
    return locked


@transaction.atomic
def task_add(*, actor: Any, event: Event, title: str, owner: Any, due_on: dt.date) -> EventTask:
    """A task for a member of staff; it lands on their My day when due."""
    require(can_edit_community(actor), REFUSED)
    what = _text(title, field="title", label="what needs doing", max_length=200, required=True)
    _staff(owner, field="owner", role="owner of a task")
    if due_on is None:
        raise ValidationError({"due_on": "Enter the date the task is due."})
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": "The due date must be today or in the future."})
    task = EventTask.objects.create(event=event, title=what, owner=owner, due_on=due_on)
    record_change(actor=actor, action=AuditAction.CREATE, instance=task)
    return task


@transaction.atomic
def task_done(*, actor: Any, task: EventTask) -> EventTask:
    require(can_edit_community(actor), REFUSED)
    locked = EventTask.objects.select_for_update().get(pk=task.pk)
    if locked.done_at is not None:
        return locked
    before = snapshot(locked)
    locked.done_at = timezone.now()
    locked.save()
    record_change(actor=actor, action=AuditAction.UPDATE, instance=locked, before=before)
    return locked


@transaction.atomic
def sign_up_add(*, actor: Any, event: Event, person: Any, note: str = "") -> SignUp:
    """Sign a resident up for an event."""
    require(can_edit_community(actor), REFUSED)
    if person is None:
        raise ValidationError({"person": "Enter the resident's person reference."})
    text = _text(note, field="note", label="the note", max_length=200, required=False)
    if SignUp.objects.filter(event=event, person=person).exists():
        raise ValidationError({"person": f"{person.full_name} is already signed up."})
    sign_up = SignUp.objects.create(event=event, person=person, note=text, added_by=actor)
    record_change(actor=actor, action=AuditAction.CREATE, instance=sign_up)
    return sign_up


@transaction.atomic
def sign_up_remove(*, actor: Any, sign_up: SignUp) -> None:
    require(can_edit_community(actor), REFUSED)
    record_change(
        actor=actor, action=AuditAction.DELETE, instance=sign_up, before=snapshot(sign_up)
    )
    sign_up.delete()


@transaction.atomic
def photo_add(
    *, actor: Any, event: Event, uploaded_file: IO[bytes] | File, caption: str = ""
) -> EventPhoto:
    """Add a photo of the event: JPEG, PNG, WebP or HEIC up to 10 MB judged by its content
    (the case photo rules), stored through the storage API under a random name."""
    require(can_edit_community(actor), REFUSED)
    words = _text(caption, field="caption", label="the caption", max_length=200, required=False)
    try:
        photo = check_photo(uploaded_file)
    except PhotoError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    record = EventPhoto(
        event=event,
        content_type=photo.content_type,
        size=photo.size,
        caption=words,
        uploaded_by=actor,
    )
    name = f"photo{photo.extension}"
    file = uploaded_file if isinstance(uploaded_file, File) else File(uploaded_file, name=name)
    record.file.save(name, file, save=False)
    try:
        record.save()
        record_change(actor=actor, action=AuditAction.CREATE, instance=record)
    except Exception:
        record.file.delete(save=False)
        raise
    return record
