"""`manage.py import_csv KIND FILE [--dry-run] [--no-progress]` (CONTRACTS.md, docs/import.md)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any, cast

from django.core.management.base import BaseCommand, CommandError

from doorstep.accounts.models import User
from doorstep.imports.kinds import KINDS
from doorstep.imports.parsing import Problem
from doorstep.imports.progress import Stream, TerminalProgress
from doorstep.imports.runner import run_import


class Command(BaseCommand):
    help = (
        "Import one CSV file, all or nothing. KIND is one of: "
        + ", ".join(KINDS)
        + " (import them in that order). See docs/import.md."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("kind", metavar="KIND", choices=list(KINDS), help=", ".join(KINDS))
        parser.add_argument("file", metavar="FILE", help="a UTF-8, comma-separated file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and report; write nothing"
        )
        parser.add_argument(
            "--actor",
            metavar="EMAIL",
            help="the staff member the audit log names (default: the system)",
        )
        parser.add_argument(
            "--no-progress",
            action="store_true",
            help="no progress line (it is only shown when standard error is a terminal)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kind: str = options["kind"]
        dry_run: bool = options["dry_run"]
        actor = self._actor(options.get("actor"))

        progress = None
        if not options["no_progress"] and self.stderr.isatty():
            # The raw stream: the progress line is redrawn in place, never styled.
            progress = TerminalProgress(cast("Stream", self.stderr._out))

        def report(problem: Problem) -> None:
            if progress is not None:
                progress.clear()
            self.stderr.write(str(problem))

        result = run_import(
            kind=kind,
            path=options["file"],
            report=report,
            dry_run=dry_run,
            actor=actor,
            progress=progress,
        )
        if progress is not None:
            progress.clear()
        if not result.ok:
            raise SystemExit(1)
        if dry_run:
            self.stdout.write(
                f"dry run: {result.rows} {kind} checked, no problems; nothing written"
            )
            return
        self.stdout.write(f"imported {result.rows} {kind}")
        if options["verbosity"] >= 2:
            counts = result.counts
            self.stdout.write(
                f"{counts.created} created, {counts.updated} updated, {counts.unchanged} unchanged"
            )

    def _actor(self, email: str | None) -> User | None:
        if not email:
            return None
        actor = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if actor is None:
            raise CommandError("--actor: no active staff member has this email address")
        return actor
