"""`import_csv complaints`: every column's bad input, stages, clocks, re-imports."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.cases.models import Case, CaseParty, CaseSequence, CaseType, PartyRole
from doorstep.cases.tests.factories import CaseFactory
from doorstep.complaints import clocks
from doorstep.complaints.models import ComplaintDetails, ComplaintStage
from doorstep.core.models import AuditEvent
from doorstep.imports.kinds.complaints import ComplaintsKind
from doorstep.imports.tests.helpers import run_import
from doorstep.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def complainants(home):
    return {ref: PersonFactory(reference=ref) for ref in ("P1", "P2")}


def a_stage(**cells: str) -> dict[str, str]:
    row = {
        "complaint_ref": "COM-2024-000009",
        "stage": "1",
        "received_on": "2024-06-03",
        "acknowledged_on": "2024-06-05",
        "responded_on": "2024-06-14",
        "extension_working_days": "",
        "person_ref": "P1",
        "uprn": "100071234567",
        "summary": "Repair to the boiler took three months",
    }
    row.update(cells)
    return row


def a_stage_two(**cells: str) -> dict[str, str]:
    row = a_stage(
        stage="2",
        received_on="2024-06-20",
        acknowledged_on="2024-06-21",
        responded_on="",
        extension_working_days="5",
        person_ref="",
        uprn="",
        summary="",
    )
    row.update(cells)
    return row


def stored_complaints() -> tuple[int, ...]:
    return (
        Case.objects.count(),
        ComplaintStage.objects.count(),
        ComplaintDetails.objects.count(),
        CaseParty.objects.count(),
        AuditEvent.objects.count(),
    )


NOT_A_REFERENCE = "not a case reference (TYPE-YYYY-NNNNNN, like ASB-2026-000123)"
BAD_CELLS = [
    ("complaint_ref", "", "a value is required"),
    ("complaint_ref", "COM-2024-9", NOT_A_REFERENCE),
    ("complaint_ref", "ASB-2024-000009", "a complaint reference starts COM-, not ASB-"),
    ("stage", "", "a value is required"),
    ("stage", "3", "unknown stage '3' (one of: 1, 2)"),
    ("received_on", "", "a value is required"),
    ("received_on", "2024-6-3", "not a date (use YYYY-MM-DD, like 2024-03-31)"),
    ("acknowledged_on", "June", "not a date (use YYYY-MM-DD, like 2024-03-31)"),
    ("acknowledged_on", "2024-06-02", "the complaint is acknowledged before its received_on"),
    ("responded_on", "2024-06-04", "the response is before its acknowledged_on"),
    ("responded_on", "2999-01-01", "cannot be in the future"),
    ("extension_working_days", "-1", "not a whole number from 0 to 20"),
    ("extension_working_days", "21", "not a whole number from 0 to 20"),
    ("extension_working_days", "11", "a stage 1 extension is at most 10 working days"),
    ("person_ref", "P404", "no person has reference P404; import people first"),
    ("uprn", "12345678901234", "not a UPRN (1 to 12 digits)"),
    ("uprn", "999", "no home has this UPRN; import homes first"),
    ("summary", "x" * 301, "too long (301 characters; at most 300)"),
]


@pytest.mark.parametrize(("column", "value", "message"), BAD_CELLS)
def test_a_bad_cell_is_reported_by_row_and_column_and_nothing_is_written(
    write_csv, complainants, column, value, message
):
    path = write_csv([a_stage(complaint_ref="COM-2024-000001"), a_stage(**{column: value})])
    before = stored_complaints()

    outcome = run_import("complaints", str(path))

    assert outcome.status == 1
    assert outcome.errors == [f"row 2: {column}: {message}"]
    assert stored_complaints() == before


def test_a_complaint_cannot_be_received_in_the_future(write_csv, complainants):
    row = a_stage(received_on="2999-01-01", acknowledged_on="", responded_on="")

    outcome = run_import("complaints", str(write_csv([row])))

    assert outcome.errors == ["row 1: received_on: cannot be in the future"]


def test_a_response_needs_an_acknowledgement(write_csv, complainants):
    outcome = run_import("complaints", str(write_csv([a_stage(acknowledged_on="")])))

    assert outcome.errors == ["row 1: responded_on: a response needs an acknowledged_on date"]


@pytest.mark.parametrize("column", ["person_ref", "uprn", "summary"])
def test_complaint_columns_belong_on_the_stage_1_row(write_csv, complainants, column):
    path = write_csv([a_stage(), a_stage_two(**{column: a_stage()[column]})])

    outcome = run_import("complaints", str(path))

    assert outcome.errors == [f"row 2: {column}: give this on the complaint's stage 1 row"]


def test_a_stage_2_extension_may_be_up_to_20_working_days(write_csv, complainants):
    path = write_csv([a_stage(), a_stage_two(extension_working_days="20")])

    assert run_import("complaints", str(path)).status == 0

    assert ComplaintStage.objects.get(stage=2).extension_working_days == 20


def test_stage_2_needs_a_stage_1_first(write_csv, complainants):
    path = write_csv([a_stage_two(), a_stage()])

    outcome = run_import("complaints", str(path))

    assert outcome.errors == [
        "row 1: stage: complaint COM-2024-000009 has no stage 1; "
        "put its stage 1 row first or import it first"
    ]


def test_stage_2_needs_the_stage_1_response(write_csv, complainants):
    path = write_csv([a_stage(responded_on=""), a_stage_two()])

    outcome = run_import("complaints", str(path))

    assert outcome.errors == [
        "row 2: stage: complaint COM-2024-000009 can go to stage 2 only after its stage 1 response"
    ]


def test_the_escalation_request_is_not_before_the_stage_1_response(write_csv, complainants):
    path = write_csv([a_stage(), a_stage_two(received_on="2024-06-13", acknowledged_on="")])

    outcome = run_import("complaints", str(path))

    assert outcome.errors == [
        "row 2: received_on: the escalation request is before the stage 1 response (2024-06-14)"
    ]


def test_a_complaint_ref_of_another_type_of_case_is_refused(write_csv, complainants):
    # A case imported by the cases kind under a COM reference with another type.
    CaseFactory(reference="COM-2024-000009", case_type=CaseType.ASB)

    outcome = run_import("complaints", str(write_csv([a_stage()])))

    assert outcome.errors == [
        "row 1: complaint_ref: case COM-2024-000009 is not a complaint (its type is asb)"
    ]


@pytest.mark.parametrize("column", ComplaintsKind.required)
def test_a_missing_required_column_is_named(write_csv, complainants, column):
    row = a_stage()
    del row[column]

    outcome = run_import("complaints", str(write_csv([row])))

    assert outcome.errors == [f"header: {column}: required column is missing"]


def test_the_same_stage_twice_in_the_file_is_reported(write_csv, complainants):
    outcome = run_import("complaints", str(write_csv([a_stage(), a_stage(summary="again")])))

    assert outcome.errors == ["row 2: stage: stage 1 of COM-2024-000009 is also on row 1"]
    assert not Case.objects.exists()


def test_stage_1_and_stage_2_rows_make_one_complaint_with_its_clocks(write_csv, complainants, home):
    path = write_csv([a_stage(), a_stage_two()])

    outcome = run_import("complaints", str(path))

    assert (outcome.status, outcome.out, outcome.err) == (0, "imported 2 complaints\n", "")
    case = Case.objects.get()
    assert (case.reference, case.case_type, case.opened_on, case.home) == (
        "COM-2024-000009",
        CaseType.COMPLAINT,
        dt.date(2024, 6, 3),
        home,
    )
    assert case.summary == "Repair to the boiler took three months"
    assert case.parties.get().person == complainants["P1"]
    assert case.parties.get().role == PartyRole.REPORTER
    assert case.complaint_details.about == "other"
    one, two = ComplaintStage.objects.filter(case=case).order_by("stage")
    assert one.acknowledge_by == clocks.acknowledge_due(stage=1, received_on=dt.date(2024, 6, 3))
    assert one.respond_by == clocks.respond_due(stage=1, acknowledged_on=dt.date(2024, 6, 5))
    assert one.responded_on == dt.date(2024, 6, 14)
    assert clocks.within_code_timescale(one)
    # The file has no outcome; the database needs one on every response.
    assert one.outcome == "not_upheld"
    assert (two.received_on, two.extension_working_days, two.responded_on) == (
        dt.date(2024, 6, 20),
        5,
        None,
    )
    assert two.respond_by == clocks.respond_due(
        stage=2, acknowledged_on=dt.date(2024, 6, 21), extension_working_days=5
    )
    assert CaseSequence.objects.get(prefix="COM", year=2024).last_number == 9
    assert (
        AuditEvent.objects.filter(
            object_type="complaints.complaintstage", person_id=complainants["P1"].pk
        ).count()
        == 2
    )


def test_a_stage_2_row_adds_to_a_complaint_already_imported(write_csv, complainants):
    run_import("complaints", str(write_csv([a_stage()])))

    outcome = run_import("complaints", str(write_csv([a_stage_two(acknowledged_on="")])))

    assert outcome.status == 0
    two = ComplaintStage.objects.get(stage=2)
    assert two.acknowledge_by == clocks.acknowledge_due(stage=2, received_on=dt.date(2024, 6, 20))
    assert two.respond_by is None


def test_re_importing_updates_the_stage_and_moves_its_clock(write_csv, complainants):
    run_import("complaints", str(write_csv([a_stage(responded_on="")])))

    outcome = run_import(
        "complaints",
        str(write_csv([a_stage(responded_on="", acknowledged_on="2024-06-07", person_ref="P2")])),
        "-v",
        "2",
    )

    assert outcome.out == "imported 1 complaints\n0 created, 1 updated, 0 unchanged\n"
    stage = ComplaintStage.objects.get()
    assert stage.respond_by == clocks.respond_due(stage=1, acknowledged_on=dt.date(2024, 6, 7))
    assert list(CaseParty.objects.values_list("person__reference", flat=True)) == ["P2"]
    assert Case.objects.count() == 1


def test_re_importing_the_same_file_changes_nothing(write_csv, complainants):
    path = write_csv([a_stage(), a_stage_two()])
    assert run_import("complaints", str(path)).status == 0
    before = stored_complaints()

    outcome = run_import("complaints", str(path), "-v", "2")

    assert outcome.out == "imported 2 complaints\n0 created, 0 updated, 2 unchanged\n"
    assert stored_complaints() == before


def test_a_dry_run_checks_and_writes_nothing(write_csv, complainants):
    outcome = run_import("complaints", str(write_csv([a_stage(), a_stage_two()])), "--dry-run")

    assert outcome.status == 0
    assert outcome.out == "dry run: 2 complaints checked, no problems; nothing written\n"
    assert stored_complaints() == (0, 0, 0, 0, 0)


def test_lookups_are_batched_so_queries_do_not_grow_with_rows(
    write_csv, complainants, django_assert_max_num_queries
):
    rows = []
    for n in range(1250):
        ref = f"COM-2024-{n + 1:06d}"
        rows += [a_stage(complaint_ref=ref), a_stage_two(complaint_ref=ref)]
    path = write_csv(rows)

    # 3 batches of at most 1,000 rows: a fixed number of queries per batch, not per row.
    with django_assert_max_num_queries(80):
        outcome = run_import("complaints", str(path))

    assert outcome.out == "imported 2500 complaints\n"
    assert ComplaintStage.objects.count() == 2500
    assert CaseParty.objects.count() == 1250
