from __future__ import annotations

from django import forms

from doorstep.core.models import AuditAction


class AuditSearchForm(forms.Form):
    actor = forms.CharField(label="Staff email contains", required=False, max_length=100)
    action = forms.ChoiceField(choices=[("", "Any"), *AuditAction.choices], required=False)
    object_type = forms.CharField(
        label="Record type (e.g. people.person)", required=False, max_length=64
    )
    reference = forms.CharField(label="Reference", required=False, max_length=64)
    date_from = forms.DateField(label="From (YYYY-MM-DD)", required=False)
    date_to = forms.DateField(label="To (YYYY-MM-DD)", required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for field in self.fields.values():
            css = (
                "govuk-select"
                if isinstance(field, forms.ChoiceField)
                else "govuk-input govuk-input--width-20"
            )
            field.widget.attrs["class"] = css
