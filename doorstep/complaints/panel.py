"""The complaint panel on the shared case page: each stage with its clocks, live for today,
and what the officer can do next (registered in apps.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from doorstep.cases.models import Case
from doorstep.cases.permissions import can_edit_case
from doorstep.cases.registry import panel_detail, panel_rows
from doorstep.complaints import clocks
from doorstep.complaints.models import ComplaintDetails, ComplaintStage, Stage


@dataclass(frozen=True)
class StageRow:
    stage: ComplaintStage
    acknowledge: clocks.Clock
    respond: clocks.Clock
    within_code_timescale: bool | None
    extension_left: int

    @property
    def can_acknowledge(self) -> bool:
        return self.stage.acknowledged_on is None

    @property
    def can_respond(self) -> bool:
        return self.stage.acknowledged_on is not None and self.stage.responded_on is None

    @property
    def can_extend(self) -> bool:
        return self.stage.responded_on is None and self.extension_left > 0


def stage_rows(stages: list[ComplaintStage], today: dt.date) -> list[StageRow]:
    rows = []
    for stage in sorted(stages, key=lambda s: s.stage):
        acknowledge, respond = clocks.stage_clocks(stage, today)
        rows.append(
            StageRow(
                stage=stage,
                acknowledge=acknowledge,
                respond=respond,
                within_code_timescale=clocks.within_code_timescale(stage),
                extension_left=clocks.MAX_EXTENSION[stage.stage] - stage.extension_working_days,
            )
        )
    return rows


def can_escalate(stages: list[ComplaintStage]) -> bool:
    by_stage = {s.stage: s for s in stages}
    first = by_stage.get(Stage.ONE)
    return Stage.TWO not in by_stage and first is not None and first.responded_on is not None


def stages_query(case: Any) -> Any:
    return ComplaintStage.objects.filter(case=case).order_by("stage")


# What the panel lists (registered with it): the case page asks whether there are any.
PANEL_ROWS = {"complaint_stages": stages_query}


def complaint_panel_context(*, user: Any, case: Case) -> dict[str, Any]:
    """Two queries (stages, details) plus the case permission check; on the case page, the
    details come with the case and no stages cost no query."""
    stages = panel_rows(case, "complaint_stages", stages_query(case))
    details = panel_detail(case, "complaint_details", ComplaintDetails.objects.filter(case=case))
    can_edit = can_edit_case(user, case) and case.is_open
    return {
        "complaint_case": case,
        "complaint_details": details,
        "complaint_rows": stage_rows(stages, timezone.localdate()),
        "complaint_can_edit": can_edit,
        "complaint_can_escalate": can_edit and can_escalate(stages),
    }
