"""The case page panel linking a case back to the inspection item it was raised from."""

from __future__ import annotations

from typing import Any

from doorstep.inspections.selectors import case_links


def case_panel_context(*, user: Any, case: Any) -> dict[str, Any]:
    """One query: the failed items this case was raised from (usually none)."""
    return {"inspection_answers": case_links(case=case)}
