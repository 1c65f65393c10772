"""`load_demo`: the demo landlord used by `make run` (CONTRACTS.md)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from doorstep.demo import builder, data


class Command(BaseCommand):
    help = (
        "Load the demo landlord (three offices, homes, households, contacts, call-backs and one "
        "sign-in per role). Does nothing if it is already loaded, unless --reset."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed",
            type=int,
            default=builder.DEFAULT_SEED,
            help=f"random seed; the same seed and date give the same demo (default "
            f"{builder.DEFAULT_SEED})",
        )
        parser.add_argument(
            "--homes",
            type=int,
            default=builder.DEFAULT_HOMES,
            help=f"how many homes (default {builder.DEFAULT_HOMES}, at least {builder.MIN_HOMES})",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="remove the demo landlord first, then load it again",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        seed: int = options["seed"]
        homes: int = options["homes"]
        if homes < builder.MIN_HOMES:
            raise CommandError(f"--homes must be at least {builder.MIN_HOMES}.")
        started = time.monotonic()
        try:
            with transaction.atomic():
                if options["reset"]:
                    removed = builder.delete_demo()
                    if removed:
                        self.stdout.write(f"Removed the demo landlord ({removed} rows).")
                elif builder.demo_is_loaded():
                    self.stdout.write("Demo landlord already loaded; nothing changed.")
                    self._print_logins()
                    return
                builder.check_can_load()
                summary = builder.build_demo(seed=seed, homes=homes, now=timezone.now())
        except builder.DemoError as exc:
            raise CommandError(str(exc)) from exc
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the demo landlord {data.LANDLORD} (seed {summary.seed}, as of "
                f"{summary.today:%d %B %Y}) in {elapsed:.1f} seconds."
            )
        )
        for name, count in summary.counts.items():
            self.stdout.write(f"  {name}: {count:,}")
        self._print_logins()

    def _print_logins(self) -> None:
        logins = builder.demo_logins()
        headings = ("Role", "Name", "Email", "Password")
        rows = [(login.role, login.name, login.email, login.password) for login in logins]
        widths = [max(len(row[i]) for row in (headings, *rows)) for i in range(len(headings))]

        def line(cells: tuple[str, ...]) -> str:
            padded = (cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
            return "  ".join(padded).rstrip()

        self.stdout.write("")
        self.stdout.write("Sign in as any of these (one per role):")
        self.stdout.write(line(headings))
        self.stdout.write(line(tuple("-" * width for width in widths)))
        for row in rows:
            self.stdout.write(line(row))
        self.stdout.write("")
        self.stdout.write(
            f"Start with {data.DEMO_OFFICER} (neighbourhood officer) for a busy My day."
        )
        self.stdout.write(
            "The housing services manager, safeguarding lead and data protection officer must"
            " also use two-factor authentication: at their first sign-in, scan the QR code with"
            " any authenticator app (or type the key shown)."
        )
        self.stdout.write("Open http://127.0.0.1:8000 and sign in.")
