"""`import_csv repairs`: repairs to homes, keyed by `repair_ref` (REP-YYYY-NNNNNN).

The target is worked out from the priority and `reported_at` by doorstep.repairs.targets, and
whether a completed repair met it (`within_target`) from `completed_at`, exactly as when an
officer reports and completes a repair. A row with a `completed_at` is a completed repair; one
without stays open (an imported open repair is "reported"; Doorstep keeps an officer's status
of ordered or in progress on re-import). Doorstep's own reference numbers carry on after the
highest imported number for each year.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from django.utils import timezone

from doorstep.core.models import AuditAction
from doorstep.imports.kinds.base import AuditRows, BatchResult, ImportKind, apply_changes, touch
from doorstep.imports.parsing import (
    Cells,
    Problem,
    RowError,
    code,
    parse_datetime,
    parse_uprn,
    text,
)
from doorstep.places.models import Home
from doorstep.repairs import targets
from doorstep.repairs.models import (
    REFERENCE_PREFIX,
    Priority,
    Repair,
    RepairSequence,
    RepairStatus,
)

PRIORITY_CODES = code(Priority)
REFERENCE_RE = re.compile(r"^([A-Z]{2,4})-([0-9]{4})-([0-9]{6})$")
UPDATE_FIELDS = [
    "home",
    "block",
    "estate",
    "priority",
    "reported_at",
    "target_at",
    "completed_at",
    "within_target",
    "status",
    "description",
    "updated_at",
]


def parse_repair_reference(value: str) -> tuple[int, int]:
    """'REP-2026-000123' -> (2026, 123)."""
    match = REFERENCE_RE.match(value)
    if match is None:
        raise RowError("not a repair reference (REP-YYYY-NNNNNN, like REP-2026-000123)")
    prefix, year, number = match.groups()
    if prefix != REFERENCE_PREFIX:
        raise RowError(f"a repair reference starts {REFERENCE_PREFIX}-, not {prefix}-")
    if int(number) == 0:
        raise RowError("repair reference numbers start at 000001")
    return int(year), int(number)


class RepairRow(NamedTuple):
    reference: str
    year: int
    number: int
    uprn: str
    priority: str
    reported_at: dt.datetime | None  # None only on a row with problems, never written
    completed_at: dt.datetime | None
    description: str


class CheckedRepair(NamedTuple):
    reference: str
    year: int
    number: int
    home_id: int
    priority: str
    reported_at: dt.datetime
    completed_at: dt.datetime | None
    description: str


class RepairsKind(ImportKind[RepairRow, CheckedRepair]):
    name = "repairs"
    reference_column = "repair_ref"
    columns = ("repair_ref", "uprn", "priority", "reported_at", "completed_at", "description")
    required = ("repair_ref", "uprn", "priority", "reported_at")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.now = timezone.now()

    def validate_row(self, cells: Cells) -> RepairRow:
        ref = cells.required("repair_ref", parse_repair_reference)
        uprn = cells.required("uprn", parse_uprn)
        priority = cells.required("priority", PRIORITY_CODES)
        reported = cells.required("reported_at", parse_datetime)
        completed = cells.optional("completed_at", parse_datetime)
        description = cells.optional("description", text(2000))
        if reported and reported > self.now:
            cells.add("reported_at", "a repair cannot be reported in the future")
        if completed and completed > self.now:
            cells.add("completed_at", "a repair cannot be completed in the future")
        if reported and completed and completed < reported:
            cells.add("completed_at", "the repair is completed before its reported_at")
        return RepairRow(
            reference=cells.value("repair_ref") if ref else "",
            year=ref[0] if ref else 0,
            number=ref[1] if ref else 0,
            uprn=uprn or "",
            priority=priority or "",
            reported_at=reported,
            completed_at=completed,
            description=description or "",
        )

    def check_chunk(
        self, rows: Sequence[tuple[int, RepairRow]]
    ) -> tuple[list[Problem], list[CheckedRepair]]:
        homes = dict(
            Home.objects.filter(uprn__in={row.uprn for _, row in rows if row.uprn})
            .order_by()
            .values_list("uprn", "id")
        )
        problems: list[Problem] = []
        checked: list[CheckedRepair] = []
        for number, row in rows:
            home_id = homes.get(row.uprn)
            if row.uprn and home_id is None:
                problems.append(
                    Problem(number, "uprn", "no home has this UPRN; import homes first")
                )
                continue
            if not row.reference or not row.priority or row.reported_at is None or not home_id:
                continue  # not written: the run has problems
            checked.append(
                CheckedRepair(
                    reference=row.reference,
                    year=row.year,
                    number=row.number,
                    home_id=home_id,
                    priority=row.priority,
                    reported_at=row.reported_at,
                    completed_at=row.completed_at,
                    description=row.description,
                )
            )
        return problems, checked

    def write_batch(self, rows: Sequence[CheckedRepair]) -> BatchResult:
        existing = Repair.objects.order_by().in_bulk(
            [row.reference for row in rows], field_name="reference"
        )
        audit = AuditRows(self.actor)
        created: list[Repair] = []
        updated: list[tuple[Repair, dict[str, list[Any]]]] = []
        unchanged = 0
        for row in rows:
            repair = existing.get(row.reference)
            target_at = targets.target_for(priority=row.priority, reported_at=row.reported_at)
            values: dict[str, Any] = {
                "home_id": row.home_id,
                "block_id": None,
                "estate_id": None,
                "priority": row.priority,
                "reported_at": row.reported_at,
                "target_at": target_at,
            }
            completed_at = row.completed_at
            if repair is not None and not self.has("completed_at"):
                completed_at = repair.completed_at  # left out of the file: left alone
            values["completed_at"] = completed_at
            values["within_target"] = targets.within_target(
                target_at=target_at, completed_at=completed_at
            )
            if completed_at is not None:
                values["status"] = RepairStatus.COMPLETED.value
            elif repair is None or repair.status == RepairStatus.COMPLETED:
                values["status"] = RepairStatus.REPORTED.value
            if repair is None or self.has("description"):
                values["description"] = row.description
            if repair is None:
                created.append(Repair(reference=row.reference, **values))
                continue
            changes = apply_changes(repair, values)
            if changes:
                updated.append((repair, changes))
            else:
                unchanged += 1
        Repair.objects.bulk_create(created, batch_size=500)
        touch(repair for repair, _ in updated)
        Repair.objects.bulk_update([r for r, _ in updated], UPDATE_FIELDS, batch_size=500)
        for repair in created:
            audit.add(action=AuditAction.CREATE, instance=repair, label=repair.reference)
        for repair, changes in updated:
            audit.add(
                action=AuditAction.UPDATE, instance=repair, label=repair.reference, changes=changes
            )
        raise_repair_sequences((row.year, row.number) for row in rows)
        audit.save()
        return BatchResult(created=len(created), updated=len(updated), unchanged=unchanged)


def raise_repair_sequences(numbers: Iterable[tuple[int, int]]) -> None:
    """Keep each year's sequence at or past the highest imported number, so a repair reported
    later in Doorstep never takes an imported reference."""
    highest: dict[int, int] = {}
    for year, number in numbers:
        highest[year] = max(highest.get(year, 0), number)
    if not highest:
        return
    held = {
        sequence.year: sequence
        for sequence in RepairSequence.objects.select_for_update()
        .filter(year__in=list(highest))
        .order_by()
    }
    to_create: list[RepairSequence] = []
    to_update: list[RepairSequence] = []
    for year, number in highest.items():
        sequence = held.get(year)
        if sequence is None:
            to_create.append(RepairSequence(year=year, last_number=number))
        elif sequence.last_number < number:
            sequence.last_number = number
            to_update.append(sequence)
    RepairSequence.objects.bulk_create(to_create)
    RepairSequence.objects.bulk_update(to_update, ["last_number"])
