"""Putting a letter or a sign together from a template: merge values, addressee, delivery.

Reads only what it is given (the household's home and tenants, loaded by the selectors with
their estate, block, patch officer and office), so composing 500 letters is no extra query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from doorstep.letters import addressing, merge
from doorstep.letters.addressing import Household
from doorstep.letters.models import Delivery
from doorstep.letters.pdf import LetterPage, Sender
from doorstep.resident_reports.selectors import report_link, short_address


def landlord_name() -> str:
    return getattr(settings, "DOORSTEP_LANDLORD_NAME", "") or settings.DOORSTEP_NAME


def patch_officer(*, home: Any = None, estate: Any = None) -> Any:
    """The neighbourhood officer of a home (its own patch, else its estate's) or an estate."""
    patch = None
    if home is not None:
        patch = home.patch if home.patch_id else home.estate.patch
    elif estate is not None:
        patch = estate.patch
    return patch.officer if patch is not None else None


def office_of(*, home: Any = None, estate: Any = None, sender: Any = None) -> Any:
    if home is not None:
        return home.estate.office
    if estate is not None:
        return estate.office
    team = getattr(sender, "team", None)
    return team.office if team is not None else None


@dataclass(frozen=True)
class Composed:
    page: LetterPage
    delivery: str
    email_to: list[str]


def compose_letter(
    *,
    subject: str,
    body: str,
    household: Household,
    sender: Any,
    day: dt.date,
    base_url: str,
    message: str = "",
    reference: str = "",
) -> Composed:
    """One household's letter as it will be sent, and whether by post or by email."""
    home = household.home
    estate = home.estate if home is not None else None
    block = home.block if home is not None else None
    office = office_of(home=home, sender=sender)
    values = {
        **addressing.place_values(
            estate=estate,
            block=block,
            officer=patch_officer(home=home) or sender,
            office=office,
            landlord=landlord_name(),
            day=day,
            report_link=report_link(base_url=base_url, estate=estate),
        ),
        **addressing.household_values(household),
        "message": message,
    }
    emails = addressing.email_recipients(household.people)
    page = LetterPage(
        addressee=addressing.addressee(household.people),
        address_lines=addressing.address_lines(home),
        subject=merge.render(subject, values),
        body=merge.render(body, values),
        reference=reference,
    )
    delivery = Delivery.EMAIL if emails else Delivery.PRINT
    return Composed(page=page, delivery=delivery, email_to=emails)


def sender_block(*, office: Any) -> Sender:
    return Sender.of(landlord=landlord_name(), office=office)


@dataclass(frozen=True)
class ComposedSign:
    headline: str
    body: str
    link: str
    short_link: str
    place: str
    landlord: str


def compose_sign(
    *, template: Any, estate: Any, block: Any, sender: Any, day: dt.date, base_url: str
) -> ComposedSign:
    link = report_link(base_url=base_url, estate=estate)
    values = addressing.place_values(
        estate=estate,
        block=block,
        officer=patch_officer(estate=estate) or sender,
        office=estate.office,
        landlord=landlord_name(),
        day=day,
        report_link=short_address(link),
    )
    return ComposedSign(
        headline=merge.render(template.subject, values),
        body=merge.render(template.body, values),
        link=link,
        short_link=short_address(link),
        place=values["place.name"],
        landlord=landlord_name(),
    )
