"""Contacts, call-backs and the duty rota (DOMAIN.md §5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from doorstep.core.models import TimeStampedModel


class Channel(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    VISIT = "visit", "Visit"
    LETTER = "letter", "Letter"
    TEXT = "text", "Text message"
    PORTAL = "portal", "Portal"


class Direction(models.TextChoices):
    INBOUND = "inbound", "From the resident"
    OUTBOUND = "outbound", "To the resident"


class Contact(TimeStampedModel):
    """One contact with or about a resident, logged once."""

    channel = models.CharField(max_length=10, choices=Channel.choices)
    direction = models.CharField(max_length=10, choices=Direction.choices)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="contacts"
    )
    home = models.ForeignKey(
        "places.Home", null=True, blank=True, on_delete=models.PROTECT, related_name="contacts"
    )
    # A place, for a contact about a shared area rather than one home (a resident's report of
    # fly-tipping by a block's bin store, made through the public report page).
    estate = models.ForeignKey(
        "places.Estate", null=True, blank=True, on_delete=models.PROTECT, related_name="contacts"
    )
    block = models.ForeignKey(
        "places.Block", null=True, blank=True, on_delete=models.PROTECT, related_name="contacts"
    )
    # The case the contact is about, if any: it then shows on the case's timeline.
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="contacts"
    )
    summary = models.TextField(max_length=4000)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contacts_logged"
    )
    happened_at = models.DateTimeField(default=timezone.now, db_index=True)
    # A contact can be marked for follow-up; it shows on the logger's My day until done.
    follow_up_on = models.DateField(null=True, blank=True)
    follow_up_done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-happened_at", "-id"]
        indexes = [
            models.Index(fields=["person", "-happened_at"]),
            models.Index(fields=["home", "-happened_at"]),
            models.Index(fields=["logged_by", "follow_up_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False)
                | models.Q(home__isnull=False)
                | models.Q(estate__isnull=False),
                name="contact_is_about_someone_or_somewhere",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} contact #{self.pk}"


class CallBackStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class CallBack(TimeStampedModel):
    """A promise to ring someone back, for an officer or a whole team."""

    for_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="callbacks",
    )
    for_team = models.ForeignKey(
        "places.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="callbacks"
    )
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="callbacks"
    )
    home = models.ForeignKey(
        "places.Home", null=True, blank=True, on_delete=models.PROTECT, related_name="callbacks"
    )
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="callbacks"
    )
    caller_name = models.CharField(max_length=120, blank=True)
    phone = models.CharField(max_length=20, help_text="E.164")
    reason = models.CharField(max_length=500)
    due_at = models.DateTimeField(db_index=True)
    status = models.CharField(
        max_length=10, choices=CallBackStatus.choices, default=CallBackStatus.OPEN, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="callbacks_created"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="callbacks_completed",
    )
    outcome = models.CharField(max_length=1000, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["for_officer", "status", "due_at"]),
            models.Index(fields=["for_team", "status", "due_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(for_officer__isnull=False) | models.Q(for_team__isnull=False),
                name="callback_is_for_someone",
            )
        ]

    def __str__(self) -> str:
        return f"Call-back #{self.pk}"

    def is_overdue(self, now: object | None = None) -> bool:
        moment = now or timezone.now()
        return self.status == CallBackStatus.OPEN and self.due_at < moment  # type: ignore[operator]


class AttemptOutcome(models.TextChoices):
    NO_ANSWER = "no_answer", "No answer"
    LEFT_MESSAGE = "left_message", "Left a message"
    WRONG_NUMBER = "wrong_number", "Wrong number"
    SPOKE = "spoke", "Spoke to them"


class CallBackAttempt(models.Model):
    callback = models.ForeignKey(CallBack, on_delete=models.CASCADE, related_name="attempts")
    attempted_at = models.DateTimeField(default=timezone.now)
    attempted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=16, choices=AttemptOutcome.choices)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["attempted_at", "id"]

    def __str__(self) -> str:
        return f"Attempt on call-back #{self.callback_id}"


class DutyShift(TimeStampedModel):
    """Who is the duty officer for a team on a day (the duty rota)."""

    team = models.ForeignKey("places.Team", on_delete=models.CASCADE, related_name="duty_shifts")
    date = models.DateField()
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="duty_shifts"
    )

    class Meta:
        ordering = ["date", "team__name"]
        constraints = [
            models.UniqueConstraint(fields=["team", "date"], name="one_duty_officer_per_team_day")
        ]

    def __str__(self) -> str:
        return f"Duty {self.team_id} {self.date}"
