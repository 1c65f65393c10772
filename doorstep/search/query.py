"""What the officer typed, and what it looks like: a phone number, a date of birth, a UPRN,
a postcode, a reference, or words of a name or an address."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import phonenumbers
from django.core.exceptions import ValidationError

from doorstep.core.validators import normalise_phone, normalise_postcode

MIN_LENGTH = 2
MAX_LENGTH = 100

TOO_SHORT = f"Enter at least {MIN_LENGTH} characters to search."
TOO_LONG = f"Your search was too long, so only the first {MAX_LENGTH} characters were used."
NO_WORDS = "Enter a name, address, postcode, phone number, date of birth or reference."


class Shape:
    PHONE = "phone"
    DATE = "date"
    POSTCODE = "postcode"  # a full postcode
    POSTCODE_AREA = "postcode_area"  # an outward code, or outward code and sector
    REFERENCE = "reference"  # letters then digits, like P000123
    NUMBER = "number"  # 1-12 digits: a UPRN, or a reference that is all digits
    WORDS = "words"


WORD_RE = re.compile(r"[^\W_]+")
PHONE_RE = re.compile(r"^\+?[0-9]{9,15}$")
PHONE_PUNCTUATION_RE = re.compile(r"[\s().-]")
NUMBER_RE = re.compile(r"^[0-9]{1,12}$")
REFERENCE_RE = re.compile(r"^[A-Z]{1,3}[0-9]{3,}$")
# An outward code (WS2, B12, SW1A) optionally with the sector digit (WS2 7).
POSTCODE_AREA_RE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9])?$")
ORDINAL_RE = re.compile(r"\b([0-9]{1,2})(st|nd|rd|th)\b", re.IGNORECASE)
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y")


@dataclass(frozen=True)
class SearchQuery:
    text: str  # as typed, spaces collapsed, at most MAX_LENGTH characters
    words: tuple[str, ...]  # lower-case words without punctuation
    shape: str = Shape.WORDS
    phone: str = ""  # E.164
    date_of_birth: dt.date | None = None
    postcode: str = ""  # normalised, 'WS2 7AB'
    postcode_prefixes: tuple[str, ...] = ()  # 'WS2 ' or 'WS2 7'
    number: str = ""  # digits only
    reference: str = ""  # upper case

    @property
    def lowered(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class ParsedSearch:
    query: SearchQuery | None  # None when there is nothing to search for
    message: str = ""  # why nothing was searched, or how the query was changed


def words_of(text: str) -> tuple[str, ...]:
    return tuple(WORD_RE.findall(text.lower()))


def _as_phone(text: str) -> str:
    compact = PHONE_PUNCTUATION_RE.sub("", text)
    # A UPRN is all digits too; a phone number typed by an officer starts with 0 or +.
    if not PHONE_RE.match(compact) or compact[0] not in "0+":
        return ""
    try:
        return normalise_phone(compact)
    except ValidationError:
        pass
    # Not a number in use (a drama number, an old record): still look for it as stored.
    try:
        number = phonenumbers.parse(compact, None if compact.startswith("+") else "GB")
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _as_date(text: str) -> dt.date | None:
    cleaned = ORDINAL_RE.sub(r"\1", text.replace(",", " "))
    cleaned = " ".join(cleaned.split())
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def _as_postcode(text: str) -> str:
    try:
        return normalise_postcode(text)
    except ValidationError:
        return ""


def _postcode_prefixes(upper: str) -> tuple[str, ...]:
    match = POSTCODE_AREA_RE.match(upper)
    if not match:
        return ()
    outward, sector = match.groups()
    if sector:
        return (f"{outward} {sector}",)
    prefixes = [f"{outward} "]
    # 'WS27' may be outward code WS27 or WS2 sector 7: look for both.
    if len(outward) >= 3 and outward[-1].isdigit() and outward[-2].isdigit():
        prefixes.append(f"{outward[:-1]} {outward[-1]}")
    return tuple(prefixes)


def parse_query(raw: str | None) -> ParsedSearch:
    """Clean what was typed and work out its shape. Never raises: a bad query gets a message."""
    text = " ".join((raw or "").split())
    message = ""
    if len(text) > MAX_LENGTH:
        text = text[:MAX_LENGTH].rstrip()
        message = TOO_LONG
    if len(text) < MIN_LENGTH:
        return ParsedSearch(query=None, message=TOO_SHORT)
    words = words_of(text)
    upper = text.upper()
    compact = upper.replace(" ", "")
    query = SearchQuery(text=text, words=words)

    if phone := _as_phone(text):
        query = SearchQuery(text=text, words=words, shape=Shape.PHONE, phone=phone)
    elif date_of_birth := _as_date(text):
        query = SearchQuery(text=text, words=words, shape=Shape.DATE, date_of_birth=date_of_birth)
    elif postcode := _as_postcode(text):
        query = SearchQuery(text=text, words=words, shape=Shape.POSTCODE, postcode=postcode)
    elif REFERENCE_RE.match(compact):
        query = SearchQuery(text=text, words=words, shape=Shape.REFERENCE, reference=compact)
    elif NUMBER_RE.match(compact):
        query = SearchQuery(text=text, words=words, shape=Shape.NUMBER, number=compact)
    elif prefixes := _postcode_prefixes(upper):
        query = SearchQuery(
            text=text, words=words, shape=Shape.POSTCODE_AREA, postcode_prefixes=prefixes
        )
    elif not words:
        return ParsedSearch(query=None, message=NO_WORDS)
    return ParsedSearch(query=query, message=message)
