"""A letter to every household of the block (or estate), sent from a fly-tipping case, is
recorded on the case as "letter sent to the block" (DOMAIN.md §6, §8) — registered with the
letters work's run-finished hook, so letters never needs to know about fly-tipping."""

from __future__ import annotations

from typing import Any

from doorstep.cases.models import CaseType
from doorstep.flytipping.models import FlyTipping
from doorstep.flytipping.services import fly_tipping_letter_sent

WHOLE_PLACE = ("block", "estate")


def letter_run_finished(*, run: Any) -> None:
    if not run.case_id or run.scope not in WHOLE_PLACE:
        return
    case = run.case
    if case.case_type != CaseType.FLY_TIPPING or not FlyTipping.objects.filter(case=case).exists():
        return
    fly_tipping_letter_sent(actor=run.created_by, case=case, sent_on=run.sent_on, source="letters")
