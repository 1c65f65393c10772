"""Repairs (DOMAIN.md §8) with the targets of §4, and the contractors who carry them out.

A repair is for exactly one place: a home, or a communal area (a block, or an estate) — a
database check enforces it. `target_at` comes from `targets.py` when the repair is reported (or
its priority changes) and `within_target` when it is completed; both are stored so lists,
My day and the Tenant Satisfaction Measures (RP02) filter and count in the database.

Where a repair came from, when it matters:
- `source_contact`: the logged contact it was raised from (a call about a leak);
- `source_case`: the case it was raised for — for a damp and mould / hazard case, the safety
  work of Awaab's Law (the hazards panel lists the repairs raised from its case);
- `source_inspection_item`: the failed checklist item of an estate inspection it was raised
  from (one repair per item). This is the only record of the link: the inspection's item
  finds its repair through it (`answer.repair`), so the two can never disagree.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from doorstep.core.models import TimeStampedModel

REFERENCE_PREFIX = "REP"


class Trade(models.TextChoices):
    GENERAL = "general", "General building"
    PLUMBING = "plumbing", "Plumbing"
    HEATING = "heating", "Heating and hot water"
    ELECTRICAL = "electrical", "Electrical"
    ROOFING = "roofing", "Roofing and guttering"
    DAMP = "damp", "Damp and mould treatment"
    GLAZING = "glazing", "Windows and glazing"
    CARPENTRY = "carpentry", "Doors and carpentry"
    GROUNDS = "grounds", "Grounds and fencing"
    CLEANING = "cleaning", "Cleaning and clearance"
    PEST_CONTROL = "pest_control", "Pest control"


class Contractor(TimeStampedModel):
    name = models.CharField(max_length=120, unique=True)
    trade = models.CharField(max_length=16, choices=Trade.choices)
    phone = models.CharField(max_length=20, blank=True, help_text="E.164")
    email = models.EmailField(blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Priority(models.TextChoices):
    EMERGENCY = "emergency", "Emergency"
    URGENT = "urgent", "Urgent"
    ROUTINE = "routine", "Routine"
    PLANNED = "planned", "Planned"


class RepairStatus(models.TextChoices):
    REPORTED = "reported", "Reported"
    ORDERED = "ordered", "Ordered with contractor"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


OPEN_STATUSES = (RepairStatus.REPORTED, RepairStatus.ORDERED, RepairStatus.IN_PROGRESS)


class RepairSequence(models.Model):
    """The last number used per year. Locked (SELECT … FOR UPDATE) inside the transaction that
    reports a repair, so references have no gaps and no duplicates."""

    year = models.PositiveSmallIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{REFERENCE_PREFIX}-{self.year}: {self.last_number}"


class Repair(TimeStampedModel):
    reference = models.CharField(max_length=20, unique=True)
    home = models.ForeignKey(
        "places.Home", null=True, blank=True, on_delete=models.PROTECT, related_name="repairs"
    )
    block = models.ForeignKey(
        "places.Block", null=True, blank=True, on_delete=models.PROTECT, related_name="repairs"
    )
    estate = models.ForeignKey(
        "places.Estate", null=True, blank=True, on_delete=models.PROTECT, related_name="repairs"
    )
    priority = models.CharField(max_length=10, choices=Priority.choices, db_index=True)
    description = models.TextField(max_length=2000)
    reported_at = models.DateTimeField(db_index=True)
    target_at = models.DateTimeField(db_index=True)
    status = models.CharField(
        max_length=12, choices=RepairStatus.choices, default=RepairStatus.REPORTED, db_index=True
    )
    contractor = models.ForeignKey(
        Contractor, null=True, blank=True, on_delete=models.PROTECT, related_name="repairs"
    )
    completed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    within_target = models.BooleanField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=500, blank=True)
    # The officer who looks after the repair (My day shows it when due): whoever raised it,
    # unless given to someone else.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="repairs_owned",
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_contact = models.ForeignKey(
        "contacts.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repairs",
    )
    source_case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="repairs"
    )
    source_inspection_item = models.OneToOneField(
        "inspections.InspectionAnswer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repair",
    )

    class Meta:
        ordering = ["target_at", "id"]
        indexes = [
            models.Index(fields=["status", "target_at"]),
            models.Index(fields=["owner", "status", "target_at"]),
            models.Index(fields=["priority", "completed_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(home__isnull=False, block__isnull=True, estate__isnull=True)
                | models.Q(home__isnull=True, block__isnull=False, estate__isnull=True)
                | models.Q(home__isnull=True, block__isnull=True, estate__isnull=False),
                name="repair_is_for_one_place",
            ),
            models.CheckConstraint(
                condition=models.Q(priority__in=["emergency", "urgent", "routine", "planned"]),
                name="repair_priority_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="completed")
                | models.Q(completed_at__isnull=False, within_target__isnull=False),
                name="completed_repair_has_completed_at",
            ),
            models.CheckConstraint(
                condition=models.Q(completed_at__isnull=True)
                | models.Q(completed_at__gte=models.F("reported_at")),
                name="repair_completed_after_reported",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("repairs:repair_detail", args=[self.reference])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_communal(self) -> bool:
        return self.home_id is None

    @property
    def place(self) -> str:
        if self.home is not None:
            return self.home.short_address
        if self.block is not None:
            return f"Communal areas of {self.block}"
        if self.estate is not None:
            return f"Communal areas of {self.estate.name}"
        return ""

    @property
    def estate_of_place(self) -> object:
        if self.home is not None:
            return self.home.estate
        if self.block is not None:
            return self.block.estate
        return self.estate
