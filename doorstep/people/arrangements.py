"""Special arrangements: derived from a person's flags and needs, never typed twice.

DOMAIN.md §3: shielding -> doorstep or phone only and PPE; risk_to_staff -> two-officer visit,
never lone; hearing impairment -> text or email, not phone; interpreter language -> book an
interpreter. Shown wherever a visit, call or partner job is arranged for the person.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from doorstep.people.models import Vulnerability


@dataclass(frozen=True)
class Arrangement:
    code: str
    text: str


def special_arrangements(
    *, flag_codes: Iterable[str], language: str = "", interpreter_needed: bool = False
) -> list[Arrangement]:
    codes = set(flag_codes)
    arrangements: list[Arrangement] = []
    if Vulnerability.RISK_TO_STAFF in codes:
        arrangements.append(
            Arrangement("two_officer", "Two-officer visit only, never lone working")
        )
    if Vulnerability.SHIELDING in codes:
        arrangements.append(Arrangement("shielding", "Doorstep or phone contact only; wear PPE"))
    if Vulnerability.HEARING_IMPAIRMENT in codes:
        arrangements.append(Arrangement("no_phone", "Contact by text or email, not by phone"))
    # A first language other than English is not a need in itself: the officer records
    # whether an interpreter is needed, and in which language.
    if interpreter_needed:
        label = (language or "").strip() or "ask which language"
        arrangements.append(Arrangement("interpreter", f"Book an interpreter ({label})"))
    return arrangements


def arrangements_for(person: object) -> list[Arrangement]:
    """Arrangements for a Person whose current flags are prefetched as `current_flags`
    (or loaded from `flags`)."""
    flags = getattr(person, "current_flags", None)
    if flags is None:
        flags = [f for f in person.flags.all() if f.end_date is None]  # type: ignore[attr-defined]
    return special_arrangements(
        flag_codes=[flag.code for flag in flags],
        language=getattr(person, "language", ""),
        interpreter_needed=getattr(person, "interpreter_needed", False),
    )
