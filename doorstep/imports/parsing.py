"""Cell parsers for CSV imports (CONTRACTS.md "import_csv").

Each parser takes the text of one non-empty cell and returns a typed value, or raises
`RowError` with a message. `Cells` applies parsers to a row, fills in the column name and
collects every problem so one pass reports them all. Messages never repeat personal data
(names, phones, emails): the row number and column are enough to find the cell.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models

from doorstep.core.validators import (
    normalise_email,
    normalise_phone,
    normalise_postcode,
    normalise_uprn,
)

T = TypeVar("T")

LONDON = ZoneInfo("Europe/London")
DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
DATETIME_RE = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
    r"(Z|[+-][0-9]{2}:?[0-9]{2})?$"
)
LIST_SEPARATOR = ";"


class RowError(Exception):
    """A problem with one cell (or one row). `column` is filled in by `Cells` when blank."""

    def __init__(self, message: str, column: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.column = column


@dataclass(frozen=True, slots=True)
class Problem:
    """One line of the error report. `row` 0 means the header; None the file as a whole."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return f"file: {self.message}"
        where = "header" if self.row == 0 else f"row {self.row}"
        if not self.column:
            return f"{where}: {self.message}"
        return f"{where}: {self.column}: {self.message}"


def parse_text(value: str, *, max_length: int) -> str:
    """Free text on one line: runs of spaces and line breaks become one space."""
    value = " ".join(value.split())
    if len(value) > max_length:
        raise RowError(f"too long ({len(value)} characters; at most {max_length})")
    return value


def text(max_length: int) -> Callable[[str], str]:
    """A parser for free text of at most `max_length` characters."""

    def parser(value: str) -> str:
        return parse_text(value, max_length=max_length)

    return parser


def parse_reference(value: str, *, max_length: int) -> str:
    if len(value) > max_length:
        raise RowError(f"too long ({len(value)} characters; at most {max_length})")
    if any(ch.isspace() for ch in value) or LIST_SEPARATOR in value:
        raise RowError("a reference cannot contain spaces or ';'")
    return value


def reference(max_length: int) -> Callable[[str], str]:
    def parser(value: str) -> str:
        return parse_reference(value, max_length=max_length)

    return parser


def parse_uprn(value: str) -> str:
    try:
        return normalise_uprn(value)
    except ValidationError:
        raise RowError("not a UPRN (1 to 12 digits)") from None


def parse_postcode(value: str) -> str:
    try:
        return normalise_postcode(value)
    except ValidationError:
        raise RowError("not a UK postcode (like NG5 1AB)") from None


def parse_phone(value: str) -> str:
    """UK unless it starts with '+'; stored E.164."""
    try:
        return normalise_phone(value)
    except ValidationError:
        raise RowError("not a real phone number (like 0121 496 0000 or +44 121 496 0000)") from None


def parse_email(value: str) -> str:
    try:
        return normalise_email(value)
    except ValidationError:
        raise RowError("not an email address (like name@example.com)") from None


def parse_date(value: str) -> dt.date:
    if not DATE_RE.match(value):
        raise RowError("not a date (use YYYY-MM-DD, like 2024-03-31)")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise RowError("not a real date (use YYYY-MM-DD, like 2024-03-31)") from None


def parse_datetime(value: str) -> dt.datetime:
    """ISO 8601 `YYYY-MM-DDTHH:MM[:SS][offset]`; Europe/London when there is no offset."""
    if not DATETIME_RE.match(value):
        raise RowError("not a date and time (use YYYY-MM-DDTHH:MM, like 2024-03-31T14:30)")
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise RowError(
            "not a real date and time (use YYYY-MM-DDTHH:MM, like 2024-03-31T14:30)"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LONDON)
    return moment


def parse_bool(value: str) -> bool:
    lowered = value.lower()
    if lowered == "true":
        return True
    if lowered == "false":
        return False
    raise RowError("not true or false")


def parse_count(value: str, *, maximum: int) -> int:
    """A whole number from 0 to `maximum`."""
    if not value.isdigit() or not value.isascii():
        raise RowError(f"not a whole number from 0 to {maximum}")
    number = int(value)
    if number > maximum:
        raise RowError(f"not a whole number from 0 to {maximum}")
    return number


def count(maximum: int) -> Callable[[str], int]:
    def parser(value: str) -> int:
        return parse_count(value, maximum=maximum)

    return parser


def code(choices: type[models.TextChoices]) -> Callable[[str], str]:
    """A parser for the lower-case codes of a TextChoices (DOMAIN.md words)."""
    allowed = tuple(str(choice) for choice in choices)
    noun = _noun(choices.__name__)

    def parser(value: str) -> str:
        if value not in allowed:
            raise RowError(f"unknown {noun} '{_shown(value)}' (one of: {', '.join(allowed)})")
        return value

    return parser


def code_list(choices: type[models.TextChoices]) -> Callable[[str], tuple[str, ...]]:
    """A ';'-separated list of codes; each once."""
    single = code(choices)

    def parser(value: str) -> tuple[str, ...]:
        items = split_list(value)
        seen: list[str] = []
        for item in items:
            single(item)
            if item in seen:
                raise RowError(f"'{item}' is listed twice")
            seen.append(item)
        return tuple(seen)

    return parser


def reference_list(max_length: int) -> Callable[[str], tuple[str, ...]]:
    """A ';'-separated list of references; each once."""

    def parser(value: str) -> tuple[str, ...]:
        items = split_list(value)
        seen: list[str] = []
        for item in items:
            if len(item) > max_length or any(ch.isspace() for ch in item):
                raise RowError(f"'{_shown(item)}' is not a reference")
            if item in seen:
                raise RowError(f"{item} is listed twice")
            seen.append(item)
        return tuple(seen)

    return parser


def split_list(value: str) -> list[str]:
    """'a; b;;c' -> ['a', 'b', 'c']: blanks between separators are ignored."""
    return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]


def _noun(class_name: str) -> str:
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", class_name).lower()
    return words


def _shown(value: str) -> str:
    # Codes are echoed so a typo is easy to spot; keep the echo short.
    return value if len(value) <= 40 else value[:37] + "..."


class Cells:
    """The cells of one data row, parsed column by column with every problem collected."""

    def __init__(self, row: int, raw: Mapping[str, str | None], columns: frozenset[str]) -> None:
        self.row = row
        self.raw = raw
        self.columns = columns
        self.problems: list[Problem] = []

    def has(self, column: str) -> bool:
        """Whether the file has this column (an absent optional column leaves a field alone)."""
        return column in self.columns

    def value(self, column: str) -> str:
        return (self.raw.get(column) or "").strip()

    def required(self, column: str, parser: Callable[[str], T]) -> T | None:
        value = self.value(column)
        if not value:
            self.add(column, "a value is required")
            return None
        return self._parse(column, value, parser)

    def optional(self, column: str, parser: Callable[[str], T]) -> T | None:
        value = self.value(column)
        if not value:
            return None
        return self._parse(column, value, parser)

    def add(self, column: str, message: str) -> None:
        self.problems.append(Problem(self.row, column, message))

    def _parse(self, column: str, value: str, parser: Callable[[str], T]) -> T | None:
        try:
            return parser(value)
        except RowError as exc:
            self.add(exc.column or column, exc.message)
            return None
