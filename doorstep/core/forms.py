from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

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
