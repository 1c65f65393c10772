"""`tsm_report --year Y [--format json|csv]` (CONTRACTS.md): the Tenant Satisfaction Measures
of DOMAIN.md §11 for reporting year Y (1 April Y to 31 March Y+1), across the whole landlord.

JSON (the default) is one object: {"year": "2025/26", "relevant_homes": N, "NM01_1": …, …};
CSV is a header `measure,value` and one row per measure. A measure with nothing to count (a zero
denominator) is null in JSON and an empty cell in CSV. A missing or malformed year, or an
unknown format, is an error with exit status 1. See docs/reports.md for how each is counted.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from doorstep.reports import tsm

FORMATS = ("json", "csv")


class Command(BaseCommand):
    help = "Tenant Satisfaction Measures for a reporting year (1 April Y to 31 March Y+1)."

    def add_arguments(self, parser: CommandParser) -> None:
        # Checked in handle() rather than by argparse so every bad input exits with status 1.
        parser.add_argument(
            "--year", metavar="Y", help="the year the reporting year starts in: 2025 for 2025/26"
        )
        parser.add_argument("--format", default="json", help="json (the default) or csv")

    def handle(self, *args: Any, **options: Any) -> None:
        if options.get("year") in (None, ""):
            raise CommandError(
                "--year Y is required: 2025 for the year 1 April 2025 to 31 March 2026."
            )
        try:
            year = tsm.parse_year(options["year"])
        except tsm.BadYear as exc:
            raise CommandError(f"--year: {exc}") from None
        output_format = (options.get("format") or "json").lower()
        if output_format not in FORMATS:
            raise CommandError(f"--format must be json or csv, not {options['format']!r}.")
        report = tsm.tsm_report(year=year)
        if output_format == "json":
            self.stdout.write(tsm.as_json(report))
        else:
            self.stdout.write(tsm.as_csv(report), ending="")
