from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from doorstep.core.models import AuditAction
from doorstep.core.working_days import LONDON

#: What a browser's date input sends, and what it is given.
DATE_FORMAT = "%Y-%m-%d"
#: What a browser's datetime-local input sends and is given (London time).
DATETIME_LOCAL_FORMAT = "%Y-%m-%dT%H:%M"
#: A date and time typed or picked: the datetime-local input, or typed without one.
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


def govuk_style(form: forms.BaseForm) -> None:
    """GOV.UK Frontend classes on every widget, so templates only include
    `includes/field.html`. Radios, checkboxes and hidden inputs are styled by the include."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput | forms.RadioSelect | forms.CheckboxInput):
            continue
        if isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "govuk-select")
        elif isinstance(widget, forms.Textarea):
            widget.attrs.setdefault("class", "govuk-textarea")
            widget.attrs.setdefault("rows", "4")
        else:
            widget.attrs.setdefault("class", "govuk-input")
    bound_dates(form)


# Dates a housing record can sensibly hold. Beyond them the clocks (working days, review and
# due dates, retention) would overflow Python's dates (9999-12-31 + 1 day is an OverflowError),
# and no officer means the year 1 or 9999: it is a typing slip, refused on the field.
EARLIEST_DATE = dt.date(1900, 1, 1)
YEARS_AHEAD = 20


def latest_date(today: dt.date | None = None) -> dt.date:
    """The last day a date field accepts: 31 December, YEARS_AHEAD years from now."""
    return dt.date((today or timezone.localdate()).year + YEARS_AHEAD, 12, 31)


def check_date_in_reach(day: dt.date | dt.datetime | None, *, label: str) -> None:
    """Refuse a date before 1900 or more than YEARS_AHEAD years ahead, naming the field."""
    if day is None:
        return
    if isinstance(day, dt.datetime):
        day = day.date()
    latest = latest_date()
    if not EARLIEST_DATE <= day <= latest:
        raise ValidationError(
            f"Enter {label} between {EARLIEST_DATE.year} and {latest:%-d %B %Y}.",
            code="date_out_of_reach",
        )


def bound_dates(form: forms.BaseForm) -> None:
    """Every date and date-time field of the form refuses a date out of reach (above), on the
    field. Checked after the form's own rules, so a field's own message ("cannot be in the
    future") comes first, and before any service is called with the date."""
    if getattr(form, "_dates_bound", False):
        return
    form._dates_bound = True  # type: ignore[attr-defined]
    own_post_clean = form._post_clean  # type: ignore[attr-defined]

    def _post_clean() -> None:
        own_post_clean()
        for name, field in form.fields.items():
            if not isinstance(field, forms.DateField | forms.DateTimeField):
                continue
            if name in form.errors or name not in form.cleaned_data:
                continue
            label = str(field.label or name.replace("_", " ")).split(" (")[0].lower()
            try:
                check_date_in_reach(form.cleaned_data[name], label=f"the {label}")
            except ValidationError as exc:
                form.add_error(name, exc)

    form._post_clean = _post_clean  # type: ignore[attr-defined]


class GovukForm(forms.Form):
    """A form whose widgets carry the GOV.UK Frontend classes (`govuk_style`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)


def local_input(moment: dt.datetime) -> str:
    """A moment as the value of a datetime-local input (London time)."""
    return moment.astimezone(LONDON).strftime(DATETIME_LOCAL_FORMAT)


def date_field(
    label: str,
    what: str,
    *,
    required: bool = True,
    help_text: str = "",
    example: str = "2027-01-31",
    input_formats: Sequence[str] | None = None,
    attrs: dict[str, str] | None = None,
) -> forms.DateField:
    """A date picked or typed (`<input type="date">`), whose errors say which date:
    "Enter the date {what}." and "... as a real date, like {example}.". Without
    `input_formats`, the formats Django accepts for the language."""
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=input_formats,
        widget=forms.DateInput(attrs={"type": "date", **(attrs or {})}, format=DATE_FORMAT),
        error_messages={
            "required": f"Enter the date {what}.",
            "invalid": f"Enter the date {what} as a real date, like {example}.",
        },
    )


def datetime_field(
    label: str,
    what: str,
    *,
    required: bool = True,
    help_text: str = "",
    example: str = "2026-03-14 15:30",
    input_formats: Sequence[str] = DATETIME_FORMATS,
) -> forms.DateTimeField:
    """A date and time (`<input type="datetime-local">`), whose errors say what happened then:
    "Enter when {what}." and "... as a date and time, like {example}."."""
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=input_formats,
        help_text=help_text,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL_FORMAT),
        error_messages={
            "required": f"Enter when {what}.",
            "invalid": f"Enter when {what} as a date and time, like {example}.",
        },
    )


class AuditSearchForm(forms.Form):
    actor = forms.CharField(label="Staff email contains", required=False, max_length=100)
    action = forms.ChoiceField(choices=[("", "Any"), *AuditAction.choices], required=False)
    object_type = forms.CharField(
        label="Record type (e.g. people.person)", required=False, max_length=64
    )
    reference = forms.CharField(label="Reference", required=False, max_length=64)
    person_reference = forms.CharField(
        label="About the person (their reference)",
        required=False,
        max_length=20,
        help_text="Every change to and view of their records, whatever the record.",
    )
    date_from = forms.DateField(label="From (YYYY-MM-DD)", required=False)
    date_to = forms.DateField(label="To (YYYY-MM-DD)", required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        govuk_style(self)

    def clean_person_reference(self) -> str:
        from doorstep.people.models import Person

        reference = (self.cleaned_data.get("person_reference") or "").strip()
        if reference:
            person_id = (
                Person.objects.filter(reference__iexact=reference)
                .values_list("pk", flat=True)
                .first()
            )
            if person_id is None:
                raise forms.ValidationError(f"No person has the reference {reference}.")
            self.cleaned_data["person_id"] = person_id
        return reference


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: by field where the form has that field,
    otherwise as a message for the whole form (shown in the error summary)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
