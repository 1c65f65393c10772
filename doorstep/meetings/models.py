"""Multi-agency meetings (DOMAIN.md §9): a self-neglect case meeting, a safeguarding strategy
meeting, the council's homelessness strategy meeting. Attendees from our staff and partner
agencies, an agenda, risks to the person and to neighbours, decisions, an action plan whose
actions are owned by staff or by an agency contact, minutes (draft until finalised) and the
next meeting, which carries forward the open actions.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from doorstep.core.models import TimeStampedModel


class MeetingKind(models.TextChoices):
    SELF_NEGLECT = "self_neglect", "Self-neglect or hoarding case meeting"
    SAFEGUARDING_STRATEGY = "safeguarding_strategy", "Safeguarding strategy meeting"
    HOMELESSNESS_STRATEGY = "homelessness_strategy", "Homelessness strategy meeting"
    PARTNERSHIP = "partnership", "Partnership meeting"
    OTHER = "other", "Other"


class Attendance(models.TextChoices):
    INVITED = "invited", "Invited"
    ATTENDED = "attended", "Attended"
    APOLOGIES = "apologies", "Sent apologies"


class Meeting(TimeStampedModel):
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=24, choices=MeetingKind.choices, db_index=True)
    starts_at = models.DateTimeField(db_index=True)
    venue = models.CharField(max_length=300, blank=True)
    online_link = models.URLField(max_length=500, blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meetings_chaired"
    )
    # Partnership meetings (a homelessness strategy) are about no one in particular.
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    risks_to_person = models.TextField(max_length=4000, blank=True)
    risks_to_neighbours = models.TextField(max_length=4000, blank=True)
    minutes = models.TextField(max_length=20000, blank=True)
    decisions = models.TextField(max_length=8000, blank=True)
    # Draft until finalised: the minutes form saves drafts; finalising locks them.
    minutes_saved_at = models.DateTimeField(null=True, blank=True)
    minutes_finalised_at = models.DateTimeField(null=True, blank=True)
    minutes_finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    previous = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_meeting",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(venue="") | ~models.Q(online_link=""),
                name="meeting_has_venue_or_link",
            ),
            models.CheckConstraint(
                condition=models.Q(minutes_finalised_at__isnull=True)
                | models.Q(minutes_finalised_by__isnull=False),
                name="meeting_finalised_by_someone",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting_detail", args=[self.pk])

    @property
    def minutes_are_final(self) -> bool:
        return self.minutes_finalised_at is not None

    @property
    def where(self) -> str:
        if self.venue and self.online_link:
            return f"{self.venue}, and online"
        return self.venue or "Online"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class Attendee(models.Model):
    """One of our staff, or a named contact at a partner agency."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings_attended",
    )
    agency_contact = models.ForeignKey(
        "partners.AgencyContact",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings_attended",
    )
    attendance = models.CharField(
        max_length=10, choices=Attendance.choices, default=Attendance.INVITED
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(staff__isnull=False, agency_contact__isnull=True)
                | models.Q(staff__isnull=True, agency_contact__isnull=False),
                name="attendee_is_staff_or_agency_contact",
            ),
            models.UniqueConstraint(
                fields=["meeting", "staff"],
                condition=models.Q(staff__isnull=False),
                name="staff_attends_once",
            ),
            models.UniqueConstraint(
                fields=["meeting", "agency_contact"],
                condition=models.Q(agency_contact__isnull=False),
                name="agency_contact_attends_once",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if self.staff is not None:
            return self.staff.full_name
        assert self.agency_contact is not None
        return self.agency_contact.name

    @property
    def organisation(self) -> str:
        if self.agency_contact is not None:
            return self.agency_contact.agency.name
        return ""


class MeetingAction(TimeStampedModel):
    """An action in the plan, owned by one of our staff (on their My day) or by a contact at
    an agency (the chair chases it when overdue)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting_actions",
    )
    agency_contact = models.ForeignKey(
        "partners.AgencyContact",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting_actions",
    )
    due_on = models.DateField(db_index=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Carried forward to the next meeting: the copy there is the live one, this one is closed.
    carried_to = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["owner", "done_at", "due_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner__isnull=False, agency_contact__isnull=True)
                | models.Q(owner__isnull=True, agency_contact__isnull=False),
                name="meeting_action_has_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.done_at is None and self.carried_to_id is None

    @property
    def owner_name(self) -> str:
        if self.owner is not None:
            return self.owner.full_name
        assert self.agency_contact is not None
        return f"{self.agency_contact.name} ({self.agency_contact.agency.name})"
