"""Recruitment (DOMAIN.md §10): vacancies, candidates, interview slots, weighted scoring
criteria (interview questions and tests), panel scores and decisions.

Candidates are job applicants, not residents: they live only here, are never searched, never
in a resident's subject access export, and are deleted a set number of days after the vacancy
closes (`purge_candidates`). Their audit rows record which fields changed, never the values,
so nothing about them outlives the purge.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from doorstep.core.models import TimeStampedModel


class Vacancy(TimeStampedModel):
    title = models.CharField(max_length=120)
    office = models.ForeignKey("places.Office", on_delete=models.PROTECT, related_name="vacancies")
    closing_date = models.DateField(db_index=True)
    description = models.TextField(max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    hr_notified_at = models.DateTimeField(null=True, blank=True)
    # Set by purge_candidates once the candidates are deleted.
    candidates_purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-closing_date", "-id"]
        verbose_name_plural = "vacancies"

    def __str__(self) -> str:
        return f"{self.title} ({self.office_id})"

    def get_absolute_url(self) -> str:
        return reverse("recruitment:vacancy_detail", args=[self.pk])


class CriterionKind(models.TextChoices):
    INTERVIEW = "interview", "Interview question"
    TEST = "test", "Test"


class Criterion(TimeStampedModel):
    """One thing the panel scores, with its weight and the top of its scale."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=CriterionKind.choices)
    weight = models.PositiveSmallIntegerField()
    max_score = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["kind", "id"]
        verbose_name_plural = "criteria"
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "name"], name="criterion_name_per_vacancy"),
            models.CheckConstraint(condition=models.Q(weight__gte=1), name="criterion_weight_1_up"),
            models.CheckConstraint(
                condition=models.Q(max_score__gte=1), name="criterion_max_score_1_up"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Decision(models.TextChoices):
    APPOINT = "appoint", "Appoint"
    RESERVE = "reserve", "Reserve list"
    REJECT = "reject", "Reject"


class Candidate(TimeStampedModel):
    # Job applicants' details: never written to the audit log (see module docstring).
    AUDIT_REDACT_VALUES = True

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="candidates")
    full_name = models.CharField(max_length=150)
    email = models.EmailField()
    phone = models.CharField(max_length=20, blank=True, help_text="E.164")
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    decision_reason = models.CharField(max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["full_name", "id"]

    def __str__(self) -> str:
        return f"Candidate #{self.pk}"


class InterviewSlot(TimeStampedModel):
    """A candidate's interview (and tests): when, where, and who sits on the panel."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="slots")
    candidate = models.OneToOneField(
        Candidate, on_delete=models.CASCADE, related_name="slot", null=True, blank=True
    )
    starts_at = models.DateTimeField()
    location = models.CharField(max_length=120, blank=True)
    panel = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="interview_panels")

    class Meta:
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return f"Interview slot #{self.pk}"


class Score(TimeStampedModel):
    """One panel member's score for one candidate on one criterion (0 to its maximum)."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    panel_member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    score = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["candidate_id", "criterion_id", "panel_member_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "criterion", "panel_member"], name="one_score_per_marker"
            )
        ]

    def __str__(self) -> str:
        return f"Score #{self.pk}"


class PanelSubmission(models.Model):
    """A panel member has finished scoring a vacancy: their scores are locked, and they may
    now see the totals and ranking."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="submissions")
    panel_member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "panel_member"], name="one_submission_per_marker"
            )
        ]

    def __str__(self) -> str:
        return f"Submission {self.panel_member_id} on {self.vacancy_id}"
