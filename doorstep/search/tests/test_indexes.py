# ruff: noqa: S608 - test-only SQL on the index tables by name.
import pytest
from django.db import connection

from doorstep.people.search_keys import name_key, person_search_text
from doorstep.people.tests.factories import PersonFactory
from doorstep.places.tests.factories import HomeFactory
from doorstep.search.schema import repair_sqlite
from doorstep.search.selectors import search

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite FTS5 index")
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm")


def fts_rowids(table, text):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [f'"{text}"'])
        return {row[0] for row in cursor.fetchall()}


def people_found(user, query):
    return [r.person.pk for r in search(user=user, query=query).sections[0].results]


@sqlite_only
def test_the_index_follows_a_surname_change(officer):
    someone = PersonFactory(first_name="Olive", last_name="Pennington")
    assert fts_rowids("search_person_fts", "pennington") == {someone.pk}

    # What the people service does on a change of name.
    someone.last_name = "Quarrie"
    someone.search_text = person_search_text(someone)
    someone.name_key = name_key(someone.last_name)
    someone.save()

    assert fts_rowids("search_person_fts", "pennington") == set()
    assert fts_rowids("search_person_fts", "quarrie") == {someone.pk}
    assert people_found(officer, "Quarrie") == [someone.pk]
    assert people_found(officer, "Pennington") == []


@sqlite_only
def test_the_index_forgets_deleted_homes(officer, estate):
    home = HomeFactory(estate=estate, address_line_1="9 Larkspur Way")
    assert fts_rowids("search_home_fts", "larkspur") == {home.pk}
    home_id = home.pk
    home.delete()
    assert home_id not in fts_rowids("search_home_fts", "larkspur")


@sqlite_only
def test_lost_triggers_are_put_back_and_the_index_rebuilt(officer):
    # What SQLite does when a later migration rebuilds the people table.
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER search_person_fts_after_insert")
    someone = PersonFactory(last_name="Featherstonehaugh")
    assert fts_rowids("search_person_fts", "featherstone") == set()

    assert repair_sqlite(connection) == ["person"]

    assert fts_rowids("search_person_fts", "featherstone") == {someone.pk}
    assert repair_sqlite(connection) == []


@postgresql_only
def test_trigram_and_full_text_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'search_%%'"
        )
        indexes = dict(cursor.fetchall())
    assert "gin_trgm_ops" in indexes["search_person_trgm"]
    assert "to_tsvector" in indexes["search_person_tsv"]
    assert "gin_trgm_ops" in indexes["search_home_trgm"]
    assert "to_tsvector" in indexes["search_home_tsv"]
