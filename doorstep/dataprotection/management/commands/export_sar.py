"""export_sar PERSON_REF --out FILE.zip: the subject access export of one person.

Exit status: 0 written; 1 no person has that reference; 2 usage (a missing argument).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from doorstep.dataprotection.services import sar_export_for


class Command(BaseCommand):
    help = "Write the subject access export (summary HTML and PDF, and JSON) of one person."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("person_ref", help="The person's reference, e.g. P100001.")
        parser.add_argument("--out", required=True, help="The zip file to write.")
        parser.add_argument("--no-pdf", action="store_true", help="Leave out summary.pdf (faster).")

    def handle(self, *args: Any, **options: Any) -> None:
        from doorstep.people.models import Person

        reference = options["person_ref"].strip()
        person = Person.objects.filter(reference=reference).first()
        if person is None:
            raise CommandError(f"No person has the reference {reference}.", returncode=1)
        out = Path(options["out"])
        if out.parent and not out.parent.exists():
            raise CommandError(f"--out: the folder {out.parent} does not exist.", returncode=2)
        data = sar_export_for(
            person=person, actor=None, source="command", with_pdf=not options["no_pdf"]
        )
        out.write_bytes(data)
        self.stdout.write(f"wrote the subject access export of {person.reference} to {out}")
