"""Letter and sign templates, and letter runs (DOMAIN.md §8).

A run sends one template to one person, or to every household of a block or an estate: one
`LetterRunItem` per household, unique per run, so the worker can stop and start again without
sending anything twice. An item holds the letter exactly as it was sent (merged subject and
body, addressee and address), and the contact logged for it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from doorstep.core.models import TimeStampedModel


class TemplateKind(models.TextChoices):
    LETTER = "letter", "Letter"
    SIGN = "sign", "Sign"


class LetterTemplate(TimeStampedModel):
    """A letter or an A4 sign with merge fields. Edits bump `version` and are audited; runs
    keep a copy of the text they sent."""

    name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=8, choices=TemplateKind.choices, default=TemplateKind.LETTER)
    subject = models.CharField(max_length=200)
    body = models.TextField(max_length=4000)
    version = models.PositiveIntegerField(default=1)
    archived = models.BooleanField(default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("letters:template_detail", args=[self.pk])


class RunScope(models.TextChoices):
    PERSON = "person", "One person"
    BLOCK = "block", "Every household in a block"
    ESTATE = "estate", "Every household on an estate"


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Sending"
    DONE = "done", "Done"
    FAILED = "failed", "Stopped with an error"


class LetterRun(TimeStampedModel):
    template = models.ForeignKey(LetterTemplate, on_delete=models.PROTECT, related_name="runs")
    # The template as it was when the run began: later edits do not change what was sent.
    template_version = models.PositiveIntegerField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    message = models.TextField(blank=True)
    scope = models.CharField(max_length=8, choices=RunScope.choices)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    block = models.ForeignKey(
        "places.Block", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    estate = models.ForeignKey(
        "places.Estate", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Whose work it is: the place's (or the person's home's) patch, for lists and permissions.
    patch = models.ForeignKey(
        "places.Patch", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The office whose name and address head the letters.
    office = models.ForeignKey(
        "places.Office", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="letter_runs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="letter_runs"
    )
    # The public address the run's letters print (captured when it began: the worker has no
    # request to ask).
    base_url = models.CharField(max_length=200)
    sent_on = models.DateField()
    status = models.CharField(
        max_length=8, choices=RunStatus.choices, default=RunStatus.QUEUED, db_index=True
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    printed = models.PositiveIntegerField(default=0)
    emailed = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)
    planned_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    pdf = models.FileField(upload_to="letters/", blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["patch", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(done__lte=models.F("total")),
                name="letter_run_done_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"Letter run #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("letters:run_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)

    @property
    def place_name(self) -> str:
        if self.block is not None:
            return f"{self.block.name}, {self.block.estate.name}"
        if self.estate is not None:
            return self.estate.name
        return ""


class Delivery(models.TextChoices):
    PRINT = "print", "By post (printed)"
    EMAIL = "email", "By email"


class ItemStatus(models.TextChoices):
    PENDING = "pending", "Waiting"
    DONE = "done", "Sent"


class LetterRunItem(models.Model):
    """One household's letter in a run, exactly as sent."""

    run = models.ForeignKey(LetterRun, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    home = models.ForeignKey(
        "places.Home", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The lead tenant (or the person written to); none for "The Occupier".
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    addressee = models.CharField(max_length=300)
    address = models.CharField(max_length=500, blank=True)
    delivery = models.CharField(max_length=8, choices=Delivery.choices)
    email_to = models.CharField(max_length=500, blank=True)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    status = models.CharField(
        max_length=8, choices=ItemStatus.choices, default=ItemStatus.PENDING, db_index=True
    )
    contact = models.ForeignKey(
        "contacts.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["run", "position"]
        constraints = [
            # One letter per household (home) per run, and per person written to directly.
            models.UniqueConstraint(
                fields=["run", "home"],
                condition=models.Q(home__isnull=False),
                name="one_letter_per_home_per_run",
            ),
            models.UniqueConstraint(
                fields=["run", "person"],
                condition=models.Q(home__isnull=True),
                name="one_letter_per_person_per_run",
            ),
            models.UniqueConstraint(fields=["run", "position"], name="one_item_per_position"),
        ]

    def __str__(self) -> str:
        return f"Letter {self.position} of run #{self.run_id}"

    @property
    def address_lines(self) -> list[str]:
        return [line for line in self.address.split("\n") if line]
