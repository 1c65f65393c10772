"""`resume_letter_runs`: hand unfinished letter runs whose worker went away back to the worker.

Run it when the task worker starts (`make worker` does). A run counts as stopped when it has
not moved for --minutes (default 5). Households already done are never sent again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from doorstep.letters.models import LetterRun, RunScope, RunStatus


class Command(BaseCommand):
    help = "Queue again the letter runs that stopped before finishing (a worker restart)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--minutes",
            type=int,
            default=5,
            help="how long a run must have been still to count as stopped (default 5)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from doorstep.letters.services import _enqueue

        cutoff = timezone.now() - dt.timedelta(minutes=options["minutes"])
        runs = LetterRun.objects.filter(
            status__in=[RunStatus.QUEUED, RunStatus.RUNNING], updated_at__lt=cutoff
        ).exclude(scope=RunScope.PERSON, status=RunStatus.QUEUED)
        count = 0
        for run in runs.order_by("pk"):
            LetterRun.objects.filter(pk=run.pk).update(
                status=RunStatus.QUEUED, updated_at=timezone.now()
            )
            _enqueue(run)
            count += 1
        self.stdout.write(f"Queued {count} letter run{'' if count == 1 else 's'} again.")
