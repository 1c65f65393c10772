"""`import_csv people`: every column's bad input, phones, flags and re-imports."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from doorstep.core.models import AuditEvent
from doorstep.imports.kinds.people import PeopleKind
from doorstep.imports.tests.helpers import run_import, stored
from doorstep.people.models import Person, VulnerabilityFlag
from doorstep.people.search_keys import name_key
from doorstep.people.tests.factories import FlagFactory, PersonFactory

pytestmark = pytest.mark.django_db

VULNERABILITIES = (
    "older_person, shielding, lives_alone, disability, mental_health, learning_disability, "
    "hoarding, self_neglect, domestic_abuse, substance_misuse, care_leaver, "
    "hearing_impairment, sight_impairment, risk_to_staff"
)


def a_person(**cells: str) -> dict[str, str]:
    row = {
        "person_ref": "P100001",
        "first_name": "Edna",
        "last_name": "Thompson",
        "date_of_birth": "1941-03-12",
        "phone": "0121 496 0101",
        "email": "edna@example.com",
        "vulnerabilities": "older_person;lives_alone",
    }
    row.update(cells)
    return row


BAD_CELLS = [
    ("person_ref", "", "a value is required"),
    ("person_ref", "P 1", "a reference cannot contain spaces or ';'"),
    ("person_ref", "P" * 21, "too long (21 characters; at most 20)"),
    ("first_name", "", "a value is required"),
    ("first_name", "x" * 81, "too long (81 characters; at most 80)"),
    ("last_name", "", "a value is required"),
    ("last_name", "x" * 81, "too long (81 characters; at most 80)"),
    ("date_of_birth", "12/03/1941", "not a date (use YYYY-MM-DD, like 2024-03-31)"),
    ("date_of_birth", "1941-02-30", "not a real date (use YYYY-MM-DD, like 2024-03-31)"),
    ("date_of_birth", "2030-01-01", "date of birth is in the future"),
    ("date_of_birth", "1899-12-31", "date of birth is before 1900-01-01"),
    ("phone", "123", "not a real phone number (like 0121 496 0000 or +44 121 496 0000)"),
    ("phone", "ring me", "not a real phone number (like 0121 496 0000 or +44 121 496 0000)"),
    ("email", "edna@", "not an email address (like name@example.com)"),
    ("vulnerabilities", "flying", f"unknown vulnerability 'flying' (one of: {VULNERABILITIES})"),
    (
        "vulnerabilities",
        "Older_Person",
        f"unknown vulnerability 'Older_Person' (one of: {VULNERABILITIES})",
    ),
    ("vulnerabilities", "lives_alone;lives_alone", "'lives_alone' is listed twice"),
]


@time_machine.travel(dt.datetime(2025, 6, 2, 10, 0, tzinfo=dt.UTC))
@pytest.mark.parametrize(("column", "value", "message"), BAD_CELLS)
def test_a_bad_cell_is_reported_by_row_and_column_and_nothing_is_written(
    write_csv, column, value, message
):
    path = write_csv([a_person(person_ref="P100000"), a_person(**{column: value})])
    before = stored()

    outcome = run_import("people", str(path))

    assert outcome.status == 1
    assert outcome.errors == [f"row 2: {column}: {message}"]
    assert outcome.out == ""
    assert stored() == before


@pytest.mark.parametrize("column", PeopleKind.required)
def test_a_missing_required_column_is_named(write_csv, column):
    row = a_person()
    del row[column]

    outcome = run_import("people", str(write_csv([row])))

    assert outcome.status == 1
    assert outcome.errors == [f"header: {column}: required column is missing"]
    assert not Person.objects.exists()


def test_an_unknown_column_is_named(write_csv):
    outcome = run_import("people", str(write_csv([a_person(nickname="Ed")])))

    assert outcome.status == 1
    assert outcome.errors[0].startswith("header: nickname: unknown column (people columns are")
    assert not Person.objects.exists()


def test_a_reference_twice_in_the_file_is_reported(write_csv):
    path = write_csv([a_person(), a_person(first_name="Ed")])

    outcome = run_import("people", str(path))

    assert outcome.errors == ["row 2: person_ref: P100001 is also on row 1"]
    assert not Person.objects.exists()


@time_machine.travel(dt.datetime(2025, 6, 2, 10, 0, tzinfo=dt.UTC))
def test_people_are_created_with_phones_in_e164_and_flags_from_today(write_csv):
    path = write_csv(
        [
            a_person(email="Edna@Example.com"),
            a_person(
                person_ref="P100002",
                phone="+48 601 234 567",
                vulnerabilities="",
                date_of_birth="",
                email="",
            ),
        ]
    )

    outcome = run_import("people", str(path))

    assert (outcome.status, outcome.out, outcome.err) == (0, "imported 2 people\n", "")
    edna = Person.objects.get(reference="P100001")
    assert edna.phone == "+441214960101"
    assert edna.email == "edna@example.com"
    assert edna.date_of_birth == dt.date(1941, 3, 12)
    assert edna.search_text == "edna thompson p100001"
    assert edna.name_key == name_key("Thompson")
    assert sorted(edna.flags.values_list("code", "start_date")) == [
        ("lives_alone", dt.date(2025, 6, 2)),
        ("older_person", dt.date(2025, 6, 2)),
    ]
    other = Person.objects.get(reference="P100002")
    assert other.phone == "+48601234567"
    assert other.date_of_birth is None
    assert not other.flags.exists()


def test_a_flag_already_open_is_not_opened_again(write_csv):
    edna = PersonFactory(reference="P100001")
    FlagFactory(person=edna, code="older_person", start_date=dt.date(2020, 1, 1))
    ended = FlagFactory(person=edna, code="lives_alone", end_date=dt.date(2021, 1, 1))

    assert run_import("people", str(write_csv([a_person()]))).status == 0

    flags = VulnerabilityFlag.objects.filter(person=edna)
    assert flags.count() == 3
    assert flags.get(code="older_person").start_date == dt.date(2020, 1, 1)
    assert flags.filter(code="lives_alone", end_date__isnull=True).exclude(pk=ended.pk).exists()


def test_re_importing_updates_people_and_their_search_keys(write_csv):
    run_import("people", str(write_csv([a_person()])))
    person = Person.objects.get()

    outcome = run_import("people", str(write_csv([a_person(last_name="Tomson")])))

    assert outcome.out == "imported 1 people\n"
    assert Person.objects.count() == 1
    assert VulnerabilityFlag.objects.count() == 2
    person.refresh_from_db()
    assert person.last_name == "Tomson"
    assert person.search_text == "edna tomson p100001"
    assert person.name_key == name_key("Tomson")
    update = AuditEvent.objects.get(object_type="people.person", action="update")
    assert update.changes == {"last_name": ["Thompson", "Tomson"]}
    assert update.person_id == person.pk


def test_left_out_columns_leave_an_existing_persons_details_alone(write_csv):
    run_import("people", str(write_csv([a_person()])))
    row = {"person_ref": "P100001", "first_name": "Edna", "last_name": "Thompson"}

    assert run_import("people", str(write_csv([row]))).status == 0

    person = Person.objects.get()
    assert (person.phone, person.email) == ("+441214960101", "edna@example.com")


def test_creating_people_audits_the_person_and_each_flag(write_csv):
    run_import("people", str(write_csv([a_person()])))

    person = Person.objects.get()
    events = AuditEvent.objects.filter(source="import", person_id=person.pk)
    assert sorted(events.values_list("object_type", "action")) == [
        ("people.person", "create"),
        ("people.vulnerabilityflag", "create"),
        ("people.vulnerabilityflag", "create"),
    ]
    assert events.get(object_type="people.person").object_label == "P100001"
