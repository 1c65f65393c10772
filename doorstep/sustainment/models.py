"""Tenancy sustainment (DOMAIN.md §9): support referrals for a person and the partner jobs
booked to deliver them (a decorating pack, garden work, decluttering, essential items from the
volunteer charity shop, budgeting advice).

References SUP-YYYY-NNNNNN are gapless (`SupportSequence` locked in the creating transaction).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse

from doorstep.core.models import TimeStampedModel

REFERENCE_PREFIX = "SUP"


class SupportKind(models.TextChoices):
    DECORATING_PACK = "decorating_pack", "Decorating pack"
    GARDEN_WORK = "garden_work", "Garden work"
    DECLUTTERING = "decluttering", "Decluttering"
    CHARITY_SHOP_ITEMS = "charity_shop_items", "Essential items from the charity shop"
    BUDGETING_ADVICE = "budgeting_advice", "Budgeting advice"
    OTHER = "other", "Other"


class ReferralStatus(models.TextChoices):
    OPEN = "open", "Open"
    COMPLETED = "completed", "Completed"
    WITHDRAWN = "withdrawn", "Withdrawn"


class JobStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    ON_HOLD = "on_hold", "On hold"
    TO_REOFFER = "to_reoffer", "To re-offer"
    COMPLETED = "completed", "Completed"
    NOT_COMPLETED = "not_completed", "Not completed"


# A job in one of these still needs something doing; the others are finished.
OPEN_JOB_STATUSES = frozenset({JobStatus.BOOKED, JobStatus.ON_HOLD, JobStatus.TO_REOFFER})


class SupportSequence(models.Model):
    """The last number used per year, locked (SELECT … FOR UPDATE) while a referral is made."""

    year = models.PositiveSmallIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{REFERENCE_PREFIX}-{self.year}: {self.last_number}"


class SupportReferral(TimeStampedModel):
    reference = models.CharField(max_length=20, unique=True)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="support_referrals"
    )
    kind = models.CharField(max_length=24, choices=SupportKind.choices, db_index=True)
    # What "other" means, or detail for any kind (which rooms, what items).
    description = models.CharField(max_length=500, blank=True)
    # Why the person qualifies (e.g. "low income: on Universal Credit").
    eligibility_note = models.CharField(max_length=500, blank=True)
    status = models.CharField(
        max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.OPEN, db_index=True
    )
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_referrals",
    )
    # The officer looking after it: jobs booked under it are on their My day.
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="support_referrals"
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["officer", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="other") | ~models.Q(description=""),
                name="support_other_needs_description",
            ),
            models.CheckConstraint(
                condition=models.Q(status="open") | models.Q(closed_on__isnull=False),
                name="support_closed_referral_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("sustainment:referral_detail", args=[self.reference])

    @property
    def what(self) -> str:
        """The kind in words, with the description for "other"."""
        if self.kind == SupportKind.OTHER:
            return self.description
        return self.get_kind_display()


class PartnerJob(TimeStampedModel):
    """A job booked with a partner agency in a time slot, e.g. garden work on a Tuesday
    morning. Paused work is put on hold, then re-offered (a call-back to agree a new time)
    and booked again in a new slot; the audit log keeps the earlier slots."""

    referral = models.ForeignKey(SupportReferral, on_delete=models.CASCADE, related_name="jobs")
    agency = models.ForeignKey(
        "partners.Agency", on_delete=models.PROTECT, related_name="partner_jobs"
    )
    date = models.DateField(db_index=True)
    start_time = models.TimeField()
    end_time = models.TimeField()
    # What the partner is asked to do (shown on the job sheet).
    instructions = models.TextField(max_length=2000, blank=True)
    status = models.CharField(
        max_length=16, choices=JobStatus.choices, default=JobStatus.BOOKED, db_index=True
    )
    hold_reason = models.CharField(max_length=500, blank=True)
    outcome_reason = models.CharField(max_length=500, blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    # Cost to us, or the value of what was given (a decorating pack, donated furniture).
    value = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sheet_sent_at = models.DateTimeField(null=True, blank=True)
    sheet_sent_to = models.EmailField(blank=True)
    # The call-back to agree a new time, made when the job is re-offered.
    reoffer_callback = models.ForeignKey(
        "contacts.CallBack",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["date", "start_time", "id"]
        indexes = [models.Index(fields=["status", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="partner_job_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="not_completed") | ~models.Q(outcome_reason=""),
                name="partner_job_not_completed_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Partner job #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("sustainment:job_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_JOB_STATUSES

    @property
    def slot_label(self) -> str:
        day = f"{self.date:%a} {self.date.day} {self.date:%b %Y}"
        return f"{day}, {self.start_time:%H:%M} to {self.end_time:%H:%M}"

    def starts_at(self) -> dt.datetime:
        from doorstep.core.working_days import LONDON

        return dt.datetime.combine(self.date, self.start_time, tzinfo=LONDON)
