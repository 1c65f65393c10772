"""Damp and mould and other hazards under Awaab's Law (DOMAIN.md §4, §6).

A hazard report is the one-to-one detail of a `cases.Case` of type `damp_mould`: the case holds
the people, place, lead officer, timeline and status; this holds what kind of hazard, how
severe, when it was reported and when each Awaab's Law milestone was met. The clock due
moments (`investigate_by`, `summary_by`, `safety_work_by`, `preventative_by`) come from
`clocks.py` and are stored by the services whenever a moment they depend on changes, so the
breach list and My day filter in the database; the case panel works the clocks out live.

Repairs raised for the safety work are linked through `repairs.Repair.source_case` (the
hazard's case), so the repairs app needs nothing from this one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from doorstep.core.models import TimeStampedModel


class HazardKind(models.TextChoices):
    DAMP_MOULD = "damp_mould", "Damp and mould"
    EXCESS_COLD = "excess_cold", "Excess cold"
    EXCESS_HEAT = "excess_heat", "Excess heat"
    CARBON_MONOXIDE = "carbon_monoxide", "Carbon monoxide or fuel combustion"
    ELECTRICAL = "electrical", "Electrical hazards"
    FIRE = "fire", "Fire"
    STRUCTURAL = "structural", "Structural collapse"
    WATER = "water", "Water supply or drainage"


class Severity(models.TextChoices):
    EMERGENCY = "emergency", "Emergency"
    SIGNIFICANT = "significant", "Significant"


class AccommodationResponse(models.TextChoices):
    AWAITING = "awaiting", "Waiting for the household's answer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class HazardReport(TimeStampedModel):
    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="hazard")
    kind = models.CharField(max_length=20, choices=HazardKind.choices)
    severity = models.CharField(max_length=12, choices=Severity.choices, db_index=True)
    reported_at = models.DateTimeField(db_index=True)
    # The investigation: when it ended, what it found and what will be done.
    investigated_at = models.DateTimeField(null=True, blank=True)
    findings = models.TextField(max_length=4000, blank=True)
    work_planned = models.TextField("what will be done", max_length=4000, blank=True)
    summary_sent_at = models.DateTimeField(null=True, blank=True)
    safety_work_done_at = models.DateTimeField(null=True, blank=True)
    preventative_work_begun_at = models.DateTimeField(null=True, blank=True)
    # Given when supplementary preventative work cannot reasonably begin within 5 working days:
    # the clock becomes 12 weeks.
    preventative_not_practicable_reason = models.TextField(max_length=2000, blank=True)
    alternative_offered_at = models.DateTimeField(null=True, blank=True)
    alternative_response = models.CharField(
        max_length=10, choices=AccommodationResponse.choices, blank=True
    )
    # Clock due moments from clocks.py, kept by the services.
    investigate_by = models.DateTimeField(db_index=True)
    summary_by = models.DateTimeField(null=True, blank=True, db_index=True)
    safety_work_by = models.DateTimeField(null=True, blank=True, db_index=True)
    preventative_by = models.DateTimeField(null=True, blank=True, db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-reported_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(investigated_at__isnull=True)
                | models.Q(investigated_at__gte=models.F("reported_at")),
                name="hazard_investigated_after_reported",
            ),
            models.CheckConstraint(
                condition=models.Q(summary_sent_at__isnull=True)
                | models.Q(
                    investigated_at__isnull=False,
                    summary_sent_at__gte=models.F("investigated_at"),
                ),
                name="hazard_summary_after_investigation",
            ),
            models.CheckConstraint(
                condition=models.Q(alternative_offered_at__isnull=True)
                | ~models.Q(alternative_response=""),
                name="hazard_offer_has_a_response",
            ),
        ]

    def __str__(self) -> str:
        return f"Hazard on {self.case_id}"
