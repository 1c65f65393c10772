"""The Imports page: upload a file, check it (a dry run), then import it — the same runner as
`import_csv`, so the page and the command accept and refuse exactly the same files.

Small files are checked and imported in the request; larger ones (over INLINE_MAX_BYTES) in
the task worker (`django.tasks`), and the page polls for progress. Everything is audited.
"""

from __future__ import annotations

import codecs
import csv
import time
import uuid
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from doorstep.accounts.models import User
from doorstep.core.audit import record_change, snapshot
from doorstep.core.models import AuditAction
from doorstep.core.permissions import require
from doorstep.imports.kinds import KINDS
from doorstep.imports.models import ImportProblem, ImportRun, RunStatus
from doorstep.imports.parsing import Problem
from doorstep.imports.permissions import can_import
from doorstep.imports.runner import CHECKING, run_import

UPLOAD_MAX_BYTES = 250 * 1024 * 1024  # 250 MB: about two million rows of contacts
INLINE_MAX_BYTES = 2 * 1024 * 1024  # larger files are checked and imported by the worker
STORED_PROBLEMS_MAX = 10_000  # problems kept to show; the count is always exact
PROGRESS_INTERVAL = 1.0  # seconds between progress saves
SNIFF_BYTES = 64 * 1024
REFUSED = "Only housing services managers can import files."
NOT_READY = "This file cannot be imported: it has not been checked, or has problems."


def check_upload_is_csv(upload: UploadedFile) -> None:
    """The file really is UTF-8 comma-separated text with a header row (not a spreadsheet or a
    picture renamed .csv). The whole file is checked line by line later; this looks at its
    start so a wrong file is refused at once."""
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    if not head.strip():
        raise ValidationError({"file": "The file is empty; it needs a header row"})
    if b"\x00" in head:
        raise ValidationError(
            {"file": "The file is not CSV text; save it as 'CSV UTF-8' and try again"}
        )
    try:
        # final=False: the sample may end part-way through a character.
        text = codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
    except UnicodeDecodeError:
        raise ValidationError(
            {"file": "The file is not UTF-8 text; save it as 'CSV UTF-8' and try again"}
        ) from None
    first_line = text.splitlines()[0] if text.splitlines() else ""
    try:
        header = next(csv.reader([first_line]))
    except (csv.Error, StopIteration):
        header = []
    if len([name for name in header if name.strip()]) < 1:
        raise ValidationError({"file": "The file has no header row of column names"})


def start_upload(*, actor: User, kind: str, upload: UploadedFile) -> ImportRun:
    """Keep the uploaded file and check it (a dry run); return the run to show."""
    require(can_import(actor), REFUSED)
    if kind not in KINDS:
        raise ValidationError({"kind": "Choose what the file holds"})
    size = upload.size or 0
    if size > UPLOAD_MAX_BYTES:
        raise ValidationError(
            {"file": f"The file must be smaller than {UPLOAD_MAX_BYTES // (1024 * 1024)} MB"}
        )
    check_upload_is_csv(upload)
    with transaction.atomic():
        run = ImportRun(
            kind=kind,
            file_name=(upload.name or "upload.csv")[:200],
            size_bytes=size,
            uploaded_by=actor,
            in_worker=size > INLINE_MAX_BYTES,
        )
        # Stored under a random name: the uploaded name may say whose data it is.
        run.file.save(f"{uuid.uuid4().hex}.csv", upload, save=False)
        run.save()
        record_change(actor=actor, action=AuditAction.CREATE, instance=run)
    if run.in_worker:
        from doorstep.imports.tasks import check_upload

        check_upload.enqueue(run.pk)
    else:
        check_run(run_id=run.pk)
        run.refresh_from_db()
    return run


def confirm_import(*, actor: User, run: ImportRun) -> ImportRun:
    """ "Import these N rows": import a file whose check found no problems."""
    require(can_import(actor), REFUSED)
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        if run.status != RunStatus.CHECKED:
            raise ValidationError(NOT_READY)
        before = snapshot(run)
        run.status = RunStatus.IMPORTING
        run.imported_by = actor
        run.import_started_at = timezone.now()
        run.save(update_fields=["status", "imported_by", "import_started_at", "updated_at"])
        record_change(actor=actor, action=AuditAction.UPDATE, instance=run, before=before)
    if run.in_worker:
        from doorstep.imports.tasks import import_upload

        import_upload.enqueue(run.pk)
    else:
        import_checked_run(run_id=run.pk)
        run.refresh_from_db()
    return run


def check_run(*, run_id: int) -> None:
    """The check (a dry run) of an uploaded file; the task worker runs it for large files."""
    run = ImportRun.objects.get(pk=run_id)
    if run.status != RunStatus.CHECKING:
        return  # already checked (a task delivered twice)
    problems = _ProblemStore(run)
    saver = _ProgressSaver(run)
    result = run_import(
        kind=run.kind, path=run.file.path, report=problems.add, dry_run=True, progress=saver
    )
    problems.flush()
    _finish(
        run,
        status=RunStatus.CHECKED if result.ok else RunStatus.PROBLEMS,
        rows=result.rows,
        problem_count=result.problems,
        bytes_checked=run.size_bytes,
        checked_at=timezone.now(),
    )


def import_checked_run(*, run_id: int) -> None:
    """The import itself: the runner checks every row again (records may have changed since
    the check) and writes all or nothing in one transaction."""
    run = ImportRun.objects.select_related("imported_by").get(pk=run_id)
    if run.status != RunStatus.IMPORTING:
        return
    problems = _ProblemStore(run)
    saver = _ProgressSaver(run)
    result = run_import(
        kind=run.kind,
        path=run.file.path,
        report=problems.add,
        actor=run.imported_by,
        progress=saver,
    )
    problems.flush()
    counts = result.counts
    _finish(
        run,
        status=RunStatus.IMPORTED if result.written else RunStatus.FAILED,
        rows=result.rows,
        problem_count=result.problems,
        rows_written=result.rows if result.written else 0,
        created_count=counts.created,
        updated_count=counts.updated,
        unchanged_count=counts.unchanged,
    )


def write_progress(run: ImportRun) -> int:
    """Rows written so far by a running import (saved to the cache: the rows are written in
    one transaction, so the run's own record cannot show it until the end)."""
    value = cache.get(_written_key(run.pk))
    return int(value) if value is not None else run.rows_written


def _finish(run: ImportRun, *, status: str, **values: Any) -> None:
    before = snapshot(run)
    run.status = status
    run.finished_at = timezone.now() if status != RunStatus.CHECKED else None
    for name, value in values.items():
        setattr(run, name, value)
    spent = run.file.name if status != RunStatus.CHECKED and run.file else ""
    if spent:
        run.file.name = ""
    with transaction.atomic():
        run.save()
        actor = run.imported_by or run.uploaded_by
        record_change(actor=actor, action=AuditAction.UPDATE, instance=run, before=before)
    if spent:
        # Imported or refused: the file is no longer needed (data minimisation). Removed only
        # once the run says so, so a worker that dies before that can retry with the file.
        ImportRun.file.field.storage.delete(spent)
    cache.delete(_written_key(run.pk))


def _written_key(run_id: int) -> str:
    return f"imports:run:{run_id}:written"


class _ProblemStore:
    """Keeps the first STORED_PROBLEMS_MAX problems of a run, saved a thousand at a time."""

    def __init__(self, run: ImportRun) -> None:
        self.run = run
        self.kept = 0
        self.pending: list[ImportProblem] = []
        ImportProblem.objects.filter(run=run).delete()  # a fresh check replaces the last one

    def add(self, problem: Problem) -> None:
        if self.kept >= STORED_PROBLEMS_MAX:
            return
        self.kept += 1
        self.pending.append(
            ImportProblem(
                run=self.run,
                row=problem.row,
                column=problem.column[:100],
                message=problem.message[:500],
            )
        )
        if len(self.pending) >= 1000:
            self.flush()

    def flush(self) -> None:
        ImportProblem.objects.bulk_create(self.pending)
        self.pending = []


class _ProgressSaver:
    """The runner's `progress`: saves how far it has got about once a second."""

    def __init__(self, run: ImportRun) -> None:
        self.run_id = run.pk
        self.last = 0.0

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < PROGRESS_INTERVAL:
            return
        self.last = now
        if phase == CHECKING:
            ImportRun.objects.filter(pk=self.run_id).update(bytes_checked=done)
        else:
            cache.set(_written_key(self.run_id), done, timeout=6 * 3600)
