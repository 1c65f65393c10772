"""Reviews of temporary accommodation placements (DOMAIN.md §4, §9).

A placement is a `licence` tenancy in a `temporary` home (doorstep.tenancies). It has a
telephone (or face-to-face) review every 8 weeks from the placement start (`clock.py`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from doorstep.core.models import TimeStampedModel


class ReviewMethod(models.TextChoices):
    TELEPHONE = "telephone", "Telephone"
    FACE_TO_FACE = "face_to_face", "Face to face"


class Issue(models.TextChoices):
    REPAIRS = "repairs", "Repairs"
    OVERCROWDING = "overcrowding", "Overcrowding"
    HEALTH = "health", "Health"
    MONEY = "money", "Money"
    SCHOOL_TRAVEL = "school_travel", "School or travel"
    SAFETY = "safety", "Safety"
    OTHER = "other", "Other"


class TAReview(TimeStampedModel):
    tenancy = models.ForeignKey(
        "tenancies.Tenancy", on_delete=models.PROTECT, related_name="ta_reviews"
    )
    reviewed_on = models.DateField(db_index=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    method = models.CharField(max_length=12, choices=ReviewMethod.choices)
    # Codes of Issue. "health" makes the review special-category: its details are shown only to
    # permitted roles and every view is audited.
    issues = models.JSONField(default=list, blank=True)
    issues_note = models.TextField(max_length=2000, blank=True)
    advice_given = models.TextField(max_length=2000, blank=True)
    referral_agency = models.ForeignKey(
        "partners.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    referrals_made = models.TextField(max_length=2000, blank=True)
    next_review_on = models.DateField()
    # Why the next review is later than the 8-week clock (needed only then).
    later_reason = models.CharField(max_length=500, blank=True)
    contact = models.ForeignKey(
        "contacts.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        indexes = [models.Index(fields=["tenancy", "-reviewed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(next_review_on__gt=models.F("reviewed_on")),
                name="ta_next_review_after_review",
            )
        ]

    def __str__(self) -> str:
        return f"TA review #{self.pk}"

    def issue_labels(self) -> list[str]:
        labels = dict(Issue.choices)
        return [labels.get(code, code) for code in self.issues]
