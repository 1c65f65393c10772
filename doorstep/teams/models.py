"""The daily team check-in, today's priorities and the log of moved work (DOMAIN.md §10)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from doorstep.core.models import TimeStampedModel


class Whereabouts(models.TextChoices):
    IN_OFFICE = "in_office", "In the office"
    FROM_HOME = "from_home", "Working from home"
    ON_VISITS = "on_visits", "Out on visits"
    ABSENT = "absent", "Absent"


class AbsenceReason(models.TextChoices):
    """A category only: never a diagnosis or any other health detail."""

    LEAVE = "leave", "Leave"
    SICK = "sick", "Sick"
    TRAINING = "training", "Training"
    OTHER = "other", "Other absence"


class CheckIn(TimeStampedModel):
    """Where a member of staff is working on a day. One per person per day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="check_ins"
    )
    date = models.DateField(db_index=True)
    whereabouts = models.CharField(max_length=12, choices=Whereabouts.choices)
    # Out on visits: where (an estate, a street, "Beechdale then Goscote").
    where = models.CharField(max_length=120, blank=True)
    absence_reason = models.CharField(max_length=12, choices=AbsenceReason.choices, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["date", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "date"], name="one_check_in_per_day"),
            models.CheckConstraint(
                condition=models.Q(whereabouts="absent") | models.Q(absence_reason=""),
                name="absence_reason_only_when_absent",
            ),
        ]

    def __str__(self) -> str:
        return f"Check-in {self.user_id} {self.date}"


class Priority(TimeStampedModel):
    """One of a team's priorities for the day, set by the team leader."""

    team = models.ForeignKey("places.Team", on_delete=models.CASCADE, related_name="priorities")
    date = models.DateField()
    position = models.PositiveSmallIntegerField(default=1)
    text = models.CharField(max_length=200)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["date", "team_id", "position", "id"]
        verbose_name_plural = "priorities"
        indexes = [models.Index(fields=["team", "date"])]

    def __str__(self) -> str:
        return f"Priority {self.position} for team {self.team_id} on {self.date}"


class SplitRule(models.TextChoices):
    ALL_TO_ONE = "all_to_one", "All to one colleague"
    ROUND_ROBIN = "round_robin", "Shared in turn between colleagues"
    BY_PATCH = "by_patch", "By patch (work on a patch follows the patch)"


class Reassignment(TimeStampedModel):
    """One "move a colleague": whose work moved, by whom, how it was split, and whether it
    has been undone. Every moved item is a ReassignedItem."""

    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="work_moved_away"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reassignments_made"
    )
    rule = models.CharField(max_length=12, choices=SplitRule.choices)
    receivers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="reassignments_received"
    )
    # When the colleague moved team at the same time.
    team_before = models.ForeignKey(
        "places.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    team_after = models.ForeignKey(
        "places.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Reassignment #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("teams:move_detail", args=[self.pk])

    @property
    def moved_team(self) -> bool:
        return self.team_after_id is not None and self.team_after_id != self.team_before_id


class ReassignedItem(models.Model):
    """One piece of work that moved: its kind (a registered Reassignable), id, from and to.
    `before`/`after` hold the fields the move changed; `stamp` is the record's state right
    after the move, so an undo can tell whether anyone changed it since."""

    reassignment = models.ForeignKey(Reassignment, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    label = models.CharField(max_length=200)
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    stamp = models.CharField(max_length=64, blank=True)
    undone = models.BooleanField(default=False)
    # Why an undo left this item where it is (changed since the move).
    undo_skipped = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["kind", "object_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reassignment", "kind", "object_id"], name="one_row_per_moved_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
