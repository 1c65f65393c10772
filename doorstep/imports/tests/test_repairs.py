"""`import_csv repairs`: every column's bad input, targets and within-target, re-imports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from doorstep.core.models import AuditEvent
from doorstep.core.working_days import LONDON
from doorstep.imports.tests.helpers import run_import
from doorstep.repairs.models import Repair, RepairSequence
from doorstep.repairs.services import repair_report
from doorstep.repairs.tests.factories import ContractorFactory

pytestmark = pytest.mark.django_db


def a_repair(**cells: str) -> dict[str, str]:
    row = {
        "repair_ref": "REP-2025-000123",
        "uprn": "100071234567",
        "priority": "routine",
        "reported_at": "2025-12-19T11:15",
        "completed_at": "2026-01-21T23:59",
        "description": "Bathroom extractor fan not working",
    }
    row.update(cells)
    return row


def stored_repairs() -> tuple[int, int]:
    return Repair.objects.count(), AuditEvent.objects.filter(object_type="repairs.repair").count()


BAD_CELLS = [
    ("repair_ref", "", "a value is required"),
    ("repair_ref", "REP-2025-12", "not a repair reference (REP-YYYY-NNNNNN, like REP-2026-000123)"),
    ("repair_ref", "ASB-2025-000123", "a repair reference starts REP-, not ASB-"),
    ("repair_ref", "REP-2025-000000", "repair reference numbers start at 000001"),
    ("uprn", "", "a value is required"),
    ("uprn", "12345678901234", "not a UPRN (1 to 12 digits)"),
    ("uprn", "999", "no home has this UPRN; import homes first"),
    ("priority", "", "a value is required"),
    (
        "priority",
        "asap",
        "unknown priority 'asap' (one of: emergency, urgent, routine, planned)",
    ),
    ("reported_at", "", "a value is required"),
    (
        "reported_at",
        "19/12/2025",
        "not a date and time (use YYYY-MM-DDTHH:MM, like 2024-03-31T14:30)",
    ),
    ("reported_at", "2999-01-01T10:00", "a repair cannot be reported in the future"),
    ("completed_at", "2025-12-18T09:00", "the repair is completed before its reported_at"),
    ("completed_at", "2999-01-01T10:00", "a repair cannot be completed in the future"),
    ("description", "x" * 2001, "too long (2001 characters; at most 2000)"),
]


@pytest.mark.parametrize(("column", "value", "message"), BAD_CELLS)
def test_a_bad_cell_is_reported_by_row_and_column_and_nothing_is_written(
    write_csv, home, column, value, message
):
    # A reported_at problem is shown on an open repair, so it is the only problem of its row.
    cells = {"completed_at": ""} if column == "reported_at" else {}
    cells[column] = value
    path = write_csv([a_repair(repair_ref="REP-2025-000001"), a_repair(**cells)])
    before = stored_repairs()

    outcome = run_import("repairs", str(path))

    assert outcome.status == 1
    assert outcome.errors == [f"row 2: {column}: {message}"]
    assert stored_repairs() == before


def test_a_duplicate_reference_in_the_file_is_refused(write_csv, home):
    outcome = run_import("repairs", str(write_csv([a_repair(), a_repair()])))
    assert outcome.errors == ["row 2: repair_ref: REP-2025-000123 is also on row 1"]
    assert not Repair.objects.exists()


def test_header_problems_name_the_column(write_csv, home):
    row = a_repair()
    del row["priority"]
    row["colour"] = "red"
    outcome = run_import("repairs", str(write_csv([row])))
    assert outcome.status == 1
    assert outcome.errors == [
        "header: colour: unknown column (repairs columns are repair_ref, uprn, priority, "
        "reported_at, completed_at, description)",
        "header: priority: required column is missing",
    ]


def test_imported_repairs_get_their_target_and_within_target(write_csv, home):
    # Routine, reported Fri 19 Dec 2025: target end of Wed 21 Jan 2026 (Christmas Day, Boxing
    # Day and New Year's Day skipped). Completed at 23:59 that day: within target.
    rows = [
        a_repair(),
        a_repair(repair_ref="REP-2025-000124", completed_at="2026-01-22T08:00"),
        a_repair(
            repair_ref="REP-2026-000007",
            priority="emergency",
            reported_at="2026-03-06T16:00",
            completed_at="",
            description="",
        ),
    ]
    outcome = run_import("repairs", str(write_csv(rows)))

    assert outcome.status == 0, outcome.err
    assert outcome.out.strip() == "imported 3 repairs"
    on_time, late, emergency = Repair.objects.order_by("reference")
    assert on_time.target_at == dt.datetime(2026, 1, 21, 23, 59, 59, tzinfo=LONDON)
    assert (on_time.status, on_time.within_target) == ("completed", True)
    assert (late.status, late.within_target) == ("completed", False)
    assert emergency.target_at == dt.datetime(2026, 3, 7, 16, 0, tzinfo=LONDON)
    assert (emergency.status, emergency.within_target, emergency.completed_at) == (
        "reported",
        None,
        None,
    )
    assert on_time.home == home and on_time.owner is None
    assert AuditEvent.objects.filter(object_type="repairs.repair", source="import").count() == 3


def test_reimporting_updates_and_is_idempotent(write_csv, home):
    path = write_csv([a_repair(completed_at="")])
    assert run_import("repairs", str(path)).status == 0
    again = run_import("repairs", str(path), "-v", "2")
    assert "0 created, 0 updated, 1 unchanged" in again.out
    assert Repair.objects.count() == 1

    # Completed later: the same reference updates the repair and works out within_target.
    run_import("repairs", str(write_csv([a_repair(completed_at="2026-01-20T10:00")])))
    repair = Repair.objects.get()
    assert (repair.status, repair.within_target) == ("completed", True)

    # A file without completed_at leaves the completion alone; an empty cell clears it.
    row = a_repair(priority="urgent")
    del row["completed_at"]
    run_import("repairs", str(write_csv([row])))
    repair.refresh_from_db()
    assert repair.priority == "urgent" and repair.status == "completed"
    assert repair.within_target is False  # urgent: 5 working days, long past
    run_import("repairs", str(write_csv([a_repair(completed_at="")])))
    repair.refresh_from_db()
    assert (repair.status, repair.completed_at, repair.within_target) == ("reported", None, None)


def test_reimporting_keeps_an_officers_open_status(write_csv, home, officer):
    run_import("repairs", str(write_csv([a_repair(completed_at="")])))
    repair = Repair.objects.get()
    repair.status, repair.contractor = "ordered", ContractorFactory()
    repair.save()
    run_import("repairs", str(write_csv([a_repair(completed_at="", description="New words")])))
    repair.refresh_from_db()
    assert (repair.status, repair.description) == ("ordered", "New words")


def test_doorsteps_own_numbers_carry_on_after_the_imported_ones(write_csv, home, officer):
    run_import(
        "repairs",
        str(
            write_csv(
                [
                    a_repair(
                        repair_ref="REP-2026-000050",
                        completed_at="",
                        reported_at="2026-01-05T09:00",
                    )
                ]
            )
        ),
    )
    assert RepairSequence.objects.get(year=2026).last_number == 50
    repair = repair_report(
        actor=officer, home=home, priority="routine", description="Gate hinge broken"
    )
    # Reported now (in 2026 or later): a 2026 report continues from 50.
    if repair.reference.startswith("REP-2026-"):
        assert repair.reference == "REP-2026-000051"
    else:
        assert repair.reference.endswith("-000001")


def test_a_dry_run_writes_nothing(write_csv, home):
    outcome = run_import("repairs", str(write_csv([a_repair()])), "--dry-run")
    assert outcome.status == 0
    assert outcome.out.strip() == "dry run: 1 repairs checked, no problems; nothing written"
    assert not Repair.objects.exists()


def test_the_sample_file_imports_after_the_homes(office):
    from django.conf import settings

    samples = Path(settings.BASE_DIR) / "docs" / "samples"
    assert run_import("homes", str(samples / "homes.csv")).status == 0
    outcome = run_import("repairs", str(samples / "repairs.csv"))
    assert (outcome.status, outcome.out, outcome.err) == (0, "imported 6 repairs\n", "")
    within = dict(Repair.objects.values_list("reference", "within_target"))
    # REP-2025-000102: urgent from Thu 20 Nov 2025, target Thu 27 Nov; completed 26 Nov.
    # REP-2025-000104: routine from Mon 1 Dec 2025, target Wed 31 Dec; completed 14 Jan: late.
    assert within == {
        "REP-2025-000101": True,
        "REP-2025-000102": True,
        "REP-2025-000103": True,
        "REP-2025-000104": False,
        "REP-2025-000105": None,
        "REP-2025-000106": None,
    }
