"""generate_scale --homes N [--seed S] [--today YYYY-MM-DD] [--force] (CONTRACTS.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from doorstep.scale.organisation import SCALE_PASSWORD
from doorstep.scale.run import ScaleError, generate


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--today: {value!r} is not a date like 2026-03-31.") from exc


class Command(BaseCommand):
    help = (
        "Generate a synthetic landlord of N homes for benchmarks: per home 2.4 people, 1.1 "
        "tenancies, 40 contacts, 8 cases (1 ASB), 20 repairs and 1 complaint over five years. "
        "Bulk-loaded (COPY on PostgreSQL), deterministic for a seed and day, resumable."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--homes", type=int, required=True, help="number of homes")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument(
            "--today",
            type=_day,
            default=None,
            help="the day the data runs up to (default: today); part of what makes it repeat",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="add to a database that already holds homes (never on a live landlord)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["today"] or timezone.localdate()
        try:
            result = generate(
                seed=options["seed"],
                homes=options["homes"],
                today=today,
                force=options["force"],
                progress=lambda line: self.stdout.write(line),
            )
        except ScaleError as exc:
            raise CommandError(str(exc)) from exc
        total = sum(result.counts.values())
        for table, count in sorted(result.counts.items()):
            self.stdout.write(f"  {table}: {count:,}")
        self.stdout.write(
            f"Generated {options['homes']:,} homes ({total:,} rows, "
            f"{result.chunks_loaded} chunks loaded, {result.chunks_skipped} already there) in "
            f"{result.seconds:.1f} s."
        )
        self.stdout.write(f"checksum {result.checksum}")
        officers = [s for s in result.landlord.staff if s.role == "neighbourhood_officer"][:3]
        self.stdout.write(
            "Sign in as any generated officer with the password "
            f"{SCALE_PASSWORD}, e.g. " + ", ".join(s.email for s in officers)
        )
