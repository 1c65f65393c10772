"""Writes for duplicate people: refresh the suggestions, decide "not duplicates", merge, undo.
Each checks permission, runs in one transaction and writes its audit rows."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from doorstep.core.models import AuditAction, AuditEvent
from doorstep.core.permissions import can_edit_person, require
from doorstep.duplicates import matching
from doorstep.duplicates.merging import (
    DERIVED,
    conflict_refusal,
    full_snapshot,
    has_dependents,
    person_links,
    restore,
    would_conflict,
)
from doorstep.duplicates.models import (
    DuplicateCandidate,
    MergeItem,
    MergeItemKind,
    MergeRecord,
    NotDuplicate,
)
from doorstep.duplicates.selectors import can_review_duplicates
from doorstep.people.models import Person

REFUSED = "Only team leaders and managers review possible duplicates."
EDIT_REFUSED = "You can only merge people whose records you may change."


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def candidates_refresh() -> int:
    """Recompute the suggestions (see matching.py). Returns how many pairs were found."""
    people = [
        matching.PersonKeys(
            id=pk,
            first_name=first or "",
            last_name=last or "",
            date_of_birth=dob,
            phones=frozenset(p for p in (phone, other) if p),
        )
        for pk, first, last, dob, phone, other in Person.objects.values_list(
            "pk", "first_name", "last_name", "date_of_birth", "phone", "phone_other"
        ).iterator(chunk_size=5000)
    ]
    decided = {
        _pair(a, b) for a, b in NotDuplicate.objects.values_list("person_a_id", "person_b_id")
    }
    found = matching.find_candidates(people, exclude=decided)
    with transaction.atomic():
        DuplicateCandidate.objects.all().delete()
        DuplicateCandidate.objects.bulk_create(
            [
                DuplicateCandidate(person_a_id=a, person_b_id=b, score=score, reasons=reasons)
                for a, b, score, reasons in found
            ],
            batch_size=1000,
        )
    return len(found)


@transaction.atomic
def not_duplicates(*, actor: Any, person_a: Person, person_b: Person) -> NotDuplicate:
    """Remember that two people are different: they are never suggested again."""
    require(can_review_duplicates(actor), REFUSED)
    if person_a.pk == person_b.pk:
        raise ValidationError("Choose two different people.")
    a, b = _pair(person_a.pk, person_b.pk)
    decision, _created = NotDuplicate.objects.get_or_create(
        person_a_id=a, person_b_id=b, defaults={"decided_by": actor}
    )
    DuplicateCandidate.objects.filter(person_a_id=a, person_b_id=b).delete()
    AuditEvent.objects.create(
        actor=actor,
        action=AuditAction.CREATE,
        object_type="duplicates.notduplicate",
        object_id=str(decision.pk),
        object_label=f"{person_a.reference} / {person_b.reference}",
        changes={"not duplicates": [None, [person_a.reference, person_b.reference]]},
        person_id=person_a.pk,
    )
    return decision


@transaction.atomic
def people_merge(*, actor: Any, survivor: Person, merged: Person) -> MergeRecord:
    """Merge `merged` into `survivor`: every record pointing at `merged`, in every app, moves
    to `survivor`; `merged` is deleted. Everything that changed is kept on the MergeRecord so
    `merge_undo` restores it exactly."""
    require(can_review_duplicates(actor), REFUSED)
    if survivor.pk == merged.pk:
        raise ValidationError({"survivor": "Choose which of the two records to keep."})
    require(can_edit_person(actor, survivor) and can_edit_person(actor, merged), EDIT_REFUSED)
    locked = {
        p.pk: p for p in Person.objects.select_for_update().filter(pk__in=[survivor.pk, merged.pk])
    }
    if len(locked) != 2:
        raise ValidationError("One of the two people no longer exists. Reload the page.")
    merged = locked[merged.pk]
    record = MergeRecord.objects.create(
        survivor_id=survivor.pk,
        survivor_reference=survivor.reference,
        merged_person_id=merged.pk,
        merged_reference=merged.reference,
        merged_person=full_snapshot(merged),
        merged_by=actor,
    )
    items: list[MergeItem] = []
    for model, field in person_links():
        label = model._meta.label_lower
        manager = model._base_manager
        if label in DERIVED:
            manager.filter(**{field.attname: merged.pk}).delete()
            continue
        for row in manager.filter(**{field.attname: merged.pk}).order_by("pk"):
            if would_conflict(row, field, survivor.pk):
                if has_dependents(row):
                    raise conflict_refusal(row)
                items.append(
                    MergeItem(
                        merge=record,
                        model=label,
                        object_id=str(row.pk),
                        field=field.attname,
                        kind=MergeItemKind.REMOVED,
                        values=full_snapshot(row),
                    )
                )
                manager.filter(pk=row.pk).delete()
                continue
            manager.filter(pk=row.pk).update(**{field.attname: survivor.pk})
            items.append(
                MergeItem(
                    merge=record,
                    model=label,
                    object_id=str(row.pk),
                    field=field.attname,
                    kind=MergeItemKind.MOVED,
                )
            )
    MergeItem.objects.bulk_create(items)
    merged_id = merged.pk
    merged.delete()
    counts: dict[str, int] = {}
    for item in items:
        counts[f"{item.model} {item.kind}"] = counts.get(f"{item.model} {item.kind}", 0) + 1
    for person_id, label in ((survivor.pk, survivor.reference), (merged_id, merged.reference)):
        AuditEvent.objects.create(
            actor=actor,
            action=AuditAction.UPDATE if person_id == survivor.pk else AuditAction.DELETE,
            object_type="people.person",
            object_id=str(person_id),
            object_label=label,
            changes={"merged": [merged.reference, survivor.reference], "records": [None, counts]},
            person_id=person_id,
        )
    return record


@transaction.atomic
def merge_undo(*, actor: Any, record: MergeRecord) -> Person:
    """Put the merged person back with the same id and reference, and move back every record
    the merge moved that still points at the survivor (anything changed since stays put)."""
    require(can_review_duplicates(actor), REFUSED)
    record = MergeRecord.objects.select_for_update().get(pk=record.pk)
    if record.undone_at:
        raise ValidationError("This merge has already been undone.")
    if not Person.objects.filter(pk=record.survivor_id).exists():
        raise ValidationError(
            f"{record.survivor_reference} has since been merged into someone else: undo that "
            "merge first."
        )
    if Person.objects.filter(
        Q(pk=record.merged_person_id) | Q(reference=record.merged_reference)
    ).exists():
        raise ValidationError(f"The reference {record.merged_reference} is in use again.")
    from django.apps import apps

    person = restore(Person, record.merged_person)
    assert isinstance(person, Person)
    for item in record.items.all():
        model = apps.get_model(item.model)
        if item.kind == MergeItemKind.MOVED:
            model._base_manager.filter(
                pk=item.object_id, **{item.field: record.survivor_id}
            ).update(**{item.field: record.merged_person_id})
        elif not model._base_manager.filter(pk=item.object_id).exists():
            restore(model, item.values)
    record.undone_at = timezone.now()
    record.undone_by = actor
    record.save(update_fields=["undone_at", "undone_by", "updated_at"])
    for person_id, label in (
        (record.survivor_id, record.survivor_reference),
        (record.merged_person_id, record.merged_reference),
    ):
        AuditEvent.objects.create(
            actor=actor,
            action=AuditAction.UPDATE if person_id == record.survivor_id else AuditAction.CREATE,
            object_type="people.person",
            object_id=str(person_id),
            object_label=label,
            changes={"merge undone": [record.survivor_reference, record.merged_reference]},
            person_id=person_id,
        )
    return person
