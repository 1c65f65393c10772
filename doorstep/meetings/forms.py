"""Forms for arranging and running multi-agency meetings. The services check again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from doorstep.accounts.models import User
from doorstep.core.concurrency import VersionedFormMixin
from doorstep.core.forms import govuk_style
from doorstep.core.working_days import LONDON
from doorstep.meetings import services
from doorstep.meetings.models import Attendance, MeetingKind
from doorstep.partners.models import AgencyContact

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def _starts_at(label: str) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": "Enter the date and time of the meeting.",
            "invalid": "Enter the date and time as a real date and time, like 14/03/2026 10:00.",
        },
    )


def staff_choices() -> list[tuple[str, str]]:
    return [
        (str(user.pk), f"{user.full_name}{f', {user.job_title}' if user.job_title else ''}")
        for user in User.objects.filter(is_active=True).order_by("full_name", "id")
    ]


def contact_choices() -> list[tuple[str, str]]:
    return [
        (str(contact.pk), f"{contact.name}, {contact.agency.name}")
        for contact in AgencyContact.objects.filter(agency__active=True)
        .select_related("agency")
        .order_by("agency__name", "name", "id")
    ]


class StyledForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)


class MeetingForm(StyledForm):
    title = forms.CharField(
        label="Title",
        max_length=services.TITLE_MAX,
        help_text="For example: Multi-agency meeting about self-neglect at Alma Court.",
        error_messages={"required": "Enter a title."},
    )
    kind = forms.ChoiceField(
        label="Kind of meeting",
        choices=[("", "Choose the kind of meeting"), *MeetingKind.choices],
        error_messages={
            "required": "Select the kind of meeting.",
            "invalid_choice": "Select the kind of meeting.",
        },
    )
    starts_at = _starts_at("Date and time")
    venue = forms.CharField(label="Venue", required=False, max_length=services.VENUE_MAX)
    online_link = forms.CharField(
        label="Link for an online meeting",
        required=False,
        max_length=services.LINK_MAX,
        help_text="Starting https://. Give a venue, a link, or both.",
    )
    chair = forms.TypedChoiceField(
        label="Chair",
        coerce=int,
        error_messages={
            "required": "Choose who chairs the meeting.",
            "invalid_choice": "Choose who chairs the meeting.",
        },
    )
    agenda = forms.CharField(
        label="Agenda",
        required=False,
        widget=forms.Textarea(attrs={"rows": "5"}),
        help_text="One item per line.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["chair"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Choose the chair"), *staff_choices()]

    def clean_agenda(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["agenda"].splitlines()]
        items = [line for line in lines if line]
        for line in items:
            if len(line) > services.AGENDA_MAX:
                raise forms.ValidationError(
                    f"Each agenda item must be {services.AGENDA_MAX} characters or fewer."
                )
        return items

    def clean_online_link(self) -> str:
        link: str = self.cleaned_data["online_link"].strip()
        if link and not link.startswith("https://"):
            raise forms.ValidationError("Enter the meeting link, starting https://.")
        return link

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            not data.get("venue", "").strip()
            and not data.get("online_link")
            and ("online_link" not in self.errors)
        ):
            self.add_error("venue", "Enter the venue, or a link for an online meeting.")
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["chair"] = User.objects.get(pk=data["chair"])
        return data

    @staticmethod
    def initial_for(*, user: Any, now: dt.datetime, kind: str = "") -> dict[str, Any]:
        start = (now.astimezone(LONDON) + dt.timedelta(days=7)).replace(
            hour=10, minute=0, second=0, microsecond=0
        )
        return {"chair": user.pk, "starts_at": start.strftime("%Y-%m-%dT%H:%M"), "kind": kind}


class AgendaItemForm(StyledForm):
    title = forms.CharField(
        label="Agenda item",
        max_length=services.AGENDA_MAX,
        error_messages={"required": "Enter the agenda item."},
    )


class AttendeeForm(StyledForm):
    staff = forms.TypedChoiceField(label="One of our staff", coerce=int, required=False)
    agency_contact = forms.TypedChoiceField(
        label="Or a contact at a partner agency", coerce=int, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff, contact = self.fields["staff"], self.fields["agency_contact"]
        assert isinstance(staff, forms.ChoiceField) and isinstance(contact, forms.ChoiceField)
        staff.choices = [("", "Choose a member of staff"), *staff_choices()]
        contact.choices = [("", "Choose an agency contact"), *contact_choices()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        if bool(data.get("staff")) == bool(data.get("agency_contact")):
            self.add_error("staff", "Choose a member of staff or a contact at an agency, not both.")
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "staff": User.objects.get(pk=data["staff"]) if data.get("staff") else None,
            "agency_contact": (
                AgencyContact.objects.select_related("agency").get(pk=data["agency_contact"])
                if data.get("agency_contact")
                else None
            ),
        }


class AttendanceForm(forms.Form):
    attendance = forms.ChoiceField(choices=Attendance.choices)


class MinutesForm(VersionedFormMixin, StyledForm):
    minutes = forms.CharField(
        label="Minutes",
        required=False,
        max_length=services.MINUTES_MAX,
        widget=forms.Textarea(attrs={"rows": "10"}),
        help_text="What was discussed. Save a draft as you go; finalise when agreed.",
    )
    risks_to_person = forms.CharField(
        label="Risks to the person",
        required=False,
        max_length=services.RISKS_MAX,
        widget=forms.Textarea(attrs={"rows": "4"}),
    )
    risks_to_neighbours = forms.CharField(
        label="Risks to neighbours",
        required=False,
        max_length=services.RISKS_MAX,
        widget=forms.Textarea(attrs={"rows": "4"}),
        help_text="Especially in a scheme: fire, pests, smells, access.",
    )
    decisions = forms.CharField(
        label="Decisions",
        required=False,
        max_length=services.DECISIONS_MAX,
        widget=forms.Textarea(attrs={"rows": "5"}),
    )


class ActionForm(StyledForm):
    title = forms.CharField(
        label="What needs doing",
        max_length=services.ACTION_MAX,
        error_messages={"required": "Enter what needs doing."},
    )
    owner = forms.ChoiceField(
        label="Owner",
        help_text="One of our staff (it goes on their My day) or a contact at an agency (the "
        "chair chases it when overdue).",
        error_messages={
            "required": "Choose who owns the action.",
            "invalid_choice": "Choose who owns the action.",
        },
    )
    due_on = forms.DateField(
        label="Due date",
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Enter the date the action is due.",
            "invalid": "Enter the due date as a real date, like 14/03/2026.",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", "Choose the owner"),
            ("Our staff", [(f"staff:{pk}", label) for pk, label in staff_choices()]),
            ("Partner agencies", [(f"contact:{pk}", label) for pk, label in contact_choices()]),
        ]

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        kind, _, pk = data["owner"].partition(":")
        return {
            "title": data["title"],
            "due_on": data["due_on"],
            "owner": User.objects.get(pk=int(pk)) if kind == "staff" else None,
            "agency_contact": (
                AgencyContact.objects.select_related("agency").get(pk=int(pk))
                if kind == "contact"
                else None
            ),
        }


class FollowUpForm(StyledForm):
    starts_at = _starts_at("Date and time of the next meeting")
    venue = forms.CharField(
        label="Venue",
        required=False,
        max_length=services.VENUE_MAX,
        help_text="Leave empty to keep this meeting's venue.",
    )


class MeetingFilterForm(forms.Form):
    kind = forms.ChoiceField(choices=[("", "Any kind"), *MeetingKind.choices], required=False)
    when = forms.ChoiceField(
        choices=[("", "Any time"), ("upcoming", "Upcoming"), ("past", "Past")], required=False
    )
    mine = forms.BooleanField(label="Only meetings I chair or attend", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)
