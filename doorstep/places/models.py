"""Offices, teams, patches, estates and schemes, blocks and homes (DOMAIN.md §2)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from doorstep.core.models import TimeStampedModel
from doorstep.core.validators import validate_postcode, validate_uprn


class Office(TimeStampedModel):
    name = models.CharField(max_length=100, unique=True)
    address = models.CharField(max_length=250, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="managed_offices"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(TimeStampedModel):
    name = models.CharField(max_length=100)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="teams")
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_teams",
    )
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["office__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["office", "name"], name="team_name_per_office")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.office.name})"


class Patch(TimeStampedModel):
    """A set of estates (and loose homes) owned by one neighbourhood officer."""

    name = models.CharField(max_length=100, unique=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="patches")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="patches",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "patches"

    def __str__(self) -> str:
        return self.name


class EstateKind(models.TextChoices):
    ESTATE = "estate", "Estate"
    SHELTERED = "sheltered", "Sheltered scheme"
    OLDER_PERSONS = "older_persons", "Older persons scheme"
    SUPPORTED = "supported", "Supported housing scheme"


class Estate(TimeStampedModel):
    """An estate, or a scheme (sheltered, older persons or supported housing)."""

    name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=16, choices=EstateKind.choices, default=EstateKind.ESTATE)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="estates")
    patch = models.ForeignKey(
        Patch, null=True, blank=True, on_delete=models.SET_NULL, related_name="estates"
    )
    inspection_frequency_days = models.PositiveSmallIntegerField(default=28)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_scheme(self) -> bool:
        return self.kind != EstateKind.ESTATE

    def get_absolute_url(self) -> str:
        return reverse("places:estate_detail", args=[self.pk])


class Block(TimeStampedModel):
    name = models.CharField(max_length=100)
    estate = models.ForeignKey(Estate, on_delete=models.PROTECT, related_name="blocks")

    class Meta:
        ordering = ["estate__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["estate", "name"], name="block_name_per_estate")
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.estate.name}"

    def get_absolute_url(self) -> str:
        return reverse("places:block_detail", args=[self.pk])


class Tenure(models.TextChoices):
    GENERAL_NEEDS = "general_needs", "General needs"
    OLDER_PERSONS = "older_persons", "Older persons"
    SUPPORTED = "supported", "Supported"
    TEMPORARY = "temporary", "Temporary accommodation"
    LEASEHOLD = "leasehold", "Leasehold"
    SHARED_OWNERSHIP = "shared_ownership", "Shared ownership"


class Home(TimeStampedModel):
    uprn = models.CharField("UPRN", max_length=12, unique=True, validators=[validate_uprn])
    address_line_1 = models.CharField(max_length=150)
    address_line_2 = models.CharField(max_length=150, blank=True)
    town = models.CharField(max_length=80)
    postcode = models.CharField(max_length=8, validators=[validate_postcode], db_index=True)
    estate = models.ForeignKey(Estate, on_delete=models.PROTECT, related_name="homes")
    block = models.ForeignKey(
        Block, null=True, blank=True, on_delete=models.PROTECT, related_name="homes"
    )
    # The patch is the estate's unless the home is a loose home given its own.
    patch = models.ForeignKey(
        Patch, null=True, blank=True, on_delete=models.SET_NULL, related_name="homes"
    )
    tenure = models.CharField(max_length=20, choices=Tenure.choices)
    bedrooms = models.PositiveSmallIntegerField(null=True, blank=True)
    # Lower-cased "address town postcode uprn", kept by services, for search.
    search_text = models.CharField(max_length=400, blank=True, editable=False)

    class Meta:
        ordering = ["postcode", "address_line_1"]
        indexes = [models.Index(fields=["patch", "postcode"])]

    def __str__(self) -> str:
        return self.short_address

    @property
    def short_address(self) -> str:
        parts = [self.address_line_1, self.address_line_2, self.town, self.postcode]
        return ", ".join(part for part in parts if part)

    def get_absolute_url(self) -> str:
        return reverse("places:home_detail", args=[self.pk])

    def build_search_text(self) -> str:
        parts = [
            self.address_line_1,
            self.address_line_2,
            self.town,
            self.postcode,
            self.postcode.replace(" ", ""),
            self.uprn,
        ]
        return " ".join(part for part in parts if part).lower()
