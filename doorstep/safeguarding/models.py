"""Safeguarding referrals (DOMAIN.md §7) and their gapless references SGR-YYYY-NNNNNN.

The person's "safeguarding flag" is derived from their referrals, never typed: it is shown only
to the roles in `doorstep.safeguarding.permissions.can_read_safeguarding`.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from doorstep.core.models import TimeStampedModel

REFERENCE_PREFIX = "SGR"
DRAFT_RETENTION_DAYS = 30  # a draft untouched this long is deleted by apply_retention


class AdultOrChild(models.TextChoices):
    ADULT = "adult", "Adult"
    CHILD = "child", "Child"


class AbuseCategory(models.TextChoices):
    """The Care Act 2014 categories of abuse and neglect, as DOMAIN.md §7 lists them."""

    PHYSICAL = "physical", "Physical"
    SEXUAL = "sexual", "Sexual"
    PSYCHOLOGICAL = "psychological", "Psychological"
    FINANCIAL = "financial", "Financial or material"
    NEGLECT = "neglect", "Neglect and acts of omission"
    SELF_NEGLECT = "self_neglect", "Self-neglect"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    MODERN_SLAVERY = "modern_slavery", "Modern slavery"
    DISCRIMINATORY = "discriminatory", "Discriminatory"
    ORGANISATIONAL = "organisational", "Organisational"


class ReferralSequence(models.Model):
    """The last number used per year. Locked (SELECT … FOR UPDATE) inside the transaction that
    makes a referral, so references have no gaps and no duplicates."""

    year = models.PositiveSmallIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{REFERENCE_PREFIX}-{self.year}: {self.last_number}"


class SafeguardingReferral(TimeStampedModel):
    reference = models.CharField(max_length=20, unique=True)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="safeguarding_referrals"
    )
    # The office whose managers oversee it: the person's home's, else the maker's team's.
    office = models.ForeignKey(
        "places.Office",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="safeguarding_referrals",
    )
    concern_recorded_at = models.DateTimeField(default=timezone.now, db_index=True)
    # The same-day clock (DOMAIN.md §4): the end of the London day the concern was recorded.
    # Stored, so lists can find overdue referrals in the database.
    due_at = models.DateTimeField(db_index=True)
    adult_or_child = models.CharField(max_length=5, choices=AdultOrChild.choices)
    category = models.CharField(max_length=20, choices=AbuseCategory.choices)
    what_was_seen = models.TextField()
    immediate_danger = models.BooleanField(default=False)
    consent_given = models.BooleanField(default=False)
    reason_without_consent = models.TextField(blank=True)
    agency = models.ForeignKey(
        "partners.Agency", on_delete=models.PROTECT, related_name="safeguarding_referrals"
    )
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    agency_reference = models.CharField(max_length=60, blank=True)
    outcome = models.TextField(blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="safeguarding_referrals"
    )
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="safeguarding_referrals",
    )

    class Meta:
        ordering = ["-concern_recorded_at", "-id"]
        indexes = [models.Index(fields=["made_by", "sent_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consent_given=True) | ~models.Q(reason_without_consent=""),
                name="referral_consent_or_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome_on__isnull=True) | ~models.Q(outcome=""),
                name="referral_outcome_date_needs_outcome",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("safeguarding:referral_detail", args=[self.reference])

    def is_overdue(self, now: dt.datetime) -> bool:
        """Not sent, and the same-day clock has run out."""
        return self.sent_at is None and now > self.due_at

    @property
    def sent_late(self) -> bool:
        return self.sent_at is not None and self.sent_at > self.due_at

    @property
    def awaiting_outcome(self) -> bool:
        return self.sent_at is not None and not self.outcome


class ReferralDraft(models.Model):
    """A referral being written, saved as the officer types so nothing is lost if they are
    called away. One per officer and person; only its author ever sees it. Deleted when the
    referral is made, and by `apply_retention` once untouched for DRAFT_RETENTION_DAYS (it is
    personal data, so it is not kept for ever)."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="referral_drafts"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="safeguarding_referral_drafts"
    )
    # The form's own values as typed (strings), so a half-filled form comes back as it was.
    answers = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["author", "person"], name="safeguarding_one_draft_per_author_person"
            )
        ]

    def __str__(self) -> str:
        return f"draft referral by {self.author_id} for {self.person_id}"
