"""Forms for schedules, the checklist and raising a case; and reading one card's answer from
a POST. Errors name the field in an officer's words; the services check the rules again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

from doorstep.accounts.models import User
from doorstep.accounts.roles import Role
from doorstep.contacts.forms import OfficerChoiceField
from doorstep.core.concurrency import VersionedFormMixin
from doorstep.core.forms import govuk_style
from doorstep.inspections import rules
from doorstep.inspections.models import (
    HINT_MAX,
    ITEM_TEXT_MAX,
    RAISABLE_CASE_TYPES,
    FollowUp,
    InspectionAnswer,
)
from doorstep.repairs.models import Priority

INSPECTING_ROLES = (
    Role.ESTATES_OFFICER,
    Role.NEIGHBOURHOOD_OFFICER,
    Role.TEAM_LEADER,
    Role.HOUSING_SERVICES_MANAGER,
)


def inspector_choices(*, office_ids: frozenset[int]) -> QuerySet[User]:
    """Active staff in a role that inspects, in the offices given (managers work across
    offices and may have no team, so they are always offered)."""
    return (
        User.objects.filter(is_active=True, groups__name__in=INSPECTING_ROLES)
        .filter(Q(team__office_id__in=office_ids) | Q(groups__name=Role.HOUSING_SERVICES_MANAGER))
        .select_related("team", "team__office")
        .distinct()
        .order_by("full_name")
    )


class ScheduleForm(VersionedFormMixin, forms.Form):
    place = forms.ChoiceField(
        label="Estate or block",
        error_messages={
            "required": "Choose the estate or block.",
            "invalid_choice": "Choose the estate or block from the list.",
        },
    )
    inspector = OfficerChoiceField(
        label="Inspector",
        queryset=User.objects.none(),
        empty_label="Choose who inspects",
        error_messages={
            "required": "Choose who inspects.",
            "invalid_choice": "Choose the inspector from the list.",
        },
    )
    frequency_weeks = forms.IntegerField(
        label="Weeks between inspections",
        min_value=1,
        max_value=rules.MAX_FREQUENCY_WEEKS,
        help_text=f"Usually {rules.DEFAULT_FREQUENCY_WEEKS}.",
        error_messages={
            "required": "Enter the number of weeks between inspections, like 4.",
            "invalid": "Enter the number of weeks between inspections as a whole number, like 4.",
            "min_value": f"Enter a number of weeks from 1 to {rules.MAX_FREQUENCY_WEEKS}.",
            "max_value": f"Enter a number of weeks from 1 to {rules.MAX_FREQUENCY_WEEKS}.",
        },
    )
    starts_on = forms.DateField(
        label="First inspection due",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Enter the date the first inspection is due.",
            "invalid": (
                "Enter the date the first inspection is due as a real date, like 2027-01-31."
            ),
        },
    )

    def __init__(
        self,
        *args: Any,
        places: list[tuple[str, str]] | None,
        inspectors: QuerySet[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if places is None:
            del self.fields["place"]  # changing a schedule: the place stays
        else:
            self.fields["place"].choices = [  # type: ignore[attr-defined]
                ("", "Choose the estate or block"),
                *places,
            ]
        self.fields["inspector"].queryset = inspectors  # type: ignore[attr-defined]
        self.fields["frequency_weeks"].widget.attrs["inputmode"] = "numeric"
        govuk_style(self)
        self.fields["frequency_weeks"].widget.attrs["class"] = "govuk-input govuk-input--width-3"

    def clean_starts_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["starts_on"]
        if day.year < 2000:
            raise forms.ValidationError("Enter a date from 2000 onwards.")
        return day


class ChecklistItemForm(VersionedFormMixin, forms.Form):
    text = forms.CharField(
        label="What the inspector checks",
        max_length=ITEM_TEXT_MAX,
        error_messages={
            "required": "Enter what the inspector checks, like “Fire doors closed”.",
            "max_length": f"What the inspector checks must be {ITEM_TEXT_MAX} characters or fewer.",
        },
    )
    hint = forms.CharField(
        label="Hint for the inspector",
        max_length=HINT_MAX,
        required=False,
        error_messages={"max_length": f"The hint must be {HINT_MAX} characters or fewer."},
    )
    follow_up = forms.ChoiceField(
        label="A failure usually needs",
        choices=FollowUp.choices,
        widget=forms.RadioSelect,
        initial=FollowUp.REPAIR,
        error_messages={
            "required": "Choose what a failure of this item usually needs.",
            "invalid_choice": "Choose what a failure of this item usually needs.",
        },
    )

    repair_priority = forms.ChoiceField(
        label="A repair raised from a failure is usually",
        help_text="The inspector can choose another priority when raising the repair.",
        choices=Priority.choices,
        widget=forms.RadioSelect,
        initial=Priority.ROUTINE,
        required=False,
        error_messages={
            "invalid_choice": "Choose the priority a repair for this item usually has.",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)

    def clean_repair_priority(self) -> str | None:
        # Not sent: routine for a new item, unchanged for an item being changed.
        return self.cleaned_data.get("repair_priority") or None


def raisable_case_choices() -> list[tuple[str, str]]:
    labels = dict(FollowUp.choices)
    return [
        (value, labels[value].replace(" case", "").split(" (")[0]) for value in RAISABLE_CASE_TYPES
    ]


class RaiseCaseForm(forms.Form):
    case_type = forms.ChoiceField(
        label="Type of case",
        choices=raisable_case_choices,
        error_messages={
            "required": "Choose the type of case: fly-tipping or anti-social behaviour.",
            "invalid_choice": "Choose the type of case: fly-tipping or anti-social behaviour.",
        },
    )


class RaiseRepairForm(forms.Form):
    priority = forms.ChoiceField(
        label="Priority of the repair",
        choices=Priority.choices,
        error_messages={
            "required": "Choose the priority of the repair.",
            "invalid_choice": "Choose the priority of the repair.",
        },
    )


def answer_data(
    answer: InspectionAnswer, data: QueryDict, files: MultiValueDict[str, Any]
) -> dict[str, Any]:
    """What the POST says about one card (fields named by `answer.prefix`), as keyword
    arguments for `services.answer_record`; what the POST does not carry stays None."""
    prefix = answer.prefix
    return {
        "result": data.get(f"{prefix}-result") or None,
        "note": data.get(f"{prefix}-note"),
        "photo": files.get(f"{prefix}-photo") or None,
        "remove_photo": data.get(f"{prefix}-remove_photo") == "yes",
    }
