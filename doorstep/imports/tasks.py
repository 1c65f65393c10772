"""Background tasks (`django.tasks`, see TASKS in settings) for large uploaded files."""

from __future__ import annotations

from django.tasks import task

from doorstep.imports import services


@task
def check_upload(run_id: int) -> None:
    services.check_run(run_id=run_id)


@task
def import_upload(run_id: int) -> None:
    services.import_checked_run(run_id=run_id)
