from __future__ import annotations

from typing import Any

from django import forms

from doorstep.core.forms import govuk_style


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="What are these records?",
        widget=forms.RadioSelect,
        choices=[
            ("merge", "The same person: merge them"),
            ("different", "Different people: do not suggest them again"),
        ],
        error_messages={"required": "Select whether these are the same person."},
    )
    survivor = forms.ChoiceField(
        label="If merging, which record to keep",
        widget=forms.RadioSelect,
        required=False,
        help_text="Every record of the other moves to this one; the other reference goes.",
    )

    def __init__(self, *args: Any, people: tuple[Any, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["survivor"].choices = [  # type: ignore[attr-defined]
            (str(p.pk), f"{p.reference} ({p.full_name})") for p in people
        ]
        govuk_style(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == "merge" and not cleaned.get("survivor"):
            self.add_error("survivor", "Select which record to keep.")
        return cleaned
