import io

import pytest
from django.utils import timezone

from doorstep.inspections import services
from doorstep.inspections.models import Result
from doorstep.inspections.pdf import report_document, report_html, report_pdf_bytes
from doorstep.inspections.selectors import answers_of
from doorstep.inspections.tests.conftest import answer_all, png_upload

pytestmark = pytest.mark.django_db
P, F, NA = Result.PASS, Result.FAIL, Result.NOT_APPLICABLE


@pytest.fixture
def completed(inspection, estates_officer):
    answers = answer_all(
        inspection,
        estates_officer,
        [P, F, P, P, F, P, P, NA, P],
        notes={1: "Door to Lapwing House wedged open.", 4: "Fridge dumped by the bins."},
    )
    services.answer_record(actor=estates_officer, answer=answers[4], photo=png_upload())
    services.inspection_complete(actor=estates_officer, inspection=inspection)
    services.answer_raise_case(actor=estates_officer, answer=answers[4])
    inspection.refresh_from_db()
    return inspection


def test_the_report_is_a4_and_says_where_when_who_what_and_the_score(completed, manager):
    from pypdf import PdfReader

    pdf = report_pdf_bytes(
        completed,
        answers_of(completed),
        landlord="Forge and Canal Homes",
        printed_by=manager,
        now=timezone.now(),
    )
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    page = reader.pages[0]
    assert round(float(page.mediabox.width) * 25.4 / 72) == 210
    assert round(float(page.mediabox.height) * 25.4 / 72) == 297
    text = " ".join(p.extract_text() for p in reader.pages)
    for expected in (
        "Forge and Canal Homes",
        "Estate inspection report",
        "Beechdale Estate",
        "Dave Lloyd",
        "75.0%",  # 6 passes of the 8 passed or failed
        "6 passed, 2 failed, 1 not applicable",
        "Door to Lapwing House wedged open.",
        "Fridge dumped by the bins.",
        "Case FT-",
        "Printed by Andy Morris",
    ):
        assert expected in text, expected


def test_the_photo_is_embedded_as_a_thumbnail(completed, manager):
    document = report_document(
        completed,
        answers_of(completed),
        landlord="Doorstep",
        printed_by=manager,
        now=timezone.now(),
    )
    html = report_html(
        completed,
        answers_of(completed),
        landlord="Doorstep",
        printed_by=manager,
        now=timezone.now(),
    )
    assert html.count('src="data:image/jpeg;base64,') == 1
    assert len(document.pages) >= 1


def test_the_html_carries_no_inline_style_or_script(completed, manager):
    html = report_html(
        completed,
        answers_of(completed),
        landlord="Doorstep",
        printed_by=manager,
        now=timezone.now(),
    )
    assert "style=" not in html and "<style" not in html and "<script" not in html
