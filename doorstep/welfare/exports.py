"""The coverage report as CSV. Cells a spreadsheet would read as a formula are guarded by the
shared rule of `doorstep.core.spreadsheets`."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.utils.timezone import localtime

from doorstep.core.spreadsheets import safe_cell
from doorstep.welfare.selectors import COVERAGE_STATUSES, OUTCOME_LABELS

COLUMNS = ["Reference", "Name", "Status", "Calls in period", "Last call", "Last outcome"]
STATUS_LABELS = dict(COVERAGE_STATUSES)


def coverage_csv(people: Iterable[Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for person in people:
        writer.writerow(
            [
                safe_cell(value)
                for value in (
                    person.reference,
                    person.full_name,
                    STATUS_LABELS[person.status],
                    person.calls_in_period or 0,
                    f"{localtime(person.last_call_at):%Y-%m-%d %H:%M}"
                    if person.last_call_at
                    else "",
                    OUTCOME_LABELS.get(person.last_call_outcome or "", ""),
                )
            ]
        )
    return out.getvalue()
