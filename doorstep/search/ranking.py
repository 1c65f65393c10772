"""Best match first, the same on every database.

The database finds a bounded set of candidates (trigram, full-text and phonetic matches);
this module scores each against the words typed with Jaro-Winkler similarity, drops weak
matches and sorts. Scoring in Python keeps SQLite and PostgreSQL in agreement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import jellyfish

from doorstep.people.search_keys import name_key
from doorstep.search.query import words_of

# Below this a candidate is noise (e.g. 'Edna Smith' for 'Edna Thompson', or 'Beverley Reid'
# for 'Beechdale Road').
MIN_SCORE = 0.85
# A misspelling that sounds the same as the surname ('Smyth' for 'Smith').
SOUNDS_LIKE_SCORE = 0.9
PHRASE_BONUS = 0.05
SHORT_WORD = 3

TITLES = frozenset({"mr", "mrs", "miss", "ms", "mx", "dr", "rev", "revd", "prof", "sir", "dame"})
ADDRESS_ABBREVIATIONS = {
    "rd": "road",
    "st": "street",
    "ave": "avenue",
    "av": "avenue",
    "cl": "close",
    "ct": "court",
    "cres": "crescent",
    "dr": "drive",
    "gdns": "gardens",
    "gr": "grove",
    "ln": "lane",
    "pl": "place",
    "sq": "square",
    "tce": "terrace",
    "pk": "park",
    "hse": "house",
}


@dataclass(frozen=True)
class Candidate:
    id: int
    text: str  # the row's search_text
    key: str = ""  # the row's phonetic name key, for people


def person_words(words: Iterable[str]) -> tuple[str, ...]:
    """Words of a name, without titles (a record holds the title apart from the name)."""
    kept = tuple(word for word in words if word not in TITLES)
    return kept or tuple(words)


def address_words(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(ADDRESS_ABBREVIATIONS.get(word, word) for word in words)


def word_score(word: str, tokens: Iterable[str]) -> float:
    best = 0.0
    for token in tokens:
        if token == word:
            return 1.0
        if word.isdigit() or token.isdigit():
            # House and flat numbers match exactly or with a letter: '12' finds '12a', not '112'.
            if token.startswith(word) and token[len(word) :].isalpha():
                best = max(best, 0.95)
            continue
        if token.startswith(word):
            # Part of a word typed, like 'thom' for 'thompson'.
            best = max(best, 0.95 if len(word) >= 3 else 0.9)
            continue
        if len(word) <= SHORT_WORD:
            continue  # Jaro-Winkler finds most short words alike ('son', 'singh')
        best = max(best, jellyfish.jaro_winkler_similarity(word, token))
    return best


def score(
    words: tuple[str, ...], candidate: Candidate, word_keys: tuple[str, ...] | None = None
) -> float:
    if not words:
        return 0.0
    tokens = words_of(candidate.text)
    scores = [word_score(word, tokens) for word in words]
    if candidate.key:
        keys = word_keys if word_keys is not None else tuple(name_key(word) for word in words)
        scores = [
            max(value, SOUNDS_LIKE_SCORE) if key == candidate.key else value
            for key, value in zip(keys, scores, strict=True)
        ]
    total = sum(scores) / len(scores)
    phrase = " ".join(words)
    if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ".join(tokens)):
        total += PHRASE_BONUS
    return total


def rank(words: tuple[str, ...], candidates: Iterable[Candidate]) -> list[int]:
    """Ids of the candidates that match well enough, best first."""
    keys = tuple(name_key(word) for word in words)
    scored = [(score(words, candidate, keys), candidate) for candidate in candidates]
    kept = [(value, candidate) for value, candidate in scored if value >= MIN_SCORE]
    kept.sort(key=lambda pair: (-pair[0], pair[1].text, pair[1].id))
    return [candidate.id for _, candidate in kept]
