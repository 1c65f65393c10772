"""The printable referral form: an HTML template rendered to A4 PDF by WeasyPrint.

The stylesheet is a file beside this module, passed to WeasyPrint directly, so the template
carries no inline style (the house rule holds even for documents never served as pages).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

STYLESHEET = Path(__file__).resolve().parent / "pdf" / "referral.css"


def referral_html(referral: Any, *, landlord: str, printed_by: Any, now: dt.datetime) -> str:
    from doorstep.safeguarding.selectors import current_home_of

    return render_to_string(
        "safeguarding/referral_pdf.html",
        {
            "referral": referral,
            "person": referral.person,
            "home": current_home_of(referral.person),
            "landlord": landlord,
            "printed_by": printed_by,
            "now": now,
        },
    )


def referral_document(referral: Any, *, landlord: str, printed_by: Any, now: dt.datetime) -> Any:
    """The laid-out WeasyPrint document (its pages hold the text, for checking)."""
    import weasyprint  # imported here: it loads Pango, which only this page needs

    html = referral_html(referral, landlord=landlord, printed_by=printed_by, now=now)
    return weasyprint.HTML(string=html).render(
        stylesheets=[weasyprint.CSS(filename=str(STYLESHEET))]
    )


def referral_pdf_bytes(referral: Any, *, landlord: str, printed_by: Any, now: dt.datetime) -> bytes:
    document = referral_document(referral, landlord=landlord, printed_by=printed_by, now=now)
    pdf: bytes = document.write_pdf()
    return pdf
