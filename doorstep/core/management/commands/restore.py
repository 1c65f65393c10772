"""`manage.py restore FILE [--noinput]`: replace the whole database with a backup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from doorstep.core.backup import BackupError, restore_database


class Command(BaseCommand):
    help = "Restore the database from a file written by `manage.py backup`. Replaces everything."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="Backup file written by manage.py backup")
        parser.add_argument("--database", default="default", help="Database alias")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        alias = options["database"]
        name = connections[alias].settings_dict["NAME"]
        if options["interactive"]:
            answer = input(
                f"This replaces every record in the database {name} with the backup. "
                "Type 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("restore cancelled; nothing was changed")
        try:
            restore_database(options["file"], alias=alias)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"restored {connections[alias].vendor} database from {options['file']}")
