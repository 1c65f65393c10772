"""The Imports page at the demo landlord: last month the manager tried to bring in the repairs
history from the old system, and the check refused the file (nothing was written). The history
and the problems table show what a refused file looks like; the file itself is gone, as it is
after any refused check."""

from __future__ import annotations

import datetime as dt

from doorstep.demo import data
from doorstep.demo.builder.common import Build
from doorstep.imports.models import ImportProblem, ImportRun, RunStatus

PROBLEMS = (
    (4, "priority", "unknown priority 'p2' (one of: emergency, urgent, routine, planned)"),
    (9, "uprn", "no home has this UPRN; import homes first"),
    (17, "reported_at", "not a date and time (use YYYY-MM-DDTHH:MM, like 2024-03-31T14:30)"),
    (17, "completed_at", "the repair is completed before its reported_at"),
    (23, "repair_ref", "REP-2025-000311 is also on row 22"),
)


def build_imports(build: Build) -> None:
    manager = build.users[data.DEMO_MANAGER]
    uploaded = build.now - dt.timedelta(days=build.rng.randint(20, 30), hours=3)
    run = ImportRun.objects.create(
        kind="repairs",
        file_name="repairs-history-old-system.csv",
        size_bytes=48_213,
        status=RunStatus.PROBLEMS,
        uploaded_by=manager,
        rows=412,
        problem_count=len(PROBLEMS),
        bytes_checked=48_213,
        checked_at=uploaded + dt.timedelta(seconds=4),
        finished_at=uploaded + dt.timedelta(seconds=4),
    )
    # created_at is set on save; move it back to when the file was uploaded.
    ImportRun.objects.filter(pk=run.pk).update(created_at=uploaded, updated_at=uploaded)
    ImportProblem.objects.bulk_create(
        ImportProblem(run=run, row=row, column=column, message=message)
        for row, column, message in PROBLEMS
    )
    build.counts["import runs"] = 1
