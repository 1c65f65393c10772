"""Hoarding and self-neglect case details (DOMAIN.md §6).

A hoarding or self-neglect case is a `cases.Case`; these records hang off it. Every Clutter
Image Rating is kept, never overwritten, so the trend shows on the case page.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from doorstep.core.models import TimeStampedModel
from doorstep.hoarding import rules

SCORE_VALIDATORS = [MinValueValidator(rules.LOWEST), MaxValueValidator(rules.HIGHEST)]


def _score_field(label: str) -> models.PositiveSmallIntegerField[int, int]:
    return models.PositiveSmallIntegerField(label, validators=SCORE_VALIDATORS)


def _on_scale(field: str) -> models.Q:
    return models.Q(**{f"{field}__gte": rules.LOWEST, f"{field}__lte": rules.HIGHEST})


class ClutterRating(TimeStampedModel):
    """One Clutter Image Rating visit: a score of 1-9 for each of the three rooms."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="clutter_ratings")
    rated_on = models.DateField(db_index=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    living_room = _score_field("living room")
    kitchen = _score_field("kitchen")
    bedroom = _score_field("bedroom")
    note = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["-rated_on", "-id"]
        indexes = [models.Index(fields=["case", "-rated_on", "-id"])]
        constraints = [
            models.CheckConstraint(condition=_on_scale("living_room"), name="cir_living_room_1_9"),
            models.CheckConstraint(condition=_on_scale("kitchen"), name="cir_kitchen_1_9"),
            models.CheckConstraint(condition=_on_scale("bedroom"), name="cir_bedroom_1_9"),
        ]

    def __str__(self) -> str:
        return f"CIR {self.case_rating} on {self.rated_on:%Y-%m-%d}"

    @property
    def case_rating(self) -> int:
        return rules.case_rating(
            living_room=self.living_room, kitchen=self.kitchen, bedroom=self.bedroom
        )

    @property
    def band(self) -> rules.Band:
        return rules.band_for(self.case_rating)

    @property
    def band_text(self) -> str:
        return rules.BAND_TEXT[self.band]


class HomeCondition(models.TextChoices):
    GOOD = "good", "Good: clean and safe"
    SOME_CONCERN = "some_concern", "Some concern: needs attention"
    POOR = "poor", "Poor: affecting health or safety"
    DANGEROUS = "dangerous", "Dangerous: immediate risk"


class SelfNeglectAssessment(TimeStampedModel):
    """An assessment on a self-neglect case: the home, risks to the person and to neighbours."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="self_neglect_assessments"
    )
    assessed_on = models.DateField(db_index=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    condition_of_home = models.CharField(max_length=16, choices=HomeCondition.choices)
    condition_detail = models.TextField(max_length=2000, blank=True)
    risks_to_person = models.TextField(max_length=2000)
    risks_to_neighbours = models.TextField(max_length=2000, blank=True)
    # Derived by the service from the case's place when assessed (a scheme: sheltered, older
    # persons or supported housing), kept so the record says what was true at the time.
    home_in_scheme = models.BooleanField(default=False, editable=False)
    multi_agency_meeting_needed = models.BooleanField(default=False)
    action_plan = models.TextField(max_length=2000, blank=True)
    note = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["-assessed_on", "-id"]
        indexes = [models.Index(fields=["case", "-assessed_on", "-id"])]

    def __str__(self) -> str:
        return f"Self-neglect assessment on {self.assessed_on:%Y-%m-%d}"
