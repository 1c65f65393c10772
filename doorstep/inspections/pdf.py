"""The printable inspection report: an HTML template rendered to A4 PDF by WeasyPrint, as
`doorstep.safeguarding.pdf` does. The stylesheet is a file beside this module, so the
template carries no inline style. Photos are shrunk to thumbnails and embedded as data: URIs,
so the report needs no access to storage once built and stays small."""

from __future__ import annotations

import base64
import datetime as dt
import io
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

STYLESHEET = Path(__file__).resolve().parent / "pdf" / "report.css"
THUMBNAIL_PX = 360


def thumbnail_uri(answer: Any) -> str:
    """A small JPEG of the answer's photo as a data: URI, or "" when there is none or it
    cannot be shown (HEIC, or a file that no longer opens)."""
    if not answer.photo or answer.photo_content_type == "image/heic":
        return ""
    from PIL import Image

    try:
        with answer.photo.open("rb") as stored, Image.open(stored) as image:
            image.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
            out = io.BytesIO()
            image.convert("RGB").save(out, format="JPEG", quality=80)
    except (OSError, ValueError):
        return ""
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def report_html(
    inspection: Any, answers: list[Any], *, landlord: str, printed_by: Any, now: dt.datetime
) -> str:
    rows = [{"answer": answer, "thumbnail": thumbnail_uri(answer)} for answer in answers]
    return render_to_string(
        "inspections/report_pdf.html",
        {
            "inspection": inspection,
            "rows": rows,
            "raised": [a for a in answers if a.case_id or getattr(a, "repair", None)],
            "landlord": landlord,
            "printed_by": printed_by,
            "now": now,
        },
    )


def report_document(
    inspection: Any, answers: list[Any], *, landlord: str, printed_by: Any, now: dt.datetime
) -> Any:
    """The laid-out WeasyPrint document (its pages hold the text, for checking)."""
    import weasyprint  # imported here: it loads Pango, which only this page needs

    html = report_html(inspection, answers, landlord=landlord, printed_by=printed_by, now=now)
    return weasyprint.HTML(string=html).render(
        stylesheets=[weasyprint.CSS(filename=str(STYLESHEET))]
    )


def report_pdf_bytes(
    inspection: Any, answers: list[Any], *, landlord: str, printed_by: Any, now: dt.datetime
) -> bytes:
    document = report_document(
        inspection, answers, landlord=landlord, printed_by=printed_by, now=now
    )
    pdf: bytes = document.write_pdf()
    return pdf
