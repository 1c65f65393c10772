"""Base models shared by every app, and the append-only audit log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True


class AuditAction(models.TextChoices):
    CREATE = "create", "Created"
    UPDATE = "update", "Updated"
    DELETE = "delete", "Deleted"
    VIEW = "view", "Viewed sensitive data"
    EXPORT = "export", "Exported"
    SIGN_IN = "sign_in", "Signed in"
    TOKEN = "token", "API token issued"


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("The audit log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only.")


def _without_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, dict):
        return {_without_nul(key): _without_nul(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_without_nul(item) for item in value]
    return value


class AuditEvent(models.Model):
    """Who did what to which record, and when. Never updated or deleted."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(max_length=16, choices=AuditAction.choices)
    object_type = models.CharField(max_length=64, db_index=True)
    object_id = models.CharField(max_length=64, db_index=True)
    object_label = models.CharField(max_length=200, blank=True)
    # For changes: {"field": [before, after]}; for views: {"viewed": "what was shown"}.
    changes = models.JSONField(default=dict, blank=True)
    # The person the record is about, when there is one, so a SAR can find every disclosure.
    person_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    source = models.CharField(max_length=16, default="web")

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("The audit log is append-only.")
        # What was searched or typed is recorded as it was, except a NUL, which JSON in
        # PostgreSQL cannot hold: it becomes U+FFFD, so the row is still written.
        self.changes = _without_nul(self.changes)
        self.object_label = _without_nul(self.object_label)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only.")


class FormSubmission(models.Model):
    """One submit of a form that creates something, by the one-time key the form carried.

    A double click, a resent POST after a dropped connection, or the back button and submit
    again all carry the same key: the first creates the record, the others get the first's
    answer (see doorstep.core.submissions). A row is only needed for minutes; old ones can go.
    """

    key = models.UUIDField(unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=300)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    location = models.CharField(max_length=500, blank=True)
    # A digest of what was sent: the same page sent again with other values (back button,
    # change a field, save) is a new submission, not a double click.
    fingerprint = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.path} {self.status_code or 'pending'}"
