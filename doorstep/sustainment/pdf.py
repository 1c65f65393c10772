"""The job sheet sent to a partner: an HTML template rendered to A4 PDF by WeasyPrint (the
same approach as `doorstep.safeguarding.pdf`). It carries only what the partner needs: the
person's name, address and phone, their special arrangements, and the job."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

from doorstep.people.arrangements import arrangements_for
from doorstep.safeguarding.selectors import current_home_of

STYLESHEET = Path(__file__).resolve().parent / "pdf" / "job_sheet.css"


def job_sheet_html(job: Any, *, landlord: str, printed_by: Any, now: dt.datetime) -> str:
    person = job.referral.person
    return render_to_string(
        "sustainment/job_sheet_pdf.html",
        {
            "job": job,
            "referral": job.referral,
            "person": person,
            "home": current_home_of(person),
            "arrangements": arrangements_for(person),
            "landlord": landlord,
            "printed_by": printed_by,
            "now": now,
        },
    )


def job_sheet_pdf_bytes(job: Any, *, landlord: str, printed_by: Any, now: dt.datetime) -> bytes:
    import weasyprint  # imported here: it loads Pango, which only the PDFs need

    html = job_sheet_html(job, landlord=landlord, printed_by=printed_by, now=now)
    pdf: bytes = weasyprint.HTML(string=html).write_pdf(
        stylesheets=[weasyprint.CSS(filename=str(STYLESHEET))]
    )
    return pdf
