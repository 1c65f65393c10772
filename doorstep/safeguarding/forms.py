"""The one-page safeguarding referral form and the forms on a referral's page.

Errors name the field in an officer's words; the services check again, so every route in
follows the same rules.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from doorstep.core.concurrency import VersionedFormMixin
from doorstep.core.forms import datetime_field, govuk_style, local_input
from doorstep.core.working_days import LONDON
from doorstep.partners.models import Agency
from doorstep.partners.selectors import active_agencies
from doorstep.safeguarding import services
from doorstep.safeguarding.models import AbuseCategory, AdultOrChild

YES_NO = [("yes", "Yes"), ("no", "No")]
AGENCY_MISSING = "Select the agency you are referring to, from the directory."


class AgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Agency) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class ReferralForm(forms.Form):
    concern_recorded_at = datetime_field(
        "When the concern was recorded",
        "the concern was recorded",
        help_text="Now, unless you are recording a concern from earlier today.",
        example="14/03/2026 15:30",
    )
    adult_or_child = forms.ChoiceField(
        label="Is this about an adult or a child?",
        choices=AdultOrChild.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether this is about an adult or a child.",
            "invalid_choice": "Select whether this is about an adult or a child.",
        },
    )
    category = forms.ChoiceField(
        label="Category of abuse or neglect",
        choices=[("", "Choose a category"), *AbuseCategory.choices],
        help_text="The Care Act categories. Choose the main one; describe the rest below.",
        error_messages={
            "required": "Select the category of abuse or neglect.",
            "invalid_choice": "Select the category of abuse or neglect.",
        },
    )
    what_was_seen = forms.CharField(
        label="What was seen or heard",
        max_length=services.SEEN_MAX,
        widget=forms.Textarea,
        help_text="The facts: what, when, where and who was there.",
        error_messages={"required": "Enter what was seen or heard."},
    )
    immediate_danger = forms.ChoiceField(
        label="Is anyone in immediate danger?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text="If yes, call 999 now, then finish this referral.",
        error_messages={
            "required": "Select whether anyone is in immediate danger.",
            "invalid_choice": "Select whether anyone is in immediate danger.",
        },
    )
    consent_given = forms.ChoiceField(
        label="Have they agreed to the referral?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether they have agreed to the referral.",
            "invalid_choice": "Select whether they have agreed to the referral.",
        },
    )
    reason_without_consent = forms.CharField(
        label="If not, why are you referring without their consent?",
        required=False,
        max_length=services.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": "3"}),
        help_text="For example: risk of serious harm, a child at risk, others at risk, or they "
        "lack capacity to decide.",
    )
    agency = AgencyChoiceField(
        label="Agency you are referring to",
        queryset=Agency.objects.none(),
        empty_label="Choose an agency",
        error_messages={"required": AGENCY_MISSING, "invalid_choice": AGENCY_MISSING},
    )
    open_case = forms.BooleanField(
        label="Open a safeguarding case",
        required=False,
        help_text="A restricted case, with you as lead officer, for the work that follows.",
    )

    def __init__(self, *args: Any, can_open_case: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency_field = self.fields["agency"]
        assert isinstance(agency_field, forms.ModelChoiceField)
        agency_field.queryset = active_agencies()
        if not can_open_case:
            del self.fields["open_case"]
        govuk_style(self)

    @staticmethod
    def initial_for(*, person: Any, now: dt.datetime, agency: Agency | None) -> dict[str, Any]:
        """Defaults: now, adult or child guessed from the date of birth, and that group's
        usual agency."""
        initial: dict[str, Any] = {"concern_recorded_at": local_input(now)}
        guess = guess_adult_or_child(person, now.astimezone(LONDON).date())
        if guess:
            initial["adult_or_child"] = guess
        if agency is not None:
            initial["agency"] = agency.pk
        return initial

    def clean_concern_recorded_at(self) -> dt.datetime:
        moment: dt.datetime = self.cleaned_data["concern_recorded_at"]
        if moment > timezone.now():
            raise forms.ValidationError(
                "The time the concern was recorded cannot be in the future."
            )
        return moment

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        consent = data.get("consent_given")
        if consent == "no" and not (data.get("reason_without_consent") or "").strip():
            self.add_error(
                "reason_without_consent",
                "Enter why you are referring without their consent.",
            )
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "concern_recorded_at": data["concern_recorded_at"],
            "adult_or_child": data["adult_or_child"],
            "category": data["category"],
            "what_was_seen": data["what_was_seen"],
            "immediate_danger": data["immediate_danger"] == "yes",
            "consent_given": data["consent_given"] == "yes",
            "reason_without_consent": data.get("reason_without_consent", ""),
            "agency": data["agency"],
            "open_case": bool(data.get("open_case")),
        }


def guess_adult_or_child(person: Any, today: dt.date) -> str:
    age = person.age_on(today)
    if age is None:
        return ""
    return AdultOrChild.CHILD if age < 18 else AdultOrChild.ADULT


class OutcomeForm(VersionedFormMixin, forms.Form):
    agency_reference = forms.CharField(
        label="The agency's reference",
        required=False,
        max_length=services.AGENCY_REFERENCE_MAX,
    )
    outcome = forms.CharField(
        label="Outcome",
        required=False,
        max_length=services.OUTCOME_MAX,
        widget=forms.Textarea,
        help_text="What the agency decided or did, when they tell you.",
    )
    outcome_on = forms.DateField(
        label="Date of the outcome",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Leave blank for today.",
        error_messages={"invalid": "Enter the date of the outcome, like 14/03/2026."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            not self.errors
            and not (data.get("agency_reference") or "").strip()
            and not (data.get("outcome") or "").strip()
        ):
            self.add_error("agency_reference", "Enter the agency's reference or the outcome.")
        return data
