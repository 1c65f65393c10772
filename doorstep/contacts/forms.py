"""Forms for the duty desk: log a contact, leave and work a call-back, set the rota.

Every error names the field in words an officer uses. Lookups go through the selectors.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from doorstep.accounts.models import User
from doorstep.contacts import selectors
from doorstep.contacts.models import AttemptOutcome, CallBackStatus, Channel, Direction
from doorstep.contacts.services import NOTE_MAX, OUTCOME_MAX, REASON_MAX, SUMMARY_MAX
from doorstep.core.concurrency import VersionedFormMixin
from doorstep.core.forms import govuk_style
from doorstep.core.validators import UPRN_RE, format_phone, normalise_phone
from doorstep.people.models import Person
from doorstep.places.models import Home, Team

NOT_FOUND = (
    "No person or home matches “{value}”. Enter a person reference, like P000123, "
    "or a UPRN of up to 12 digits."
)
SUBJECT_MISSING = "Enter a person reference or UPRN, so we know who or where it is about."


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.full_name} ({obj.team.name})" if obj.team else obj.full_name


class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Team) -> str:
        return f"{obj.name} ({obj.office.name})"


class SubjectMixin(forms.Form):
    """Who or where a contact or call-back is about: hidden fields prefilled from
    ?person=<reference> or ?home=<pk>, or a typed person reference or UPRN."""

    person = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)
    home = forms.IntegerField(widget=forms.HiddenInput, required=False)
    lookup = forms.CharField(
        label="Person reference or UPRN",
        required=False,
        max_length=20,
        help_text="For example P000123, or the home's UPRN of up to 12 digits.",
    )

    subject_required = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # What the hidden fields point at, so the page can say who this is about.
        source = self.data if self.is_bound else self.initial
        self.prefilled_person: Person | None = selectors.find_person(
            reference=str(source.get("person") or "")
        )
        home_pk = str(source.get("home") or "")
        self.prefilled_home: Home | None = (
            selectors.find_home(pk=int(home_pk)) if home_pk.isdigit() else None
        )
        if not self.is_bound:
            # A stale or mistyped link: fall back to the lookup field, not a hidden error.
            if self.prefilled_person is None:
                self.initial.pop("person", None)
            else:
                self.initial["person"] = self.prefilled_person.reference
            if self.prefilled_home is None:
                self.initial.pop("home", None)

        if self.subject_required and not self.has_prefill:
            # Nothing prefilled: the typed reference is what says who or where it is about.
            self.fields["lookup"].required = True
            self.fields["lookup"].error_messages["required"] = SUBJECT_MISSING

    @property
    def has_prefill(self) -> bool:
        return self.prefilled_person is not None or self.prefilled_home is not None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        person: Person | None = None
        home: Home | None = None
        if cleaned.get("person"):
            person = self.prefilled_person
            if person is None:
                self.add_error(None, "We could not find that person. Search for them again.")
        if cleaned.get("home") is not None:
            home = self.prefilled_home
            if home is None:
                self.add_error(None, "We could not find that home. Search for it again.")
        typed = (cleaned.get("lookup") or "").strip()
        if typed:
            found_person = selectors.find_person(reference=typed)
            found_home = (
                selectors.find_home(uprn=typed)
                if found_person is None and UPRN_RE.match(typed)
                else None
            )
            if found_person is not None:
                person = found_person
            elif found_home is not None:
                home = found_home
            else:
                self.add_error("lookup", NOT_FOUND.format(value=typed))
        if (
            self.subject_required
            and person is None
            and home is None
            and not self.has_error("lookup")
            and not self.non_field_errors()
        ):
            self.add_error("lookup", SUBJECT_MISSING)
        cleaned["person_obj"] = person
        cleaned["home_obj"] = home
        return cleaned


class ContactForm(SubjectMixin):
    channel = forms.ChoiceField(
        label="How",
        choices=Channel.choices,
        # Most contacts logged are duty-desk calls coming in: the defaults save two choices.
        initial=Channel.PHONE,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how the contact was made.",
            "invalid_choice": "Select how the contact was made, from the list.",
        },
    )
    direction = forms.ChoiceField(
        label="Direction",
        choices=Direction.choices,
        initial=Direction.INBOUND,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether the contact was from or to the resident.",
            "invalid_choice": "Select whether the contact was from or to the resident.",
        },
    )
    summary = forms.CharField(
        label="Summary",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=SUMMARY_MAX,
        error_messages={
            "required": "Enter a summary of the contact.",
            "max_length": f"Summary must be {SUMMARY_MAX:,} characters or fewer.",
        },
    )
    follow_up_on = forms.DateField(
        label="Follow up on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="It will be on your My day from that date until you mark it done.",
        error_messages={"invalid": "Enter the follow-up date as a real date, like 2027-01-31."},
    )
    case = forms.CharField(
        label="Case reference",
        required=False,
        max_length=20,
        help_text="If the contact is about a case, like ASB-2026-000123. It joins the case's "
        "timeline.",
        error_messages={"max_length": "Enter a case reference, like ASB-2026-000123."},
    )

    field_order = ["lookup", "channel", "direction", "summary", "follow_up_on", "case"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)
        self.fields["summary"].widget.attrs["maxlength"] = SUMMARY_MAX

    def clean_follow_up_on(self) -> dt.date | None:
        day: dt.date | None = self.cleaned_data.get("follow_up_on")
        if day is not None and day < timezone.localdate():
            raise ValidationError("The follow-up date must be today or in the future.")
        return day

    def clean_case(self) -> str:
        from doorstep.cases.selectors import case_by_reference

        typed = (self.cleaned_data.get("case") or "").strip().upper()
        self.cleaned_data["case_obj"] = None
        if typed:
            found = case_by_reference(reference=typed)
            if found is None:
                raise ValidationError(
                    f"No case matches “{typed}”. Enter a case reference, like ASB-2026-000123."
                )
            self.cleaned_data["case_obj"] = found
        return typed


class AssigneeMixin(forms.Form):
    """An officer or a team, exactly one."""

    for_officer = OfficerChoiceField(
        label="For an officer",
        queryset=User.objects.none(),
        required=False,
        empty_label="Choose an officer",
        error_messages={"invalid_choice": "Choose an officer from the list."},
    )
    for_team = TeamChoiceField(
        label="Or for a team",
        queryset=Team.objects.none(),
        required=False,
        empty_label="Choose a team",
        help_text="Choose an officer or a team, not both.",
        error_messages={"invalid_choice": "Choose a team from the list."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["for_officer"].queryset = selectors.officer_choices()  # type: ignore[attr-defined]
        self.fields["for_team"].queryset = selectors.all_teams()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        officer, team = cleaned.get("for_officer"), cleaned.get("for_team")
        if self.has_error("for_officer") or self.has_error("for_team"):
            return cleaned
        if officer is None and team is None:
            self.add_error("for_officer", "Choose who should ring back: an officer or a team.")
        elif officer is not None and team is not None:
            self.add_error("for_officer", "Choose an officer or a team, not both.")
        return cleaned


class CallBackForm(AssigneeMixin, SubjectMixin):
    caller_name = forms.CharField(
        label="Caller's name",
        required=False,
        max_length=120,
        error_messages={"max_length": "Caller's name must be 120 characters or fewer."},
    )
    phone = forms.CharField(
        label="Phone number to ring back",
        max_length=30,
        error_messages={
            "required": "Enter a phone number to ring back.",
            "max_length": "Enter a phone number, like 0121 496 0000.",
        },
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON_MAX,
        error_messages={
            "required": "Enter the reason for the call-back.",
            "max_length": f"Reason must be {REASON_MAX} characters or fewer.",
        },
    )

    # A call-back may be for a caller we do not know yet.
    subject_required = False
    field_order = ["lookup", "caller_name", "phone", "reason", "for_officer", "for_team"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)
        self.fields["phone"].widget.attrs.update({"type": "tel", "autocomplete": "off"})
        self.fields["phone"].widget.attrs["class"] += " govuk-input--width-20"
        if not self.is_bound and self.prefilled_person is not None:
            # Ringing back someone we know: offer their number and name.
            self.initial.setdefault("phone", format_phone(self.prefilled_person.phone))
            self.initial.setdefault("caller_name", self.prefilled_person.full_name)

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data["phone"])


class AttemptForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What happened",
        choices=AttemptOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what happened when you rang.",
            "invalid_choice": "Select what happened when you rang, from the list.",
        },
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": f"Note must be {NOTE_MAX} characters or fewer."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)


class CompleteForm(VersionedFormMixin, forms.Form):
    outcome = forms.CharField(
        label="Outcome",
        required=False,
        max_length=OUTCOME_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What came of the call, for the record.",
        error_messages={"max_length": f"Outcome must be {OUTCOME_MAX:,} characters or fewer."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)


class ReassignForm(VersionedFormMixin, AssigneeMixin):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)
        self.fields["for_officer"].label = "Give it to an officer"


class DutyForm(forms.Form):
    date = forms.DateField(
        label="Date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Enter the date of the duty.",
            "invalid": "Enter the duty date as a real date, like 2027-01-31.",
        },
    )
    officer = forms.ModelChoiceField(
        label="Duty officer",
        queryset=User.objects.none(),
        required=False,
        empty_label="No one (clear the day)",
        error_messages={"invalid_choice": "Choose a duty officer from the team."},
    )

    def __init__(self, *args: Any, team: Team, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = selectors.team_members(team=team)  # type: ignore[attr-defined]
        govuk_style(self)
        self.fields["date"].widget.attrs["class"] += " govuk-input--width-10"

    def clean_date(self) -> dt.date:
        day: dt.date = self.cleaned_data["date"]
        if day < timezone.localdate():
            raise ValidationError("You cannot change the rota for a day that has passed.")
        return day


class CallBackFilterForm(forms.Form):
    show = forms.ChoiceField(
        label="Show", choices=selectors.Show.choices, required=False, widget=forms.HiddenInput
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("open", "Open"), ("done", "Done"), ("cancelled", "Cancelled"), ("", "Any")],
    )

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        if data is not None and "status" not in data:
            # Open call-backs unless the officer asks for others; the select shows it too.
            data = data.copy()
            data["status"] = CallBackStatus.OPEN
        super().__init__(data, **kwargs)
        govuk_style(self)

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {"show": selectors.Show.MINE, "status": CallBackStatus.OPEN}
        return {
            "show": self.cleaned_data["show"] or selectors.Show.MINE,
            "status": self.cleaned_data["status"],
        }
