from __future__ import annotations

from django.tasks import task


@task
def refresh_duplicate_candidates() -> int:
    from doorstep.duplicates.services import candidates_refresh

    return candidates_refresh()
