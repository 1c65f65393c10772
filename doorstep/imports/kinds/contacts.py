"""`import_csv contacts` (an addition to CONTRACTS.md): the contact history of a landlord.

A contact is about a person, a home or both, and is known by the landlord's `contact_ref`,
kept beside it (`ImportedContact`) so importing the same file again updates those contacts.
Each contact is logged by `logged_by_email`, or by the import's `--actor` when that is empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from django.utils import timezone

from doorstep.accounts.models import User
from doorstep.contacts.models import Channel, Contact, Direction
from doorstep.core.models import AuditAction
from doorstep.imports.kinds.base import (
    AuditRows,
    BatchResult,
    ImportKind,
    apply_changes,
    insert_rows,
    touch,
)
from doorstep.imports.models import ImportedContact
from doorstep.imports.parsing import (
    Cells,
    Problem,
    code,
    parse_datetime,
    parse_email,
    parse_uprn,
    reference,
    text,
)
from doorstep.people.models import Person
from doorstep.places.models import Home

CHANNEL_CODES = code(Channel)
DIRECTION_CODES = code(Direction)
SUMMARY_MAX = 4000
UPDATE_FIELDS = [
    "person",
    "home",
    "channel",
    "direction",
    "happened_at",
    "summary",
    "logged_by",
    "updated_at",
]


class ContactRow(NamedTuple):
    reference: str
    person_ref: str
    uprn: str
    channel: str
    direction: str
    logged_at: dt.datetime | None  # None only on a row with problems, never written
    summary: str
    logged_by_email: str


class CheckedContact(NamedTuple):
    reference: str
    person_id: int | None
    home_id: int | None
    channel: str
    direction: str
    logged_at: dt.datetime
    summary: str
    logged_by_id: int


class ContactsKind(ImportKind[ContactRow, CheckedContact]):
    name = "contacts"
    reference_column = "contact_ref"
    columns = (
        "contact_ref",
        "person_ref",
        "uprn",
        "channel",
        "direction",
        "logged_at",
        "summary",
        "logged_by_email",
    )
    required = ("contact_ref", "channel", "direction", "logged_at", "summary")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.now = timezone.now()
        # Staff are few: look each email up once per run, not once per batch.
        self.staff: dict[str, tuple[int, bool]] = {}

    def validate_row(self, cells: Cells) -> ContactRow:
        ref = cells.required("contact_ref", reference(30))
        person_ref = cells.optional("person_ref", reference(20))
        uprn = cells.optional("uprn", parse_uprn)
        channel = cells.required("channel", CHANNEL_CODES)
        direction = cells.required("direction", DIRECTION_CODES)
        logged_at = cells.required("logged_at", parse_datetime)
        summary = cells.required("summary", text(SUMMARY_MAX))
        email = cells.optional("logged_by_email", parse_email)
        if logged_at and logged_at > self.now:
            cells.add("logged_at", "a contact cannot be logged in the future")
        if not cells.value("person_ref") and not cells.value("uprn"):
            cells.add("person_ref", "give person_ref or uprn (or both): who or where it is about")
        if not cells.value("logged_by_email") and self.actor is None:
            cells.add(
                "logged_by_email",
                "a value is required when the import names no staff member (--actor)",
            )
        return ContactRow(
            reference=ref or "",
            person_ref=person_ref or "",
            uprn=uprn or "",
            channel=channel or "",
            direction=direction or "",
            logged_at=logged_at,
            summary=summary or "",
            logged_by_email=email or "",
        )

    def check_chunk(
        self, rows: Sequence[tuple[int, ContactRow]]
    ) -> tuple[list[Problem], list[CheckedContact]]:
        people = dict(
            Person.objects.filter(
                reference__in={row.person_ref for _, row in rows if row.person_ref}
            )
            .order_by()
            .values_list("reference", "id")
        )
        homes = dict(
            Home.objects.filter(uprn__in={row.uprn for _, row in rows if row.uprn})
            .order_by()
            .values_list("uprn", "id")
        )
        self._learn_staff({row.logged_by_email for _, row in rows if row.logged_by_email})
        problems: list[Problem] = []
        checked: list[CheckedContact] = []
        for number, row in rows:
            found = True
            person_id = people.get(row.person_ref)
            if row.person_ref and person_id is None:
                problems.append(
                    Problem(
                        number,
                        "person_ref",
                        f"no person has reference {row.person_ref}; import people first",
                    )
                )
                found = False
            home_id = homes.get(row.uprn)
            if row.uprn and home_id is None:
                problems.append(
                    Problem(number, "uprn", "no home has this UPRN; import homes first")
                )
                found = False
            logged_by_id = self._logged_by(number, row, problems)
            if (
                not found
                or logged_by_id is None
                or not row.reference
                or not row.channel
                or not row.direction
                or row.logged_at is None
                or not row.summary
                or (person_id is None and home_id is None)
            ):
                continue  # not written: the run has problems
            checked.append(
                CheckedContact(
                    reference=row.reference,
                    person_id=person_id,
                    home_id=home_id,
                    channel=row.channel,
                    direction=row.direction,
                    logged_at=row.logged_at,
                    summary=row.summary,
                    logged_by_id=logged_by_id,
                )
            )
        return problems, checked

    def _learn_staff(self, emails: set[str]) -> None:
        unknown = emails - self.staff.keys()
        if unknown:
            for email, user_id, active in User.objects.filter(email__in=unknown).values_list(
                "email", "id", "is_active"
            ):
                self.staff[email] = (user_id, active)

    def _logged_by(self, number: int, row: ContactRow, problems: list[Problem]) -> int | None:
        if not row.logged_by_email:
            return self.actor.pk if self.actor is not None else None
        staff = self.staff.get(row.logged_by_email)
        if staff is None:
            problems.append(Problem(number, "logged_by_email", "no staff member has this email"))
            return None
        return staff[0]  # someone who has left still logged their past contacts

    def write_batch(self, rows: Sequence[CheckedContact]) -> BatchResult:
        known = {
            imported.reference: imported.contact
            for imported in ImportedContact.objects.filter(
                reference__in=[row.reference for row in rows]
            )
            .select_related("contact")
            .order_by()
        }
        audit = AuditRows(self.actor)
        created: list[tuple[str, Contact]] = []
        updated: list[tuple[Contact, dict[str, list[Any]]]] = []
        unchanged = 0
        for row in rows:
            contact = known.get(row.reference)
            values: dict[str, Any] = {
                "channel": row.channel,
                "direction": row.direction,
                # In UTC as the database gives it back, so an unchanged row compares equal.
                "happened_at": row.logged_at.astimezone(dt.UTC),
                "summary": row.summary,
            }
            # A column left out of the file leaves that field alone on a contact imported before.
            if contact is None or self.has("person_ref"):
                values["person_id"] = row.person_id
            if contact is None or self.has("uprn"):
                values["home_id"] = row.home_id
            if contact is None or self.has("logged_by_email"):
                values["logged_by_id"] = row.logged_by_id
            if contact is None:
                created.append((row.reference, Contact(**values)))
                continue
            changes = apply_changes(contact, values)
            if changes:
                updated.append((contact, changes))
            else:
                unchanged += 1
        # A million contacts is the largest import there is: the fast insert path.
        insert_rows(Contact, [contact for _, contact in created])
        insert_rows(
            ImportedContact,
            [ImportedContact(reference=ref, contact=contact) for ref, contact in created],
        )
        touch(contact for contact, _ in updated)
        Contact.objects.bulk_update([c for c, _ in updated], UPDATE_FIELDS, batch_size=500)
        for ref, contact in created:
            audit.add(
                action=AuditAction.CREATE,
                instance=contact,
                label=ref,
                person_id=contact.person_id,
            )
        for contact, changes in updated:
            audit.add(
                action=AuditAction.UPDATE,
                instance=contact,
                label=contact.import_reference.reference,
                changes=changes,
                person_id=contact.person_id,
            )
        audit.save()
        return BatchResult(created=len(created), updated=len(updated), unchanged=unchanged)
