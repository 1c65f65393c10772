"""Community Champions and community events (DOMAIN.md §9): a community garden afternoon with
older residents, a street party, a scarecrow competition; their tasks, sign-ups, outcome and
photos."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.urls import reverse

from doorstep.core.models import TimeStampedModel


class Champion(TimeStampedModel):
    """A resident who volunteers as a Community Champion for an area or estate."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="champion_roles"
    )
    estate = models.ForeignKey(
        "places.Estate", null=True, blank=True, on_delete=models.PROTECT, related_name="champions"
    )
    area = models.CharField(max_length=120, blank=True)
    interests = models.CharField(max_length=300, blank=True)
    since = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["person__last_name", "person__first_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(ended_on__isnull=True),
                name="one_current_champion_role_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"Champion #{self.pk}"

    @property
    def place(self) -> str:
        return self.estate.name if self.estate_id else self.area  # type: ignore[union-attr]


class EventKind(models.TextChoices):
    GARDENING = "gardening", "Gardening"
    STREET_PARTY = "street_party", "Street party"
    COMPETITION = "competition", "Competition"
    COFFEE_MORNING = "coffee_morning", "Coffee morning"
    CLEAN_UP = "clean_up", "Clean-up day"
    OTHER = "other", "Other"


class Event(TimeStampedModel):
    title = models.CharField(max_length=150)
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    description = models.TextField("plan", max_length=4000, blank=True)
    venue = models.CharField(max_length=200)
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    office = models.ForeignKey("places.Office", on_delete=models.PROTECT, related_name="events")
    estate = models.ForeignKey(
        "places.Estate", null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="events_organised"
    )
    champions = models.ManyToManyField(Champion, blank=True, related_name="events")
    outcome = models.TextField(max_length=4000, blank=True)
    attendance = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:event_detail", args=[self.pk])


class EventTask(TimeStampedModel):
    """Something a member of staff must do for the event; it shows on their My day."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="event_tasks"
    )
    due_on = models.DateField(db_index=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["owner", "done_at", "due_on"])]

    def __str__(self) -> str:
        return self.title


class SignUp(TimeStampedModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sign_ups")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="sign_ups")
    note = models.CharField(max_length=200, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["person__last_name", "person__first_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="one_sign_up_per_person")
        ]

    def __str__(self) -> str:
        return f"Sign-up #{self.pk}"


def photo_path(instance: EventPhoto, filename: str) -> str:
    # No personal data in paths: the event id and a random name only.
    return f"community/{instance.event_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class EventPhoto(TimeStampedModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=photo_path)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    caption = models.CharField(max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Photo on event {self.event_id}"
