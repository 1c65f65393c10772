"""Cells for CSV and XLSX downloads that a spreadsheet shows as typed and never runs.

Every export (the case list, the TSM measures, dashboard charts, welfare coverage) writes its
cells through these two functions, so stored text such as `=HYPERLINK(...)` or `@SUM(A1)` —
typed by an officer, posted by a resident or brought in by an import — cannot run as a formula
on an officer's computer (CSV/formula injection, OWASP), and no control character can break an
XLSX file.
"""

from __future__ import annotations

import re
from typing import Any

# A spreadsheet reads a cell starting with these as a formula (tab and carriage return can hide
# one); the full-width forms are converted to the ASCII ones by some spreadsheet locales.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")

# The characters XML 1.0 (and so an XLSX file) cannot hold: C0 controls other than tab, newline
# and carriage return. openpyxl refuses them with an error, which would fail the whole download.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_cell(value: Any) -> Any:
    """The value for a CSV cell: text a spreadsheet would run as a formula gets an apostrophe
    in front, so it is shown as typed; anything else is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_xlsx_cell(value: Any) -> Any:
    """The value for an XLSX cell: as `safe_cell`, and any control character an XLSX file
    cannot hold shown as the replacement character (U+FFFD) instead of failing the file."""
    value = safe_cell(value)
    if isinstance(value, str):
        return _XML_ILLEGAL.sub("\ufffd", value)
    return value
