"""Finding people who may be recorded twice.

**Blocking, never all pairs.** Comparing every person with every other is O(n²) — 10⁹ pairs
for 45,000 people. Instead each person gets a few *block keys* and only people who share a key
are compared:
- the same date of birth;
- the same phone number (either of their numbers);
- the same phonetic key (Metaphone, `people.search_keys.name_key`) of the surname *and* the same
  first two letters of the phonetic key of the first name (Smith/Smyth, Jon/John).
A pair must share at least one key, so a duplicate with a misspelt name still has a chance
through its date of birth or phone, and one with no date of birth through its name or phone.
A block bigger than `MAX_BLOCK` (a placeholder date of birth given to many imported people, a
switchboard number) carries no signal and would bring back the quadratic cost: it is skipped.
The work is one pass over the people (a values query) plus the pairs inside blocks.

**Scoring** (`score_pair`, 0 to 100): name similarity (Jaro-Winkler of the full names, the first
and last names also tried the other way round) up to 50; the same date of birth 30; a shared
phone number 20. Pairs scoring `THRESHOLD` (60) or more are listed: the same name and date of
birth (80), the same name and phone (70), a near-identical name with the same date of birth.
The same name alone (50) is not enough: two John Smiths are common.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import jellyfish

from doorstep.people.search_keys import name_key

NAME_POINTS = 50
DOB_POINTS = 30
PHONE_POINTS = 20
THRESHOLD = 60
MAX_BLOCK = 200


@dataclass(frozen=True)
class PersonKeys:
    id: int
    first_name: str
    last_name: str
    date_of_birth: dt.date | None
    phones: frozenset[str]

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip().lower()


def name_similarity(a: PersonKeys, b: PersonKeys) -> float:
    straight = jellyfish.jaro_winkler_similarity(a.full_name, b.full_name)
    swapped = jellyfish.jaro_winkler_similarity(
        a.full_name, f"{b.last_name} {b.first_name}".strip().lower()
    )
    return max(straight, swapped)


def score_pair(a: PersonKeys, b: PersonKeys) -> tuple[int, list[str]]:
    """The score of a pair and the reasons, in an officer's words."""
    similarity = name_similarity(a, b)
    score = round(similarity * NAME_POINTS)
    reasons = ["same name" if similarity >= 0.999 else f"names {round(similarity * 100)}% alike"]
    if a.date_of_birth and a.date_of_birth == b.date_of_birth:
        score += DOB_POINTS
        reasons.append("same date of birth")
    if a.phones & b.phones:
        score += PHONE_POINTS
        reasons.append("same phone number")
    return min(score, 100), reasons


def block_keys(person: PersonKeys) -> list[tuple[str, str]]:
    keys: list[tuple[str, str]] = []
    if person.date_of_birth:
        keys.append(("dob", person.date_of_birth.isoformat()))
    keys.extend(("phone", phone) for phone in person.phones)
    surname = name_key(person.last_name)
    if surname:
        keys.append(("name", f"{surname}:{name_key(person.first_name)[:2]}"))
    return keys


def candidate_pairs(people: Iterable[PersonKeys]) -> set[tuple[int, int]]:
    """Pairs (lower id first) that share a block key, skipping blocks over MAX_BLOCK."""
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for person in people:
        for key in block_keys(person):
            blocks[key].append(person.id)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) < 2 or len(members) > MAX_BLOCK:
            continue
        members.sort()
        for i, first in enumerate(members):
            for second in members[i + 1 :]:
                pairs.add((first, second))
    return pairs


def find_candidates(
    people: Iterable[PersonKeys], *, exclude: set[tuple[int, int]] | None = None
) -> list[tuple[int, int, int, list[str]]]:
    """(id a, id b, score, reasons) of every pair scoring THRESHOLD or more, best first."""
    by_id = {person.id: person for person in people}
    found = []
    for a, b in candidate_pairs(by_id.values()):
        if exclude and (a, b) in exclude:
            continue
        score, reasons = score_pair(by_id[a], by_id[b])
        if score >= THRESHOLD:
            found.append((a, b, score, reasons))
    found.sort(key=lambda row: (-row[2], row[0], row[1]))
    return found
