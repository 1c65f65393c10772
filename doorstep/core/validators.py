"""Validation and normalisation of UK identifiers: UPRN, postcode, phone, email."""

from __future__ import annotations

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email as django_validate_email

UPRN_RE = re.compile(r"^[0-9]{1,12}$")
# The UK postcode format (BS 7666), including GIR 0AA; outward code then inward code.
POSTCODE_RE = re.compile(
    r"^(GIR0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPS-UW]|[A-HK-Y][0-9][ABEHMNPRV-Y])[0-9][ABD-HJLNP-UW-Z]{2})$"
)


def normalise_uprn(value: str) -> str:
    cleaned = (value or "").strip()
    if not UPRN_RE.match(cleaned):
        raise ValidationError("Enter a UPRN of 1 to 12 digits.", code="uprn")
    return cleaned


def validate_uprn(value: str) -> None:
    normalise_uprn(value)


def normalise_postcode(value: str) -> str:
    """'ng51ab' -> 'NG5 1AB'. Raises ValidationError for anything not a UK postcode."""
    compact = re.sub(r"\s+", "", value or "").upper()
    if not POSTCODE_RE.match(compact):
        raise ValidationError("Enter a real UK postcode, like NG5 1AB.", code="postcode")
    return f"{compact[:-3]} {compact[-3:]}"


def validate_postcode(value: str) -> None:
    normalise_postcode(value)


def normalise_phone(value: str) -> str:
    """Parse as a UK number unless it starts with '+'; return E.164."""
    raw = (value or "").strip()
    try:
        number = phonenumbers.parse(raw, None if raw.startswith("+") else "GB")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError("Enter a phone number, like 0121 496 0000.", code="phone") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError("Enter a real phone number, like 0121 496 0000.", code="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate_phone(value: str) -> None:
    normalise_phone(value)


def format_phone(value: str) -> str:
    """E.164 to the national format an officer dials (+441214960000 -> 0121 496 0000)."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        return value
    region = "GB" if number.country_code == 44 else None
    fmt = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if region
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, fmt)


def normalise_email(value: str) -> str:
    cleaned = (value or "").strip()
    try:
        django_validate_email(cleaned)
    except ValidationError as exc:
        raise ValidationError(
            "Enter an email address in the right format, like name@example.com.", code="email"
        ) from exc
    return cleaned.lower()
