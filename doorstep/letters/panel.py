"""The "Letters" panel on the case page (registered in apps.py): letters sent from the case,
and links to write to the case's block or estate. Not on safeguarding or domestic-abuse cases:
a letter to the neighbours could put someone at risk. Two queries at most."""

from __future__ import annotations

from typing import Any

from doorstep.cases.models import ALWAYS_RESTRICTED, CaseType
from doorstep.letters import selectors
from doorstep.letters.permissions import can_send_to_place, can_use_letters
from doorstep.places.models import Block

PANEL_TYPES = frozenset(value for value in CaseType.values if value not in ALWAYS_RESTRICTED)


def case_places(case: Any) -> tuple[Any, Any]:
    """The case's block and estate: its own, or its home's."""
    block = case.block
    if block is None and case.home is not None and case.home.block_id:
        # The case page loads the home's block with the case; elsewhere, one query.
        block = (
            case.home.block
            if type(case.home).block.is_cached(case.home)
            else Block.objects.select_related("estate").get(pk=case.home.block_id)
        )
    estate = case.estate or (block.estate if block is not None else None)
    if estate is None and case.home is not None:
        estate = case.home.estate
    return block, estate


def letters_panel_context(*, user: Any, case: Any) -> dict[str, Any]:
    if not can_use_letters(user):
        return {"letters_shown": False}
    block, estate = case_places(case)
    may_send = estate is not None and can_send_to_place(user, estate) and case.status != "closed"
    return {
        "letters_shown": True,
        "letter_runs": selectors.runs_for_case(case=case),
        "letter_block": block if may_send else None,
        "letter_estate": estate if may_send else None,
    }
