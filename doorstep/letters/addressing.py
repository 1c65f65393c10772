"""Who a letter is addressed to, and the values of its merge fields. Pure functions.

A household is the current tenancy of a home: the letter is addressed to its tenants (the
lead tenant first), or to "The Occupier" when the home is empty. Tenants whose preferred
contact method is email, with an address on file, get the letter by email instead of on paper.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.dateformat import format as format_date

from doorstep.core.validators import format_phone
from doorstep.people.models import ContactMethod

OCCUPIER = "The Occupier"
OCCUPIER_SALUTATION = "Resident"


@dataclass(frozen=True)
class Household:
    """One letter's recipients: a home and its tenants (none when empty), or one person."""

    home: Any
    people: Sequence[Any] = field(default_factory=tuple)

    @property
    def lead(self) -> Any:
        return self.people[0] if self.people else None


def _name_with_title(person: Any) -> str:
    return f"{person.title} {person.full_name}" if person.title else person.full_name


def _joined(parts: Sequence[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def addressee(people: Sequence[Any]) -> str:
    return _joined([_name_with_title(p) for p in people]) if people else OCCUPIER


def salutation(people: Sequence[Any]) -> str:
    if not people:
        return OCCUPIER_SALUTATION
    return _joined([f"{p.title} {p.last_name}" if p.title else p.full_name for p in people])


def address_lines(home: Any) -> list[str]:
    if home is None:
        return []
    parts = [home.address_line_1, home.address_line_2, home.town, home.postcode]
    return [part for part in parts if part]


def email_recipients(people: Sequence[Any]) -> list[str]:
    """The addresses of the household's tenants who prefer email and have one on file."""
    return [
        p.email for p in people if p.preferred_contact_method == ContactMethod.EMAIL and p.email
    ]


def officer_values(*, officer: Any, office: Any) -> dict[str, str]:
    office_phone = format_phone(office.phone) if office is not None and office.phone else ""
    if officer is None:
        return {
            "officer.name": "",
            "officer.job_title": "",
            "officer.phone": office_phone,
            "officer.email": "",
        }
    return {
        "officer.name": officer.full_name,
        "officer.job_title": officer.job_title or "Neighbourhood officer",
        "officer.phone": format_phone(officer.phone) if officer.phone else office_phone,
        "officer.email": officer.email,
    }


def place_values(
    *,
    estate: Any,
    block: Any,
    officer: Any,
    office: Any,
    landlord: str,
    day: dt.date,
    report_link: str,
) -> dict[str, str]:
    """The merge values of a place (a sign, or the place part of a letter)."""
    estate_name = estate.name if estate is not None else ""
    block_name = block.name if block is not None else ""
    place = f"{block_name}, {estate_name}" if block_name and estate_name else estate_name
    return {
        "place.name": place,
        "estate.name": estate_name,
        "block.name": block_name,
        "landlord.name": landlord,
        "today": format_date(day, "j F Y"),
        "report_link": report_link,
        **officer_values(officer=officer, office=office),
    }


def household_values(household: Household) -> dict[str, str]:
    home = household.home
    return {
        "person.full_name": addressee(household.people),
        "person.salutation": salutation(household.people),
        "home.address": home.short_address if home is not None else "",
        "home.postcode": home.postcode if home is not None else "",
    }


@dataclass(frozen=True)
class SendSummary:
    households: int
    by_email: int
    by_post: int
    to_occupier: int


def summary(households: Sequence[Household]) -> SendSummary:
    by_email = sum(1 for household in households if email_recipients(household.people))
    return SendSummary(
        households=len(households),
        by_email=by_email,
        by_post=len(households) - by_email,
        to_occupier=sum(1 for household in households if not household.people),
    )
