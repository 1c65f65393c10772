"""Reports made in confidence by residents on the public report page (DOMAIN.md §8).

A report lands as a contact (channel `portal`) about its estate or block, and on the patch
officer's My day. The reporter's name, phone and email, when they chose to give them, live in
`ReporterDetails`, apart from the report, so only the staff who need them see them, and every
view of them is audited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from doorstep.core.models import TimeStampedModel


class ReportKind(models.TextChoices):
    FLY_TIPPING = "fly_tipping", "Fly-tipping (rubbish dumped)"
    ASB = "asb", "Anti-social behaviour"
    COMMUNAL_REPAIR = "communal_repair", "A repair in a shared area"


class ReportStatus(models.TextChoices):
    NEW = "new", "New"
    CASE_OPENED = "case_opened", "Case opened"
    DEALT_WITH = "dealt_with", "Dealt with"


def photo_path(instance: ResidentReport, filename: str) -> str:
    # No personal data in paths: a random name, with the extension of what the file really is.
    import uuid
    from pathlib import Path

    return f"resident_reports/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class ResidentReport(TimeStampedModel):
    """One report from the public page. Never holds the reporter's identity (see below)."""

    # A random reference the resident can quote (RPT-XXXX-XXXX), not a count of reports.
    reference = models.CharField(max_length=20, unique=True)
    kind = models.CharField(max_length=20, choices=ReportKind.choices)
    description = models.TextField(max_length=2000)
    estate = models.ForeignKey(
        "places.Estate", on_delete=models.PROTECT, related_name="resident_reports"
    )
    block = models.ForeignKey(
        "places.Block",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resident_reports",
    )
    location = models.CharField("where exactly", max_length=300, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    photo = models.FileField(upload_to=photo_path, blank=True)
    photo_type = models.CharField(max_length=20, blank=True)
    anonymous = models.BooleanField(default=True)
    submitted_at = models.DateTimeField(db_index=True)
    # The contact log's entry for this report (channel portal, about the estate or block).
    contact = models.OneToOneField(
        "contacts.Contact", on_delete=models.PROTECT, related_name="resident_report"
    )
    status = models.CharField(
        max_length=12, choices=ReportStatus.choices, default=ReportStatus.NEW, db_index=True
    )
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resident_reports",
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["status", "estate"])]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("resident_reports:report_detail", args=[self.reference])

    @property
    def place_name(self) -> str:
        if self.block_id is not None:
            return f"{self.block.name}, {self.estate.name}"  # type: ignore[union-attr]
        return self.estate.name


class ReporterDetails(TimeStampedModel):
    """Who made a report, when they chose to say. Seen only by the patch officer, team
    leaders, managers and safeguarding leads; every view is audited."""

    # The audit log records that details were given, never what they are.
    AUDIT_REDACT_VALUES = True
    report = models.OneToOneField(ResidentReport, on_delete=models.CASCADE, related_name="reporter")
    name = models.CharField(max_length=120, blank=True)
    phone = models.CharField(max_length=20, blank=True, help_text="E.164")
    email = models.EmailField(blank=True)

    class Meta:
        verbose_name_plural = "reporter details"

    def __str__(self) -> str:
        return f"Reporter of {self.report_id}"
