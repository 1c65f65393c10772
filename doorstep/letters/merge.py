"""Merge fields in letter and sign templates: a deliberately tiny, sandboxed language.

A template's subject and body are plain text with `{{ field }}` placeholders from a fixed list.
No tags, filters or attribute look-ups: the text is never given to a template engine, so a
template cannot reach anything but the values handed to `render`. An unknown field, a filter
or a tag is a validation error that names it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.core.exceptions import ValidationError

# field -> what it becomes, shown to managers writing templates.
PERSON_FIELDS: dict[str, str] = {
    "person.full_name": "The household's tenants, like “Mrs Edna Thompson and Mr Bill "
    "Thompson”, or “The Occupier” for an empty home",
    "person.salutation": "For “Dear …”: “Mrs Thompson”, or “Resident” for an empty home",
    "home.address": "The home's address on one line",
    "home.postcode": "The home's postcode",
}
PLACE_FIELDS: dict[str, str] = {
    "place.name": "The block and estate (“Beech House, Beechdale Estate”), or the estate",
    "estate.name": "The estate's name",
    "block.name": "The block's name (blank when the home is in no block)",
    "officer.name": "The neighbourhood officer for the patch (the sender when it has none)",
    "officer.job_title": "The officer's job title",
    "officer.phone": "The officer's phone number, or the office's",
    "officer.email": "The officer's email address",
    "landlord.name": "The landlord's name",
    "today": "Today's date, like “5 January 2026”",
    "report_link": "The short address of the page to report a problem in confidence",
}
MESSAGE_FIELD: dict[str, str] = {
    "message": "A message the sender writes when sending (for a general letter)",
}
LETTER_FIELDS: dict[str, str] = {**PERSON_FIELDS, **PLACE_FIELDS, **MESSAGE_FIELD}
# A sign is for a place: nothing about a household.
SIGN_FIELDS: dict[str, str] = dict(PLACE_FIELDS)

_PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.S)
_TAG = re.compile(r"\{%.*?%\}|\{#.*?#\}", re.S)
_NAME = re.compile(r"^[a-z_]+(\.[a-z_]+)?$")


def fields_for(kind: str) -> dict[str, str]:
    from doorstep.letters.models import TemplateKind

    return SIGN_FIELDS if kind == TemplateKind.SIGN else LETTER_FIELDS


def problems(text: str, *, allowed: Mapping[str, str]) -> list[str]:
    """Everything wrong with the merge fields in `text`, in words a manager can act on."""
    found: list[str] = []
    for tag in _TAG.findall(text):
        found.append(
            f"Remove {tag.strip()}: templates can only use merge fields like {{{{ today }}}}."
        )
    for match in _PLACEHOLDER.finditer(text):
        inner = match.group(1).strip()
        if "|" in inner:
            found.append(
                f"Remove the filter from {{{{ {inner} }}}}: merge fields cannot have filters."
            )
        elif not _NAME.match(inner) or inner not in allowed:
            found.append(f"Unknown merge field {{{{ {inner} }}}}.")
    remainder = _PLACEHOLDER.sub("", _TAG.sub("", text))
    if "{{" in remainder or "}}" in remainder or "{%" in remainder or "%}" in remainder:
        found.append("A merge field is not closed: write each one as {{ name }}.")
    return found


def check(*, subject: str, body: str, kind: str) -> None:
    """Raise ValidationError, by field, naming each unknown or unsafe merge field."""
    allowed = fields_for(kind)
    errors = {}
    for field, text in (("subject", subject), ("body", body)):
        found = problems(text, allowed=allowed)
        if found:
            errors[field] = found
    if errors:
        raise ValidationError(errors)


def used(text: str) -> set[str]:
    return {match.group(1).strip() for match in _PLACEHOLDER.finditer(text)}


def render(text: str, values: Mapping[str, str]) -> str:
    """`text` with each {{ field }} replaced by its value (plain text; the caller escapes)."""
    return _PLACEHOLDER.sub(lambda match: values.get(match.group(1).strip(), ""), text)
