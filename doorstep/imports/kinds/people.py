"""`import_csv people`: people by reference, with their vulnerability flags.

A listed vulnerability code opens a flag (starting today) unless one with that code is already
open; flags are never closed by an import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from doorstep.core.models import AuditAction
from doorstep.imports.kinds.base import AuditRows, BatchResult, ImportKind, apply_changes, touch
from doorstep.imports.parsing import (
    Cells,
    Problem,
    RowError,
    code_list,
    parse_date,
    parse_email,
    parse_phone,
    reference,
    text,
)
from doorstep.people.models import Person, Vulnerability, VulnerabilityFlag
from doorstep.people.search_keys import name_key, person_search_text

EARLIEST_BIRTH = dt.date(1900, 1, 1)
VULNERABILITY_CODES = code_list(Vulnerability)
UPDATE_FIELDS = [
    "first_name",
    "last_name",
    "date_of_birth",
    "phone",
    "email",
    "search_text",
    "name_key",
    "updated_at",
]


class PersonRow(NamedTuple):
    reference: str
    first_name: str
    last_name: str
    date_of_birth: dt.date | None
    phone: str
    email: str
    vulnerabilities: tuple[str, ...]


class PeopleKind(ImportKind[PersonRow, PersonRow]):
    name = "people"
    reference_column = "person_ref"
    columns = (
        "person_ref",
        "first_name",
        "last_name",
        "date_of_birth",
        "phone",
        "email",
        "vulnerabilities",
    )
    required = ("person_ref", "first_name", "last_name")

    def validate_row(self, cells: Cells) -> PersonRow:
        ref = cells.required("person_ref", reference(20))
        first_name = cells.required("first_name", text(80))
        last_name = cells.required("last_name", text(80))
        born = cells.optional("date_of_birth", self._date_of_birth)
        phone = cells.optional("phone", parse_phone)
        email = cells.optional("email", parse_email)
        codes = cells.optional("vulnerabilities", VULNERABILITY_CODES)
        return PersonRow(
            reference=ref or "",
            first_name=first_name or "",
            last_name=last_name or "",
            date_of_birth=born,
            phone=phone or "",
            email=email or "",
            vulnerabilities=codes or (),
        )

    def _date_of_birth(self, value: str) -> dt.date:
        born = parse_date(value)
        if born > self.today:
            raise RowError("date of birth is in the future")
        if born < EARLIEST_BIRTH:
            raise RowError(f"date of birth is before {EARLIEST_BIRTH.isoformat()}")
        return born

    def check_chunk(
        self, rows: Sequence[tuple[int, PersonRow]]
    ) -> tuple[list[Problem], list[PersonRow]]:
        # People refer to nothing else, so there is nothing to look up.
        return [], [row for _, row in rows]

    def write_batch(self, rows: Sequence[PersonRow]) -> BatchResult:
        existing = Person.objects.order_by().in_bulk(
            [row.reference for row in rows], field_name="reference"
        )
        result = BatchResult()
        audit = AuditRows(self.actor)
        created: list[Person] = []
        updated: list[tuple[Person, dict[str, list[Any]]]] = []
        people: list[tuple[Person, PersonRow]] = []
        for row in rows:
            person = existing.get(row.reference)
            values = self._values(row, person)
            if person is None:
                person = Person(reference=row.reference, **values)
                _keep_search_keys(person)
                created.append(person)
            else:
                changes = apply_changes(person, values)
                _keep_search_keys(person)
                if changes:
                    updated.append((person, changes))
                else:
                    result.unchanged += 1
            people.append((person, row))
        Person.objects.bulk_create(created, batch_size=500)
        touch(person for person, _ in updated)
        Person.objects.bulk_update([person for person, _ in updated], UPDATE_FIELDS, batch_size=500)
        for person in created:
            audit.add(
                action=AuditAction.CREATE,
                instance=person,
                label=person.reference,
                person_id=person.pk,
            )
        for person, changes in updated:
            audit.add(
                action=AuditAction.UPDATE,
                instance=person,
                label=person.reference,
                changes=changes,
                person_id=person.pk,
            )
        self._open_flags(people, audit)
        audit.save()
        result.created = len(created)
        result.updated = len(updated)
        return result

    def _values(self, row: PersonRow, person: Person | None) -> dict[str, Any]:
        values: dict[str, Any] = {"first_name": row.first_name, "last_name": row.last_name}
        # A column left out of the file leaves that field alone on an existing person.
        for column in ("date_of_birth", "phone", "email"):
            if person is None or self.has(column):
                values[column] = getattr(row, column)
        return values

    def _open_flags(self, people: list[tuple[Person, PersonRow]], audit: AuditRows) -> None:
        wanted = [(person, row) for person, row in people if row.vulnerabilities]
        if not wanted:
            return
        already_open = set(
            VulnerabilityFlag.objects.filter(
                person_id__in=[person.pk for person, _ in wanted], end_date__isnull=True
            )
            .order_by()
            .values_list("person_id", "code")
        )
        flags = [
            VulnerabilityFlag(
                person_id=person.pk,
                code=flag_code,
                start_date=self.today,
                recorded_by=self.actor,
            )
            for person, row in wanted
            for flag_code in row.vulnerabilities
            if (person.pk, flag_code) not in already_open
        ]
        VulnerabilityFlag.objects.bulk_create(flags, batch_size=500)
        references = {person.pk: person.reference for person, _ in wanted}
        for flag in flags:
            audit.add(
                action=AuditAction.CREATE,
                instance=flag,
                label=f"{references[flag.person_id]} {flag.code}",
                person_id=flag.person_id,
            )


def _keep_search_keys(person: Person) -> None:
    person.search_text = person_search_text(person)
    person.name_key = name_key(person.last_name)
