"""`import_csv homes`: every column's bad input, estates and blocks, patches, re-imports."""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from doorstep.accounts.tests.factories import UserFactory
from doorstep.core.models import AuditEvent
from doorstep.imports.kinds.homes import HomesKind
from doorstep.imports.tests.helpers import run_import, stored
from doorstep.places.models import Block, Estate, Home
from doorstep.places.tests.factories import OfficeFactory, PatchFactory

pytestmark = pytest.mark.django_db

TENURES = "general_needs, older_persons, supported, temporary, leasehold, shared_ownership"


def a_home(**cells: str) -> dict[str, str]:
    row = {
        "uprn": "100071000001",
        "address_line_1": "Flat 1 Alder House",
        "address_line_2": "Beechdale Road",
        "town": "Walsall",
        "postcode": "WS2 7AB",
        "estate": "Beechdale Estate",
        "block": "Alder House",
        "tenure": "general_needs",
        "bedrooms": "2",
        "patch_officer_email": "",
    }
    row.update(cells)
    return row


BAD_CELLS = [
    ("uprn", "", "a value is required"),
    ("uprn", "12x", "not a UPRN (1 to 12 digits)"),
    ("uprn", "1000712345678", "not a UPRN (1 to 12 digits)"),
    ("address_line_1", "", "a value is required"),
    ("address_line_1", "x" * 151, "too long (151 characters; at most 150)"),
    ("address_line_2", "x" * 151, "too long (151 characters; at most 150)"),
    ("town", "", "a value is required"),
    ("town", "x" * 81, "too long (81 characters; at most 80)"),
    ("postcode", "", "a value is required"),
    ("postcode", "ZZ1 9ZZZ", "not a UK postcode (like NG5 1AB)"),
    ("estate", "", "a value is required"),
    ("estate", "x" * 101, "too long (101 characters; at most 100)"),
    ("block", "x" * 101, "too long (101 characters; at most 100)"),
    ("tenure", "", "a value is required"),
    ("tenure", "council", f"unknown tenure 'council' (one of: {TENURES})"),
    ("tenure", "General_Needs", f"unknown tenure 'General_Needs' (one of: {TENURES})"),
    ("bedrooms", "two", "not a whole number from 0 to 50"),
    ("bedrooms", "-1", "not a whole number from 0 to 50"),
    ("bedrooms", "2.5", "not a whole number from 0 to 50"),
    ("bedrooms", "51", "not a whole number from 0 to 50"),
    ("patch_officer_email", "jan.kennedy", "not an email address (like name@example.com)"),
    ("patch_officer_email", "nobody@doorstep.test", "no staff member has this email address"),
]


@pytest.mark.parametrize(("column", "value", "message"), BAD_CELLS)
def test_a_bad_cell_is_reported_by_row_and_column_and_nothing_is_written(
    write_csv, estate, column, value, message
):
    good = a_home(uprn="100071000009", address_line_1="9 Beechdale Road")
    path = write_csv([good, a_home(**{column: value})])
    before = stored()

    outcome = run_import("homes", str(path))

    assert outcome.status == 1
    assert outcome.errors == [f"row 2: {column}: {message}"]
    assert outcome.out == ""
    assert stored() == before


@pytest.mark.parametrize("column", HomesKind.required)
def test_a_missing_required_column_is_named(write_csv, estate, column):
    row = a_home()
    del row[column]
    before = stored()

    outcome = run_import("homes", str(write_csv([row])))

    assert outcome.status == 1
    assert outcome.errors == [f"header: {column}: required column is missing"]
    assert stored() == before


def test_an_unknown_column_is_named(write_csv, estate):
    outcome = run_import("homes", str(write_csv([a_home(colour="red")])))

    assert outcome.status == 1
    assert outcome.errors == [
        "header: colour: unknown column (homes columns are uprn, address_line_1, "
        "address_line_2, town, postcode, estate, block, tenure, bedrooms, patch_officer_email)"
    ]
    assert not Home.objects.exists()


def test_a_uprn_twice_in_the_file_is_reported_on_the_second_row(write_csv, estate):
    path = write_csv([a_home(), a_home(uprn="100071000002"), a_home(address_line_1="Other")])

    outcome = run_import("homes", str(path))

    assert outcome.status == 1
    assert outcome.errors == ["row 3: uprn: 100071000001 is also on row 1"]
    assert not Home.objects.exists()


def test_every_problem_in_a_file_is_reported(write_csv, estate):
    path = write_csv(
        [
            a_home(uprn="x", postcode="nowhere"),
            a_home(uprn="100071000002"),
            a_home(uprn="100071000003", tenure="palace", patch_officer_email="no@doorstep.test"),
        ]
    )

    outcome = run_import("homes", str(path))

    assert outcome.status == 1
    assert outcome.errors == [
        "row 1: uprn: not a UPRN (1 to 12 digits)",
        "row 1: postcode: not a UK postcode (like NG5 1AB)",
        f"row 3: tenure: unknown tenure 'palace' (one of: {TENURES})",
        "row 3: patch_officer_email: no staff member has this email address",
    ]


def test_a_patch_officer_must_be_active_and_have_a_patch(write_csv, estate, dpo):
    leaver = UserFactory(email="leaver@doorstep.test", is_active=False)
    PatchFactory(officer=leaver)
    path = write_csv(
        [
            a_home(patch_officer_email="leaver@doorstep.test"),
            a_home(uprn="100071000002", patch_officer_email="DPO@doorstep.test"),
        ]
    )

    outcome = run_import("homes", str(path))

    assert outcome.errors == [
        "row 1: patch_officer_email: this staff member's account is not active",
        "row 2: patch_officer_email: this staff member has no patch",
    ]
    assert not Home.objects.exists()


def test_homes_are_created_with_postcode_normalised_and_search_text(write_csv, estate):
    path = write_csv([a_home(postcode="ws27ab"), a_home(uprn="42", block="", bedrooms="")])

    outcome = run_import("homes", str(path))

    assert (outcome.status, outcome.out, outcome.err) == (0, "imported 2 homes\n", "")
    home = Home.objects.get(uprn="100071000001")
    assert home.postcode == "WS2 7AB"
    assert home.estate == estate
    assert home.patch == estate.patch  # no patch officer given: the estate's patch
    assert home.block is not None
    assert home.block.name == "Alder House"
    assert home.block.estate == estate
    assert "ws27ab" in home.search_text
    assert "100071000001" in home.search_text
    loose = Home.objects.get(uprn="42")
    assert loose.block is None
    assert loose.bedrooms is None


def test_a_patch_officer_puts_the_home_on_their_first_patch(write_csv, estate, officer):
    other = PatchFactory(name="Aaa first patch", team=officer.team, officer=officer)
    path = write_csv([a_home(patch_officer_email="Officer@Doorstep.test")])

    assert run_import("homes", str(path)).status == 0

    assert Home.objects.get().patch == other


def test_a_new_estate_takes_the_patch_officers_office_and_patch(
    write_csv, officer, patch, other_office
):
    path = write_csv(
        [
            a_home(estate="Harden", block="", patch_officer_email=""),
            a_home(uprn="2", estate="Harden", block="Lodge", patch_officer_email=officer.email),
        ]
    )

    outcome = run_import("homes", str(path))

    assert outcome.status == 0, outcome.err
    harden = Estate.objects.get(name="Harden")
    assert harden.office == officer.team.office
    assert harden.patch == patch
    assert Block.objects.get(estate=harden).name == "Lodge"
    assert set(Home.objects.values_list("estate__name", "patch_id")) == {("Harden", patch.pk)}


def test_a_new_estate_takes_the_only_office(write_csv, office):
    outcome = run_import("homes", str(write_csv([a_home(estate="Blakenall")])))

    assert outcome.status == 0, outcome.err
    blakenall = Estate.objects.get(name="Blakenall")
    assert blakenall.office == office
    assert Home.objects.get().patch is None


def test_a_new_estate_without_an_office_to_take_is_an_error(write_csv, office, other_office):
    path = write_csv([a_home(estate="Blakenall"), a_home(uprn="2", estate="Blakenall")])

    outcome = run_import("homes", str(path))

    assert outcome.status == 1
    message = "unknown estate Blakenall; create it first or give patch_officer_email"
    assert outcome.errors == [f"row 1: estate: {message}", f"row 2: estate: {message}"]
    assert not Estate.objects.exists()
    assert not Home.objects.exists()


def test_re_importing_updates_homes_instead_of_duplicating_them(write_csv, estate):
    run_import("homes", str(write_csv([a_home()])))
    home = Home.objects.get()
    created_events = AuditEvent.objects.filter(object_type="places.home").count()

    outcome = run_import("homes", str(write_csv([a_home(town="Bloxwich", bedrooms="3")])))

    assert outcome.status == 0
    assert outcome.out == "imported 1 homes\n"
    assert Home.objects.count() == 1
    home.refresh_from_db()
    assert (home.town, home.bedrooms) == ("Bloxwich", 3)
    assert "bloxwich" in home.search_text
    update = AuditEvent.objects.filter(object_type="places.home", action="update").get()
    assert update.changes == {"bedrooms": [2, 3], "town": ["Walsall", "Bloxwich"]}
    assert update.source == "import"
    assert AuditEvent.objects.filter(object_type="places.home").count() == created_events + 1


def test_re_importing_the_same_file_changes_nothing(write_csv, estate):
    path = write_csv([a_home(), a_home(uprn="2")])
    run_import("homes", str(path))
    events = AuditEvent.objects.count()

    outcome = run_import("homes", str(path), "--verbosity", "2")

    assert outcome.out == "imported 2 homes\n0 created, 0 updated, 2 unchanged\n"
    assert AuditEvent.objects.count() == events
    assert Home.objects.count() == 2


def test_a_left_out_column_leaves_the_field_alone_but_an_empty_cell_clears_it(write_csv, estate):
    run_import("homes", str(write_csv([a_home()])))
    without_bedrooms = a_home(address_line_2="")
    del without_bedrooms["bedrooms"]

    assert run_import("homes", str(write_csv([without_bedrooms]))).status == 0

    home = Home.objects.get()
    assert home.bedrooms == 2
    assert home.address_line_2 == ""


def test_creating_homes_writes_audit_rows_from_the_import(write_csv, estate):
    run_import("homes", str(write_csv([a_home(estate="Beechdale Estate")])))

    home = Home.objects.get()
    events = AuditEvent.objects.filter(source="import")
    assert {(e.object_type, e.action, e.object_label) for e in events} == {
        ("places.home", "create", home.uprn),
        ("places.block", "create", "Alder House"),
    }
    home_event = events.get(object_type="places.home")
    assert home_event.object_id == str(home.pk)
    assert home_event.actor is None
    assert home_event.changes["postcode"] == [None, "WS2 7AB"]


def test_the_actor_option_names_the_staff_member_in_the_audit_log(write_csv, estate, manager):
    path = write_csv([a_home()])

    assert run_import("homes", str(path), "--actor", manager.email).status == 0

    assert set(AuditEvent.objects.values_list("actor", flat=True)) == {manager.pk}


def test_several_offices_with_an_existing_estate_need_no_officer(write_csv, estate):
    OfficeFactory(name="Birmingham")

    assert run_import("homes", str(write_csv([a_home()]))).status == 0
    assert Home.objects.get().estate == estate


def test_lookups_are_batched_so_queries_do_not_grow_with_rows(
    write_csv, estate, officer, patch, django_assert_max_num_queries
):
    rows = [
        a_home(
            uprn=str(200000 + n),
            block=f"Block {n % 40}",
            estate="Beechdale Estate" if n % 2 else f"New estate {n % 5}",
            patch_officer_email=officer.email if n % 3 else "",
        )
        for n in range(2500)
    ]
    path = write_csv(rows)

    # 3 batches of at most 1,000 rows: a fixed number of queries per batch, not per row.
    with django_assert_max_num_queries(25):
        outcome = run_import("homes", str(path))

    assert outcome.out == "imported 2500 homes\n"
    assert Home.objects.count() == 2500
    assert Block.objects.count() == 40  # 20 block names on each side of the estates
    assert AuditEvent.objects.filter(object_type="places.home").count() == 2500


def test_a_dry_run_creates_no_estates_or_blocks(write_csv, office):
    path = write_csv([a_home(estate="Blakenall", block="Tower")])
    before = stored()

    outcome = run_import("homes", str(path), "--dry-run")

    assert outcome.status == 0
    assert outcome.out == "dry run: 1 homes checked, no problems; nothing written\n"
    assert stored() == before


def test_a_database_refusal_while_writing_rolls_everything_back(write_csv, office, monkeypatch):
    def refuse(self, rows):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(HomesKind, "write_batch", refuse)
    before = stored()

    outcome = run_import("homes", str(write_csv([a_home(estate="Blakenall")])))

    assert outcome.status == 1
    assert outcome.errors == [
        "file: the database refused the import (duplicate key value violates unique "
        "constraint); nothing written"
    ]
    assert stored() == before  # the estate and block made before the homes are gone too
