"""What a `domestic_abuse` case records beyond the shared case core (DOMAIN.md §6): every
DASH-style risk assessment (kept as history) and MARAC referrals.

A domestic abuse case is always restricted (the core enforces it). The answers, judgement
reasons, outcomes and safety plans are special-category data: the audit log records which
fields changed, never their values (`AUDIT_REDACT_VALUES`), and every showing is audited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from doorstep.cases.models import RiskLevel
from doorstep.core.models import TimeStampedModel


class RiskAssessment(TimeStampedModel):
    """One DASH-style risk assessment of a victim. A reassessment adds a row; the case's risk
    level follows the latest (by date assessed, then entry)."""

    AUDIT_REDACT_VALUES = True

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="da_risk_assessments"
    )
    victim = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="da_risk_assessments"
    )
    assessed_on = models.DateField(db_index=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # {question code: "yes" | "no" | "not_known"} for every code in rules.QUESTIONS.
    answers = models.JSONField()
    yes_count = models.PositiveSmallIntegerField()
    police_callouts = models.PositiveSmallIntegerField(
        help_text="Police call-outs for domestic abuse in the past 12 months"
    )
    escalation = models.BooleanField(default=False)
    scored_level = models.CharField(max_length=10, choices=RiskLevel.choices)
    judgement_level = models.CharField(max_length=10, choices=RiskLevel.choices, blank=True)
    judgement_reason = models.TextField(max_length=2000, blank=True)
    level = models.CharField(max_length=10, choices=RiskLevel.choices)
    note = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["-assessed_on", "-id"]
        indexes = [models.Index(fields=["case", "-assessed_on", "-id"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(judgement_level="") | ~models.Q(judgement_reason=""),
                name="da_judgement_has_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} risk on {self.assessed_on:%Y-%m-%d}"


class MaracReferral(TimeStampedModel):
    """A referral of the case to the MARAC (multi-agency risk assessment conference)."""

    AUDIT_REDACT_VALUES = True

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="marac_referrals")
    agency = models.ForeignKey(
        "partners.Agency", on_delete=models.PROTECT, related_name="marac_referrals"
    )
    referred_on = models.DateField(db_index=True)
    meeting_on = models.DateField(null=True, blank=True)
    reference = models.CharField(max_length=60, blank=True)
    outcome = models.TextField(max_length=4000, blank=True)
    safety_plan = models.TextField(max_length=4000, blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-referred_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(meeting_on__isnull=True)
                | models.Q(meeting_on__gte=models.F("referred_on")),
                name="marac_meeting_after_referral",
            )
        ]

    def __str__(self) -> str:
        return f"MARAC referral on {self.referred_on:%Y-%m-%d}"
