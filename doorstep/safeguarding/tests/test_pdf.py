import pytest
from django.utils import timezone

from doorstep.safeguarding.pdf import referral_document, referral_html, referral_pdf_bytes

pytestmark = pytest.mark.django_db


def _text(box):
    """All the text laid out in a WeasyPrint box tree, in reading order."""
    if getattr(box, "text", None):
        yield box.text
    for child in getattr(box, "children", []) or []:
        yield from _text(child)


def _document_text(document) -> str:
    return " ".join(word for page in document.pages for word in _text(page._page_box))


def test_the_form_is_a4_and_says_who_what_where_and_who_made_it(
    colleague, referral, safeguarding_lead
):
    referral.consent_given = False
    referral.reason_without_consent = "She lacks capacity to decide about this."
    referral.immediate_danger = True
    referral.save()
    document = referral_document(
        referral, landlord="Forge and Canal Homes", printed_by=safeguarding_lead, now=timezone.now()
    )
    page = document.pages[0]
    # A4 is 210 x 297 mm; WeasyPrint measures in CSS pixels (96 per inch).
    assert round(page.width * 25.4 / 96) == 210
    assert round(page.height * 25.4 / 96) == 297
    text = _document_text(document)
    for expected in (
        "Forge and Canal Homes",
        "SGR-2026-000001",
        "Edna Thompson",
        "P000001",
        "12 Beechdale Road",
        "Financial or material",
        "pension card",
        "She lacks capacity to decide about this.",
        "Walsall Adult Social Care",
        "mash.adults@walsall.gov.uk",
        "Lee Brown",
        "Immediate danger was reported",
        "Printed by Grace Okafor",
    ):
        assert expected in text, expected


def test_the_pdf_bytes_are_a_pdf(referral, colleague):
    pdf = referral_pdf_bytes(
        referral, landlord="Doorstep", printed_by=colleague, now=timezone.now()
    )
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")


def test_the_html_carries_no_inline_style(referral, colleague):
    html = referral_html(referral, landlord="Doorstep", printed_by=colleague, now=timezone.now())
    assert "style=" not in html
    assert "<style" not in html
    assert "<script" not in html
