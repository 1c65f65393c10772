"""`import_csv complaints`: complaint cases and their stages, one row per stage.

A row is keyed by (`complaint_ref`, `stage`): a complaint's stage 1 row and stage 2 row may both
be in one file, stage 1 first. `complaint_ref` is the reference of the complaint case
(COM-YYYY-NNNNNN). A stage 1 row opens the complaint case (or updates it) with its complainant
(`person_ref`), home (`uprn`) and `summary`; those columns belong to the complaint as a whole,
so they are given on the stage 1 row only. A stage 2 row's `received_on` is the day the
complainant asked to escalate, on or after the stage 1 response. The clock due dates
(`acknowledge_by`, `respond_by`) are worked out by doorstep.complaints.clocks, as the
complaint services do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from doorstep.cases.models import Case, CaseParty, CaseStatus, CaseType, PartyRole
from doorstep.complaints import clocks
from doorstep.complaints.models import ComplaintAbout, ComplaintDetails, ComplaintStage, Outcome
from doorstep.core.audit import diff, snapshot
from doorstep.core.models import AuditAction
from doorstep.imports.kinds.base import AuditRows, BatchResult, ImportKind, apply_changes, touch
from doorstep.imports.kinds.cases import parse_case_reference, raise_sequences
from doorstep.imports.parsing import (
    Cells,
    Problem,
    RowError,
    count,
    parse_date,
    parse_uprn,
    reference,
    text,
)
from doorstep.people.models import Person
from doorstep.places.models import Home

PREFIX = "COM"
# The file has no outcome column, but the database needs one on every response.
IMPORTED_OUTCOME = Outcome.NOT_UPHELD.value
CASE_COLUMNS = ("person_ref", "uprn", "summary")
STAGE_FIELDS = [
    "received_on",
    "acknowledged_on",
    "responded_on",
    "extension_working_days",
    "outcome",
    "acknowledge_by",
    "respond_by",
    "updated_at",
]


def parse_stage(value: str) -> int:
    if value not in ("1", "2"):
        raise RowError(f"unknown stage '{value[:10]}' (one of: 1, 2)")
    return int(value)


class ComplaintRow(NamedTuple):
    reference: str
    prefix: str
    year: int
    number: int
    stage: int | None
    received_on: dt.date | None  # None only on a row with problems, never written
    acknowledged_on: dt.date | None
    responded_on: dt.date | None
    extension_working_days: int | None
    person_ref: str
    uprn: str
    summary: str


class CheckedComplaint(NamedTuple):
    reference: str
    prefix: str
    year: int
    number: int
    stage: int
    received_on: dt.date
    acknowledged_on: dt.date | None
    responded_on: dt.date | None
    extension_working_days: int | None
    person_id: int | None
    home_id: int | None
    patch_id: int | None
    summary: str


class ComplaintsKind(ImportKind[ComplaintRow, CheckedComplaint]):
    name = "complaints"
    reference_column = "complaint_ref"
    columns = (
        "complaint_ref",
        "stage",
        "received_on",
        "acknowledged_on",
        "responded_on",
        "extension_working_days",
        "person_ref",
        "uprn",
        "summary",
    )
    required = ("complaint_ref", "stage", "received_on")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # Stage 1 rows already checked in this file: reference -> its responded_on.
        self.stage_one: dict[str, dt.date | None] = {}

    @classmethod
    def row_key(cls, cells: Cells) -> tuple[str, str]:
        # A complaint has a row per stage: the key is the reference and the stage.
        ref, stage = cells.value("complaint_ref"), cells.value("stage")
        if not ref or not stage:
            return "stage", ""
        return "stage", f"stage {stage} of {ref}"

    def validate_row(self, cells: Cells) -> ComplaintRow:
        ref = cells.required("complaint_ref", parse_case_reference)
        stage = cells.required("stage", parse_stage)
        received = cells.required("received_on", parse_date)
        acknowledged = cells.optional("acknowledged_on", parse_date)
        responded = cells.optional("responded_on", parse_date)
        extension = cells.optional("extension_working_days", count(clocks.MAX_EXTENSION[2]))
        person_ref = cells.optional("person_ref", reference(20))
        uprn = cells.optional("uprn", parse_uprn)
        summary = cells.optional("summary", text(300))
        if ref and ref[0] != PREFIX:
            cells.add("complaint_ref", f"a complaint reference starts {PREFIX}-, not {ref[0]}-")
        for column, day in (
            ("received_on", received),
            ("acknowledged_on", acknowledged),
            ("responded_on", responded),
        ):
            if day and day > self.today:
                cells.add(column, "cannot be in the future")
        if received and acknowledged and acknowledged < received:
            cells.add("acknowledged_on", "the complaint is acknowledged before its received_on")
        if responded and not acknowledged and not cells.value("acknowledged_on"):
            cells.add("responded_on", "a response needs an acknowledged_on date")
        if responded and acknowledged and responded < acknowledged:
            cells.add("responded_on", "the response is before its acknowledged_on")
        if stage and extension is not None and extension > clocks.MAX_EXTENSION[stage]:
            cells.add(
                "extension_working_days",
                f"a stage {stage} extension is at most {clocks.MAX_EXTENSION[stage]} working days",
            )
        if stage == 2:
            for column in CASE_COLUMNS:
                if cells.value(column):
                    cells.add(column, "give this on the complaint's stage 1 row")
        return ComplaintRow(
            reference=cells.value("complaint_ref") if ref else "",
            prefix=ref[0] if ref else "",
            year=ref[1] if ref else 0,
            number=ref[2] if ref else 0,
            stage=stage,
            received_on=received,
            acknowledged_on=acknowledged,
            responded_on=responded,
            extension_working_days=extension,
            person_ref=person_ref or "",
            uprn=uprn or "",
            summary=summary or "",
        )

    def check_chunk(
        self, rows: Sequence[tuple[int, ComplaintRow]]
    ) -> tuple[list[Problem], list[CheckedComplaint]]:
        refs = {row.reference for _, row in rows if row.reference}
        cases = dict(
            Case.objects.filter(reference__in=refs).order_by().values_list("reference", "case_type")
        )
        held_stage_one: dict[str, dt.date | None] = dict(
            ComplaintStage.objects.filter(case__reference__in=refs, stage=1)
            .order_by()
            .values_list("case__reference", "responded_on")
        )
        people = dict(
            Person.objects.filter(reference__in={row.person_ref for _, row in rows})
            .order_by()
            .values_list("reference", "id")
        )
        homes = {
            uprn: (home_id, patch_id)
            for uprn, home_id, patch_id in Home.objects.filter(
                uprn__in={row.uprn for _, row in rows if row.uprn}
            )
            .order_by()
            .values_list("uprn", "id", "patch_id")
        }
        problems: list[Problem] = []
        checked: list[CheckedComplaint] = []
        for number, row in rows:
            found = len(problems)
            case_type = cases.get(row.reference)
            if case_type is not None and case_type != CaseType.COMPLAINT:
                problems.append(
                    Problem(
                        number,
                        "complaint_ref",
                        f"case {row.reference} is not a complaint (its type is {case_type})",
                    )
                )
            person = people.get(row.person_ref)
            if row.person_ref and person is None:
                problems.append(
                    Problem(
                        number,
                        "person_ref",
                        f"no person has reference {row.person_ref}; import people first",
                    )
                )
            home = homes.get(row.uprn)
            if row.uprn and home is None:
                problems.append(
                    Problem(number, "uprn", "no home has this UPRN; import homes first")
                )
            if row.stage == 2 and row.reference:
                self._check_stage_two(number, row, held_stage_one, problems)
            if row.stage == 1 and row.reference:
                self.stage_one[row.reference] = row.responded_on
            if (
                len(problems) > found
                or not row.reference
                or row.stage is None
                or row.received_on is None
            ):
                continue  # not written: the run has problems
            checked.append(
                CheckedComplaint(
                    reference=row.reference,
                    prefix=row.prefix,
                    year=row.year,
                    number=row.number,
                    stage=row.stage,
                    received_on=row.received_on,
                    acknowledged_on=row.acknowledged_on,
                    responded_on=row.responded_on,
                    extension_working_days=row.extension_working_days,
                    person_id=person,
                    home_id=home[0] if home else None,
                    patch_id=home[1] if home else None,
                    summary=row.summary,
                )
            )
        return problems, checked

    def _check_stage_two(
        self,
        number: int,
        row: ComplaintRow,
        held_stage_one: dict[str, dt.date | None],
        problems: list[Problem],
    ) -> None:
        """Stage 2 follows a stage 1 response: in Doorstep already, or earlier in the file."""
        if row.reference in self.stage_one:
            first_response = self.stage_one[row.reference]
        elif row.reference in held_stage_one:
            first_response = held_stage_one[row.reference]
        else:
            problems.append(
                Problem(
                    number,
                    "stage",
                    f"complaint {row.reference} has no stage 1; "
                    "put its stage 1 row first or import it first",
                )
            )
            return
        if first_response is None:
            problems.append(
                Problem(
                    number,
                    "stage",
                    f"complaint {row.reference} can go to stage 2 only after its stage 1 response",
                )
            )
        elif row.received_on and row.received_on < first_response:
            problems.append(
                Problem(
                    number,
                    "received_on",
                    f"the escalation request is before the stage 1 response ({first_response})",
                )
            )

    def write_batch(self, rows: Sequence[CheckedComplaint]) -> BatchResult:
        audit = AuditRows(self.actor)
        result = BatchResult()
        cases = Case.objects.order_by().in_bulk(
            list({row.reference for row in rows}), field_name="reference"
        )
        changed = self._write_cases(rows, cases, audit)
        complainants = self._sync_complainants(rows, cases, audit)
        changed |= self._write_details(rows, cases, audit, complainants)
        stages = {
            (stage.case_id, stage.stage): stage
            for stage in ComplaintStage.objects.filter(
                case_id__in=[case.pk for case in cases.values()]
            ).order_by()
        }
        created: list[ComplaintStage] = []
        updated: list[tuple[ComplaintStage, dict[str, list[Any]]]] = []
        for row in rows:
            case = cases[row.reference]
            held = stages.get((case.pk, row.stage))
            values: dict[str, Any] = {"received_on": row.received_on}
            for column in ("acknowledged_on", "responded_on", "extension_working_days"):
                if held is None or self.has(column):
                    values[column] = getattr(row, column)
            if "extension_working_days" in values:
                values["extension_working_days"] = values["extension_working_days"] or 0
            stage = held or ComplaintStage(case_id=case.pk, stage=row.stage)
            before = snapshot(stage)
            for field, value in values.items():
                setattr(stage, field, value)
            if stage.responded_on is not None and not stage.outcome:
                stage.outcome = IMPORTED_OUTCOME
            stage.acknowledge_by = clocks.acknowledge_by(stage)
            stage.respond_by = clocks.respond_by(stage)
            if held is None:
                created.append(stage)
                stages[(case.pk, row.stage)] = stage
                result.created += 1
                continue
            changes = diff(before, snapshot(stage))
            if changes:
                updated.append((stage, changes))
            if changes or row.reference in changed:
                result.updated += 1
            else:
                result.unchanged += 1
        ComplaintStage.objects.bulk_create(created, batch_size=500)
        touch(stage for stage, _ in updated)
        ComplaintStage.objects.bulk_update(
            [stage for stage, _ in updated], STAGE_FIELDS, batch_size=500
        )
        references = {case.pk: case.reference for case in cases.values()}
        for stage in created:
            audit.add(
                action=AuditAction.CREATE,
                instance=stage,
                label=references[stage.case_id],
                person_id=complainants.get(stage.case_id),
            )
        for stage, changes in updated:
            audit.add(
                action=AuditAction.UPDATE,
                instance=stage,
                label=references[stage.case_id],
                changes=changes,
                person_id=complainants.get(stage.case_id),
            )
        raise_sequences((row.prefix, row.year, row.number) for row in rows)
        audit.save()
        return result

    def _write_cases(
        self, rows: Sequence[CheckedComplaint], cases: dict[str, Case], audit: AuditRows
    ) -> set[str]:
        """Open or update the complaint case of each stage 1 row; the references changed."""
        created: list[Case] = []
        updated: list[tuple[Case, dict[str, list[Any]]]] = []
        for row in rows:
            if row.stage != 1:
                continue
            case = cases.get(row.reference)
            values: dict[str, Any] = {"opened_on": row.received_on}
            if case is None or self.has("uprn"):
                values["home_id"] = row.home_id
                values["patch_id"] = row.patch_id
            if case is None or self.has("summary"):
                values["summary"] = row.summary
            if case is None:
                case = Case(
                    reference=row.reference,
                    case_type=CaseType.COMPLAINT,
                    status=CaseStatus.OPEN,
                    **values,
                )
                created.append(case)
                cases[row.reference] = case
                continue
            if case.closed_on is not None and case.closed_on < row.received_on:
                values["opened_on"] = case.opened_on  # never open after the case closed
            changes = apply_changes(case, values)
            if changes:
                updated.append((case, changes))
        Case.objects.bulk_create(created, batch_size=500)
        touch(case for case, _ in updated)
        Case.objects.bulk_update(
            [case for case, _ in updated],
            ["opened_on", "home", "patch", "summary", "updated_at"],
            batch_size=500,
        )
        for case in created:
            audit.add(action=AuditAction.CREATE, instance=case, label=case.reference)
        for case, changes in updated:
            audit.add(
                action=AuditAction.UPDATE, instance=case, label=case.reference, changes=changes
            )
        return {case.reference for case in created} | {case.reference for case, _ in updated}

    def _sync_complainants(
        self, rows: Sequence[CheckedComplaint], cases: dict[str, Case], audit: AuditRows
    ) -> dict[int, int]:
        """Make each stage 1 row's `person_ref` its complaint's reporter; case id -> person."""
        case_ids = [case.pk for case in cases.values()]
        reporters: dict[int, list[CaseParty]] = {}
        for party in CaseParty.objects.filter(
            case_id__in=case_ids, role=PartyRole.REPORTER
        ).order_by("id"):
            reporters.setdefault(party.case_id, []).append(party)
        to_create: list[CaseParty] = []
        to_delete: list[CaseParty] = []
        if self.has("person_ref"):
            for row in rows:
                if row.stage != 1:
                    continue
                case = cases[row.reference]
                held = reporters.get(case.pk, [])
                to_delete.extend(party for party in held if party.person_id != row.person_id)
                if row.person_id is not None and all(
                    party.person_id != row.person_id for party in held
                ):
                    to_create.append(
                        CaseParty(case_id=case.pk, person_id=row.person_id, role=PartyRole.REPORTER)
                    )
        references = {case.pk: case.reference for case in cases.values()}
        for party in to_delete:
            audit.add(
                action=AuditAction.DELETE,
                instance=party,
                label=references[party.case_id],
                person_id=party.person_id,
            )
        CaseParty.objects.filter(pk__in=[party.pk for party in to_delete]).delete()
        CaseParty.objects.bulk_create(to_create, batch_size=500)
        for party in to_create:
            audit.add(
                action=AuditAction.CREATE,
                instance=party,
                label=references[party.case_id],
                person_id=party.person_id,
            )
        deleted = {party.pk for party in to_delete}
        complainants: dict[int, int] = {}
        for case_id, held in reporters.items():
            kept = [party for party in held if party.pk not in deleted]
            if kept:
                complainants[case_id] = kept[0].person_id
        complainants.update({party.case_id: party.person_id for party in to_create})
        return complainants

    def _write_details(
        self,
        rows: Sequence[CheckedComplaint],
        cases: dict[str, Case],
        audit: AuditRows,
        complainants: dict[int, int],
    ) -> set[str]:
        """Complaint details for complaints that have none: about `other` until an officer
        says what the complaint is about."""
        wanted = {cases[row.reference].pk: row.reference for row in rows if row.stage == 1}
        held = set(
            ComplaintDetails.objects.filter(case_id__in=list(wanted))
            .order_by()
            .values_list("case_id", flat=True)
        )
        created = [
            ComplaintDetails(case_id=case_id, about=ComplaintAbout.OTHER)
            for case_id in wanted
            if case_id not in held
        ]
        ComplaintDetails.objects.bulk_create(created, batch_size=500)
        for details in created:
            audit.add(
                action=AuditAction.CREATE,
                instance=details,
                label=wanted[details.case_id],
                person_id=complainants.get(details.case_id),
            )
        return {wanted[details.case_id] for details in created}
