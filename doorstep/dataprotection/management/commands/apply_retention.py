"""apply_retention [--dry-run]: the retention run of DOMAIN.md §12 (rules in retention.py and
docs/data-protection.md). The dry run prints exactly what the real run would change."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from doorstep.dataprotection.retention import retention_run


class Command(BaseCommand):
    help = "Anonymise closed cases past retention and delete what has expired (see --dry-run)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; change nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = retention_run(dry_run=bool(options["dry_run"]))
        for line in report.lines():
            self.stdout.write(line)
