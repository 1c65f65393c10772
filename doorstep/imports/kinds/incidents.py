"""`import_csv incidents`: incident reports on ASB cases already imported.

A row is one report of an incident by a person on a day. A report is known again by its case,
`reported_on` and `reporter_ref`: re-importing it updates the description rather than adding a
second report. As when an officer records a report, the place is copied from the case so the
Community Trigger's place rule counts it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from django.db.models import F

from doorstep.asb.models import IncidentReport
from doorstep.cases.models import Case, CaseType
from doorstep.core.models import AuditAction
from doorstep.imports.kinds.base import AuditRows, BatchResult, ImportKind, apply_changes, touch
from doorstep.imports.parsing import Cells, Problem, parse_date, reference, text
from doorstep.people.models import Person

# Longer descriptions belong in the case timeline; 4,000 matches the model.
DESCRIPTION_LENGTH = 4000


class IncidentRow(NamedTuple):
    case_ref: str
    reported_on: dt.date | None  # None only on a row with problems, never written
    reporter_ref: str
    description: str


class CheckedIncident(NamedTuple):
    case_ref: str
    case_id: int
    reporter_id: int
    reported_on: dt.date
    description: str
    place: tuple[int | None, int | None, int | None]  # home, block, estate


class _CaseInfo(NamedTuple):
    id: int
    case_type: str
    opened_on: dt.date
    home_id: int | None
    block_id: int | None
    estate_id: int | None
    home_block_id: int | None
    home_estate_id: int | None
    block_estate_id: int | None


class IncidentsKind(ImportKind[IncidentRow, CheckedIncident]):
    name = "incidents"
    reference_column = "case_ref"
    columns = ("case_ref", "reported_on", "reporter_ref", "description")
    required = ("case_ref", "reported_on", "reporter_ref")

    @classmethod
    def row_key(cls, cells: Cells) -> tuple[str, str]:
        # Several reports to a case: a report is its case, day and reporter.
        parts = [cells.value(column) for column in ("case_ref", "reported_on", "reporter_ref")]
        if not all(parts):
            return "case_ref", ""
        return "reporter_ref", "a report by {2} on {0} on {1}".format(*parts)

    def validate_row(self, cells: Cells) -> IncidentRow:
        case_ref = cells.required("case_ref", reference(20))
        reported_on = cells.required("reported_on", parse_date)
        reporter_ref = cells.required("reporter_ref", reference(20))
        description = cells.optional("description", text(DESCRIPTION_LENGTH))
        if reported_on and reported_on > self.today:
            cells.add("reported_on", "an incident cannot be reported in the future")
        return IncidentRow(
            case_ref=case_ref or "",
            reported_on=reported_on,
            reporter_ref=reporter_ref or "",
            description=description or "",
        )

    def check_chunk(
        self, rows: Sequence[tuple[int, IncidentRow]]
    ) -> tuple[list[Problem], list[CheckedIncident]]:
        cases = {
            values[0]: _CaseInfo(*values[1:])
            for values in Case.objects.filter(
                reference__in={row.case_ref for _, row in rows if row.case_ref}
            )
            .order_by()
            .values_list(
                "reference",
                "id",
                "case_type",
                "opened_on",
                "home_id",
                "block_id",
                "estate_id",
                "home__block_id",
                "home__estate_id",
                "block__estate_id",
            )
        }
        people = dict(
            Person.objects.filter(reference__in={row.reporter_ref for _, row in rows})
            .order_by()
            .values_list("reference", "id")
        )
        problems: list[Problem] = []
        checked: list[CheckedIncident] = []
        for number, row in rows:
            found = len(problems)
            case = cases.get(row.case_ref)
            if row.case_ref and case is None:
                problems.append(
                    Problem(number, "case_ref", "no case has this reference; import cases first")
                )
            elif case is not None and case.case_type != CaseType.ASB:
                problems.append(
                    Problem(
                        number,
                        "case_ref",
                        f"case {row.case_ref} is a {case.case_type} case; "
                        "incidents are for asb cases",
                    )
                )
            elif case is not None and row.reported_on and row.reported_on < case.opened_on:
                problems.append(
                    Problem(number, "reported_on", f"before case {row.case_ref} was opened")
                )
            reporter = people.get(row.reporter_ref)
            if row.reporter_ref and reporter is None:
                problems.append(
                    Problem(
                        number,
                        "reporter_ref",
                        f"no person has reference {row.reporter_ref}; import people first",
                    )
                )
            if len(problems) > found or case is None or reporter is None:
                continue  # not written: the run has problems
            if row.reported_on is None:
                continue
            place: tuple[int | None, int | None, int | None]
            if case.home_id is not None:
                place = (case.home_id, case.home_block_id, case.home_estate_id)
            elif case.block_id is not None:
                place = (None, case.block_id, case.block_estate_id)
            else:
                place = (None, None, case.estate_id)
            checked.append(
                CheckedIncident(
                    case_ref=row.case_ref,
                    case_id=case.id,
                    reporter_id=reporter,
                    reported_on=row.reported_on,
                    description=row.description,
                    place=place,
                )
            )
        return problems, checked

    def write_batch(self, rows: Sequence[CheckedIncident]) -> BatchResult:
        existing: dict[tuple[int, int, dt.date], IncidentReport] = {}
        for report in (
            IncidentReport.objects.filter(
                case_id__in={row.case_id for row in rows},
                reporter_id__in={row.reporter_id for row in rows},
            )
            # The first recorded is the one a re-import updates.
            .order_by(F("id").desc())
        ):
            existing[(report.case_id, report.reporter_id, report.reported_on)] = report
        result = BatchResult()
        audit = AuditRows(self.actor)
        created: list[tuple[IncidentReport, str]] = []
        updated: list[tuple[IncidentReport, str, dict[str, list[Any]]]] = []
        for row in rows:
            held = existing.get((row.case_id, row.reporter_id, row.reported_on))
            values: dict[str, Any] = {
                "about_home_id": row.place[0],
                "about_block_id": row.place[1],
                "about_estate_id": row.place[2],
            }
            if held is None or self.has("description"):
                values["description"] = row.description
            if held is None:
                report = IncidentReport(
                    case_id=row.case_id,
                    reporter_id=row.reporter_id,
                    reported_on=row.reported_on,
                    recorded_by=self.actor,
                    **values,
                )
                created.append((report, row.case_ref))
                continue
            changes = apply_changes(held, values)
            if changes:
                updated.append((held, row.case_ref, changes))
            else:
                result.unchanged += 1
        IncidentReport.objects.bulk_create([report for report, _ in created], batch_size=500)
        touch(report for report, _, _ in updated)
        IncidentReport.objects.bulk_update(
            [report for report, _, _ in updated],
            ["description", "about_home", "about_block", "about_estate", "updated_at"],
            batch_size=500,
        )
        for report, case_ref in created:
            audit.add(
                action=AuditAction.CREATE,
                instance=report,
                label=case_ref,
                person_id=report.reporter_id,
            )
        for report, case_ref, changes in updated:
            audit.add(
                action=AuditAction.UPDATE,
                instance=report,
                label=case_ref,
                changes=changes,
                person_id=report.reporter_id,
            )
        audit.save()
        result.created = len(created)
        result.updated = len(updated)
        return result
