"""Imports from the upload page, their problems, and the references of imported contacts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from doorstep.core.models import TimeStampedModel


class RunStatus(models.TextChoices):
    CHECKING = "checking", "Checking"
    PROBLEMS = "problems", "Has problems"
    CHECKED = "checked", "Ready to import"
    IMPORTING = "importing", "Importing"
    IMPORTED = "imported", "Imported"
    FAILED = "failed", "Not imported"


# While a run is in one of these its page polls for progress.
RUNNING = frozenset({RunStatus.CHECKING, RunStatus.IMPORTING})


class ImportRun(TimeStampedModel):
    """One file uploaded on the Imports page: checked (a dry run), then perhaps imported.

    The file is kept only until it is imported or found to have problems; the history keeps who,
    when, which kind and how many rows, never the file's contents.
    """

    kind = models.CharField(max_length=20)
    file = models.FileField(upload_to="imports/", blank=True)
    file_name = models.CharField(max_length=200)
    size_bytes = models.PositiveBigIntegerField()
    status = models.CharField(
        max_length=10, choices=RunStatus.choices, default=RunStatus.CHECKING, db_index=True
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Whether the work runs in the task worker (large files) or in the request.
    in_worker = models.BooleanField(default=False)
    rows = models.PositiveIntegerField(default=0)
    problem_count = models.PositiveIntegerField(default=0)
    bytes_checked = models.PositiveBigIntegerField(default=0)
    rows_written = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    checked_at = models.DateTimeField(null=True, blank=True)
    import_started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Import #{self.pk} ({self.kind})"

    def get_absolute_url(self) -> str:
        return reverse("imports:run_detail", args=[self.pk])

    @property
    def running(self) -> bool:
        return self.status in RUNNING

    @property
    def check_percent(self) -> int:
        if not self.size_bytes:
            return 100
        return min(100, round(100 * self.bytes_checked / self.size_bytes))

    @property
    def write_percent(self) -> int:
        if not self.rows:
            return 100
        return min(100, round(100 * self.rows_written / self.rows))


class ImportProblem(models.Model):
    """One `row N: column: message` line of a run's check. Messages hold no personal data."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="problems")
    row = models.PositiveIntegerField(null=True, blank=True)  # 0 the header, None the file
    column = models.CharField(max_length=100, blank=True)
    message = models.CharField(max_length=500)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    @property
    def where(self) -> str:
        if self.row is None:
            return "file"
        return "header" if self.row == 0 else str(self.row)


class ImportedContact(models.Model):
    """The landlord's own reference of a contact brought in by `import_csv contacts`, so
    importing the same file again updates those contacts instead of logging them twice."""

    reference = models.CharField(max_length=30, unique=True)
    contact = models.OneToOneField(
        "contacts.Contact", on_delete=models.CASCADE, related_name="import_reference"
    )

    def __str__(self) -> str:
        return self.reference
