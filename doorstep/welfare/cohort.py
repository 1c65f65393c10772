"""Who is in a welfare-call programme: the cohort rule as a plain, tested function.

`cohort_people(rule=..., today=...)` builds one queryset of people (no query runs until it is
read), whatever the size of the cohort. People are in a cohort only while they live in one of
our homes (a current tenancy), since tenure, patch and estate are the home's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery

from doorstep.people.models import Person, VulnerabilityFlag


@dataclass(frozen=True)
class CohortRule:
    """Flags are all-of; tenures, patches and estates each any-of; every criterion must hold.
    An empty criterion does not restrict."""

    flags_all: tuple[str, ...] = ()
    min_age: int | None = None
    tenures: tuple[str, ...] = ()
    patch_ids: tuple[int, ...] = ()
    estate_ids: tuple[int, ...] = ()


def rule_of(programme: Any) -> CohortRule:
    """The rule stored on a programme (its patches and estates should be prefetched)."""
    return CohortRule(
        flags_all=tuple(programme.flags_all or ()),
        min_age=programme.min_age,
        tenures=tuple(programme.tenures or ()),
        patch_ids=tuple(sorted(p.pk for p in programme.patches.all())),
        estate_ids=tuple(sorted(e.pk for e in programme.estates.all())),
    )


def born_on_or_before(today: dt.date, years: int) -> dt.date:
    """The latest date of birth of someone aged at least `years` on `today` (a 29 February
    birthday counts from 1 March in other years, as Person.age_on does)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # today is 29 February
        return dt.date(today.year - years, 2, 28)


def current_memberships(today: dt.date) -> QuerySet[Any]:
    from doorstep.tenancies.models import TenancyMember
    from doorstep.tenancies.selectors import current_q

    return TenancyMember.objects.filter(current_q(today, "tenancy__"))


def _home_q(rule: CohortRule) -> Q:
    condition = Q()
    if rule.tenures:
        condition &= Q(tenancy__home__tenure__in=rule.tenures)
    if rule.patch_ids:
        condition &= Q(tenancy__home__patch_id__in=rule.patch_ids)
    if rule.estate_ids:
        condition &= Q(tenancy__home__estate_id__in=rule.estate_ids)
    return condition


def cohort_people(*, rule: CohortRule, today: dt.date) -> QuerySet[Person]:
    """The people the rule picks out on `today`, annotated with their current home's id and
    its patch officer (`home_id`, `patch_officer_id`), ordered by name."""
    people = Person.objects.filter(
        pk__in=current_memberships(today).filter(_home_q(rule)).values("person_id")
    )
    for code in rule.flags_all:
        people = people.filter(
            pk__in=VulnerabilityFlag.objects.filter(
                code=code, end_date__isnull=True, start_date__lte=today
            ).values("person_id")
        )
    if rule.min_age is not None:
        people = people.filter(date_of_birth__lte=born_on_or_before(today, rule.min_age))
    home = (
        current_memberships(today)
        .filter(_home_q(rule), person_id=OuterRef("pk"))
        .order_by("-tenancy__start_date", "-tenancy_id")
    )
    return people.annotate(
        home_id=Subquery(home.values("tenancy__home_id")[:1]),
        patch_officer_id=Subquery(home.values("tenancy__home__patch__officer_id")[:1]),
    ).order_by("last_name", "first_name", "id")


def describe(rule: CohortRule, *, flag_labels: dict[str, str], names: dict[str, str]) -> list[str]:
    """The rule in an officer's words, one line per criterion (for the programme page).
    `names` maps "patch:<id>" / "estate:<id>" / "tenure:<code>" to display names."""
    lines: list[str] = []
    if rule.flags_all:
        lines.append(
            "Flags (all of): " + " and ".join(flag_labels.get(c, c) for c in rule.flags_all)
        )
    if rule.min_age is not None:
        lines.append(f"Aged {rule.min_age} or over")
    for key, label, ids in (
        ("tenure", "Tenure", rule.tenures),
        ("patch", "Patch", rule.patch_ids),
        ("estate", "Estate or scheme", rule.estate_ids),
    ):
        if ids:
            lines.append(f"{label} (any of): " + ", ".join(_names(key, ids, names)))
    return lines or ["Everyone living in our homes"]


def _names(key: str, ids: Iterable[Any], names: dict[str, str]) -> list[str]:
    return [names.get(f"{key}:{i}", str(i)) for i in ids]
