"""The people and homes searchers (registered in apps.py).

Every signed-in user may read people and homes (officers read beyond their patches), so the
finders do not filter by patch. A person's result carries only what an officer needs to pick
the right person: name, reference, date of birth and age, current address, and the derived
special arrangements. Vulnerability flags and equality information never leave this module.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone

from doorstep.people.arrangements import Arrangement, arrangements_for
from doorstep.people.models import Person, VulnerabilityFlag
from doorstep.places.models import Home
from doorstep.search.backends import home_candidates, person_candidates
from doorstep.search.query import SearchQuery, Shape
from doorstep.search.ranking import address_words, person_words, rank
from doorstep.search.registry import CANDIDATE_LIMIT, Searcher
from doorstep.tenancies.models import TenancyMember

DIGITS_RE = re.compile(r"([0-9]+)")


def _natural_key(text: str) -> tuple[Any, ...]:
    """'2 Beechdale Road' before '10 Beechdale Road'."""
    return tuple(int(part) if part.isdigit() else part.lower() for part in DIGITS_RE.split(text))


def _ids(queryset: Any) -> list[int]:
    return list(queryset.values_list("id", flat=True)[:CANDIDATE_LIMIT])


# People ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonResult:
    person: Person
    home: Home | None
    age: int | None
    arrangements: list[Arrangement] = field(default_factory=list)


def find_people(*, user: Any, query: SearchQuery) -> list[int]:
    people = Person.objects.order_by("last_name", "first_name", "id")
    if query.shape == Shape.PHONE:
        return _ids(people.filter(Q(phone=query.phone) | Q(phone_other=query.phone)))
    if query.shape == Shape.DATE:
        return _ids(people.filter(date_of_birth=query.date_of_birth))
    if query.shape == Shape.REFERENCE:
        # The exact reference sorts before every longer reference that starts with it.
        return _ids(people.filter(reference__startswith=query.reference).order_by("reference"))
    if query.shape == Shape.NUMBER:
        return _ids(people.filter(reference=query.number))
    if query.shape == Shape.WORDS:
        words = person_words(query.words)
        return rank(words, person_candidates(words))[:CANDIDATE_LIMIT]
    return []


def load_people(*, user: Any, ids: Sequence[int]) -> list[PersonResult]:
    """People in the order of `ids`, with current home and arrangements: three queries."""
    today = timezone.localdate()
    current_memberships = (
        TenancyMember.objects.filter(tenancy__start_date__lte=today)
        .filter(Q(tenancy__end_date__isnull=True) | Q(tenancy__end_date__gte=today))
        .select_related("tenancy__home")
        .order_by("-tenancy__start_date", "id")
    )
    # Only the codes: arrangements are derived from them; notes stay unread.
    current_flags = VulnerabilityFlag.objects.filter(end_date__isnull=True).only(
        "id", "person_id", "code", "end_date"
    )
    people = Person.objects.filter(id__in=list(ids)).prefetch_related(
        Prefetch(
            "tenancy_memberships", queryset=current_memberships, to_attr="current_memberships"
        ),
        Prefetch("flags", queryset=current_flags, to_attr="current_flags"),
    )
    by_id = {person.id: person for person in people}
    results = []
    for person_id in ids:
        person = by_id.get(person_id)
        if person is None:
            continue
        memberships = getattr(person, "current_memberships", [])
        home = memberships[0].tenancy.home if memberships else None
        results.append(
            PersonResult(
                person=person,
                home=home,
                age=person.age_on(today),
                arrangements=arrangements_for(person),
            )
        )
    return results


# Homes -----------------------------------------------------------------------------------


def _in_address_order(rows: list[tuple[int, str, str]]) -> list[int]:
    rows.sort(key=lambda row: (row[1], _natural_key(row[2])))
    return [row[0] for row in rows]


def find_homes(*, user: Any, query: SearchQuery) -> list[int]:
    homes = Home.objects.order_by("postcode", "address_line_1", "id")
    if query.shape == Shape.NUMBER:
        return _ids(homes.filter(uprn=query.number))
    if query.shape in (Shape.POSTCODE, Shape.POSTCODE_AREA):
        if query.shape == Shape.POSTCODE:
            matching = homes.filter(postcode=query.postcode)
        else:
            prefixes = Q()
            for prefix in query.postcode_prefixes:
                prefixes |= Q(postcode__startswith=prefix)
            matching = homes.filter(prefixes)
        rows = list(matching.values_list("id", "postcode", "address_line_1")[:CANDIDATE_LIMIT])
        return _in_address_order(rows)
    if query.shape == Shape.WORDS:
        words = address_words(query.words)
        return rank(words, home_candidates(words))[:CANDIDATE_LIMIT]
    return []


def load_homes(*, user: Any, ids: Sequence[int]) -> list[Home]:
    """Homes in the order of `ids`, with their estate: one query."""
    by_id = {
        home.id: home for home in Home.objects.filter(id__in=list(ids)).select_related("estate")
    }
    return [by_id[home_id] for home_id in ids if home_id in by_id]


PEOPLE = Searcher(
    kind="people",
    label="People",
    template="search/partials/people.html",
    find=find_people,
    load=load_people,
    order=10,
)
HOMES = Searcher(
    kind="homes",
    label="Homes",
    template="search/partials/homes.html",
    find=find_homes,
    load=load_homes,
    order=20,
)
