"""`import_csv tenancies`: every column's bad input, references, households, re-imports."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.core.models import AuditEvent
from doorstep.imports.kinds.tenancies import TenanciesKind
from doorstep.imports.tests.helpers import run_import, stored
from doorstep.people.tests.factories import PersonFactory
from doorstep.places.models import Tenure
from doorstep.places.tests.factories import HomeFactory
from doorstep.tenancies.models import MemberRole, Tenancy, TenancyMember

pytestmark = pytest.mark.django_db

TYPES = "secure, assured, starter, flexible, licence, leasehold, shared_ownership"


@pytest.fixture
def household(estate):
    HomeFactory(uprn="100071000001", estate=estate, tenure=Tenure.GENERAL_NEEDS)
    HomeFactory(uprn="100071000005", estate=estate, tenure=Tenure.TEMPORARY)
    return {ref: PersonFactory(reference=ref) for ref in ("P1", "P2", "P3", "P4")}


def a_tenancy(**cells: str) -> dict[str, str]:
    row = {
        "tenancy_ref": "T100001",
        "uprn": "100071000001",
        "tenancy_type": "secure",
        "start_date": "2019-04-15",
        "end_date": "",
        "tenant_refs": "P1;P2",
        "member_refs": "P3",
    }
    row.update(cells)
    return row


BAD_CELLS = [
    ("tenancy_ref", "", "a value is required"),
    ("tenancy_ref", "T 1", "a reference cannot contain spaces or ';'"),
    ("tenancy_ref", "T" * 31, "too long (31 characters; at most 30)"),
    ("uprn", "", "a value is required"),
    ("uprn", "UPRN1", "not a UPRN (1 to 12 digits)"),
    ("uprn", "999999", "no home has this UPRN; import homes first"),
    ("tenancy_type", "", "a value is required"),
    ("tenancy_type", "lease", f"unknown tenancy type 'lease' (one of: {TYPES})"),
    (
        "tenancy_type",
        "licence",
        "a licence must be in a home with tenure temporary; this home's tenure is general_needs",
    ),
    ("start_date", "", "a value is required"),
    ("start_date", "15/04/2019", "not a date (use YYYY-MM-DD, like 2024-03-31)"),
    ("start_date", "2019-13-01", "not a real date (use YYYY-MM-DD, like 2024-03-31)"),
    ("end_date", "2019-04-15T10:00", "not a date (use YYYY-MM-DD, like 2024-03-31)"),
    ("end_date", "2019-04-14", "the tenancy ends before its start_date"),
    ("tenant_refs", "", "a value is required"),
    ("tenant_refs", ";", "a value is required"),
    ("tenant_refs", "P1;P1", "P1 is listed twice"),
    ("tenant_refs", "P1;P404", "no person has reference P404; import people first"),
    ("member_refs", "P404", "no person has reference P404; import people first"),
    ("member_refs", "P2", "P2 is also listed in tenant_refs"),
]


@pytest.mark.parametrize(("column", "value", "message"), BAD_CELLS)
def test_a_bad_cell_is_reported_by_row_and_column_and_nothing_is_written(
    write_csv, household, column, value, message
):
    path = write_csv([a_tenancy(tenancy_ref="T100000"), a_tenancy(**{column: value})])
    before = stored()

    outcome = run_import("tenancies", str(path))

    assert outcome.status == 1
    assert outcome.errors == [f"row 2: {column}: {message}"]
    assert outcome.out == ""
    assert stored() == before


@pytest.mark.parametrize("column", TenanciesKind.required)
def test_a_missing_required_column_is_named(write_csv, household, column):
    row = a_tenancy()
    del row[column]

    outcome = run_import("tenancies", str(write_csv([row])))

    assert outcome.status == 1
    assert outcome.errors == [f"header: {column}: required column is missing"]
    assert not Tenancy.objects.exists()


def test_an_unknown_column_is_named(write_csv, household):
    outcome = run_import("tenancies", str(write_csv([a_tenancy(rent="100")])))

    assert outcome.status == 1
    assert outcome.errors[0].startswith("header: rent: unknown column (tenancies columns are")


def test_a_reference_twice_in_the_file_is_reported(write_csv, household):
    path = write_csv([a_tenancy(), a_tenancy(uprn="100071000005")])

    outcome = run_import("tenancies", str(path))

    assert outcome.errors == ["row 2: tenancy_ref: T100001 is also on row 1"]
    assert not Tenancy.objects.exists()


def test_a_row_with_bad_cells_is_still_checked_for_missing_references(write_csv, household):
    path = write_csv([a_tenancy(start_date="soon", uprn="404", tenant_refs="P9")])

    outcome = run_import("tenancies", str(path))

    assert outcome.errors == [
        "row 1: start_date: not a date (use YYYY-MM-DD, like 2024-03-31)",
        "row 1: uprn: no home has this UPRN; import homes first",
        "row 1: tenant_refs: no person has reference P9; import people first",
    ]


def test_tenancies_are_created_with_tenants_and_household_members(write_csv, household):
    path = write_csv(
        [
            a_tenancy(),
            a_tenancy(
                tenancy_ref="T100002",
                uprn="100071000005",
                tenancy_type="licence",
                start_date="2025-01-20",
                end_date="2025-07-20",
                tenant_refs="P4",
                member_refs="",
            ),
        ]
    )

    outcome = run_import("tenancies", str(path))

    assert (outcome.status, outcome.out, outcome.err) == (0, "imported 2 tenancies\n", "")
    tenancy = Tenancy.objects.get(reference="T100001")
    assert tenancy.home.uprn == "100071000001"
    assert tenancy.start_date == dt.date(2019, 4, 15)
    assert tenancy.end_date is None
    assert sorted(tenancy.members.values_list("person__reference", "role")) == [
        ("P1", MemberRole.TENANT),
        ("P2", MemberRole.TENANT),
        ("P3", MemberRole.MEMBER),
    ]
    placement = Tenancy.objects.get(reference="T100002")
    assert placement.is_temporary_accommodation
    assert placement.end_date == dt.date(2025, 7, 20)


def test_re_importing_updates_the_tenancy_and_its_household(write_csv, household):
    run_import("tenancies", str(write_csv([a_tenancy()])))

    outcome = run_import(
        "tenancies",
        str(write_csv([a_tenancy(end_date="2024-03-31", tenant_refs="P1", member_refs="P2;P4")])),
        "-v",
        "2",
    )

    assert outcome.out == "imported 1 tenancies\n0 created, 1 updated, 0 unchanged\n"
    tenancy = Tenancy.objects.get()
    assert tenancy.end_date == dt.date(2024, 3, 31)
    assert sorted(tenancy.members.values_list("person__reference", "role")) == [
        ("P1", MemberRole.TENANT),
        ("P2", MemberRole.MEMBER),
        ("P4", MemberRole.MEMBER),
    ]
    assert TenancyMember.objects.count() == 3
    member_events = AuditEvent.objects.filter(object_type="tenancies.tenancymember")
    assert sorted(member_events.values_list("action", flat=True)) == [
        "create",
        "create",
        "create",
        "create",
        "delete",
        "update",
    ]
    assert AuditEvent.objects.get(object_type="tenancies.tenancy", action="update").changes == {
        "end_date": [None, "2024-03-31"]
    }


def test_without_a_member_refs_column_members_are_left_alone(write_csv, household):
    run_import("tenancies", str(write_csv([a_tenancy()])))
    row = a_tenancy(tenant_refs="P1")
    del row["member_refs"]

    assert run_import("tenancies", str(write_csv([row]))).status == 0

    assert sorted(Tenancy.objects.get().members.values_list("person__reference", "role")) == [
        ("P1", MemberRole.TENANT),
        ("P3", MemberRole.MEMBER),
    ]


def test_re_importing_the_same_file_changes_nothing(write_csv, household):
    path = write_csv([a_tenancy()])
    run_import("tenancies", str(path))
    events = AuditEvent.objects.count()

    outcome = run_import("tenancies", str(path), "-v", "2")

    assert outcome.out == "imported 1 tenancies\n0 created, 0 updated, 1 unchanged\n"
    assert AuditEvent.objects.count() == events
    assert TenancyMember.objects.count() == 3
