"""`import_csv` as a whole: the file format, dry run, exit status and the sample files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError

from doorstep.asb.models import IncidentReport
from doorstep.cases.models import Case
from doorstep.complaints.models import ComplaintStage
from doorstep.imports.tests.helpers import run_import, stored
from doorstep.people.models import Person
from doorstep.places.models import Estate, Home
from doorstep.tenancies.models import Tenancy, TenancyMember

pytestmark = pytest.mark.django_db

SAMPLES = Path(settings.BASE_DIR) / "docs" / "samples"
PEOPLE_HEADER = "person_ref,first_name,last_name,phone\n"


def test_a_byte_order_mark_is_accepted(write_csv):
    path = write_csv(PEOPLE_HEADER + "P1,Edna,Thompson,0121 496 0101\n", bom=True)

    outcome = run_import("people", str(path))

    assert (outcome.status, outcome.out, outcome.err) == (0, "imported 1 people\n", "")
    assert Person.objects.get().reference == "P1"


def test_columns_may_come_in_any_order_with_any_case_and_spacing(write_csv):
    path = write_csv(" Phone ,LAST_NAME,person_ref,first_name\n0121 496 0101,Thompson,P1,Edna\n")

    assert run_import("people", str(path)).status == 0

    person = Person.objects.get()
    assert (person.first_name, person.last_name, person.phone) == (
        "Edna",
        "Thompson",
        "+441214960101",
    )


def test_quoted_cells_may_hold_commas(write_csv, office):
    path = write_csv(
        "uprn,address_line_1,town,postcode,estate,tenure\n"
        '7,"Flat 2, Alder House",Walsall,WS2 7AB,"Beechdale, North",general_needs\n'
    )

    assert run_import("homes", str(path)).status == 0
    assert Home.objects.get().address_line_1 == "Flat 2, Alder House"
    assert Estate.objects.get().name == "Beechdale, North"


def test_rows_of_empty_cells_are_skipped(write_csv):
    path = write_csv(PEOPLE_HEADER + "P1,Edna,Thompson,\n,,,\n\nP2,Ray,Castle,\n,,,\n")

    outcome = run_import("people", str(path))

    assert outcome.out == "imported 2 people\n"
    assert Person.objects.count() == 2


def test_dry_run_checks_a_valid_file_and_writes_nothing(write_csv):
    path = write_csv(PEOPLE_HEADER + "P1,Edna,Thompson,\nP2,Ray,Castle,\n")
    before = stored()

    outcome = run_import("people", str(path), "--dry-run")

    assert (outcome.status, outcome.err) == (0, "")
    assert outcome.out == "dry run: 2 people checked, no problems; nothing written\n"
    assert stored() == before


def test_dry_run_reports_problems_with_exit_status_1(write_csv):
    path = write_csv(PEOPLE_HEADER + "P1,Edna,Thompson,123\n")

    outcome = run_import("people", str(path), "--dry-run")

    assert outcome.status == 1
    assert outcome.errors == [
        "row 1: phone: not a real phone number (like 0121 496 0000 or +44 121 496 0000)"
    ]


def test_problems_in_several_rows_are_all_reported_and_nothing_is_written(write_csv):
    path = write_csv(PEOPLE_HEADER + "P1,Edna,Thompson,\nP2,,Castle,\nP3,Ray,,999\n")
    before = stored()

    outcome = run_import("people", str(path))

    assert outcome.status == 1
    assert outcome.errors == [
        "row 2: first_name: a value is required",
        "row 3: last_name: a value is required",
        "row 3: phone: not a real phone number (like 0121 496 0000 or +44 121 496 0000)",
    ]
    assert stored() == before  # P1 was valid but is not written either


def test_header_problems_are_all_named(write_csv):
    path = write_csv("person_ref,first_name,first_name,,shoe_size\nP1,Edna,Edna,,9\n")

    outcome = run_import("people", str(path))

    assert outcome.status == 1
    assert outcome.errors == [
        "header: first_name: column appears more than once",
        "header: column 4: column has no name",
        "header: shoe_size: unknown column (people columns are person_ref, first_name, "
        "last_name, date_of_birth, phone, email, vulnerabilities)",
        "header: last_name: required column is missing",
    ]


def test_an_empty_file_has_no_header(write_csv):
    outcome = run_import("people", str(write_csv("")))

    assert outcome.status == 1
    assert outcome.errors == ["file: the file is empty; it needs a header row"]


def test_a_header_alone_imports_nothing(write_csv):
    outcome = run_import("people", str(write_csv(PEOPLE_HEADER)))

    assert (outcome.status, outcome.out) == (0, "imported 0 people\n")


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes((PEOPLE_HEADER + "P1,Zoë,Brontë,\n").encode("latin-1"))

    outcome = run_import("people", str(path))

    assert outcome.status == 1
    assert outcome.errors == [
        "file: line 2 is not UTF-8 text; save the file as 'CSV UTF-8' and try again"
    ]
    assert not Person.objects.exists()


def test_a_row_with_more_cells_than_the_header_is_refused(write_csv):
    path = write_csv(PEOPLE_HEADER + "P1,Edna,Thompson,,extra\n")

    outcome = run_import("people", str(path))

    assert outcome.errors == ["row 1: cells: 5 cells but only 4 columns"]
    assert not Person.objects.exists()


def test_a_missing_file_is_reported(tmp_path):
    outcome = run_import("people", str(tmp_path / "nowhere.csv"))

    assert outcome.status == 1
    assert outcome.errors[0].startswith("file: cannot open ")


def test_an_unknown_kind_is_refused(write_csv):
    with pytest.raises(CommandError, match="invalid choice: 'pets'"):
        run_import("pets", str(write_csv(PEOPLE_HEADER)))


def test_an_unknown_actor_is_refused(write_csv):
    path = write_csv(PEOPLE_HEADER + "P1,Edna,Thompson,\n")

    with pytest.raises(CommandError, match="--actor: no active staff member"):
        run_import("people", str(path), "--actor", "nobody@doorstep.test")
    assert not Person.objects.exists()


def test_the_sample_files_import_in_order_into_an_empty_landlord(office):
    for kind, count in (("homes", 6), ("people", 10), ("tenancies", 6)):
        outcome = run_import(kind, str(SAMPLES / f"{kind}.csv"))
        assert (outcome.status, outcome.out, outcome.err) == (0, f"imported {count} {kind}\n", "")

    assert Home.objects.count() == 6
    assert Estate.objects.count() == 4
    assert Person.objects.count() == 10
    assert Tenancy.objects.count() == 6
    assert TenancyMember.objects.count() == 10
    assert Home.objects.get(uprn="100071000003").postcode == "WS2 7AD"
    assert Tenancy.objects.get(reference="T100004").is_temporary_accommodation


def test_the_case_samples_import_after_the_others(office):
    for kind in ("homes", "people", "tenancies"):
        assert run_import(kind, str(SAMPLES / f"{kind}.csv")).status == 0

    for kind, count in (("cases", 7), ("incidents", 5), ("complaints", 4)):
        outcome = run_import(kind, str(SAMPLES / f"{kind}.csv"))
        assert (outcome.status, outcome.out, outcome.err) == (0, f"imported {count} {kind}\n", "")

    assert Case.objects.count() == 9
    assert Case.objects.get(reference="SG-2025-000012").restricted
    assert IncidentReport.objects.count() == 5
    assert ComplaintStage.objects.filter(case__reference="COM-2025-000005").count() == 2

    # The same files again: every record is found by its reference and nothing is added.
    for kind, count in (("cases", 7), ("incidents", 5), ("complaints", 4)):
        outcome = run_import(kind, str(SAMPLES / f"{kind}.csv"), "-v", "2")
        assert outcome.out == f"imported {count} {kind}\n0 created, 0 updated, {count} unchanged\n"
    assert Case.objects.count() == 9


def test_the_sample_tenancies_refuse_to_import_before_homes_and_people(office):
    outcome = run_import("tenancies", str(SAMPLES / "tenancies.csv"))

    assert outcome.status == 1
    assert "row 1: uprn: no home has this UPRN; import homes first" in outcome.errors
    assert "row 1: tenant_refs: no person has reference P100001; import people first" in (
        outcome.errors
    )
    assert not Tenancy.objects.exists()


def _manage(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}}
    env.update(
        DOORSTEP_TESTING="1",
        DJANGO_SETTINGS_MODULE="config.settings",
        SQLITE_PATH=str(tmp_path / "unmigrated.sqlite3"),
    )
    return subprocess.run(  # noqa: S603 (our own manage.py with fixed arguments)
        [sys.executable, "manage.py", "import_csv", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_real_exit_status_is_1_on_problems_and_0_on_success(tmp_path):
    # Neither run needs the database: a header problem stops before any query, and a dry run
    # of people looks nothing up.
    bad = tmp_path / "bad.csv"
    bad.write_text("person_ref,first_name\nP1,Edna\n", encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_text(PEOPLE_HEADER + "P1,Edna,Thompson,\n", encoding="utf-8")

    refused = _manage("people", str(bad), tmp_path=tmp_path)
    checked = _manage("people", str(good), "--dry-run", tmp_path=tmp_path)

    assert refused.returncode == 1
    assert refused.stderr == "header: last_name: required column is missing\n"
    assert refused.stdout == ""
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout == "dry run: 1 people checked, no problems; nothing written\n"


def test_windows_line_endings_and_line_breaks_inside_quoted_cells_are_read(write_csv, office):
    path = write_csv(
        "uprn,address_line_1,address_line_2,town,postcode,estate,tenure\r\n"
        '7,"Flat 2\r\nAlder House",,Walsall,WS2 7AB,Beechdale,general_needs\r\n'
        "8,Flat 3,,Walsall,WS2 7AB,Beechdale,general_needs\r\n"
    )

    outcome = run_import("homes", str(path))

    assert (outcome.status, outcome.out, outcome.err) == (0, "imported 2 homes\n", "")
    # Line breaks and runs of spaces in text become single spaces.
    assert Home.objects.get(uprn="7").address_line_1 == "Flat 2 Alder House"
    assert Home.objects.get(uprn="8").town == "Walsall"
