"""Bulk writing of generated rows: PostgreSQL `COPY … FROM STDIN` (psycopg 3 `cursor.copy()`),
SQLite `executemany` in large batches. Ids are given by the generator, so rows can refer to
each other before they are written; `reset_sequences` moves the id sequences past them.

Every row written is also fed to a running SHA-256 of its values, in the generator's terms
(aware datetimes, dates, booleans), so two runs of the same seed can be compared by checksum
whatever the database.
"""

# ruff: noqa: S608 - table and column names come from model metadata, never from input.
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.management.color import no_style
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

SQLITE_BATCH = 5000


def columns_of(model: type[models.Model], names: Sequence[str]) -> list[str]:
    """Database column names for field names (or attnames such as `home_id`)."""
    by_name: dict[str, str] = {}
    for field in model._meta.concrete_fields:
        by_name[field.name] = str(field.column)
        by_name[field.attname] = str(field.column)
    return [by_name[name] for name in names]


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _temporal_positions(model: type[models.Model], names: Sequence[str]) -> list[int]:
    """Positions of the date and date-time columns among `names`."""
    by_name: dict[str, models.Field[Any, Any]] = {}
    for field in model._meta.concrete_fields:
        by_name[field.name] = field
        by_name[field.attname] = field
    return [i for i, name in enumerate(names) if isinstance(by_name[name], models.DateField)]


def _sqlite_rows(rows: list[Sequence[Any]], temporal: list[int]) -> list[Sequence[Any]]:
    """Dates and date-times as Django stores them on SQLite (UTC, ISO 8601, no offset)."""
    if not temporal:
        return rows
    converted: list[Sequence[Any]] = []
    for row in rows:
        values = list(row)
        for i in temporal:
            if values[i] is not None:
                values[i] = _sqlite_value(values[i])
        converted.append(values)
    return converted


class Writer:
    """Writes rows to one database connection and keeps the checksum and the counts."""

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection
        self.vendor = connection.vendor
        if self.vendor not in ("postgresql", "sqlite"):
            raise NotImplementedError(f"generate_scale does not support {self.vendor}.")
        self.digest = hashlib.sha256()
        self.counts: dict[str, int] = {}
        self.models: set[type[models.Model]] = set()

    def write(
        self,
        model: type[models.Model],
        fields: Sequence[str],
        rows: Iterable[Sequence[Any]],
        *,
        table: str | None = None,
    ) -> int:
        rows = list(rows)
        if not rows:
            return 0
        name = table or model._meta.db_table
        columns = columns_of(model, fields) if table is None else list(fields)
        self.digest.update(f"{name}:{','.join(columns)}:{rows!r}".encode())
        quoted = ", ".join(self.connection.ops.quote_name(column) for column in columns)
        with self.connection.cursor() as cursor:
            if self.vendor == "postgresql":
                with cursor.copy(f"COPY {name} ({quoted}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                placeholders = ", ".join(["?"] * len(columns))
                sql = f"INSERT INTO {name} ({quoted}) VALUES ({placeholders})"
                raw = cursor.cursor  # sqlite3's own cursor: no per-batch SQL rewriting
                temporal = _temporal_positions(model, fields)
                for start in range(0, len(rows), SQLITE_BATCH):
                    raw.executemany(sql, _sqlite_rows(rows[start : start + SQLITE_BATCH], temporal))
        self.counts[name] = self.counts.get(name, 0) + len(rows)
        if table is None:
            self.models.add(model)
        return len(rows)

    def reset_sequences(self) -> None:
        """Move each table's id sequence past the ids given (PostgreSQL; SQLite's
        AUTOINCREMENT follows explicit ids by itself)."""
        if self.vendor != "postgresql" or not self.models:
            return
        statements = self.connection.ops.sequence_reset_sql(
            no_style(), sorted(self.models, key=lambda model: model._meta.db_table)
        )
        with self.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    def checksum(self) -> str:
        return self.digest.hexdigest()


def next_id(connection: BaseDatabaseWrapper, model: type[models.Model]) -> int:
    """One more than the highest id in use."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        return int(cursor.fetchone()[0]) + 1
