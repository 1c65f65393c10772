"""Possible duplicate people, reviewers' decisions, and merges kept so they can be undone."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from doorstep.core.models import TimeStampedModel


class DuplicateCandidate(models.Model):
    """Two people who may be one: found by `matching.find_candidates`, scored, awaiting review.
    Derived data: the finder replaces these rows each run. `person_a_id < person_b_id`."""

    person_a = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(db_index=True)
    reasons = models.JSONField(default=list)
    found_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score", "person_a_id", "person_b_id"]
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="one_candidate_per_pair"),
            models.CheckConstraint(
                condition=models.Q(person_a__lt=models.F("person_b")),
                name="candidate_pair_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"Possible duplicate #{self.person_a_id} / #{self.person_b_id} ({self.score})"


class NotDuplicate(TimeStampedModel):
    """A reviewer decided these two are different people: never suggested again."""

    person_a = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="one_decision_per_pair"),
        ]

    def __str__(self) -> str:
        return f"#{self.person_a_id} and #{self.person_b_id} are different people"


class MergeRecord(TimeStampedModel):
    """One merge: the merged person's full record and every row that moved, so it can be
    undone exactly. Plain ids, not foreign keys: the merged person no longer exists, and a
    merge log must not itself be moved by a later merge."""

    survivor_id = models.BigIntegerField(db_index=True)
    survivor_reference = models.CharField(max_length=20)
    merged_person_id = models.BigIntegerField(db_index=True)
    merged_reference = models.CharField(max_length=20)
    # Every concrete field of the merged person, to restore them with the same id.
    merged_person = models.JSONField()
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.merged_reference} merged into {self.survivor_reference}"


class MergeItemKind(models.TextChoices):
    MOVED = "moved", "Moved to the survivor"
    REMOVED = "removed", "Removed (the survivor already had the same)"


class MergeItem(models.Model):
    """One row a merge changed: which model, which row, which field, and for a removed row
    (it would have duplicated one the survivor had) all its values, to put it back."""

    merge = models.ForeignKey(MergeRecord, on_delete=models.CASCADE, related_name="items")
    model = models.CharField(max_length=100)  # app_label.modelname
    object_id = models.CharField(max_length=64)
    field = models.CharField(max_length=100)  # the attname of the foreign key
    kind = models.CharField(max_length=8, choices=MergeItemKind.choices)
    values = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.model} #{self.object_id}"
