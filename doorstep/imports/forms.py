"""The upload form of the Imports page."""

from __future__ import annotations

from typing import Any

from django import forms

from doorstep.core.forms import govuk_style
from doorstep.imports.kinds import KINDS

KIND_LABELS = {
    "homes": "Homes",
    "people": "People",
    "tenancies": "Tenancies",
    "cases": "Cases",
    "incidents": "ASB incident reports",
    "repairs": "Repairs",
    "complaints": "Complaints",
    "contacts": "Contacts",
}


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="What the file holds",
        help_text="Import files in this order: a tenancy names a home and people already imported.",
        choices=[("", "Choose")] + [(name, KIND_LABELS.get(name, name)) for name in KINDS],
        error_messages={"required": "Choose what the file holds"},
    )
    file = forms.FileField(
        label="CSV file",
        help_text="UTF-8 comma-separated text with a header row ('CSV UTF-8' in Excel), "
        "smaller than 250 MB. The columns of each kind are in the import guide.",
        error_messages={
            "required": "Select a CSV file",
            "empty": "The selected file is empty",
            "invalid": "Select a CSV file",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)
        self.fields["file"].widget.attrs.update(
            {"class": "govuk-file-upload", "accept": ".csv,text/csv"}
        )
