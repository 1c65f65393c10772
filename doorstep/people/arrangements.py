"""Special arrangements: derived from a person's flags and needs, never typed twice.

DOMAIN.md §3: shielding -> doorstep or phone only and PPE; risk_to_staff -> two-officer visit,
never lone; hearing impairment -> text or email, not phone; interpreter language -> book an
interpreter. Shown wherever a visit, call or partner job is arranged for the person.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import OuterRef, StringAgg, Subquery, Value

from doorstep.people.models import Vulnerability, VulnerabilityFlag


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


def open_flag_codes(person_id: str = "person_id") -> Subquery:
    """The open flag codes of the row's person (`person_id` names the column), comma
    separated, as a subquery column: a list of rows with people needs no second query for
    their flags. Read it back with `arrangements_with_codes`."""
    codes = (
        VulnerabilityFlag.objects.filter(person_id=OuterRef(person_id), end_date__isnull=True)
        .order_by()
        .values("person_id")
        .annotate(codes=StringAgg("code", delimiter=Value(",")))
        .values("codes")
    )
    return Subquery(codes)


def arrangements_with_codes(person: object, codes: str | None) -> list[Arrangement]:
    """Arrangements for a person whose open flag codes came with the row (`open_flag_codes`)."""
    if person is None:
        return []
    return special_arrangements(
        flag_codes=codes.split(",") if codes else [],
        language=getattr(person, "language", ""),
        interpreter_needed=getattr(person, "interpreter_needed", False),
    )


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
