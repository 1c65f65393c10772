"""Tenancies and households (DOMAIN.md §3).

A household is the people on a home's current tenancy: its tenants and household members.
A temporary accommodation placement is a tenancy of type `licence` in a `temporary` home.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.urls import reverse

from doorstep.core.models import TimeStampedModel
from doorstep.places.models import Tenure


class TenancyType(models.TextChoices):
    SECURE = "secure", "Secure"
    ASSURED = "assured", "Assured"
    STARTER = "starter", "Starter"
    FLEXIBLE = "flexible", "Flexible"
    LICENCE = "licence", "Licence"
    LEASEHOLD = "leasehold", "Leasehold"
    SHARED_OWNERSHIP = "shared_ownership", "Shared ownership"


class Tenancy(TimeStampedModel):
    reference = models.CharField(max_length=30, unique=True)
    home = models.ForeignKey("places.Home", on_delete=models.PROTECT, related_name="tenancies")
    tenancy_type = models.CharField(max_length=20, choices=TenancyType.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    people = models.ManyToManyField(
        "people.Person", through="TenancyMember", related_name="tenancies"
    )

    class Meta:
        ordering = ["-start_date"]
        verbose_name_plural = "tenancies"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="tenancy_ends_after_start",
            )
        ]
        indexes = [models.Index(fields=["home", "end_date"])]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("tenancies:tenancy_detail", args=[self.reference])

    def is_current(self, today: dt.date | None = None) -> bool:
        today = today or dt.date.today()
        return self.start_date <= today and (self.end_date is None or self.end_date >= today)

    @property
    def is_temporary_accommodation(self) -> bool:
        return self.tenancy_type == TenancyType.LICENCE and self.home.tenure == Tenure.TEMPORARY


class MemberRole(models.TextChoices):
    TENANT = "tenant", "Tenant"
    MEMBER = "member", "Household member"


class TenancyMember(models.Model):
    tenancy = models.ForeignKey(Tenancy, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="tenancy_memberships"
    )
    role = models.CharField(max_length=10, choices=MemberRole.choices, default=MemberRole.TENANT)
    relationship = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["-role", "person__last_name"]  # tenants before household members
        constraints = [
            models.UniqueConstraint(fields=["tenancy", "person"], name="one_membership_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} on {self.tenancy_id} ({self.role})"
