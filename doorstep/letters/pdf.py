"""Letters and signs as A4 PDFs: HTML templates laid out by WeasyPrint.

Each letter is one A4 page (the page break is in the stylesheet; templates are checked to fit
on one page when saved). Stylesheets are files beside this module, so the templates carry no
inline style. The QR code on a sign is an SVG from `segno`, embedded as a data URI.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

HERE = Path(__file__).resolve().parent / "pdf"
LETTER_CSS = HERE / "letter.css"
SIGN_CSS = HERE / "sign.css"


@dataclass(frozen=True)
class LetterPage:
    addressee: str
    address_lines: Sequence[str]
    subject: str
    body: str
    reference: str = ""


@dataclass(frozen=True)
class Sender:
    """The letterhead: the landlord and the office the letters come from."""

    landlord: str
    office_name: str = ""
    address_lines: Sequence[str] = ()
    phone: str = ""

    @classmethod
    def of(cls, *, landlord: str, office: Any) -> Sender:
        if office is None:
            return cls(landlord=landlord)
        from doorstep.core.validators import format_phone

        lines = [part.strip() for part in (office.address or "").split(",") if part.strip()]
        return cls(
            landlord=landlord,
            office_name=f"{office.name} office",
            address_lines=lines,
            phone=format_phone(office.phone) if office.phone else "",
        )


def _weasyprint() -> Any:
    import weasyprint  # imported here: it loads Pango, which only PDF work needs

    return weasyprint


def letters_html(pages: Sequence[LetterPage], *, sender: Sender, day: Any, title: str) -> str:
    return render_to_string(
        "letters/pdf/letters.html",
        {"pages": pages, "sender": sender, "day": day, "title": title},
    )


def letters_document(
    pages: Sequence[LetterPage], *, sender: Sender, day: Any, title: str = "Letters"
) -> Any:
    """The laid-out document (its pages can be counted and read in tests)."""
    weasyprint = _weasyprint()
    html = letters_html(pages, sender=sender, day=day, title=title)
    return weasyprint.HTML(string=html).render(
        stylesheets=[weasyprint.CSS(filename=str(LETTER_CSS))]
    )


def letters_pdf(
    pages: Sequence[LetterPage], *, sender: Sender, day: Any, title: str = "Letters"
) -> bytes:
    document = letters_document(pages, sender=sender, day=day, title=title)
    pdf: bytes = document.write_pdf()
    return pdf


def fits_on_one_page(page: LetterPage, *, sender: Sender, day: Any) -> bool:
    return len(letters_document([page], sender=sender, day=day).pages) == 1


def qr_data_uri(link: str) -> str:
    """A QR code of `link` as an SVG data URI (dark modules on white, a quiet zone of 4)."""
    import segno

    uri: str = segno.make(link, error="m").svg_data_uri(scale=10, border=4, title=link)
    return uri


def sign_html(
    *, headline: str, body: str, link: str, short_link: str, place: str, landlord: str
) -> str:
    return render_to_string(
        "letters/pdf/sign.html",
        {
            "headline": headline,
            "body": body,
            "link": link,
            "short_link": short_link,
            "place": place,
            "landlord": landlord,
            "qr": qr_data_uri(link),
        },
    )


def sign_document(**kwargs: Any) -> Any:
    weasyprint = _weasyprint()
    return weasyprint.HTML(string=sign_html(**kwargs)).render(
        stylesheets=[weasyprint.CSS(filename=str(SIGN_CSS))]
    )


def sign_pdf(**kwargs: Any) -> bytes:
    pdf: bytes = sign_document(**kwargs).write_pdf()
    return pdf
