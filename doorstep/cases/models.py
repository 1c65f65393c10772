"""The shared case core of DOMAIN.md §6: every kind of case has these.

Type-specific details (ASB incidents, Clutter Image Ratings, complaint clocks, …) live in their
own models linked to `Case`, added by later work; the core never changes to add a type.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from doorstep.core.models import TimeStampedModel


class CaseType(models.TextChoices):
    ASB = "asb", "Anti-social behaviour"
    NEIGHBOUR_DISPUTE = "neighbour_dispute", "Neighbour dispute"
    FLY_TIPPING = "fly_tipping", "Fly-tipping"
    HOARDING = "hoarding", "Hoarding"
    SELF_NEGLECT = "self_neglect", "Self-neglect"
    SAFEGUARDING = "safeguarding", "Safeguarding"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    DAMP_MOULD = "damp_mould", "Damp and mould"
    COMPLAINT = "complaint", "Complaint"


# The TYPE part of a reference TYPE-YYYY-NNNNNN (e.g. ASB-2026-000123).
REFERENCE_PREFIX: dict[str, str] = {
    CaseType.ASB: "ASB",
    CaseType.NEIGHBOUR_DISPUTE: "ND",
    CaseType.FLY_TIPPING: "FT",
    CaseType.HOARDING: "HRD",
    CaseType.SELF_NEGLECT: "SN",
    CaseType.SAFEGUARDING: "SG",
    CaseType.DOMESTIC_ABUSE: "DA",
    CaseType.DAMP_MOULD: "DM",
    CaseType.COMPLAINT: "COM",
}
# Always restricted (DOMAIN.md §1, §6).
ALWAYS_RESTRICTED = frozenset({CaseType.SAFEGUARDING, CaseType.DOMESTIC_ABUSE})


class CaseStatus(models.TextChoices):
    OPEN = "open", "Open"
    INVESTIGATING = "investigating", "Investigating"
    ACTION = "action", "Taking action"
    MONITORING = "monitoring", "Monitoring"
    CLOSED = "closed", "Closed"


class RiskLevel(models.TextChoices):
    STANDARD = "standard", "Standard"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class ClosureReason(models.TextChoices):
    RESOLVED = "resolved", "Resolved"
    NO_FURTHER_ACTION = "no_further_action", "No further action possible"
    INSUFFICIENT_EVIDENCE = "insufficient_evidence", "Insufficient evidence"
    REPORTER_WITHDREW = "reporter_withdrew", "Reporter withdrew"
    REFERRED_ELSEWHERE = "referred_elsewhere", "Referred to another agency"
    TENANCY_ENDED = "tenancy_ended", "Tenancy ended"
    DUPLICATE = "duplicate", "Duplicate of another case"


class Satisfaction(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", "Very satisfied"
    FAIRLY_SATISFIED = "fairly_satisfied", "Fairly satisfied"
    NEITHER = "neither", "Neither satisfied nor dissatisfied"
    FAIRLY_DISSATISFIED = "fairly_dissatisfied", "Fairly dissatisfied"
    VERY_DISSATISFIED = "very_dissatisfied", "Very dissatisfied"


class SatisfactionMethod(models.TextChoices):
    PHONE = "phone", "By phone"
    LINK = "link", "By a link sent to the reporter"


class CaseSequence(models.Model):
    """The last number used per reference prefix and year. Locked (SELECT … FOR UPDATE) inside
    the transaction that opens a case, so references have no gaps and no duplicates."""

    prefix = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="one_sequence_per_prefix_year")
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last_number}"


class Case(TimeStampedModel):
    reference = models.CharField(max_length=20, unique=True)
    case_type = models.CharField(max_length=20, choices=CaseType.choices, db_index=True)
    status = models.CharField(
        max_length=16, choices=CaseStatus.choices, default=CaseStatus.OPEN, db_index=True
    )
    summary = models.CharField(max_length=300)
    opened_on = models.DateField(db_index=True)
    closed_on = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(max_length=24, choices=ClosureReason.choices, blank=True)
    risk_level = models.CharField(
        max_length=10, choices=RiskLevel.choices, default=RiskLevel.STANDARD, db_index=True
    )
    restricted = models.BooleanField(default=False, db_index=True)
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases_led",
    )
    team = models.ForeignKey(
        "places.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    # Where: a home, or a place (a block, or an estate) for communal matters.
    home = models.ForeignKey(
        "places.Home", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    block = models.ForeignKey(
        "places.Block", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    estate = models.ForeignKey(
        "places.Estate", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    # Denormalised from the home or place when the case is opened, for patch lists.
    patch = models.ForeignKey(
        "places.Patch", null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    next_review_on = models.DateField(null=True, blank=True, db_index=True)
    satisfaction = models.CharField(max_length=24, choices=Satisfaction.choices, blank=True)
    satisfaction_method = models.CharField(
        max_length=8, choices=SatisfactionMethod.choices, blank=True
    )
    linked_cases = models.ManyToManyField("self", blank=True, symmetrical=True)

    class Meta:
        ordering = ["-opened_on", "-id"]
        indexes = [
            models.Index(fields=["lead_officer", "status"]),
            models.Index(fields=["team", "status"]),
            models.Index(fields=["patch", "status"]),
            # Open cases only (a few percent of all): the team and patch case lists' default.
            models.Index(
                fields=["team", "-opened_on"],
                condition=~models.Q(status="closed"),
                name="case_open_by_team",
            ),
            # The case list's order: its pages seek on (opened_on, id), never OFFSET the table.
            models.Index(fields=["-opened_on", "-id"], name="case_newest_first"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True)
                | models.Q(closed_on__gte=models.F("opened_on")),
                name="case_closes_after_it_opens",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="closed") | models.Q(closed_on__isnull=False),
                name="closed_case_has_closed_on",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("cases:case_detail", args=[self.reference])

    @property
    def is_open(self) -> bool:
        return self.status != CaseStatus.CLOSED


class PartyRole(models.TextChoices):
    REPORTER = "reporter", "Reporter"
    VICTIM = "victim", "Victim"
    WITNESS = "witness", "Witness"
    ALLEGED_PERPETRATOR = "alleged_perpetrator", "Alleged perpetrator"
    SUBJECT = "subject", "Subject"


class CaseParty(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="case_parties"
    )
    role = models.CharField(max_length=24, choices=PartyRole.choices)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "person", "role"], name="one_role_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.role} on {self.case_id}"


class EventKind(models.TextChoices):
    NOTE = "note", "Note"
    STATUS = "status", "Status change"
    LETTER = "letter", "Letter"
    ACTION = "action", "Action"
    REVIEW = "review", "Review"
    RISK = "risk", "Risk level"
    ATTACHMENT = "attachment", "Photo"
    PARTY = "party", "People"
    LINK = "link", "Linked case"
    COST = "cost", "Cost"
    SATISFACTION = "satisfaction", "Satisfaction"
    RESTRICTION = "restriction", "Restriction"


class CaseEvent(models.Model):
    """One line of the case timeline. Contacts linked to the case join it in the selector."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=EventKind.choices)
    text = models.TextField(max_length=4000)
    at = models.DateTimeField(db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["case", "-at"])]

    def __str__(self) -> str:
        return f"{self.kind} on {self.case_id}"


class CaseAction(TimeStampedModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_actions"
    )
    due_on = models.DateField(db_index=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["owner", "done_at", "due_on"])]

    def __str__(self) -> str:
        return self.title


class CostKind(models.TextChoices):
    OFFICER_TIME = "officer_time", "Officer time"
    LEGAL = "legal", "Legal"
    WORKS = "works", "Works"
    OTHER = "other", "Other"


class CaseCost(TimeStampedModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="costs")
    kind = models.CharField(max_length=16, choices=CostKind.choices)
    incurred_on = models.DateField()
    hours = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-incurred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} £{self.amount}"


def attachment_path(instance: CaseAttachment, filename: str) -> str:
    # No personal data in paths: the case id and a random name only.
    import uuid
    from pathlib import Path

    return f"cases/{instance.case_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class CaseAttachment(TimeStampedModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    caption = models.CharField(max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Photo on {self.case_id}"
