"""Estate inspections (DOMAIN.md §4, §8): schedules, the checklist and inspections.

The checklist is data a manager edits. An inspection copies the text of every active item
into its own answers when it starts, so rewording or retiring an item never changes an
inspection already made. A failed answer links to the case raised from it (and the case page
links back); the repair raised from it points at it (`repairs.Repair.source_inspection_item`,
read here as `answer.repair`), so that link has one source.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.urls import reverse

from doorstep.core.models import TimeStampedModel
from doorstep.inspections import rules
from doorstep.repairs.models import Priority

ITEM_TEXT_MAX = 200
HINT_MAX = 300
NOTE_MAX = 1000


class FollowUp(models.TextChoices):
    """What a failed item usually needs: the kind of case raised from it, or a repair."""

    FLY_TIPPING = "fly_tipping", "Fly-tipping case"
    ASB = "asb", "Anti-social behaviour case (environmental)"
    REPAIR = "repair", "Repair"


# The case types an inspection can raise (cases.CaseType values).
RAISABLE_CASE_TYPES: tuple[str, ...] = (FollowUp.FLY_TIPPING, FollowUp.ASB)


class ChecklistItem(TimeStampedModel):
    text = models.CharField(max_length=ITEM_TEXT_MAX)
    hint = models.CharField(max_length=HINT_MAX, blank=True)
    order = models.PositiveSmallIntegerField(db_index=True)
    active = models.BooleanField(default=True)
    follow_up = models.CharField(max_length=16, choices=FollowUp.choices, default=FollowUp.REPAIR)
    # The priority a repair raised from a failure of this item usually has (the raise form
    # starts with it; the inspector may choose another).
    repair_priority = models.CharField(
        max_length=10, choices=Priority.choices, default=Priority.ROUTINE
    )

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class InspectionSchedule(TimeStampedModel):
    """How often an estate (or one block) is inspected, and by whom."""

    estate = models.ForeignKey(
        "places.Estate", on_delete=models.PROTECT, related_name="inspection_schedules"
    )
    block = models.ForeignKey(
        "places.Block",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspection_schedules",
    )
    frequency_weeks = models.PositiveSmallIntegerField(default=rules.DEFAULT_FREQUENCY_WEEKS)
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inspection_schedules"
    )
    starts_on = models.DateField()
    last_inspected_on = models.DateField(null=True, blank=True)
    # Kept by the services with rules.next_due_on whenever the schedule or an inspection of
    # its place changes, so lists and My day filter on it directly.
    next_due_on = models.DateField(db_index=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["next_due_on", "id"]
        indexes = [models.Index(fields=["inspector", "active", "next_due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(frequency_weeks__gte=1)
                & models.Q(frequency_weeks__lte=rules.MAX_FREQUENCY_WEEKS),
                name="schedule_frequency_1_52_weeks",
            ),
            models.UniqueConstraint(
                fields=["estate"],
                condition=models.Q(block__isnull=True, active=True),
                name="one_active_schedule_per_estate",
            ),
            models.UniqueConstraint(
                fields=["block"],
                condition=models.Q(block__isnull=False, active=True),
                name="one_active_schedule_per_block",
            ),
        ]

    def __str__(self) -> str:
        return f"Inspection schedule #{self.pk}"

    @property
    def place_name(self) -> str:
        return place_name(self.estate, self.block)


def place_name(estate: object, block: object | None) -> str:
    if block is not None:
        return f"{block.name}, {estate.name}"  # type: ignore[attr-defined]
    return str(estate.name)  # type: ignore[attr-defined]


class InspectionStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


class Inspection(TimeStampedModel):
    estate = models.ForeignKey(
        "places.Estate", on_delete=models.PROTECT, related_name="inspections"
    )
    block = models.ForeignKey(
        "places.Block", null=True, blank=True, on_delete=models.PROTECT, related_name="inspections"
    )
    schedule = models.ForeignKey(
        InspectionSchedule,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspections",
    )
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inspections"
    )
    inspected_on = models.DateField(db_index=True)
    status = models.CharField(
        max_length=12, choices=InspectionStatus.choices, default=InspectionStatus.IN_PROGRESS
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    # Set on completion from the answers (rules.score); None when nothing passed or failed.
    passes = models.PositiveSmallIntegerField(default=0)
    fails = models.PositiveSmallIntegerField(default=0)
    not_applicable = models.PositiveSmallIntegerField(default=0)
    score = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)

    class Meta:
        ordering = ["-inspected_on", "-id"]
        indexes = [
            models.Index(fields=["estate", "block", "status", "-inspected_on"]),
            models.Index(fields=["inspector", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="completed") | models.Q(completed_at__isnull=False),
                name="completed_inspection_has_completed_at",
            ),
        ]

    def __str__(self) -> str:
        return f"Inspection #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:inspection_detail", args=[self.pk])

    @property
    def place_name(self) -> str:
        return place_name(self.estate, self.block)

    @property
    def is_completed(self) -> bool:
        return self.status == InspectionStatus.COMPLETED

    @property
    def score_text(self) -> str:
        return rules.score_text(self.score)


class Result(models.TextChoices):
    PASS = "pass", "Pass"
    FAIL = "fail", "Fail"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


def answer_photo_path(instance: InspectionAnswer, filename: str) -> str:
    # No personal data in paths: the inspection id and a random name only.
    return f"inspections/{instance.inspection_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class InspectionAnswer(TimeStampedModel):
    """One checklist item on one inspection, with the item's text as it was then."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="answers")
    item_text = models.CharField(max_length=ITEM_TEXT_MAX)
    item_hint = models.CharField(max_length=HINT_MAX, blank=True)
    follow_up = models.CharField(max_length=16, choices=FollowUp.choices, default=FollowUp.REPAIR)
    order = models.PositiveSmallIntegerField()
    result = models.CharField(max_length=16, choices=Result.choices, blank=True)
    note = models.TextField(max_length=NOTE_MAX, blank=True)
    photo = models.FileField(upload_to=answer_photo_path, blank=True)
    photo_content_type = models.CharField(max_length=50, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspection_answers",
    )

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "item"], name="one_answer_per_item"),
            models.CheckConstraint(
                condition=models.Q(case__isnull=True) | models.Q(result="fail"),
                name="case_only_from_a_failed_item",
            ),
        ]

    def __str__(self) -> str:
        return f"Answer #{self.pk} on inspection #{self.inspection_id}"

    @property
    def prefix(self) -> str:
        """Form field names for this answer, e.g. "a12-result": one form holds every card."""
        return f"a{self.pk}"

    @property
    def is_failed(self) -> bool:
        return self.result == Result.FAIL

    @property
    def shows_photo_inline(self) -> bool:
        return bool(self.photo) and self.photo_content_type != "image/heic"
