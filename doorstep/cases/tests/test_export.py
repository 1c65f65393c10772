import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from doorstep.cases.exports import COLUMNS, guard
from doorstep.cases.tests.conftest import CAST, SEES_RESTRICTED
from doorstep.cases.tests.factories import CaseFactory
from doorstep.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

EXPORT = reverse("cases:case_export")


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _xlsx(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx"])
def test_formula_like_text_is_prefixed(value):
    assert guard(value) == "'" + value


@pytest.mark.parametrize("value", ["Loud music", "", 12, None])
def test_other_values_are_left_alone(value):
    assert guard(value) == value


def test_csv_export_of_the_filtered_list(client, officer, case, home):
    CaseFactory(home=home, lead_officer=officer, case_type="hoarding", summary="Clutter")
    client.force_login(officer)
    response = client.get(EXPORT, {"show": "mine", "case_type": "asb", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    rows = _csv(response)
    assert rows[0] == COLUMNS
    assert len(rows) == 2
    line = dict(zip(COLUMNS, rows[1], strict=True))
    assert line["Reference"] == case.reference
    assert line["Summary"] == "Loud music at 3am"
    assert line["Status"] == "Open" and line["Risk"] == "Standard"
    assert line["Place"].startswith("12 Beechdale Road")
    assert line["Lead officer"] == "Jan Kennedy"
    assert line["Opened on"] == case.opened_on.isoformat()
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.actor == officer and event.changes["rows"] == 1
    assert event.changes["filters"]["case_type"] == "asb"


def test_xlsx_export_guards_formulas(client, officer, home):
    CaseFactory(home=home, lead_officer=officer, summary='=HYPERLINK("http://evil","click")')
    client.force_login(officer)
    response = client.get(EXPORT, {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = _xlsx(response)
    assert rows[0] == COLUMNS
    line = dict(zip(COLUMNS, rows[1], strict=True))
    assert line["Summary"] == '\'=HYPERLINK("http://evil","click")'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=4).data_type == "s"  # text, not a formula


def test_csv_guards_formulas(client, officer, home):
    CaseFactory(home=home, lead_officer=officer, summary="-1+1 cmd|' /C calc'!A0")
    client.force_login(officer)
    rows = _csv(client.get(EXPORT, {"format": "csv"}))
    assert rows[1][3] == "'-1+1 cmd|' /C calc'!A0"


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("who", CAST)
def test_restricted_cases_in_exports(client, cast, restricted_case, who, kind):
    client.force_login(cast[who])
    response = client.get(EXPORT, {"show": "all", "format": kind})
    rows = _csv(response) if kind == "csv" else _xlsx(response)
    line = next(r for r in rows[1:] if r[0] == restricted_case.reference)
    if SEES_RESTRICTED[who]:
        assert line[3] == "Concern about an adult at risk"
        assert AuditEvent.objects.filter(
            action=AuditAction.VIEW, object_id=str(restricted_case.pk), actor=cast[who]
        ).exists()
    else:
        assert line[:4] == [
            restricted_case.reference,
            "Safeguarding",
            "Yes",
            "Restricted case — ask Jan Kennedy",
        ]
        assert all(value in ("", None) for value in line[4:])
        assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()


def test_unknown_format_is_refused(client, officer):
    client.force_login(officer)
    assert client.get(EXPORT, {"format": "pdf"}).status_code == 400
