"""What moves with a colleague ("Move a colleague", doorstep.teams.reassign): the open repairs
they look after (each then on the new owner's My day). Labels carry the reference and the
priority, never an address."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from doorstep.core.working_days import LONDON
from doorstep.repairs.models import OPEN_STATUSES, Repair
from doorstep.teams.reassign import ModelReassignable


def _patch_of(repair: Repair) -> int | None:
    if repair.home is not None:
        return repair.home.patch_id or repair.home.estate.patch_id
    estate: Any = repair.block.estate if repair.block is not None else repair.estate
    return estate.patch_id if estate is not None else None


REPAIRS = ModelReassignable(
    kind="repairs",
    label="Open repairs they look after",
    model=Repair,
    owner_field="owner",
    open_q=Q(status__in=OPEN_STATUSES),
    related=["home__estate", "block__estate", "estate"],
    label_of=lambda repair: (
        f"{repair.reference}: {repair.get_priority_display().lower()}"
        f"{', communal' if repair.is_communal else ''}, target "
        f"{repair.target_at.astimezone(LONDON):%-d %b %Y}"
    ),
    url_of=lambda repair: repair.get_absolute_url(),
    patch_of=_patch_of,
)

KINDS = [REPAIRS]
