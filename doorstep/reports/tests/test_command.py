"""`tsm_report --year Y [--format json|csv]` as CONTRACTS.md fixes it."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from doorstep.reports.tests.factories import add_homes, asb_case, at

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("tsm_report", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def landlord():
    add_homes(1600, created_at=at(2021, 6, 1, 9, 0))
    add_homes(40, tenure="leasehold", created_at=at(2021, 6, 1, 9, 0))
    asb_case(opened_on=dt.date(2025, 4, 1), hate=True)
    asb_case(opened_on=dt.date(2026, 3, 31))


def test_json_by_default(landlord):
    data = json.loads(run("--year", "2025"))
    assert list(data) == [
        "year", "relevant_homes", "NM01_1", "NM01_2", "RP02_1", "RP02_2",
        "CH01_1", "CH01_2", "CH02_1", "CH02_2",
    ]  # fmt: skip
    # 2 per 1,600 homes = 1.25 per 1,000; 1 per 1,600 = 0.625 -> 0.63 (halves up).
    assert data["year"] == "2025/26"
    assert data["relevant_homes"] == 1600
    assert data["NM01_1"] == 1.25
    assert data["NM01_2"] == 0.63
    assert data["RP02_1"] is None and data["CH02_2"] is None
    assert data["CH01_1"] == 0


def test_csv_exact_text(landlord):
    assert run("--year", "2025", "--format", "csv") == (
        "measure,value\n"
        "NM01_1,1.25\n"
        "NM01_2,0.63\n"
        "RP02_1,\n"
        "RP02_2,\n"
        "CH01_1,0.00\n"
        "CH01_2,0.00\n"
        "CH02_1,\n"
        "CH02_2,\n"
    )
    assert json.loads(run("--year", "2025", "--format", "JSON"))["NM01_1"] == 1.25


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "--year Y is required"),
        (("--year", "2025/26"), "four-digit year"),
        (("--year", "next"), "four-digit year"),
        (("--year", "1850"), "between 2000 and 2099"),
        (("--year", "2025", "--format", "xml"), "--format must be json or csv"),
    ],
)
def test_bad_input_is_a_clear_error(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_a_bad_year_exits_with_status_1():
    # Through manage.py, as a landlord runs it: exit status 1 and the reason on stderr.
    result = subprocess.run(
        [sys.executable, "manage.py", "tsm_report", "--year", "2025-26"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "four-digit year" in result.stderr
    assert result.stdout == ""
