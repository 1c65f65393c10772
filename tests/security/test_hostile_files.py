"""Hostile CSV imports and spreadsheet exports (Doorstep issue 9).

An import row with a NUL byte or 100,000 characters in a text column is reported as
`row N: column: message` and nothing is written; formula-like text (`=cmd|...`, `+`, `-`, `@`)
is stored verbatim and neutralised in every spreadsheet download by the shared rule of
`doorstep.core.spreadsheets`; control characters never break an XLSX file.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from doorstep.cases.models import Case
from doorstep.core.spreadsheets import safe_cell, safe_xlsx_cell
from doorstep.imports.tests.helpers import csv_text, run_import, stored
from doorstep.people.models import Person

pytestmark = pytest.mark.django_db

NUL = "Loud\x00music"
LONG = "x" * 100_000
FORMULAS = ["=cmd|' /C calc'!A0", "+SUM(1+1)", "-2+3", "@SUM(A1)", "\t=1+1", "\uff1d1+1"]

# One base row per import kind (CONTRACTS.md) and its free-text column.
ROWS = {
    "homes": (
        {
            "uprn": "100071000001",
            "address_line_1": "Flat 1 Alder House",
            "town": "Walsall",
            "postcode": "WS2 7AB",
            "estate": "Beechdale Estate",
            "tenure": "general_needs",
        },
        "address_line_1",
    ),
    "people": (
        {"person_ref": "P100001", "first_name": "Edna", "last_name": "Thompson"},
        "last_name",
    ),
    "tenancies": (
        {
            "tenancy_ref": "T100001",
            "uprn": "100071000001",
            "tenancy_type": "secure",
            "start_date": "2019-04-15",
            "tenant_refs": "P1",
        },
        "tenancy_ref",
    ),
    "cases": (
        {
            "case_ref": "ASB-2024-000017",
            "case_type": "asb",
            "opened_on": "2024-05-01",
            "summary": "Noise",
        },
        "summary",
    ),
    "incidents": (
        {
            "case_ref": "ASB-2024-000017",
            "reported_on": "2024-05-03",
            "reporter_ref": "P1",
            "description": "Music until 3am",
        },
        "description",
    ),
    "repairs": (
        {
            "repair_ref": "REP-2025-000123",
            "uprn": "100071234567",
            "priority": "routine",
            "reported_at": "2025-12-19T11:15",
            "description": "Fan not working",
        },
        "description",
    ),
    "complaints": (
        {
            "complaint_ref": "COM-2024-000009",
            "stage": "1",
            "received_on": "2024-06-03",
            "summary": "Boiler",
        },
        "summary",
    ),
    "contacts": (
        {
            "contact_ref": "C1",
            "person_ref": "P1",
            "channel": "phone",
            "direction": "inbound",
            "logged_at": "2025-05-30T09:15",
            "summary": "Rang about the noise.",
        },
        "summary",
    ),
}


@pytest.mark.parametrize("kind", sorted(ROWS))
@pytest.mark.parametrize("value", [NUL, LONG], ids=["nul", "long"])
def test_a_hostile_cell_is_reported_by_row_and_column_and_nothing_is_written(tmp_path, kind, value):
    row, column = ROWS[kind]
    path = tmp_path / f"{kind}.csv"
    path.write_text(csv_text([{**row, column: value}]), encoding="utf-8")
    before = stored()

    outcome = run_import(kind, str(path))

    assert outcome.status == 1
    assert any(line.startswith(f"row 1: {column}: ") for line in outcome.errors), outcome.errors
    assert stored() == before


def test_formula_text_is_imported_verbatim(tmp_path):
    rows = [
        {"person_ref": f"P10000{n}", "first_name": "Edna", "last_name": value}
        for n, value in enumerate(["=cmd|' /C calc'!A0", "+SUM(1+1)", "@SUM(A1)"])
    ]
    path = tmp_path / "people.csv"
    path.write_text(csv_text(rows), encoding="utf-8")

    outcome = run_import("people", str(path))

    assert outcome.status == 0, outcome.errors
    assert sorted(Person.objects.values_list("last_name", flat=True)) == sorted(
        row["last_name"] for row in rows
    )


@pytest.mark.parametrize("value", FORMULAS)
def test_every_formula_start_is_neutralised(value):
    assert safe_cell(value) == "'" + value
    assert safe_xlsx_cell(value).startswith("'")


def test_xlsx_cells_never_hold_control_characters():
    assert safe_xlsx_cell("bell\x07esc\x1b[2J nul\x00") == "bell\ufffdesc\ufffd[2J nul\ufffd"
    assert safe_xlsx_cell("tab\tnew\nline") == "tab\tnew\nline"
    assert safe_xlsx_cell(12) == 12


def test_case_exports_neutralise_imported_formulas_and_survive_control_characters(
    client, manager, tmp_path
):
    """End to end: formula text and a control character arrive by import; the CSV shows the
    formula as text, the XLSX opens (openpyxl refuses control characters) and shows it too."""
    rows = [
        {
            "case_ref": "ASB-2024-000017",
            "case_type": "asb",
            "opened_on": "2024-05-01",
            "summary": "=cmd|' /C calc'!A0",
        },
        {
            "case_ref": "ASB-2024-000018",
            "case_type": "asb",
            "opened_on": "2024-05-02",
            "summary": "Music \x1b[2J again",
        },
    ]
    path = tmp_path / "cases.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    outcome = run_import("cases", str(path))
    assert outcome.status == 0, outcome.errors
    assert Case.objects.get(reference="ASB-2024-000017").summary == "=cmd|' /C calc'!A0"

    client.force_login(manager)
    url = reverse("cases:case_export")
    response = client.get(url, {"format": "csv", "show": "all"})
    assert response.status_code == 200
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    summaries = {line[0]: line[3] for line in lines[1:]}
    assert summaries["ASB-2024-000017"] == "'=cmd|' /C calc'!A0"

    response = client.get(url, {"format": "xlsx", "show": "all"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = {row[0]: row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert cells["ASB-2024-000017"] == "'=cmd|' /C calc'!A0"
    assert cells["ASB-2024-000018"] == "Music \ufffd[2J again"
