"""What an `asb` or `neighbour_dispute` case records beyond the shared case core (DOMAIN.md §6):
the ASB details, incident reports, tools used, victim risk assessments and mediation referrals.

Workflows live in services.py; the Community Trigger rule in trigger.py; risk scoring in risk.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from doorstep.cases.models import RiskLevel
from doorstep.core.models import TimeStampedModel


class Category(models.TextChoices):
    PERSONAL = "personal", "Personal"
    NUISANCE = "nuisance", "Nuisance"
    ENVIRONMENTAL = "environmental", "Environmental"


class Subtype(models.TextChoices):
    NOISE = "noise", "Noise"
    HARASSMENT = "harassment", "Harassment"
    HATE = "hate", "Hate"
    DRUGS = "drugs", "Drugs"
    VANDALISM = "vandalism", "Vandalism"
    VIOLENCE = "violence", "Violence"
    ANIMAL = "animal", "Animal"
    OTHER = "other", "Other"


class ProtectedCharacteristic(models.TextChoices):
    AGE = "age", "Age"
    DISABILITY = "disability", "Disability"
    GENDER_REASSIGNMENT = "gender_reassignment", "Gender reassignment"
    RACE = "race", "Race"
    RELIGION_OR_BELIEF = "religion_or_belief", "Religion or belief"
    SEX = "sex", "Sex"
    SEXUAL_ORIENTATION = "sexual_orientation", "Sexual orientation"
    OTHER = "other", "Other"


class AsbDetails(TimeStampedModel):
    """Category and subtype of an ASB case, and whether it is a hate incident."""

    # A hate incident's protected characteristic can reveal a victim's race, religion or
    # sexual orientation: the audit log records which fields changed, not their values.
    AUDIT_REDACT_VALUES = True

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="asb_details")
    category = models.CharField(max_length=16, choices=Category.choices)
    subtype = models.CharField(max_length=16, choices=Subtype.choices)
    hate_incident = models.BooleanField(default=False)
    protected_characteristic = models.CharField(
        max_length=24, choices=ProtectedCharacteristic.choices, blank=True
    )

    class Meta:
        verbose_name_plural = "ASB details"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hate_incident=False, protected_characteristic="")
                | (models.Q(hate_incident=True) & ~models.Q(protected_characteristic="")),
                name="hate_incident_has_protected_characteristic",
            )
        ]

    def __str__(self) -> str:
        return f"ASB details of case #{self.case_id}"


class IncidentReport(TimeStampedModel):
    """One report of an incident by a person. The place is copied from the case when the report
    is recorded, so the Community Trigger's place rule needs no joins to homes."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="incident_reports"
    )
    reporter = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="asb_incident_reports"
    )
    reported_on = models.DateField(db_index=True)
    description = models.TextField(max_length=4000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    about_home = models.ForeignKey(
        "places.Home", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    about_block = models.ForeignKey(
        "places.Block", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    about_estate = models.ForeignKey(
        "places.Estate", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-reported_on", "-id"]
        indexes = [
            models.Index(fields=["reporter", "reported_on"]),
            models.Index(fields=["about_block", "reported_on"]),
            models.Index(fields=["about_estate", "reported_on"]),
        ]

    def __str__(self) -> str:
        return f"Incident reported {self.reported_on:%Y-%m-%d} on case #{self.case_id}"


class Tool(models.TextChoices):
    WARNING = "warning", "Warning"
    ACCEPTABLE_BEHAVIOUR_CONTRACT = "acceptable_behaviour_contract", "Acceptable behaviour contract"
    MEDIATION = "mediation", "Mediation"
    COMMUNITY_PROTECTION_NOTICE = "community_protection_notice", "Community protection notice"
    INJUNCTION = "injunction", "Injunction"
    POSSESSION = "possession", "Possession proceedings"


class AsbToolUse(TimeStampedModel):
    """One use of a tool on a case (a case may use a warning twice, then a contract)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="asb_tools")
    tool = models.CharField(max_length=32, choices=Tool.choices)
    used_on = models.DateField()
    note = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-used_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_tool_display()} on {self.used_on:%Y-%m-%d}"


class VictimRiskAssessment(TimeStampedModel):
    """A victim's answers to the short yes/no risk questions and the level they give
    (risk.py). Kept as history: a reassessment adds a new row."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="victim_risk_assessments"
    )
    victim = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="asb_risk_assessments"
    )
    assessed_on = models.DateField()
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    repeat_victim = models.BooleanField()
    vulnerable = models.BooleanField()
    fear_for_safety = models.BooleanField()
    threats_or_violence = models.BooleanField()
    hate_motivated = models.BooleanField()
    health_impact = models.BooleanField()
    children_in_household = models.BooleanField()
    considering_moving = models.BooleanField()
    no_support = models.BooleanField()
    score = models.PositiveSmallIntegerField()
    level = models.CharField(max_length=10, choices=RiskLevel.choices)
    note = models.CharField(max_length=1000, blank=True)

    class Meta:
        ordering = ["-assessed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_level_display()} risk on {self.assessed_on:%Y-%m-%d}"


class MediationOutcome(models.TextChoices):
    RESOLVED = "resolved", "Resolved"
    PARTLY_RESOLVED = "partly_resolved", "Partly resolved"
    NOT_RESOLVED = "not_resolved", "Not resolved"
    DECLINED = "declined", "A party declined mediation"
    WITHDRAWN = "withdrawn", "Referral withdrawn"


class MediationReferral(TimeStampedModel):
    """A neighbour dispute referred to a mediation service, and what came of it."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="mediation_referrals"
    )
    provider = models.CharField(max_length=150)
    referred_on = models.DateField()
    note = models.CharField(max_length=1000, blank=True)
    outcome = models.CharField(max_length=16, choices=MediationOutcome.choices, blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-referred_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome="", outcome_on__isnull=True)
                | (~models.Q(outcome="") & models.Q(outcome_on__isnull=False)),
                name="mediation_outcome_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome_on__isnull=True)
                | models.Q(outcome_on__gte=models.F("referred_on")),
                name="mediation_outcome_after_referral",
            ),
        ]

    def __str__(self) -> str:
        return f"Mediation referral on {self.referred_on:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return not self.outcome
