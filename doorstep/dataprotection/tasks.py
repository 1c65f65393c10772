"""Background work (django.tasks): an export can take a while for a long-standing tenant."""

from __future__ import annotations

from django.tasks import task


@task
def generate_sar_export(request_id: int, actor_id: int | None) -> None:
    from doorstep.dataprotection.services import export_generate

    export_generate(request_id=request_id, actor_id=actor_id)
