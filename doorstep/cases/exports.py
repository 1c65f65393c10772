"""CSV and XLSX exports of a filtered case list.

Every text cell that a spreadsheet would read as a formula (starting = + - @, or a tab or
carriage return) is prefixed with an apostrophe, so an exported summary can never run as a
formula on an officer's computer (CSV/formula injection): the shared rule of
`doorstep.core.spreadsheets`, which every export uses.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

from doorstep.cases.models import CaseStatus, RiskLevel
from doorstep.cases.selectors import CaseRow
from doorstep.core.spreadsheets import FORMULA_STARTS, safe_cell, safe_xlsx_cell

__all__ = ["COLUMNS", "FORMULA_STARTS", "guard", "row_values", "to_csv", "to_xlsx"]
COLUMNS = [
    "Reference",
    "Type",
    "Restricted",
    "Summary",
    "Status",
    "Risk",
    "Place",
    "Patch",
    "Lead officer",
    "Team",
    "Opened on",
    "Closed on",
    "Closure reason",
    "Overdue actions",
    "Next action due",
]


# Kept under its old name: other apps' exports and tests import it from here.
guard = safe_cell


def row_values(row: CaseRow) -> list[Any]:
    """One export line. A restricted case the user may not see gives only its reference,
    type and whom to ask."""
    if row.case is None:
        return [
            row.reference,
            row.case_type_label,
            "Yes",
            row.restricted_text,
            *[""] * (len(COLUMNS) - 4),
        ]
    case = row.case
    return [
        case.reference,
        row.case_type_label,
        "Yes" if case.restricted else "No",
        case.summary,
        CaseStatus(case.status).label,
        RiskLevel(case.risk_level).label,
        row.place,
        case.patch.name if case.patch_id else "",  # type: ignore[union-attr]
        case.lead_officer.full_name if case.lead_officer_id else "",  # type: ignore[union-attr]
        case.team.name if case.team_id else "",  # type: ignore[union-attr]
        case.opened_on,
        case.closed_on,
        case.get_closure_reason_display(),
        row.overdue_actions,
        row.next_action_on,
    ]


def _guarded(rows: Iterable[CaseRow]) -> Iterable[list[Any]]:
    for row in rows:
        yield [guard(value) for value in row_values(row)]


def to_csv(rows: Iterable[CaseRow]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for values in _guarded(rows):
        writer.writerow(
            ["" if v is None else (v.isoformat() if isinstance(v, dt.date) else v) for v in values]
        )
    # A byte-order mark so Excel opens the file as UTF-8 (names with accents, the £ sign).
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows: Iterable[CaseRow]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Cases")
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append([safe_xlsx_cell(value) for value in row_values(row)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
