"""`import_csv cases`: every column's bad input, ASB details, restriction, re-imports."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.asb.models import AsbDetails
from doorstep.cases.models import Case, CaseSequence, CaseStatus, ClosureReason
from doorstep.core.models import AuditEvent
from doorstep.imports.kinds.cases import CasesKind
from doorstep.imports.tests.helpers import run_import

pytestmark = pytest.mark.django_db

TYPES = (
    "asb, neighbour_dispute, fly_tipping, hoarding, self_neglect, safeguarding, "
    "domestic_abuse, damp_mould, complaint"
)
NOT_A_REFERENCE = "not a case reference (TYPE-YYYY-NNNNNN, like ASB-2026-000123)"


@pytest.fixture
def places(home, officer):
    return home


def a_case(**cells: str) -> dict[str, str]:
    row = {
        "case_ref": "ASB-2024-000017",
        "case_type": "asb",
        "opened_on": "2024-05-01",
        "closed_on": "",
        "uprn": "100071234567",
        "lead_officer_email": "officer@doorstep.test",
        "category": "nuisance",
        "subtype": "noise",
        "hate_incident": "false",
        "summary": "Loud music most nights",
    }
    row.update(cells)
    return row


def stored_cases() -> tuple[int, int, int, int]:
    return (
        Case.objects.count(),
        AsbDetails.objects.count(),
        CaseSequence.objects.count(),
        AuditEvent.objects.count(),
    )


BAD_CELLS = [
    ("case_ref", "", "a value is required"),
    ("case_ref", "ASB-24-17", NOT_A_REFERENCE),
    ("case_ref", "asb-2024-000017", NOT_A_REFERENCE),
    ("case_ref", "ASB-2024-000000", "case reference numbers start at 000001"),
    ("case_ref", "ND-2024-000017", "asb case references start ASB-, not ND-"),
    ("case_type", "", "a value is required"),
    ("case_type", "nuisance", f"unknown case type 'nuisance' (one of: {TYPES})"),
    ("opened_on", "", "a value is required"),
    ("opened_on", "01/05/2024", "not a date (use YYYY-MM-DD, like 2024-03-31)"),
    ("opened_on", "2999-01-01", "a case cannot open in the future"),
    ("closed_on", "2024-02-30", "not a real date (use YYYY-MM-DD, like 2024-03-31)"),
    ("closed_on", "2024-04-30", "the case closes before its opened_on"),
    ("closed_on", "2999-01-01", "a case cannot close in the future"),
    ("uprn", "UPRN1", "not a UPRN (1 to 12 digits)"),
    ("uprn", "999999", "no home has this UPRN; import homes first"),
    ("lead_officer_email", "officer@", "not an email address (like name@example.com)"),
    ("lead_officer_email", "nobody@doorstep.test", "no staff member has this email"),
    ("category", "loud", "unknown category 'loud' (one of: personal, nuisance, environmental)"),
    ("category", "", "give category and subtype together, or neither"),
    (
        "subtype",
        "music",
        "unknown subtype 'music' (one of: noise, harassment, hate, drugs, vandalism, "
        "violence, animal, other)",
    ),
    ("subtype", "", "give category and subtype together, or neither"),
    ("hate_incident", "yes", "not true or false"),
    ("summary", "x" * 301, "too long (301 characters; at most 300)"),
]


@pytest.mark.parametrize(("column", "value", "message"), BAD_CELLS)
def test_a_bad_cell_is_reported_by_row_and_column_and_nothing_is_written(
    write_csv, places, column, value, message
):
    path = write_csv([a_case(case_ref="ASB-2024-000001"), a_case(**{column: value})])
    before = stored_cases()

    outcome = run_import("cases", str(path))

    assert outcome.status == 1
    assert outcome.errors == [f"row 2: {column}: {message}"]
    assert outcome.out == ""
    assert stored_cases() == before


@pytest.mark.parametrize("column", ["category", "subtype", "hate_incident"])
def test_asb_details_on_another_type_of_case_are_refused(write_csv, places, column):
    row = a_case(case_ref="HRD-2024-000002", case_type="hoarding")
    for other in ("category", "subtype", "hate_incident"):
        row[other] = ""
    row[column] = {"category": "nuisance", "subtype": "noise", "hate_incident": "true"}[column]

    outcome = run_import("cases", str(write_csv([row])))

    assert outcome.errors == [
        f"row 1: {column}: only an asb case has a {column}; this is a hoarding"
    ]
    assert not Case.objects.exists()


def test_a_lead_officer_who_has_left_is_refused(write_csv, places, officer):
    officer.is_active = False
    officer.save()

    outcome = run_import("cases", str(write_csv([a_case()])))

    assert outcome.errors == ["row 1: lead_officer_email: this staff member can no longer sign in"]


@pytest.mark.parametrize("column", CasesKind.required)
def test_a_missing_required_column_is_named(write_csv, places, column):
    row = a_case()
    del row[column]

    outcome = run_import("cases", str(write_csv([row])))

    assert outcome.errors == [f"header: {column}: required column is missing"]
    assert not Case.objects.exists()


def test_a_reference_twice_in_the_file_is_reported(write_csv, places):
    outcome = run_import("cases", str(write_csv([a_case(), a_case(summary="again")])))

    assert outcome.errors == ["row 2: case_ref: ASB-2024-000017 is also on row 1"]
    assert not Case.objects.exists()


def test_cases_are_created_with_their_home_officer_and_asb_details(
    write_csv, places, officer, home
):
    path = write_csv(
        [
            a_case(hate_incident="true", subtype="hate", category="personal"),
            a_case(
                case_ref="FT-2025-000003",
                case_type="fly_tipping",
                opened_on="2025-01-02",
                closed_on="2025-01-09",
                category="",
                subtype="",
                hate_incident="",
                lead_officer_email="",
                summary="Mattresses by the bins",
            ),
        ]
    )

    outcome = run_import("cases", str(path))

    assert (outcome.status, outcome.out, outcome.err) == (0, "imported 2 cases\n", "")
    asb = Case.objects.get(reference="ASB-2024-000017")
    assert (asb.case_type, asb.status, asb.opened_on, asb.closed_on) == (
        "asb",
        CaseStatus.OPEN,
        dt.date(2024, 5, 1),
        None,
    )
    assert (asb.home, asb.patch, asb.lead_officer, asb.team) == (
        home,
        home.patch,
        officer,
        officer.team,
    )
    assert asb.summary == "Loud music most nights"
    assert not asb.restricted
    details = asb.asb_details
    assert (details.category, details.subtype, details.hate_incident) == (
        "personal",
        "hate",
        True,
    )
    # The file cannot say which characteristic; "other" until the officer refines it.
    assert details.protected_characteristic == "other"
    fly = Case.objects.get(reference="FT-2025-000003")
    assert (fly.status, fly.closed_on, fly.closure_reason) == (
        CaseStatus.CLOSED,
        dt.date(2025, 1, 9),
        ClosureReason.RESOLVED,
    )
    assert fly.lead_officer is None
    assert not AsbDetails.objects.filter(case=fly).exists()
    # The audit log names which ASB detail fields were set, never their values.
    details_event = AuditEvent.objects.get(object_type="asb.asbdetails")
    assert set(details_event.changes["hate_incident"]) == {"(withheld)"}
    assert AuditEvent.objects.filter(object_type="cases.case", source="import").count() == 2


@pytest.mark.parametrize(
    ("case_type", "prefix"), [("safeguarding", "SG"), ("domestic_abuse", "DA")]
)
def test_safeguarding_and_domestic_abuse_cases_are_restricted(write_csv, places, case_type, prefix):
    row = a_case(case_ref=f"{prefix}-2024-000001", case_type=case_type)
    row.update(category="", subtype="", hate_incident="")

    assert run_import("cases", str(write_csv([row]))).status == 0

    assert Case.objects.get().restricted


def test_the_reference_sequence_moves_past_imported_numbers(write_csv, places):
    CaseSequence.objects.create(prefix="ASB", year=2024, last_number=5)
    path = write_csv([a_case(), a_case(case_ref="ASB-2024-000003")])

    assert run_import("cases", str(path)).status == 0

    assert CaseSequence.objects.get(prefix="ASB", year=2024).last_number == 17


def test_re_importing_updates_the_case_and_keeps_a_known_closure_reason(write_csv, places):
    assert run_import("cases", str(write_csv([a_case()]))).status == 0
    Case.objects.update(
        status=CaseStatus.CLOSED,
        closed_on=dt.date(2024, 6, 1),
        closure_reason=ClosureReason.INSUFFICIENT_EVIDENCE,
        restricted=True,
    )

    outcome = run_import(
        "cases",
        str(write_csv([a_case(closed_on="2024-07-01", subtype="drugs")])),
        "-v",
        "2",
    )

    assert outcome.out == "imported 1 cases\n0 created, 1 updated, 0 unchanged\n"
    case = Case.objects.get()
    assert (case.closed_on, case.closure_reason) == (
        dt.date(2024, 7, 1),
        ClosureReason.INSUFFICIENT_EVIDENCE,
    )
    # An import never lifts a restriction an officer put on the case.
    assert case.restricted
    assert case.asb_details.subtype == "drugs"
    assert AuditEvent.objects.get(object_type="cases.case", action="update").changes == {
        "closed_on": ["2024-06-01", "2024-07-01"]
    }


def test_re_importing_the_same_file_changes_nothing(write_csv, places):
    path = write_csv([a_case(), a_case(case_ref="ASB-2024-000018", closed_on="2024-06-01")])
    assert run_import("cases", str(path)).status == 0
    before = stored_cases()

    outcome = run_import("cases", str(path), "-v", "2")

    assert outcome.out == "imported 2 cases\n0 created, 0 updated, 2 unchanged\n"
    assert stored_cases() == before


def test_re_opening_a_case_by_emptying_closed_on(write_csv, places):
    run_import("cases", str(write_csv([a_case(closed_on="2024-06-01")])))

    assert run_import("cases", str(write_csv([a_case()]))).status == 0

    case = Case.objects.get()
    assert (case.status, case.closed_on, case.closure_reason) == (CaseStatus.OPEN, None, "")


def test_a_dry_run_checks_and_writes_nothing(write_csv, places):
    outcome = run_import("cases", str(write_csv([a_case()])), "--dry-run")

    assert outcome.status == 0
    assert outcome.out == "dry run: 1 cases checked, no problems; nothing written\n"
    assert stored_cases() == (0, 0, 0, 0)


def test_lookups_are_batched_so_queries_do_not_grow_with_rows(
    write_csv, places, django_assert_max_num_queries
):
    rows = [a_case(case_ref=f"ASB-2024-{n + 1:06d}") for n in range(2500)]
    path = write_csv(rows)

    # 3 batches of at most 1,000 rows: a fixed number of queries per batch, not per row.
    with django_assert_max_num_queries(60):
        outcome = run_import("cases", str(path))

    assert outcome.out == "imported 2500 cases\n"
    assert AsbDetails.objects.count() == 2500
    assert CaseSequence.objects.get(prefix="ASB", year=2024).last_number == 2500
