"""People and what an officer must know about them (DOMAIN.md §3)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse

from doorstep.core.models import TimeStampedModel


class ContactMethod(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    TEXT = "text", "Text message"
    LETTER = "letter", "Letter"
    VISIT = "visit", "Visit"


class Person(TimeStampedModel):
    reference = models.CharField(max_length=20, unique=True)
    title = models.CharField(max_length=20, blank=True)
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    preferred_name = models.CharField(max_length=80, blank=True)
    date_of_birth = models.DateField(null=True, blank=True, db_index=True)
    phone = models.CharField(max_length=20, blank=True, db_index=True, help_text="E.164")
    phone_other = models.CharField(max_length=20, blank=True, db_index=True, help_text="E.164")
    email = models.EmailField(blank=True)
    preferred_contact_method = models.CharField(
        max_length=10, choices=ContactMethod.choices, default=ContactMethod.PHONE
    )
    language = models.CharField("first language", max_length=50, blank=True)
    interpreter_needed = models.BooleanField(default=False)
    communication_needs = models.CharField(max_length=300, blank=True)
    # Search keys kept by services: lower-case full name, and phonetic keys of the names so a
    # misspelt surname still finds the person on any database.
    search_text = models.CharField(max_length=300, blank=True, editable=False)
    name_key = models.CharField(max_length=60, blank=True, editable=False, db_index=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def age_on(self, day: dt.date) -> int | None:
        if not self.date_of_birth:
            return None
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))

    def get_absolute_url(self) -> str:
        return reverse("people:person_detail", args=[self.reference])


class Vulnerability(models.TextChoices):
    OLDER_PERSON = "older_person", "Older person"
    SHIELDING = "shielding", "Shielding"
    LIVES_ALONE = "lives_alone", "Lives alone"
    DISABILITY = "disability", "Disability"
    MENTAL_HEALTH = "mental_health", "Mental health"
    LEARNING_DISABILITY = "learning_disability", "Learning disability"
    HOARDING = "hoarding", "Hoarding"
    SELF_NEGLECT = "self_neglect", "Self-neglect"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    SUBSTANCE_MISUSE = "substance_misuse", "Substance misuse"
    CARE_LEAVER = "care_leaver", "Care leaver"
    HEARING_IMPAIRMENT = "hearing_impairment", "Hearing impairment"
    SIGHT_IMPAIRMENT = "sight_impairment", "Sight impairment"
    RISK_TO_STAFF = "risk_to_staff", "Risk to staff"


# Health-related flags are special-category data (UK GDPR art. 9); domestic abuse is treated
# the same way because disclosure could put the person at risk.
SPECIAL_CATEGORY_FLAGS = frozenset(
    {
        Vulnerability.SHIELDING,
        Vulnerability.DISABILITY,
        Vulnerability.MENTAL_HEALTH,
        Vulnerability.LEARNING_DISABILITY,
        Vulnerability.HOARDING,
        Vulnerability.SELF_NEGLECT,
        Vulnerability.SUBSTANCE_MISUSE,
        Vulnerability.HEARING_IMPAIRMENT,
        Vulnerability.SIGHT_IMPAIRMENT,
        Vulnerability.DOMESTIC_ABUSE,
    }
)


class VulnerabilityFlag(TimeStampedModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="flags")
    code = models.CharField(max_length=24, choices=Vulnerability.choices)
    start_date = models.DateField(default=dt.date.today)
    review_date = models.DateField(null=True, blank=True, db_index=True)
    end_date = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "code"],
                condition=models.Q(end_date__isnull=True),
                name="one_open_flag_per_code",
            )
        ]

    def __str__(self) -> str:
        return self.get_code_display()

    @property
    def is_special_category(self) -> bool:
        return self.code in SPECIAL_CATEGORY_FLAGS


class EmergencyContact(TimeStampedModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="emergency_contacts")
    name = models.CharField(max_length=120)
    relationship = models.CharField(max_length=60, blank=True)
    phone = models.CharField(max_length=20, help_text="E.164")
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ConsentToShare(TimeStampedModel):
    """Consent to share information with a named agency, with the date it was given."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    agency = models.CharField(max_length=150)
    given_on = models.DateField()
    withdrawn_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-given_on"]
        verbose_name_plural = "consents to share"

    def __str__(self) -> str:
        return self.agency

    @property
    def is_current(self) -> bool:
        return self.withdrawn_on is None


class EqualityInformation(TimeStampedModel):
    """Optional equality monitoring. Special-category and restricted: every view is audited."""

    # The audit log records which answers changed, never the answers themselves.
    AUDIT_REDACT_VALUES = True
    PREFER_NOT = "Prefer not to say"
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="equality")
    sex = models.CharField(max_length=40, blank=True)
    gender_identity = models.CharField(max_length=60, blank=True)
    ethnicity = models.CharField(max_length=80, blank=True)
    religion = models.CharField("religion or belief", max_length=60, blank=True)
    sexual_orientation = models.CharField(max_length=60, blank=True)
    disability = models.CharField(max_length=60, blank=True)
    marital_status = models.CharField("marriage or civil partnership", max_length=60, blank=True)
    pregnancy_maternity = models.CharField("pregnancy or maternity", max_length=60, blank=True)

    class Meta:
        verbose_name_plural = "equality information"

    def __str__(self) -> str:
        return f"Equality information for {self.person.reference}"


class FlagReview(TimeStampedModel):
    """One review of a vulnerability flag: who looked at it, when, and the next review date.

    Kept as history so the flag's own note (why it was raised) is never overwritten.
    """

    flag = models.ForeignKey(VulnerabilityFlag, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    next_review_date = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"Review of flag #{self.flag_id} on {self.reviewed_on}"
