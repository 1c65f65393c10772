from __future__ import annotations

from typing import Any, cast

from django import forms

from doorstep.accounts.models import User
from doorstep.core.concurrency import VersionedFormMixin
from doorstep.core.forms import govuk_style
from doorstep.places.models import Office
from doorstep.recruitment.models import Candidate, CriterionKind, Decision


class VacancyForm(forms.Form):
    title = forms.CharField(label="Job title", max_length=120, help_text="Like Lettings Advisor.")
    office = forms.ModelChoiceField(
        label="Office",
        queryset=Office.objects.none(),
        error_messages={"required": "Select the office."},
    )
    closing_date = forms.DateField(
        label="Closing date (YYYY-MM-DD)",
        error_messages={
            "required": "Enter the closing date.",
            "invalid": "Enter the closing date as YYYY-MM-DD, like 2026-07-31.",
        },
    )
    description = forms.CharField(
        label="About the job", required=False, widget=forms.Textarea, max_length=2000
    )

    def __init__(self, *args: Any, offices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(Any, self.fields["office"]).queryset = offices
        govuk_style(self)


class CriterionForm(forms.Form):
    name = forms.CharField(
        label="What is scored", max_length=120, help_text="Like Customer service or Excel test."
    )
    kind = forms.ChoiceField(
        label="Kind",
        choices=CriterionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether this is an interview question or a test."},
    )
    weight = forms.IntegerField(
        label="Weight",
        min_value=1,
        max_value=100,
        help_text="How much it counts, from 1 to 100.",
        error_messages={"invalid": "Enter the weight as a whole number, like 30."},
    )
    max_score = forms.IntegerField(
        label="Top score",
        min_value=1,
        max_value=100,
        help_text="The top of the scale, like 5 or 10.",
        error_messages={"invalid": "Enter the top score as a whole number, like 10."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)
        for name in ("weight", "max_score"):
            self.fields[name].widget.attrs["class"] = "govuk-input govuk-input--width-3"


class CandidateForm(forms.Form):
    full_name = forms.CharField(label="Full name", max_length=150)
    email = forms.CharField(label="Email address", max_length=254)
    phone = forms.CharField(label="Phone number", max_length=30, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)


class SlotForm(forms.Form):
    candidate = forms.ModelChoiceField(
        label="Candidate",
        queryset=Candidate.objects.none(),
        required=False,
        empty_label="No candidate yet",
    )
    starts_at = forms.DateTimeField(
        label="Date and time (YYYY-MM-DD HH:MM)",
        error_messages={
            "required": "Enter the date and time of the interview.",
            "invalid": "Enter the date and time as YYYY-MM-DD HH:MM, like 2026-06-10 10:00.",
        },
    )
    location = forms.CharField(label="Room", max_length=120, required=False)
    panel = forms.ModelMultipleChoiceField(
        label="Panel members",
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one panel member."},
    )

    def __init__(self, *args: Any, candidates: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(Any, self.fields["candidate"]).queryset = candidates
        cast(Any, self.fields["candidate"]).label_from_instance = lambda c: c.full_name
        cast(Any, self.fields["panel"]).queryset = staff
        cast(Any, self.fields["panel"]).label_from_instance = lambda u: u.full_name
        govuk_style(self)


class ScoreForm(forms.Form):
    """One number field per criterion, named score_<id>."""

    def __init__(self, *args: Any, criteria: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.name} (0 to {criterion.max_score})",
                required=False,
                min_value=0,
                max_value=criterion.max_score,
                help_text=f"{criterion.get_kind_display()}, weight {criterion.weight}",
                error_messages={
                    "invalid": f"{criterion.name}: enter a whole number.",
                    "min_value": f"{criterion.name}: enter a score from 0 to "
                    f"{criterion.max_score}.",
                    "max_value": f"{criterion.name}: enter a score from 0 to "
                    f"{criterion.max_score}.",
                },
            )
        govuk_style(self)
        for field in self.fields.values():
            field.widget.attrs["class"] = "govuk-input govuk-input--width-3"

    def scores(self) -> dict[int, int | None]:
        return {c.pk: self.cleaned_data.get(f"score_{c.pk}") for c in self.criteria}


class DecisionForm(VersionedFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select appoint, reserve list or reject."},
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        widget=forms.Textarea,
        max_length=500,
        help_text="Needed when the candidate is not appointed.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)
