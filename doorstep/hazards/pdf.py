"""The written summary to the tenant after a hazard investigation (Awaab's Law): an HTML
template rendered to A4 PDF by WeasyPrint, as the safeguarding referral form is. The stylesheet
is a file beside this module, so the template carries no inline style."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

from doorstep.hazards import clocks

STYLESHEET = Path(__file__).resolve().parent / "pdf" / "letter.css"


def summary_letter_html(
    hazard: Any, *, recipient: Any, landlord: str, signed_by: Any, now: dt.datetime
) -> str:
    case = hazard.case
    due = clocks.due_moments(hazard)
    return render_to_string(
        "hazards/summary_letter_pdf.html",
        {
            "hazard": hazard,
            "case": case,
            "home": case.home,
            "recipient": recipient,
            "landlord": landlord,
            "signed_by": signed_by,
            "now": now,
            "safety_work_by": due.safety_work_by,
            "preventative_by": due.preventative_by,
            "not_practicable": bool(hazard.preventative_not_practicable_reason),
        },
    )


def summary_letter_document(
    hazard: Any, *, recipient: Any, landlord: str, signed_by: Any, now: dt.datetime
) -> Any:
    """The laid-out WeasyPrint document (its pages hold the text, for checking)."""
    import weasyprint  # imported here: it loads Pango, which only this page needs

    html = summary_letter_html(
        hazard, recipient=recipient, landlord=landlord, signed_by=signed_by, now=now
    )
    return weasyprint.HTML(string=html).render(
        stylesheets=[weasyprint.CSS(filename=str(STYLESHEET))]
    )


def summary_letter_pdf_bytes(
    hazard: Any, *, recipient: Any, landlord: str, signed_by: Any, now: dt.datetime
) -> bytes:
    document = summary_letter_document(
        hazard, recipient=recipient, landlord=landlord, signed_by=signed_by, now=now
    )
    pdf: bytes = document.write_pdf()
    return pdf
