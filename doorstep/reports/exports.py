"""Downloads of the Tenant Satisfaction Measures page and of dashboard charts, as CSV and XLSX.

Every text cell a spreadsheet would read as a formula is guarded with the same rule as the case
exports (`doorstep.core.spreadsheets`), so no exported text can run as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from doorstep.core.spreadsheets import safe_cell, safe_xlsx_cell
from doorstep.reports.selectors import TsmPage

TSM_COLUMNS = [
    "Measure",
    "Description",
    "Year",
    "Value",
    "Counted",
    "Out of",
    "Previous year",
    "Previous value",
    "Change",
]


def tsm_rows(page: TsmPage) -> list[list[Any]]:
    """The page's table: relevant homes, then one row per measure. A measure with nothing to
    count has an empty value."""
    report, previous = page.report, page.previous
    rows: list[list[Any]] = [
        [
            "relevant_homes",
            "Relevant homes on 31 March",
            report.year.label,
            report.relevant_homes,
            "",
            "",
            previous.year.label,
            previous.relevant_homes,
            page.homes_change_text,
        ]
    ]
    for line in page.lines:
        measure = line.measure
        rows.append(
            [
                measure.code,
                measure.info.title,
                report.year.label,
                measure.value,
                measure.numerator,
                measure.denominator,
                previous.year.label,
                line.previous.value,
                line.change_text,
            ]
        )
    return rows


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    return safe_cell(value)


def to_csv(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    # A byte-order mark so Excel opens the file as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(sheet_name: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name[:31])
    sheet.append(list(columns))
    for row in rows:
        # Decimals go in as numbers so a spreadsheet can chart them; text is guarded.
        sheet.append([v if v is None or isinstance(v, Decimal) else safe_xlsx_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
