from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from doorstep.core.models import AuditAction


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
