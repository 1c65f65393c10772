import datetime as dt
import io

import pytest

from doorstep.people.models import ContactMethod
from doorstep.people.tests.factories import PersonFactory
from doorstep.places.tests.factories import BlockFactory, HomeFactory
from doorstep.tenancies.models import MemberRole
from doorstep.tenancies.tests.factories import TenancyFactory, TenancyMemberFactory


@pytest.fixture
def block(estate):
    return BlockFactory(name="Beech House", estate=estate)


def flat(estate, block, number):
    return HomeFactory(
        estate=estate,
        block=block,
        patch=estate.patch,
        address_line_1=f"Flat {number}, Beech House",
        address_line_2="Beechdale Road",
        postcode="WS2 7AH",
    )


@pytest.fixture
def households(estate, block):
    """Beech House: joint tenants, a tenant who prefers email, an empty flat, and a flat whose
    tenancy has ended (also addressed to The Occupier)."""
    joint = flat(estate, block, 1)
    tenancy = TenancyFactory(home=joint)
    edna = PersonFactory(title="Mrs", first_name="Edna", last_name="Thompson", reference="P000101")
    bill = PersonFactory(title="Mr", first_name="Bill", last_name="Thompson", reference="P000102")
    child = PersonFactory(first_name="Kayla", last_name="Thompson", reference="P000103")
    TenancyMemberFactory(tenancy=tenancy, person=edna)
    TenancyMemberFactory(tenancy=tenancy, person=bill)
    TenancyMemberFactory(tenancy=tenancy, person=child, role=MemberRole.MEMBER)

    emailing = flat(estate, block, 2)
    ade = PersonFactory(
        first_name="Ade",
        last_name="Okoro",
        reference="P000104",
        email="ade.okoro@example.org",
        preferred_contact_method=ContactMethod.EMAIL,
    )
    TenancyMemberFactory(tenancy=TenancyFactory(home=emailing), person=ade)

    empty = flat(estate, block, 3)
    ended = flat(estate, block, 4)
    TenancyMemberFactory(
        tenancy=TenancyFactory(home=ended, end_date=dt.date(2020, 1, 31)),
        person=PersonFactory(first_name="Gone", last_name="Away", reference="P000105"),
    )
    return {
        "joint": joint,
        "emailing": emailing,
        "empty": empty,
        "ended": ended,
        "edna": edna,
        "bill": bill,
        "ade": ade,
    }


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page of a PDF, as pypdf reads it."""
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def run_pdf_pages(run) -> list[str]:
    with run.pdf.open("rb") as handle:
        return pdf_pages(handle.read())
