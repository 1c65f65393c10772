import datetime as dt

import pytest
from django.utils import timezone

from doorstep.hazards.pdf import (
    summary_letter_document,
    summary_letter_html,
    summary_letter_pdf_bytes,
)
from doorstep.hazards.tests.factories import HazardFactory

pytestmark = pytest.mark.django_db


def _text(box):
    if getattr(box, "text", None):
        yield box.text
    for child in getattr(box, "children", []) or []:
        yield from _text(child)


@pytest.fixture
def investigated(damp_case):
    reported = timezone.now() - dt.timedelta(days=6)
    return HazardFactory(
        case=damp_case,
        reported_at=reported,
        investigated_at=reported + dt.timedelta(days=2),
        findings="Black mould behind the wardrobe caused by condensation.",
        work_planned="Mould wash, anti-mould paint and a new extractor fan.",
        preventative_not_practicable_reason="The fan needs a new electrical circuit.",
    )


def test_the_letter_says_what_was_found_what_will_be_done_by_when_and_the_rights(
    investigated, person, officer
):
    document = summary_letter_document(
        investigated,
        recipient=person,
        landlord="Forge and Canal Homes",
        signed_by=officer,
        now=timezone.now(),
    )
    page = document.pages[0]
    assert round(page.width * 25.4 / 96) == 210 and round(page.height * 25.4 / 96) == 297
    text = " ".join(word for page in document.pages for word in _text(page._page_box))
    for expected in (
        "Forge and Canal Homes",
        "Edna Thompson",
        "12 Beechdale Road",
        investigated.case.reference,
        "Black mould behind the wardrobe",
        "a new extractor fan",
        "Work to stop it coming back will begin",
        "The fan needs a new electrical circuit.",
        "Housing Ombudsman",
        "somewhere suitable to stay",
        "Jan Kennedy",
    ):
        assert expected in text, expected


def test_the_pdf_is_a_pdf_and_the_html_has_no_inline_style(investigated, person, officer):
    pdf = summary_letter_pdf_bytes(
        investigated, recipient=person, landlord="Doorstep", signed_by=officer, now=timezone.now()
    )
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    html = summary_letter_html(
        investigated, recipient=person, landlord="Doorstep", signed_by=officer, now=timezone.now()
    )
    assert "style=" not in html and "<style" not in html and "<script" not in html
