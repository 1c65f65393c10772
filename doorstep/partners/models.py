"""The partner agency directory (DOMAIN.md §9): who we refer to, and how to reach them."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from doorstep.core.models import TimeStampedModel


class AgencyKind(models.TextChoices):
    ADULT_SOCIAL_CARE = "adult_social_care", "Council adult social care"
    CHILDRENS_SERVICES = "childrens_services", "Children's services"
    POLICE = "police", "Police"
    FIRE_AND_RESCUE = "fire_and_rescue", "Fire and rescue"
    MENTAL_HEALTH_TEAM = "mental_health_team", "Mental health team"
    CHARITY = "charity", "Charity"
    CHARITY_SHOP = "charity_shop", "Volunteer charity shop"
    OTHER = "other", "Other"


class Agency(TimeStampedModel):
    name = models.CharField(max_length=150)
    kind = models.CharField(max_length=24, choices=AgencyKind.choices, db_index=True)
    phone = models.CharField(max_length=20, blank=True, help_text="E.164")
    # Where referrals with personal data go: a secure (encrypted) mailbox, never a person's own.
    secure_email = models.EmailField(blank=True)
    address = models.CharField(max_length=300, blank=True)
    notes = models.TextField(blank=True)
    active = models.BooleanField(default=True, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(Lower("name"), name="agency_name_unique_ignoring_case")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:agency_detail", args=[self.pk])


class AgencyContact(TimeStampedModel):
    """A named person at an agency (a duty social worker, a PCSO, a shop manager)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=120, blank=True)
    phone = models.CharField(max_length=20, blank=True, help_text="E.164")
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name
