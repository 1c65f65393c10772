"""Background tasks for letters (Django's task framework; `make worker` runs them)."""

from __future__ import annotations

from django.tasks import task


@task()
def letter_run_task(run_id: int) -> dict[str, int | str]:
    """Do a letter run for a block or an estate. Safe to run again: households already done
    are skipped."""
    from doorstep.letters.services import letter_run_process

    run = letter_run_process(run_id=run_id)
    return {"run": run.pk, "status": run.status, "printed": run.printed, "emailed": run.emailed}
