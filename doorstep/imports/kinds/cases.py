"""`import_csv cases`: cases of any type by reference (TYPE-YYYY-NNNNNN), with ASB details.

The reference from the file is kept as the case's reference; its TYPE part must be the prefix
of the case type. Importing raises the reference sequence of each prefix and year past the
imported numbers, so cases opened later in Doorstep never reuse an imported reference.
`category`, `subtype` and `hate_incident` are the ASB details of an `asb` case.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from doorstep.accounts.models import User
from doorstep.asb.models import AsbDetails, Category, ProtectedCharacteristic, Subtype
from doorstep.cases.models import (
    ALWAYS_RESTRICTED,
    REFERENCE_PREFIX,
    Case,
    CaseSequence,
    CaseStatus,
    CaseType,
    ClosureReason,
)
from doorstep.core.audit import diff, snapshot
from doorstep.core.models import AuditAction
from doorstep.imports.kinds.base import AuditRows, BatchResult, ImportKind, apply_changes, touch
from doorstep.imports.parsing import (
    Cells,
    Problem,
    RowError,
    code,
    parse_bool,
    parse_date,
    parse_email,
    parse_uprn,
    text,
)
from doorstep.places.models import Home

CASE_TYPE_CODES = code(CaseType)
CATEGORY_CODES = code(Category)
SUBTYPE_CODES = code(Subtype)
REFERENCE_RE = re.compile(r"^([A-Z]{2,3})-([0-9]{4})-([0-9]{6})$")
ASB_COLUMNS = ("category", "subtype", "hate_incident")
UPDATE_FIELDS = [
    "summary",
    "opened_on",
    "closed_on",
    "status",
    "closure_reason",
    "restricted",
    "home",
    "patch",
    "lead_officer",
    "team",
    "updated_at",
]


def _withheld(changes: dict[str, list[Any]]) -> dict[str, list[Any]]:
    # AsbDetails.AUDIT_REDACT_VALUES: which fields changed is logged, never their values,
    # exactly as doorstep.core.audit.record_change does.
    return {field: ["(withheld)", "(withheld)"] for field in changes}


def parse_case_reference(value: str) -> tuple[str, int, int]:
    """'ASB-2026-000123' -> ('ASB', 2026, 123)."""
    match = REFERENCE_RE.match(value)
    if match is None:
        raise RowError("not a case reference (TYPE-YYYY-NNNNNN, like ASB-2026-000123)")
    prefix, year, number = match.groups()
    if int(number) == 0:
        raise RowError("case reference numbers start at 000001")
    return prefix, int(year), int(number)


class CaseRow(NamedTuple):
    reference: str
    prefix: str
    year: int
    number: int
    case_type: str
    opened_on: dt.date | None  # None only on a row with problems, never written
    closed_on: dt.date | None
    uprn: str
    lead_officer_email: str
    category: str
    subtype: str
    hate_incident: bool | None
    summary: str


class CheckedCase(NamedTuple):
    reference: str
    prefix: str
    year: int
    number: int
    case_type: str
    opened_on: dt.date
    closed_on: dt.date | None
    home_id: int | None
    patch_id: int | None
    lead_officer_id: int | None
    team_id: int | None
    category: str
    subtype: str
    hate_incident: bool | None
    summary: str


class CasesKind(ImportKind[CaseRow, CheckedCase]):
    name = "cases"
    reference_column = "case_ref"
    columns = (
        "case_ref",
        "case_type",
        "opened_on",
        "closed_on",
        "uprn",
        "lead_officer_email",
        "category",
        "subtype",
        "hate_incident",
        "summary",
    )
    required = ("case_ref", "case_type", "opened_on")

    def validate_row(self, cells: Cells) -> CaseRow:
        ref = cells.required("case_ref", parse_case_reference)
        case_type = cells.required("case_type", CASE_TYPE_CODES)
        opened = cells.required("opened_on", parse_date)
        closed = cells.optional("closed_on", parse_date)
        uprn = cells.optional("uprn", parse_uprn)
        email = cells.optional("lead_officer_email", parse_email)
        category = cells.optional("category", CATEGORY_CODES)
        subtype = cells.optional("subtype", SUBTYPE_CODES)
        hate = cells.optional("hate_incident", parse_bool)
        summary = cells.optional("summary", text(300))
        if ref and case_type and ref[0] != REFERENCE_PREFIX[case_type]:
            cells.add(
                "case_ref",
                f"{case_type} case references start {REFERENCE_PREFIX[case_type]}-, not {ref[0]}-",
            )
        if opened and opened > self.today:
            cells.add("opened_on", "a case cannot open in the future")
        if opened and closed and closed < opened:
            cells.add("closed_on", "the case closes before its opened_on")
        if closed and closed > self.today:
            cells.add("closed_on", "a case cannot close in the future")
        if case_type and case_type != CaseType.ASB:
            for column in ASB_COLUMNS:
                if cells.value(column):
                    cells.add(column, f"only an asb case has a {column}; this is a {case_type}")
        elif case_type == CaseType.ASB and (
            bool(cells.value("category")) != bool(cells.value("subtype"))
            or (cells.value("hate_incident") and not cells.value("category"))
        ):
            for column in ("category", "subtype"):
                if not cells.value(column):
                    cells.add(column, "give category and subtype together, or neither")
        return CaseRow(
            reference=cells.value("case_ref") if ref else "",
            prefix=ref[0] if ref else "",
            year=ref[1] if ref else 0,
            number=ref[2] if ref else 0,
            case_type=case_type or "",
            opened_on=opened,
            closed_on=closed,
            uprn=uprn or "",
            lead_officer_email=email or "",
            category=category or "",
            subtype=subtype or "",
            hate_incident=hate,
            summary=summary or "",
        )

    def check_chunk(
        self, rows: Sequence[tuple[int, CaseRow]]
    ) -> tuple[list[Problem], list[CheckedCase]]:
        homes = {
            uprn: (home_id, patch_id)
            for uprn, home_id, patch_id in Home.objects.filter(
                uprn__in={row.uprn for _, row in rows if row.uprn}
            )
            .order_by()
            .values_list("uprn", "id", "patch_id")
        }
        officers = {
            email: (user_id, active, team_id)
            for email, user_id, active, team_id in User.objects.filter(
                email__in={row.lead_officer_email for _, row in rows if row.lead_officer_email}
            )
            .order_by()
            .values_list("email", "id", "is_active", "team_id")
        }
        existing = dict(
            Case.objects.filter(reference__in={row.reference for _, row in rows if row.reference})
            .order_by()
            .values_list("reference", "case_type")
        )
        problems: list[Problem] = []
        checked: list[CheckedCase] = []
        for number, row in rows:
            found = len(problems)
            home = homes.get(row.uprn)
            if row.uprn and home is None:
                problems.append(
                    Problem(number, "uprn", "no home has this UPRN; import homes first")
                )
            officer = officers.get(row.lead_officer_email)
            if row.lead_officer_email and officer is None:
                problems.append(
                    Problem(number, "lead_officer_email", "no staff member has this email")
                )
            elif officer is not None and not officer[1]:
                problems.append(
                    Problem(number, "lead_officer_email", "this staff member can no longer sign in")
                )
            was = existing.get(row.reference)
            if was is not None and row.case_type and was != row.case_type:
                problems.append(
                    Problem(
                        number,
                        "case_type",
                        f"case {row.reference} is a {was} case; a case's type cannot change",
                    )
                )
            if len(problems) > found or not row.reference or row.opened_on is None:
                continue  # not written: the run has problems
            checked.append(
                CheckedCase(
                    reference=row.reference,
                    prefix=row.prefix,
                    year=row.year,
                    number=row.number,
                    case_type=row.case_type,
                    opened_on=row.opened_on,
                    closed_on=row.closed_on,
                    home_id=home[0] if home else None,
                    patch_id=home[1] if home else None,
                    lead_officer_id=officer[0] if officer else None,
                    team_id=officer[2] if officer else None,
                    category=row.category,
                    subtype=row.subtype,
                    hate_incident=row.hate_incident,
                    summary=row.summary,
                )
            )
        return problems, checked

    def write_batch(self, rows: Sequence[CheckedCase]) -> BatchResult:
        existing = Case.objects.order_by().in_bulk(
            [row.reference for row in rows], field_name="reference"
        )
        result = BatchResult()
        audit = AuditRows(self.actor)
        created: list[Case] = []
        updated: list[tuple[Case, dict[str, list[Any]]]] = []
        unchanged: set[str] = set()
        cases: list[tuple[Case, CheckedCase]] = []
        for row in rows:
            case = existing.get(row.reference)
            values: dict[str, Any] = {"opened_on": row.opened_on}
            if case is None or self.has("closed_on"):
                values["closed_on"] = row.closed_on
                if row.closed_on is None:
                    values["status"] = CaseStatus.OPEN.value
                    values["closure_reason"] = ""
                else:
                    values["status"] = CaseStatus.CLOSED.value
                    # A closure reason Doorstep already holds is kept; otherwise "resolved".
                    values["closure_reason"] = (
                        case.closure_reason
                        if case is not None and case.closure_reason
                        else ClosureReason.RESOLVED.value
                    )
            if case is None or self.has("uprn"):
                values["home_id"] = row.home_id
                values["patch_id"] = row.patch_id
            if case is None or self.has("lead_officer_email"):
                values["lead_officer_id"] = row.lead_officer_id
                values["team_id"] = row.team_id
            if case is None or self.has("summary"):
                values["summary"] = row.summary
            # Safeguarding and domestic abuse cases are always restricted; an import never
            # lifts a restriction someone put on a case.
            values["restricted"] = row.case_type in ALWAYS_RESTRICTED or bool(
                case is not None and case.restricted
            )
            if case is None:
                case = Case(reference=row.reference, case_type=row.case_type, **values)
                created.append(case)
            else:
                changes = apply_changes(case, values)
                if changes:
                    updated.append((case, changes))
                else:
                    unchanged.add(row.reference)
            cases.append((case, row))
        Case.objects.bulk_create(created, batch_size=500)
        touch(case for case, _ in updated)
        Case.objects.bulk_update([case for case, _ in updated], UPDATE_FIELDS, batch_size=500)
        for case in created:
            audit.add(action=AuditAction.CREATE, instance=case, label=case.reference)
        for case, changes in updated:
            audit.add(
                action=AuditAction.UPDATE, instance=case, label=case.reference, changes=changes
            )
        details_changed = self._sync_asb_details(cases, audit)
        raise_sequences((row.prefix, row.year, row.number) for row in rows)
        audit.save()
        result.created = len(created)
        result.updated = len(updated) + len(unchanged & details_changed)
        result.unchanged = len(unchanged - details_changed)
        return result

    def _sync_asb_details(
        self, cases: list[tuple[Case, CheckedCase]], audit: AuditRows
    ) -> set[str]:
        """Create or update the ASB details of asb rows that give a category and subtype."""
        wanted = [(case, row) for case, row in cases if row.category and row.subtype]
        held = {
            details.case_id: details
            for details in AsbDetails.objects.filter(
                case_id__in=[case.pk for case, _ in wanted]
            ).order_by()
        }
        to_create: list[AsbDetails] = []
        to_update: list[AsbDetails] = []
        changed: set[str] = set()
        for case, row in wanted:
            details = held.get(case.pk)
            values: dict[str, Any] = {"category": row.category, "subtype": row.subtype}
            hate = row.hate_incident
            if details is None or self.has("hate_incident"):
                hate = bool(hate)
                values["hate_incident"] = hate
                if not hate:
                    values["protected_characteristic"] = ""
                elif details is None or not details.protected_characteristic:
                    # The file has no protected characteristic; the officer refines "other".
                    values["protected_characteristic"] = ProtectedCharacteristic.OTHER.value
            if details is None:
                details = AsbDetails(case_id=case.pk, **values)
                to_create.append(details)
                changed.add(case.reference)
                continue
            changes = apply_changes(details, values)
            if changes:
                to_update.append(details)
                changed.add(case.reference)
                audit.add(
                    action=AuditAction.UPDATE,
                    instance=details,
                    label=case.reference,
                    changes=_withheld(changes),
                )
        AsbDetails.objects.bulk_create(to_create, batch_size=500)
        touch(to_update)
        AsbDetails.objects.bulk_update(
            to_update,
            ["category", "subtype", "hate_incident", "protected_characteristic", "updated_at"],
            batch_size=500,
        )
        references = {case.pk: case.reference for case, _ in wanted}
        for details in to_create:
            audit.add(
                action=AuditAction.CREATE,
                instance=details,
                label=references[details.case_id],
                changes=_withheld(diff({}, snapshot(details))),
            )
        return changed


def raise_sequences(numbers: Iterable[tuple[str, int, int]]) -> None:
    """Keep each prefix and year's sequence at or past the highest imported number, so a case
    opened later in Doorstep never takes an imported reference."""
    highest: dict[tuple[str, int], int] = {}
    for prefix, year, number in numbers:
        highest[(prefix, year)] = max(highest.get((prefix, year), 0), number)
    if not highest:
        return
    held = {
        (sequence.prefix, sequence.year): sequence
        for sequence in CaseSequence.objects.select_for_update()
        .filter(prefix__in={prefix for prefix, _ in highest})
        .order_by()
    }
    to_create: list[CaseSequence] = []
    to_update: list[CaseSequence] = []
    for (prefix, year), number in highest.items():
        sequence = held.get((prefix, year))
        if sequence is None:
            to_create.append(CaseSequence(prefix=prefix, year=year, last_number=number))
        elif sequence.last_number < number:
            sequence.last_number = number
            to_update.append(sequence)
    CaseSequence.objects.bulk_create(to_create)
    CaseSequence.objects.bulk_update(to_update, ["last_number"])
