"""Meeting minutes as an A4 PDF (WeasyPrint, as `doorstep.safeguarding.pdf`). A draft says so
on every page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

STYLESHEET = Path(__file__).resolve().parent / "pdf" / "minutes.css"


def minutes_html(page: Any, *, landlord: str, printed_by: Any, now: dt.datetime) -> str:
    return render_to_string(
        "meetings/minutes_pdf.html",
        {
            "meeting": page.meeting,
            "page": page,
            "landlord": landlord,
            "printed_by": printed_by,
            "now": now,
        },
    )


def minutes_pdf_bytes(page: Any, *, landlord: str, printed_by: Any, now: dt.datetime) -> bytes:
    import weasyprint  # imported here: it loads Pango, which only the PDFs need

    html = minutes_html(page, landlord=landlord, printed_by=printed_by, now=now)
    pdf: bytes = weasyprint.HTML(string=html).write_pdf(
        stylesheets=[weasyprint.CSS(filename=str(STYLESHEET))]
    )
    return pdf
