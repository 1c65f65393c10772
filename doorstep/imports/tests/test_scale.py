"""Large files: all or nothing across batches, and memory that does not grow with the file.

The memory tests generate their files on the fly into tmp_path and measure the peak of Python
allocations (tracemalloc) during the run. They run in `make test` (no marker excludes them).
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from doorstep.core.models import AuditEvent
from doorstep.imports.parsing import Problem
from doorstep.imports.runner import run_import as run
from doorstep.imports.tests.helpers import run_import
from doorstep.people.models import Person

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def people_file(path: Path, rows: int, *, bad_row: int | None = None) -> Path:
    """`rows` people, written a line at a time (never built in memory)."""
    with path.open("w", encoding="utf-8") as out:
        out.write("person_ref,first_name,last_name,date_of_birth\n")
        for number in range(1, rows + 1):
            born = "1990-02-30" if number == bad_row else "1961-07-04"
            out.write(f"P{number:07d},Edna,Thompson,{born}\n")
    return path


def peak_of(work) -> tuple[object, int]:
    tracemalloc.start()
    try:
        result = work()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def test_one_bad_row_in_a_thousand_writes_nothing(tmp_path):
    path = people_file(tmp_path / "people.csv", 1000, bad_row=537)

    outcome = run_import("people", str(path))

    assert outcome.status == 1
    assert outcome.errors == [
        "row 537: date_of_birth: not a real date (use YYYY-MM-DD, like 2024-03-31)"
    ]
    assert Person.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_a_thousand_rows_import_in_batches_and_again_unchanged(tmp_path):
    path = people_file(tmp_path / "people.csv", 1000)

    first = run_import("people", str(path), "-v", "2")
    again = run_import("people", str(path), "-v", "2")

    assert first.out == "imported 1000 people\n1000 created, 0 updated, 0 unchanged\n"
    assert again.out == "imported 1000 people\n0 created, 0 updated, 1000 unchanged\n"
    assert Person.objects.count() == 1000


def test_checking_200000_rows_streams_the_file_in_bounded_memory(tmp_path):
    path = people_file(tmp_path / "people.csv", 200_000)
    problems: list[Problem] = []
    started = time.monotonic()

    result, peak = peak_of(
        lambda: run(kind="people", path=path, report=problems.append, dry_run=True)
    )

    assert problems == []
    assert result.rows == 200_000  # type: ignore[attr-defined]
    # The file is about 8 MB; rows are never all held: only each reference (for duplicates)
    # and one batch at a time.
    assert peak < 150 * MB, f"peak {peak / MB:.0f} MB"
    assert time.monotonic() - started < 120
    assert Person.objects.count() == 0


def test_writing_keeps_one_batch_in_memory_not_the_file(tmp_path):
    small = people_file(tmp_path / "small.csv", 1_000)
    large = people_file(tmp_path / "large.csv", 8_000)

    small_result, small_peak = peak_of(lambda: run(kind="people", path=small, report=print))
    large_result, large_peak = peak_of(lambda: run(kind="people", path=large, report=print))

    assert small_result.written and large_result.written  # type: ignore[attr-defined]
    assert Person.objects.count() == 8_000  # the first 1,000 updated, not duplicated
    # Eight times the rows, nowhere near eight times the memory: batches are written and dropped.
    assert large_peak < 60 * MB, f"peak {large_peak / MB:.0f} MB"
    assert large_peak < 3 * small_peak, f"{small_peak / MB:.1f} MB then {large_peak / MB:.1f} MB"
