"""`manage.py backup [--out FILE]`: a consistent copy of the whole database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from doorstep.core.backup import BackupError, backup_database, default_backup_path


class Command(BaseCommand):
    help = (
        "Back up the database: SQLite with the online backup API, PostgreSQL with "
        "pg_dump --format=custom. Safe while the application is running."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--out",
            type=Path,
            help="File to write (default: var/backups/doorstep-YYYYMMDD-HHMMSS.sqlite3 or .dump)",
        )
        parser.add_argument("--database", default="default", help="Database alias")

    def handle(self, *args: Any, **options: Any) -> None:
        alias = options["database"]
        vendor = connections[alias].vendor
        path = options["out"] or default_backup_path(
            Path(settings.BASE_DIR) / "var" / "backups", vendor=vendor
        )
        try:
            written = backup_database(path, alias=alias)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"backed up {vendor} database to {written}")
