"""`import_csv incidents`: every column's bad input, the case rules, re-imports."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.asb.models import IncidentReport
from doorstep.cases.models import CaseType
from doorstep.cases.tests.factories import CaseFactory
from doorstep.core.models import AuditEvent
from doorstep.imports.kinds.incidents import IncidentsKind
from doorstep.imports.tests.helpers import run_import
from doorstep.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def asb_case(home):
    PersonFactory(reference="P1")
    PersonFactory(reference="P2")
    return CaseFactory(
        reference="ASB-2024-000017", home=home, opened_on=dt.date(2024, 5, 1), lead_officer=None
    )


def an_incident(**cells: str) -> dict[str, str]:
    row = {
        "case_ref": "ASB-2024-000017",
        "reported_on": "2024-05-03",
        "reporter_ref": "P1",
        "description": "Music until 3am",
    }
    row.update(cells)
    return row


def stored_incidents() -> tuple[int, int]:
    return IncidentReport.objects.count(), AuditEvent.objects.count()


BAD_CELLS = [
    ("case_ref", "", "a value is required"),
    ("case_ref", "ASB 1", "a reference cannot contain spaces or ';'"),
    ("case_ref", "ASB-2024-000404", "no case has this reference; import cases first"),
    ("reported_on", "", "a value is required"),
    ("reported_on", "3 May", "not a date (use YYYY-MM-DD, like 2024-03-31)"),
    ("reported_on", "2999-01-01", "an incident cannot be reported in the future"),
    ("reported_on", "2024-04-30", "before case ASB-2024-000017 was opened"),
    ("reporter_ref", "", "a value is required"),
    ("reporter_ref", "P404", "no person has reference P404; import people first"),
    ("description", "x" * 4001, "too long (4001 characters; at most 4000)"),
]


@pytest.mark.parametrize(("column", "value", "message"), BAD_CELLS)
def test_a_bad_cell_is_reported_by_row_and_column_and_nothing_is_written(
    write_csv, asb_case, column, value, message
):
    path = write_csv([an_incident(reporter_ref="P2"), an_incident(**{column: value})])
    before = stored_incidents()

    outcome = run_import("incidents", str(path))

    assert outcome.status == 1
    assert outcome.errors == [f"row 2: {column}: {message}"]
    assert stored_incidents() == before


def test_incidents_are_only_for_asb_cases(write_csv, asb_case):
    CaseFactory(reference="HRD-2024-000001", case_type=CaseType.HOARDING)

    outcome = run_import("incidents", str(write_csv([an_incident(case_ref="HRD-2024-000001")])))

    assert outcome.errors == [
        "row 1: case_ref: case HRD-2024-000001 is a hoarding case; incidents are for asb cases"
    ]


@pytest.mark.parametrize("column", IncidentsKind.required)
def test_a_missing_required_column_is_named(write_csv, asb_case, column):
    row = an_incident()
    del row[column]

    outcome = run_import("incidents", str(write_csv([row])))

    assert outcome.errors == [f"header: {column}: required column is missing"]


def test_one_report_twice_in_the_file_is_reported(write_csv, asb_case):
    outcome = run_import("incidents", str(write_csv([an_incident(), an_incident()])))

    assert outcome.errors == [
        "row 2: reporter_ref: a report by P1 on ASB-2024-000017 on 2024-05-03 is also on row 1"
    ]
    assert not IncidentReport.objects.exists()


def test_reports_are_created_on_the_case_about_its_place(write_csv, asb_case, home):
    path = write_csv(
        [an_incident(), an_incident(reporter_ref="P2"), an_incident(reported_on="2024-05-04")]
    )

    outcome = run_import("incidents", str(path))

    assert (outcome.status, outcome.out, outcome.err) == (0, "imported 3 incidents\n", "")
    reports = IncidentReport.objects.filter(case=asb_case)
    assert reports.count() == 3
    report = reports.get(reporter__reference="P2")
    assert report.reported_on == dt.date(2024, 5, 3)
    assert report.description == "Music until 3am"
    # The Community Trigger's place rule reads the place from the report.
    assert (report.about_home, report.about_block, report.about_estate) == (
        home,
        home.block,
        home.estate,
    )
    assert AuditEvent.objects.filter(object_type="asb.incidentreport").count() == 3


def test_re_importing_a_report_updates_its_description(write_csv, asb_case):
    run_import("incidents", str(write_csv([an_incident(), an_incident(reporter_ref="P2")])))

    outcome = run_import(
        "incidents",
        str(
            write_csv(
                [an_incident(description="Music and shouting"), an_incident(reporter_ref="P2")]
            )
        ),
        "-v",
        "2",
    )

    assert outcome.out == "imported 2 incidents\n0 created, 1 updated, 1 unchanged\n"
    assert IncidentReport.objects.count() == 2
    assert IncidentReport.objects.get(reporter__reference="P1").description == (
        "Music and shouting"
    )


def test_a_dry_run_checks_and_writes_nothing(write_csv, asb_case):
    outcome = run_import("incidents", str(write_csv([an_incident()])), "--dry-run")

    assert outcome.status == 0
    assert outcome.out == "dry run: 1 incidents checked, no problems; nothing written\n"
    assert stored_incidents() == (0, 0)


def test_lookups_are_batched_so_queries_do_not_grow_with_rows(
    write_csv, asb_case, django_assert_max_num_queries
):
    for ref in ("P3", "P4", "P5"):
        PersonFactory(reference=ref)
    start = dt.date(2024, 5, 1)
    rows = [
        an_incident(
            reported_on=(start + dt.timedelta(days=n // 5)).isoformat(),
            reporter_ref=f"P{n % 5 + 1}",
        )
        for n in range(2500)
    ]
    path = write_csv(rows)

    # 3 batches of at most 1,000 rows: a fixed number of queries per batch, not per row.
    with django_assert_max_num_queries(40):
        outcome = run_import("incidents", str(path))

    assert outcome.out == "imported 2500 incidents\n"
    assert IncidentReport.objects.count() == 2500
