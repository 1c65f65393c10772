"""Helpers for import tests: run the command, count what is stored, write CSV text."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.management import call_command

from doorstep.core.models import AuditEvent
from doorstep.people.models import Person, VulnerabilityFlag
from doorstep.places.models import Block, Estate, Home
from doorstep.tenancies.models import Tenancy, TenancyMember

STORED = (Home, Estate, Block, Person, VulnerabilityFlag, Tenancy, TenancyMember, AuditEvent)


@dataclass
class Outcome:
    status: int
    out: str
    err: str

    @property
    def errors(self) -> list[str]:
        return self.err.splitlines()


def run_import(*args: str) -> Outcome:
    """`manage.py import_csv *args`, with the exit status it would have."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_csv", *args, stdout=out, stderr=err)
        status = 0
    except SystemExit as exc:
        status = int(exc.code or 0)
    return Outcome(status, out.getvalue(), err.getvalue())


def stored() -> dict[str, int]:
    """How many of each record exist: compared before and after a refused import."""
    return {model.__name__: model.objects.count() for model in STORED}


def csv_text(rows: Sequence[Mapping[str, str]], columns: Sequence[str] | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns or rows[0].keys()), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
