"""The import run: header check, row loop, error collection, one transaction, dry run.

Rows are streamed: the file is read row by row, checked against the database a batch at a
time, and the checked batches are spooled to a temporary file rather than kept in memory, so a
million-row file needs memory for its references (to spot duplicates) and little else. Only
when every row is valid are the batches read back and written, all in one transaction.
"""

from __future__ import annotations

import csv
import os
import pickle  # reads back only the temporary file this run wrote itself
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.db import DatabaseError, transaction

from doorstep.accounts.models import User
from doorstep.imports.kinds import KINDS
from doorstep.imports.kinds.base import BATCH_SIZE, BatchResult, ImportKind
from doorstep.imports.parsing import Cells, Problem

Report = Callable[[Problem], None]
# progress(phase, done, total): phase "checking" counts bytes of the file read, "writing"
# counts rows written. Called every PROGRESS_EVERY rows or so; callers throttle the display.
Progress = Callable[[str, int, int], None]
CHECKING = "checking"
WRITING = "writing"
PROGRESS_EVERY = 500


@dataclass(slots=True)
class ImportResult:
    kind: str
    rows: int = 0
    problems: int = 0
    written: bool = False
    counts: BatchResult = field(default_factory=BatchResult)

    @property
    def ok(self) -> bool:
        return self.problems == 0


def check_header(kind: type[ImportKind[Any, Any]], header: list[str]) -> list[Problem]:
    """Problems with the header row: unnamed, repeated, unknown and missing columns."""
    problems: list[Problem] = []
    known = kind.columns
    seen: set[str] = set()
    for position, name in enumerate(header, start=1):
        if not name:
            problems.append(Problem(0, f"column {position}", "column has no name"))
        elif name in seen:
            problems.append(Problem(0, name, "column appears more than once"))
        elif name not in known:
            problems.append(
                Problem(0, name, f"unknown column ({kind.name} columns are {', '.join(known)})")
            )
        seen.add(name)
    for name in kind.required:
        if name not in seen:
            problems.append(Problem(0, name, "required column is missing"))
    return problems


def run_import(
    *,
    kind: str,
    path: Path | str,
    report: Report,
    dry_run: bool = False,
    actor: User | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import one CSV file of `kind`, all or nothing; every problem is passed to `report`.

    Nothing is written when any row has a problem, or when `dry_run` is set. `progress`, when
    given, hears how far the check (bytes read) and the write (rows written) have got.
    """
    tell: Progress = progress or _no_progress
    run = _Run(KINDS[kind], report=report, actor=actor, spool_rows=not dry_run, progress=tell)
    try:
        source = open(path, "rb")  # noqa: SIM115 (closed below)
    except OSError as exc:
        run.problem(Problem(None, "", f"cannot open {path}: {exc.strerror or exc}"))
        return run.result
    with source, tempfile.TemporaryFile() as spool:
        lines = _Lines(source, size=os.fstat(source.fileno()).st_size)
        importer = run.validate(lines, spool)
        tell(CHECKING, lines.bytes_read, lines.size)
        if importer is None or not run.result.ok or dry_run:
            return run.result
        written = 0
        tell(WRITING, written, run.result.rows)
        try:
            with transaction.atomic():
                importer.before_write()
                for batch in _read_spool(spool):
                    run.result.counts += importer.write_batch(batch)
                    written += len(batch)
                    tell(WRITING, written, run.result.rows)
        except DatabaseError as exc:
            # Someone changed the same records between checking and writing.
            run.problem(
                Problem(None, "", f"the database refused the import ({exc}); nothing written")
            )
            return run.result
        run.result.written = True
    return run.result


class _Run:
    def __init__(
        self,
        kind: type[ImportKind[Any, Any]],
        *,
        report: Report,
        actor: User | None,
        spool_rows: bool,
        progress: Progress,
    ) -> None:
        self.kind = kind
        self.progress = progress
        self.report = report
        self.actor = actor
        self.spool_rows = spool_rows
        self.result = ImportResult(kind=kind.name)

    def problem(self, problem: Problem) -> None:
        self.report(problem)
        self.result.problems += 1

    def problems(self, problems: list[Problem]) -> None:
        # Stable sort by row: a row's own problems stay in column order.
        for problem in sorted(problems, key=lambda p: -1 if p.row is None else p.row):
            self.problem(problem)

    def validate(self, source: _Lines, spool: IO[bytes]) -> ImportKind[Any, Any] | None:
        """Check every row, spooling checked batches while there are no problems."""
        reader = csv.DictReader(source)
        try:
            raw_header = reader.fieldnames
        except UnicodeDecodeError:
            self.problem(_not_utf8(source.number))
            return None
        except csv.Error as exc:
            self.problem(Problem(0, "", f"the header row cannot be read: {exc}"))
            return None
        if not raw_header:
            self.problem(Problem(None, "", "the file is empty; it needs a header row"))
            return None
        header = [name.strip().lower() for name in raw_header]
        header_problems = check_header(self.kind, header)
        if header_problems:
            self.problems(header_problems)
            return None
        reader.fieldnames = header
        columns = frozenset(header)
        importer = self.kind(present=columns, actor=self.actor)

        seen: dict[str, int] = {}  # reference -> first row, to report duplicates
        chunk: list[tuple[int, Any]] = []
        pending: list[Problem] = []
        number = 0
        rows = iter(reader)
        while True:
            try:
                raw = next(rows)
            except StopIteration:
                break
            except UnicodeDecodeError:
                self.problems(pending)
                self.problem(_not_utf8(source.number))
                return None
            except csv.Error as exc:
                self.problems(pending)
                self.problem(Problem(number + 1, "", f"the row cannot be read: {exc}"))
                return None
            number += 1
            if number % PROGRESS_EVERY == 0:
                self.progress(CHECKING, source.bytes_read, source.size)
            extra = raw.pop(None, None)
            if not any((value or "").strip() for value in raw.values()) and not extra:
                continue  # a row of empty cells, as spreadsheets leave at the end
            self.result.rows += 1
            cells = Cells(number, raw, columns)
            for column, value in raw.items():
                if value and "\x00" in value:
                    # No database column can hold it (PostgreSQL refuses it outright).
                    cells.add(column, NUL_IN_CELL)
            if extra:
                cells.add(
                    "cells", f"{len(header) + len(extra)} cells but only {len(header)} columns"
                )
            parsed = importer.validate_row(cells)
            key_column, key = self.kind.row_key(cells)
            if key:
                first = seen.setdefault(key, number)
                if first != number:
                    cells.add(key_column, f"{key} is also on row {first}")
            pending.extend(cells.problems)
            chunk.append((number, parsed))
            if len(chunk) >= BATCH_SIZE:
                self._check(importer, chunk, pending, spool)
                chunk, pending = [], []
        self._check(importer, chunk, pending, spool)
        self.problems(importer.finish_check())
        return importer

    def _check(
        self,
        importer: ImportKind[Any, Any],
        chunk: list[tuple[int, Any]],
        pending: list[Problem],
        spool: IO[bytes],
    ) -> None:
        if chunk:
            problems, checked = importer.check_chunk(chunk)
            pending = pending + problems
        self.problems(pending)
        # Once anything is wrong nothing will be written, so stop spooling.
        if chunk and self.spool_rows and self.result.ok:
            pickle.dump(checked, spool, protocol=pickle.HIGHEST_PROTOCOL)


def _read_spool(spool: IO[bytes]) -> Iterator[list[Any]]:
    spool.seek(0)
    while True:
        try:
            yield pickle.load(spool)  # noqa: S301 (written by this run, never user input)
        except EOFError:
            return


class _Lines:
    """The file's lines decoded one at a time, so bad UTF-8 is reported with its line."""

    def __init__(self, source: IO[bytes], *, size: int) -> None:
        self.source = source
        self.size = size
        self.bytes_read = 0
        self.number = 0  # the line last read, counting the header as line 1

    def __iter__(self) -> Iterator[str]:
        for raw in self.source:
            self.number += 1
            self.bytes_read += len(raw)
            # utf-8-sig drops a byte-order mark at the start of the file.
            yield raw.decode("utf-8-sig" if self.number == 1 else "utf-8")


def _no_progress(phase: str, done: int, total: int) -> None:
    return None


NUL_IN_CELL = "contains a NUL character (\\x00), which cannot be stored; remove it"


def _not_utf8(line: int) -> Problem:
    return Problem(
        None, "", f"line {line} is not UTF-8 text; save the file as 'CSV UTF-8' and try again"
    )
