"""Subject access requests (the DPO's register) and the log of the retention runs."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse

from doorstep.core.models import TimeStampedModel
from doorstep.dataprotection.deadlines import MAX_EXTENSION_MONTHS, sar_due_on


class RequestStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    REFUSED = "refused", "Refused"


def export_path(instance: SubjectAccessRequest, filename: str) -> str:
    # No personal data in paths: the request id and a random name only.
    import uuid

    return f"sar/{instance.pk}/{uuid.uuid4().hex}.zip"


class SubjectAccessRequest(TimeStampedModel):
    """One request by a person (or someone acting for them) for their personal data."""

    received_on = models.DateField(db_index=True)
    requester = models.CharField(
        max_length=150, help_text="Who made the request: the person, or their representative."
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="subject_access_requests"
    )
    identity_checked = models.BooleanField(default=False)
    identity_checked_on = models.DateField(null=True, blank=True)
    extension_months = models.PositiveSmallIntegerField(default=0)
    extension_reason = models.CharField(max_length=500, blank=True)
    # Stored so lists and My day find overdue requests in the database.
    due_on = models.DateField(db_index=True)
    status = models.CharField(
        max_length=12, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    completed_on = models.DateField(null=True, blank=True)
    export_file = models.FileField(upload_to=export_path, blank=True)
    export_generated_at = models.DateTimeField(null=True, blank=True)
    export_queued_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(extension_months__lte=MAX_EXTENSION_MONTHS),
                name="sar_extension_up_to_two_months",
            ),
            models.CheckConstraint(
                condition=models.Q(extension_months=0) | ~models.Q(extension_reason=""),
                name="sar_extension_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"SAR-{self.received_on:%Y}-{self.pk:06d}"

    def get_absolute_url(self) -> str:
        return reverse("dataprotection:request_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in (RequestStatus.RECEIVED, RequestStatus.IN_PROGRESS)

    def is_overdue_on(self, day: dt.date) -> bool:
        return self.is_open and self.due_on < day

    def compute_due_on(self) -> dt.date:
        return sar_due_on(self.received_on, self.extension_months)


class AnonymisedCase(models.Model):
    """A case the retention run anonymised: the run is idempotent because it skips these."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="+")
    reference = models.CharField(max_length=20)
    closed_on = models.DateField()
    anonymised_at = models.DateTimeField(auto_now_add=True)
    # What was done, in counts by kind (no personal data).
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-anonymised_at", "-id"]

    def __str__(self) -> str:
        return f"{self.reference} anonymised"
