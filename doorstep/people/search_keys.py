"""Search keys kept on Person so any database can find a misspelt name."""

from __future__ import annotations

import re
from typing import Any

import jellyfish

# Spellings Metaphone alone keeps apart but a caller's ear does not: a leading "Th" said as
# "T" (Thompson, Thomas) and a silent "p" between "m" and "s" (Simpson, Sampson).
_SOUNDS_ALIKE = (
    (re.compile(r"^th"), "t"),
    (re.compile(r"mps"), "ms"),
)


def name_key(name: str) -> str:
    """Phonetic key (Metaphone) of a name: 'Thompson', 'Thomson' and 'Tomson' share one."""
    cleaned = "".join(ch for ch in (name or "").lower() if ch.isalpha())
    for pattern, replacement in _SOUNDS_ALIKE:
        cleaned = pattern.sub(replacement, cleaned)
    return jellyfish.metaphone(cleaned).lower()[:60] if cleaned else ""


def person_search_text(person: Any) -> str:
    parts = [
        person.first_name,
        person.last_name,
        getattr(person, "preferred_name", ""),
        person.reference,
    ]
    return " ".join(part for part in parts if part).lower()
