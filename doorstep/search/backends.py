"""Candidates for a search by words, one query per kind, per database.

Each function returns at most about `CANDIDATE_LIMIT` (per channel) rows of
(id, search_text, name_key) for `ranking.rank` to score. The SQL is written out because it has
to match the indexes of `schema` exactly for the database to use them.
"""

# ruff: noqa: S608 - table and index names are constants; values are always bound as
# parameters.
from __future__ import annotations

from typing import Any

from django.db import connections, router, transaction

from doorstep.people.models import Person
from doorstep.people.search_keys import name_key
from doorstep.places.models import Home
from doorstep.search.ranking import Candidate
from doorstep.search.registry import CANDIDATE_LIMIT
from doorstep.search.schema import fts_table

# pg_trgm's default (0.6) misses one-letter-wrong surnames such as 'Thomsen' for 'Thompson'
# (0.5); ranking drops the weak matches a lower threshold lets in.
WORD_SIMILARITY_THRESHOLD = 0.45
LOW_THRESHOLD_FROM = 5  # letters typed
SOUNDS_LIKE_RANK = 0.9


def _connection_for(model: Any) -> Any:
    return connections[router.db_for_read(model) or "default"]


def _fts_all_words(words: tuple[str, ...]) -> str:
    """Every word of 3 or more characters, anywhere in the text (trigram substring match)."""
    return " ".join(f'"{word}"' for word in words if len(word) >= 3)


def _fts_any_trigram(words: tuple[str, ...]) -> str:
    """Any three letters of any word: the typo-tolerant match, ranked by bm25."""
    trigrams = dict.fromkeys(
        word[i : i + 3] for word in words if len(word) >= 3 for i in range(len(word) - 2)
    )
    return " OR ".join(f'"{trigram}"' for trigram in trigrams)


def _sqlite_candidates(
    *, model: Any, stem: str, words: tuple[str, ...], keys: tuple[str, ...]
) -> list[Candidate]:
    table = model._meta.db_table
    fts = fts_table(stem)
    limit = CANDIDATE_LIMIT
    channels: list[str] = []
    params: list[Any] = []
    if all_words := _fts_all_words(words):
        # Every word: long ones through the index, short ones ('12') as the start of a word,
        # so that '12 Beechdale Road' finds number 12 however long the road.
        short_words = [word for word in words if len(word) < 3]
        short_conditions = " AND (search_text LIKE %s OR search_text LIKE %s)" * len(short_words)
        channels.append(
            f"SELECT id FROM (SELECT rowid AS id FROM {fts} WHERE {fts} MATCH %s"
            f"{short_conditions} LIMIT {limit})"
        )
        params.append(all_words)
        for word in short_words:
            params.extend([f"{word}%", f"% {word}%"])
        channels.append(
            f"SELECT id FROM (SELECT rowid AS id FROM {fts} WHERE {fts} MATCH %s "
            f"ORDER BY rank LIMIT {limit})"
        )
        params.append(_fts_any_trigram(words))
    else:
        # Only short words ('ed', '12'): the trigram index cannot help, so match the start of
        # a word. A scan, but only of one column and stopped at the limit.
        conditions = []
        for word in words:
            conditions.append("(search_text LIKE %s OR search_text LIKE %s)")
            params.extend([f"{word}%", f"% {word}%"])
        channels.append(
            f"SELECT id FROM (SELECT id FROM {table} WHERE {' AND '.join(conditions)} "
            f"LIMIT {limit})"
        )
    if keys:
        placeholders = ", ".join(["%s"] * len(keys))
        channels.append(
            f"SELECT id FROM (SELECT id FROM {table} WHERE name_key IN ({placeholders}) "
            f"LIMIT {limit})"
        )
        params.extend(keys)
    columns = "id, search_text, name_key" if model is Person else "id, search_text, ''"
    sql = f"SELECT {columns} FROM {table} WHERE id IN ({' UNION '.join(channels)})"
    with _connection_for(model).cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [Candidate(id=row[0], text=row[1] or "", key=row[2] or "") for row in rows]


def _postgresql_candidates(
    *, model: Any, words: tuple[str, ...], keys: tuple[str, ...]
) -> list[Candidate]:
    table = model._meta.db_table
    text = " ".join(words)
    # Each word as a prefix: 'thom' finds 'thompson'. Words hold only letters and digits.
    tsquery = " & ".join(f"{word}:*" for word in words)
    conditions = [
        "search_text %%> %s",
        "to_tsvector('simple'::regconfig, search_text) @@ to_tsquery('simple'::regconfig, %s)",
    ]
    params: list[Any] = [text, tsquery]
    # A surname that sounds the same ranks with the close spellings, so that many near
    # spellings cannot push it out of the candidates ('Thomsen': Thomson, Thomas, Thompson).
    sounds_like = "0"
    if model is Person and keys:
        conditions.append("name_key = ANY(%s)")
        params.append(list(keys))
        sounds_like = f"CASE WHEN name_key = ANY(%s) THEN {SOUNDS_LIKE_RANK} ELSE 0 END"
    columns = "id, search_text, name_key" if model is Person else "id, search_text, ''"
    sql = (
        f"SELECT {columns} FROM {table} WHERE {' OR '.join(conditions)} "
        f"ORDER BY GREATEST(word_similarity(%s, search_text), {sounds_like}) DESC, id "
        f"LIMIT {CANDIDATE_LIMIT}"
    )
    params.append(text)
    if model is Person and keys:
        params.append(list(keys))
    # A short query at the low threshold matches a good part of the table ('son').
    letters = sum(len(word) for word in words)
    threshold = WORD_SIMILARITY_THRESHOLD if letters >= LOW_THRESHOLD_FROM else 0.6
    connection = _connection_for(model)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        # Both settings last only as long as this transaction. The planner prices trigram
        # operators as cheap and may pick a scan of the whole table, ten times slower than
        # the indexes at 50,000 people.
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true), "
            "set_config('enable_seqscan', 'off', true)",
            [str(threshold)],
        )
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [Candidate(id=row[0], text=row[1] or "", key=row[2] or "") for row in rows]


def _candidates(
    *, model: Any, stem: str, words: tuple[str, ...], keys: tuple[str, ...]
) -> list[Candidate]:
    if not words:
        return []
    vendor = _connection_for(model).vendor
    if vendor == "postgresql":
        return _postgresql_candidates(model=model, words=words, keys=keys)
    if vendor == "sqlite":
        return _sqlite_candidates(model=model, stem=stem, words=words, keys=keys)
    raise NotImplementedError(f"Search does not support the {vendor} database.")


def person_candidates(words: tuple[str, ...]) -> list[Candidate]:
    keys = tuple(dict.fromkeys(key for word in words if (key := name_key(word))))
    return _candidates(model=Person, stem="person", words=words, keys=keys)


def home_candidates(words: tuple[str, ...]) -> list[Candidate]:
    return _candidates(model=Home, stem="home", words=words, keys=())
