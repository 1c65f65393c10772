"""`import_csv contacts` (an addition): every column's bad input, references, re-imports."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from doorstep.contacts.models import Contact
from doorstep.core.models import AuditEvent
from doorstep.imports.models import ImportedContact
from doorstep.imports.tests.helpers import run_import

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("freeze"),
]

COLUMNS = (
    "contact_ref",
    "person_ref",
    "uprn",
    "channel",
    "direction",
    "logged_at",
    "summary",
    "logged_by_email",
)


@pytest.fixture
def freeze():
    with time_machine.travel(dt.datetime(2025, 6, 2, 10, 0, tzinfo=dt.UTC)):
        yield


@pytest.fixture
def known(person, home, officer):
    return {"person_ref": person.reference, "uprn": home.uprn, "logged_by_email": officer.email}


def a_contact(known, **cells: str) -> dict[str, str]:
    row = {
        "contact_ref": "C1",
        "person_ref": known["person_ref"],
        "uprn": known["uprn"],
        "channel": "phone",
        "direction": "inbound",
        "logged_at": "2025-05-30T09:15",
        "summary": "Rang about the noise from the flat above.",
        "logged_by_email": known["logged_by_email"],
    }
    row.update(cells)
    return row


def test_every_kind_of_the_contract_is_registered_in_import_order():
    from doorstep.imports.kinds import KINDS

    assert list(KINDS) == [
        "homes",
        "people",
        "tenancies",
        "cases",
        "incidents",
        "repairs",
        "complaints",
        "contacts",  # the addition, last: a contact names people and homes
    ]


CHANNELS = "phone, email, visit, letter, text, portal"
BAD_CELLS = [
    ("contact_ref", "", "a value is required"),
    ("contact_ref", "C 1", "a reference cannot contain spaces or ';'"),
    ("contact_ref", "C" * 31, "too long (31 characters; at most 30)"),
    ("person_ref", "NOBODY", "no person has reference NOBODY; import people first"),
    ("uprn", "12-34", "not a UPRN (1 to 12 digits)"),
    ("uprn", "999999999999", "no home has this UPRN; import homes first"),
    ("channel", "", "a value is required"),
    ("channel", "fax", f"unknown channel 'fax' (one of: {CHANNELS})"),
    ("direction", "sideways", "unknown direction 'sideways' (one of: inbound, outbound)"),
    ("logged_at", "", "a value is required"),
    (
        "logged_at",
        "30/05/2025 09:15",
        "not a date and time (use YYYY-MM-DDTHH:MM, like 2024-03-31T14:30)",
    ),
    ("logged_at", "2025-06-03T09:00", "a contact cannot be logged in the future"),
    ("summary", "", "a value is required"),
    ("summary", "x" * 4001, "too long (4001 characters; at most 4000)"),
    ("logged_by_email", "someone@", "not an email address (like name@example.com)"),
    ("logged_by_email", "nobody@example.com", "no staff member has this email"),
]


@pytest.mark.parametrize(("column", "value", "message"), BAD_CELLS)
def test_a_bad_cell_is_reported_by_row_and_column_and_nothing_is_written(
    write_csv, known, column, value, message
):
    path = write_csv([a_contact(known, contact_ref="C0"), a_contact(known, **{column: value})])

    outcome = run_import("contacts", str(path))

    assert (outcome.status, outcome.out) == (1, "")
    assert outcome.errors == [f"row 2: {column}: {message}"]
    assert Contact.objects.count() == 0


def test_a_contact_is_about_a_person_or_a_home(write_csv, known):
    path = write_csv([a_contact(known, person_ref="", uprn="")])

    outcome = run_import("contacts", str(path))

    assert outcome.errors == [
        "row 1: person_ref: give person_ref or uprn (or both): who or where it is about"
    ]


def test_without_logged_by_email_the_actor_logs_it(write_csv, known, manager):
    rows = [{k: v for k, v in a_contact(known).items() if k != "logged_by_email"}]
    path = write_csv(rows)

    refused = run_import("contacts", str(path))
    imported = run_import("contacts", str(path), "--actor", manager.email)

    assert refused.errors == [
        "row 1: logged_by_email: a value is required when the import names no staff member "
        "(--actor)"
    ]
    assert imported.out == "imported 1 contacts\n"
    assert Contact.objects.get().logged_by == manager


def test_missing_and_unknown_columns_are_named(write_csv, known):
    row = a_contact(known, colour="red")
    del row["channel"]
    path = write_csv([row])

    outcome = run_import("contacts", str(path))

    assert outcome.errors == [
        f"header: colour: unknown column (contacts columns are {', '.join(COLUMNS)})",
        "header: channel: required column is missing",
    ]


def test_a_reference_twice_in_the_file_is_reported(write_csv, known):
    path = write_csv([a_contact(known), a_contact(known)])

    assert run_import("contacts", str(path)).errors == ["row 2: contact_ref: C1 is also on row 1"]


def test_contacts_are_created_audited_and_updated_on_re_import(
    write_csv, known, person, home, officer
):
    path = write_csv([a_contact(known), a_contact(known, contact_ref="C2", person_ref="")])

    first = run_import("contacts", str(path), "-v", "2")

    assert first.out == "imported 2 contacts\n2 created, 0 updated, 0 unchanged\n"
    contact = ImportedContact.objects.get(reference="C1").contact
    assert (contact.person, contact.home, contact.logged_by) == (person, home, officer)
    assert contact.happened_at == dt.datetime(2025, 5, 30, 8, 15, tzinfo=dt.UTC)  # BST
    assert AuditEvent.objects.filter(object_type="contacts.contact", source="import").count() == 2

    again = run_import("contacts", str(path), "-v", "2")
    assert again.out == "imported 2 contacts\n0 created, 0 updated, 2 unchanged\n"

    changed = write_csv([a_contact(known, summary="Noise again, diary sheets sent.")])
    assert run_import("contacts", str(changed), "-v", "2").out.endswith(
        "0 created, 1 updated, 0 unchanged\n"
    )
    assert Contact.objects.count() == 2
    assert ImportedContact.objects.get(reference="C1").contact.summary.startswith("Noise again")


def test_a_dry_run_writes_nothing(write_csv, known):
    path = write_csv([a_contact(known)])

    outcome = run_import("contacts", str(path), "--dry-run")

    assert outcome.out == "dry run: 1 contacts checked, no problems; nothing written\n"
    assert Contact.objects.count() == 0


def test_lookups_are_batched_so_queries_do_not_grow_with_rows(
    write_csv, known, django_assert_max_num_queries
):
    few = write_csv([a_contact(known, contact_ref=f"A{n}") for n in range(3)])
    many = write_csv([a_contact(known, contact_ref=f"B{n}") for n in range(300)])

    with django_assert_max_num_queries(40):
        assert run_import("contacts", str(few)).status == 0
    with django_assert_max_num_queries(40):
        assert run_import("contacts", str(many)).status == 0
    assert Contact.objects.count() == 303
