"""Search indexes over `search_text` of people and homes, per database.

PostgreSQL: pg_trgm GIN indexes (typo-tolerant word similarity) and full-text GIN indexes.
SQLite: FTS5 tables with the trigram tokenizer, external content (the rows themselves), kept
current by triggers on the people and homes tables.

SQLite drops a table's triggers when Django rebuilds the table in a later migration (it copies
the table to change a column), so `repair_sqlite` runs after every `migrate` and puts back any
trigger that went missing, then rebuilds that index from the rows.
"""

# ruff: noqa: S608 - table and index names are constants; values are always bound as
# parameters.
from __future__ import annotations

from typing import Any

# (index name stem, table) for each kind kept by this module. Table names are Django's
# defaults for people.Person and places.Home.
TABLES = (("person", "people_person"), ("home", "places_home"))


def fts_table(stem: str) -> str:
    return f"search_{stem}_fts"


def _trigger_names(stem: str) -> tuple[str, str, str]:
    fts = fts_table(stem)
    return (f"{fts}_after_insert", f"{fts}_after_delete", f"{fts}_after_update")


def _sqlite_triggers(stem: str, table: str) -> list[str]:
    fts = fts_table(stem)
    after_insert, after_delete, after_update = _trigger_names(stem)
    add = f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text);"
    remove = (
        f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text);"
    )
    return [
        f"CREATE TRIGGER IF NOT EXISTS {after_insert} AFTER INSERT ON {table} BEGIN {add} END",
        f"CREATE TRIGGER IF NOT EXISTS {after_delete} AFTER DELETE ON {table} BEGIN {remove} END",
        f"CREATE TRIGGER IF NOT EXISTS {after_update} AFTER UPDATE OF search_text ON {table} "
        f"BEGIN {remove} {add} END",
    ]


def _rebuild(cursor: Any, stem: str) -> None:
    fts = fts_table(stem)
    cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def install_sqlite(connection: Any) -> None:
    with connection.cursor() as cursor:
        for stem, table in TABLES:
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts_table(stem)} USING fts5("
                f"search_text, content='{table}', content_rowid='id', tokenize='trigram')"
            )
            for statement in _sqlite_triggers(stem, table):
                cursor.execute(statement)
            _rebuild(cursor, stem)


def uninstall_sqlite(connection: Any) -> None:
    with connection.cursor() as cursor:
        for stem, _table in TABLES:
            for trigger in _trigger_names(stem):
                cursor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
            cursor.execute(f"DROP TABLE IF EXISTS {fts_table(stem)}")


def repair_sqlite(connection: Any) -> list[str]:
    """Recreate missing triggers and rebuild their index. Returns the stems repaired."""
    repaired: list[str] = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {row[0] for row in cursor.fetchall()}
        for stem, table in TABLES:
            if fts_table(stem) not in present or table not in present:
                continue  # not migrated yet: the migration will install it
            if all(name in present for name in _trigger_names(stem)):
                continue
            for statement in _sqlite_triggers(stem, table):
                cursor.execute(statement)
            _rebuild(cursor, stem)
            repaired.append(stem)
    return repaired


def install_postgresql(connection: Any) -> None:
    with connection.cursor() as cursor:
        for stem, table in TABLES:
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS search_{stem}_trgm ON {table} "
                "USING gin (search_text gin_trgm_ops)"
            )
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS search_{stem}_tsv ON {table} "
                "USING gin (to_tsvector('simple'::regconfig, search_text))"
            )


def uninstall_postgresql(connection: Any) -> None:
    with connection.cursor() as cursor:
        for stem, _table in TABLES:
            cursor.execute(f"DROP INDEX IF EXISTS search_{stem}_trgm")
            cursor.execute(f"DROP INDEX IF EXISTS search_{stem}_tsv")
