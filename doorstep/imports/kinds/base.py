"""What every import kind provides to the runner, and the bulk audit rows they write."""

from __future__ import annotations

import datetime as dt
import json
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, cast

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models, router
from django.utils import timezone

from doorstep.accounts.models import User
from doorstep.core.audit import diff, snapshot
from doorstep.core.models import AuditAction, AuditEvent
from doorstep.imports.parsing import Cells, Problem

# Rows are looked up and written this many at a time: one query per batch, not per row.
BATCH_SIZE = 1000
AUDIT_SOURCE = "import"
# 9 columns x 500 rows stays well under SQLite's and PostgreSQL's limits on parameters.
AUDIT_ROWS_PER_INSERT = 500
# insert_rows: up to ~15 columns x 500 rows, within both databases' limits on parameters.
ROWS_PER_INSERT = 500


@dataclass(slots=True)
class BatchResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __iadd__(self, other: BatchResult) -> BatchResult:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        return self


class ImportKind[R, W](ABC):
    """One KIND of `import_csv`: its columns, row rules and how a batch is written.

    The runner calls `validate_row` for every row, `check_chunk` for every batch of rows
    (database look-ups, one query per batch), `finish_check` once at the end; then, only when
    nothing at all was wrong, `before_write` and `write_batch` inside one transaction.

    A row with problems in its cells is still checked against the database, so that every
    problem is reported in one run: `validate_row` fills cells it could not parse with empty
    placeholders ("", (), None) which `check_chunk` skips. Such rows are never written,
    because the runner writes nothing once any problem has been found.
    """

    name: ClassVar[str]
    reference_column: ClassVar[str]
    columns: ClassVar[tuple[str, ...]]  # in the order of CONTRACTS.md
    required: ClassVar[tuple[str, ...]]

    def __init__(self, *, present: frozenset[str], actor: User | None) -> None:
        self.present = present
        self.actor = actor
        self.today: dt.date = timezone.localdate()

    @classmethod
    def optional(cls) -> tuple[str, ...]:
        return tuple(column for column in cls.columns if column not in cls.required)

    @classmethod
    def row_key(cls, cells: Cells) -> tuple[str, str]:
        """The column and key that must be unique within one file ("" when not given).

        Most kinds are keyed by their reference column; a kind whose rows are several to a
        reference (complaint stages, incident reports) overrides this.
        """
        return cls.reference_column, cells.value(cls.reference_column)

    def has(self, column: str) -> bool:
        """Whether the file has this optional column (left out, the field is left alone)."""
        return column in self.present

    @abstractmethod
    def validate_row(self, cells: Cells) -> R:
        """Parse one row, recording its problems on `cells` (see above for placeholders)."""

    @abstractmethod
    def check_chunk(self, rows: Sequence[tuple[int, R]]) -> tuple[list[Problem], list[W]]:
        """Check a batch of parsed rows against the database (references to other records)."""

    def finish_check(self) -> list[Problem]:
        """Problems only known once every row has been seen."""
        return []

    def before_write(self) -> None:  # noqa: B027 (optional hook)
        """Create what the rows share (estates, blocks) before the first batch is written."""

    @abstractmethod
    def write_batch(self, rows: Sequence[W]) -> BatchResult:
        """Create or update the records of a batch of checked rows, with their audit rows."""


def chunked(items: Iterable[Any], size: int = BATCH_SIZE) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def apply_changes(instance: models.Model, values: dict[str, Any]) -> dict[str, list[Any]]:
    """Set `values` on an existing record; return the audit diff (empty when nothing changed)."""
    before = snapshot(instance)
    for attname, value in values.items():
        setattr(instance, attname, value)
    return diff(before, snapshot(instance))


def touch(instances: Iterable[models.Model]) -> None:
    """bulk_update skips auto_now, so stamp updated_at ourselves."""
    now = timezone.now()
    for instance in instances:
        instance.updated_at = now  # type: ignore[attr-defined]


def insert_rows(model: type[models.Model], instances: Sequence[models.Model]) -> None:
    """Insert new records and set their primary keys, like bulk_create, for very many rows.

    One multi-row `INSERT ... RETURNING` per ROWS_PER_INSERT rows with values prepared by the
    model's own fields: bulk_create compiles SQL for every value, which costs more than the
    insert itself at a million rows. Timestamps (auto_now, auto_now_add) are stamped here.
    """
    if not instances:
        return
    alias = router.db_for_write(model)
    connection = connections[alias]
    meta = model._meta
    pk = meta.pk
    assert pk is not None
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    now = timezone.now()
    stamped = [
        field.attname
        for field in fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    quote = connection.ops.quote_name
    head = "INSERT INTO {} ({}) VALUES ".format(  # noqa: S608 (identifiers from the model)
        quote(meta.db_table), ", ".join(quote(str(field.column)) for field in fields)
    )
    one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    returning = f" RETURNING {quote(str(pk.column))}"
    with connection.cursor() as cursor:
        for batch in chunked(instances, ROWS_PER_INSERT):
            params: list[Any] = []
            for instance in batch:
                for attname in stamped:
                    setattr(instance, attname, now)
                params.extend(
                    field.get_db_prep_save(getattr(instance, field.attname), connection)
                    for field in fields
                )
            cursor.execute(head + ", ".join([one_row] * len(batch)) + returning, params)
            # Rows come back in the order of the VALUES list (as bulk_create also relies on).
            for instance, (value,) in zip(batch, cursor.fetchall(), strict=True):
                instance.pk = value
                instance._state.adding = False
                instance._state.db = alias


# The audit columns, in the order AuditRows.save inserts them.
_AUDIT_FIELDS = (
    "at",
    "actor",
    "action",
    "object_type",
    "object_id",
    "object_label",
    "changes",
    "person_id",
    "source",
)


class AuditRows:
    """Audit rows for a batch, inserted together rather than one insert per record.

    The rows are plain tuples sent with one `executemany`: building an AuditEvent instance and
    compiling a bulk insert for each row cost more than the records being audited. The values
    are prepared by the model's own fields, so the rows are exactly what AuditEvent would save.
    """

    def __init__(self, actor: User | None) -> None:
        self.actor_id = actor.pk if actor is not None else None
        self.rows: list[tuple[Any, ...]] = []
        self.at = timezone.now()

    def add(
        self,
        *,
        action: str,
        instance: models.Model,
        label: str,
        changes: dict[str, list[Any]] | None = None,
        person_id: int | None = None,
    ) -> None:
        if changes is None:
            if action == AuditAction.CREATE:
                changes = diff({}, snapshot(instance))
            elif action == AuditAction.DELETE:
                changes = diff(snapshot(instance), {})
            else:
                changes = {}
        self.rows.append(
            (
                self.at,
                self.actor_id,
                str(action),
                instance._meta.label_lower,
                str(instance.pk),
                label[:200],
                changes,
                person_id,
                AUDIT_SOURCE,
            )
        )

    def save(self) -> None:
        if not self.rows:
            return
        connection = connections[router.db_for_write(AuditEvent)]
        fields = [
            cast("models.Field[Any, Any]", AuditEvent._meta.get_field(name))
            for name in _AUDIT_FIELDS
        ]
        quote = connection.ops.quote_name
        # Identifiers come from the model and are quoted; every value is a parameter.
        into = "{} ({})".format(
            quote(AuditEvent._meta.db_table),
            ", ".join(quote(str(field.column)) for field in fields),
        )
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                self._copy(cursor.cursor, f"COPY {into} FROM STDIN")
            else:
                self._insert(cursor, connection, fields, f"INSERT INTO {into} VALUES ")  # noqa: S608
        self.rows = []

    def _copy(self, cursor: Any, sql: str) -> None:
        # COPY is PostgreSQL's bulk path, several times faster than INSERT for many rows.
        changes = _AUDIT_FIELDS.index("changes")
        with cursor.copy(sql) as copy:
            for row in self.rows:
                values = list(row)
                values[changes] = json.dumps(values[changes], cls=DjangoJSONEncoder)
                copy.write_row(values)

    def _insert(
        self, cursor: Any, connection: Any, fields: list[models.Field[Any, Any]], head: str
    ) -> None:
        one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
        # Many rows to a statement: far fewer round trips than one INSERT per row.
        for batch in chunked(self.rows, AUDIT_ROWS_PER_INSERT):
            params = [
                field.get_db_prep_save(value, connection)
                for row in batch
                for field, value in zip(fields, row, strict=True)
            ]
            cursor.execute(head + ", ".join([one_row] * len(batch)), params)
