"""Search keys kept on Person so any database can find a misspelt name."""

from __future__ import annotations

from typing import Any

import jellyfish


def name_key(name: str) -> str:
    """Phonetic key (Metaphone) of a name: 'Thompson' and 'Tomson' share one."""
    cleaned = "".join(ch for ch in (name or "") if ch.isalpha())
    return jellyfish.metaphone(cleaned).lower()[:60] if cleaned else ""


def person_search_text(person: Any) -> str:
    parts = [
        person.first_name, person.last_name, getattr(person, "preferred_name", ""),
        person.reference,
    ]
    return " ".join(part for part in parts if part).lower()
