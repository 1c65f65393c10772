"""What other apps do when a letter run finishes, without letters knowing them.

An app registers a function in its AppConfig.ready():

    from doorstep.letters.hooks import register_run_finished
    register_run_finished(letter_sent_to_block)

`hook(*, run)` is called once the run is done (its letters printed or emailed, one contact
logged per household). For example the fly-tipping details (doorstep/flytipping) record "letter
sent to the block" on the case the run was started from:

    def letter_sent_to_block(*, run):
        if run.case_id and run.scope in ("block", "estate") and run.case.case_type == "fly_tipping":
            FlyTippingDetails.objects.filter(case_id=run.case_id).update(
                letter_sent_to_block_on=run.sent_on)

A hook that fails is logged and does not undo the run (the letters have gone).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

logger = logging.getLogger(__name__)

RunFinished = Callable[..., Any]
_run_finished: list[RunFinished] = []


def register_run_finished(hook: RunFinished) -> None:
    if hook not in _run_finished:
        _run_finished.append(hook)


def unregister_run_finished(hook: RunFinished) -> None:
    if hook in _run_finished:
        _run_finished.remove(hook)


def run_finished(*, run: Any) -> None:
    for hook in list(_run_finished):
        try:
            hook(run=run)
        except Exception:
            logger.exception("letter run %s: a run-finished hook failed", run.pk)
