"""Welfare-call programmes and the calls made under them (DOMAIN.md §9).

A programme is a cohort rule (vulnerability flags all-of, minimum age, tenures, patches,
estates or schemes), a frequency in days and an assigned officer (by default each person's
patch officer). Each call records an outcome; two `no_answer` in a row raise a call-back for
the officer's team leader due the same day (see `rules.py`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from doorstep.core.models import TimeStampedModel


class WelfareProgramme(TimeStampedModel):
    name = models.CharField(max_length=150)
    # The team that runs the programme: its leader and the office's managers change it.
    team = models.ForeignKey("places.Team", on_delete=models.PROTECT, related_name="+")
    # Cohort rule. Flags are all-of; every other criterion is any-of within itself and
    # all criteria must hold. Empty means "no restriction".
    flags_all = models.JSONField(default=list, blank=True)
    min_age = models.PositiveSmallIntegerField(null=True, blank=True)
    tenures = models.JSONField(default=list, blank=True)
    patches = models.ManyToManyField("places.Patch", blank=True, related_name="+")
    estates = models.ManyToManyField("places.Estate", blank=True, related_name="+")
    frequency_days = models.PositiveSmallIntegerField()
    # None: each person's patch officer makes the calls.
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="welfare_programmes",
    )
    start_date = models.DateField()
    active = models.BooleanField(default=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(frequency_days__gte=1) & models.Q(frequency_days__lte=365),
                name="welfare_frequency_1_to_365_days",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("welfare:programme_detail", args=[self.pk])


class CallOutcome(models.TextChoices):
    SPOKE_OK = "spoke_ok", "Spoke to them, all well"
    CONCERN = "concern", "Spoke to them, a concern"
    NO_ANSWER = "no_answer", "No answer"
    DECLINED = "declined", "Declined the call"


# The person was reached: we spoke to them (coverage report, DOMAIN.md §9).
REACHED = frozenset({CallOutcome.SPOKE_OK, CallOutcome.CONCERN})
# The call for this period is done: reached, or they said they did not want it.
COMPLETED = REACHED | {CallOutcome.DECLINED}


class WelfareCall(TimeStampedModel):
    """One call to one person under a programme."""

    programme = models.ForeignKey(WelfareProgramme, on_delete=models.PROTECT, related_name="calls")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="welfare_calls"
    )
    called_at = models.DateTimeField(db_index=True)
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=12, choices=CallOutcome.choices)
    # May be about health: special-category, shown only to permitted roles and audited.
    note = models.TextField(max_length=2000, blank=True)
    contact = models.ForeignKey(
        "contacts.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The call-back raised for the team leader when this call made two no-answers in a row.
    escalation = models.ForeignKey(
        "contacts.CallBack", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The case opened from a concern raised on this call.
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-called_at", "-id"]
        indexes = [models.Index(fields=["programme", "person", "-called_at"])]

    def __str__(self) -> str:
        return f"Welfare call #{self.pk}"
