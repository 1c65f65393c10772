"""purge_candidates [--dry-run]: delete job applicants' details once the retention period
after their vacancy closed has passed (RECRUITMENT_CANDIDATE_RETENTION_DAYS, default 180)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from doorstep.recruitment.services import candidates_purge, purge_cutoff


class Command(BaseCommand):
    help = (
        "Delete the candidates of vacancies that closed more than "
        "RECRUITMENT_CANDIDATE_RETENTION_DAYS days ago (default 180)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be deleted; delete nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        dry_run = bool(options["dry_run"])
        result = candidates_purge(today=today, dry_run=dry_run)
        days = settings.RECRUITMENT_CANDIDATE_RETENTION_DAYS
        cutoff = purge_cutoff(today)
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(
            f"{verb} {result.candidates} candidate{'' if result.candidates == 1 else 's'} of "
            f"{result.vacancies} vacanc{'y' if result.vacancies == 1 else 'ies'} closed before "
            f"{cutoff.isoformat()} ({days} days)"
        )
