"""The cases searcher for the header's search box (registered in apps.py).

Cases are found by reference, whole or its start: "ASB-2026-000123", "asb 2026 123",
"HRD-2026". Every matching case is listed, restricted ones too, but a restricted case the user
may not see shows only that it exists and whom to ask; one the user may see is audited.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from doorstep.cases import selectors
from doorstep.cases.models import REFERENCE_PREFIX
from doorstep.search.query import SearchQuery
from doorstep.search.registry import CANDIDATE_LIMIT, Searcher

PREFIXES = frozenset(REFERENCE_PREFIX.values())
# Letters, then optionally the year, then optionally (part of) the number, with any spaces or
# hyphens between: what an officer types from a letter or a phone call.
TYPED_RE = re.compile(r"^([A-Z]{2,3})[\s-]*(?:(\d{4})[\s-]*(\d{0,6}))?$")


def reference_patterns(text: str) -> tuple[str, str]:
    """(exact reference, reference prefix) for what was typed, or ("", "") if it is not a
    case reference. A year is needed: the letters alone would list every case of a type.
    "ASB 2026 123" is case ASB-2026-000123 exactly, and also the start of ASB-2026-123456."""
    match = TYPED_RE.match(text.strip().upper())
    if not match:
        return "", ""
    letters, year, number = match.groups()
    if letters not in PREFIXES or not year:
        return "", ""
    start = f"{letters}-{year}-{number or ''}"
    exact = f"{letters}-{year}-{int(number):06d}" if number else ""
    return exact, start


def find_cases(*, user: Any, query: SearchQuery) -> list[int]:
    exact, prefix = reference_patterns(query.text)
    if not prefix:
        return []
    return selectors.cases_by_reference(
        user=user, exact=exact, prefix=prefix, limit=CANDIDATE_LIMIT
    )


def load_cases(*, user: Any, ids: Sequence[int]) -> list[selectors.CaseRow]:
    return selectors.case_rows_by_ids(user=user, ids=ids, what="case in search results")


CASES = Searcher(
    kind="cases",
    label="Cases",
    template="cases/partials/search_results.html",
    find=find_cases,
    load=load_cases,
    order=30,
)
