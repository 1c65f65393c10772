"""Forms for letter and sign templates, sending a letter and printing a sign."""

from __future__ import annotations

from typing import Any

from django import forms

from doorstep.core.concurrency import VersionedFormMixin
from doorstep.core.forms import govuk_style
from doorstep.letters import selectors
from doorstep.letters.models import LetterTemplate, TemplateKind
from doorstep.letters.services import BODY_MAX, MESSAGE_MAX, NAME_MAX, SUBJECT_MAX
from doorstep.places.models import Block, Estate


class StyledForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)


class TemplateForm(VersionedFormMixin, StyledForm):
    name = forms.CharField(
        label="Name",
        max_length=NAME_MAX,
        help_text="What officers choose it by, like “Fly-tipping: report in confidence”.",
        error_messages={"required": "Enter a name."},
    )
    kind = forms.ChoiceField(
        label="Letter or sign",
        choices=TemplateKind.choices,
        initial=TemplateKind.LETTER,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether this is a letter or a sign."},
    )
    subject = forms.CharField(
        label="Subject (a sign's heading)",
        max_length=SUBJECT_MAX,
        error_messages={"required": "Enter a subject."},
    )
    body = forms.CharField(
        label="Text",
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="Leave a blank line between paragraphs. Merge fields are listed below.",
        error_messages={"required": "Enter the text."},
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["kind"]


class WhoForm(StyledForm):
    """Preview a template for a person (their reference) or a household (the home's UPRN)."""

    who = forms.CharField(
        label="Preview for a person or a home",
        max_length=20,
        required=False,
        help_text="A person reference, like P000123, or a home's UPRN.",
    )


class SendForm(StyledForm):
    template = forms.ModelChoiceField(
        label="Letter",
        queryset=LetterTemplate.objects.none(),
        empty_label="Choose a letter",
        error_messages={
            "required": "Choose a letter.",
            "invalid_choice": "Choose a letter from the list.",
        },
    )
    message = forms.CharField(
        label="Your message",
        max_length=MESSAGE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Only for letters with a message from you, like the general letter.",
    )
    person = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)
    block = forms.IntegerField(widget=forms.HiddenInput, required=False)
    estate = forms.IntegerField(widget=forms.HiddenInput, required=False)
    case = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = selectors.letter_templates()  # type: ignore[attr-defined]


class SignForm(StyledForm):
    estate = forms.ModelChoiceField(
        label="Estate",
        queryset=Estate.objects.none(),
        empty_label="Choose the estate",
        error_messages={"required": "Choose the estate.", "invalid_choice": "Choose the estate."},
    )
    block = forms.ModelChoiceField(
        label="Block",
        queryset=Block.objects.none(),
        required=False,
        empty_label="The whole estate",
        error_messages={"invalid_choice": "Choose a block from the list."},
    )
    template = forms.ModelChoiceField(
        label="Sign",
        queryset=LetterTemplate.objects.none(),
        empty_label="Choose a sign",
        error_messages={"required": "Choose a sign.", "invalid_choice": "Choose a sign."},
    )

    def __init__(self, *args: Any, estate: Estate | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["estate"].queryset = Estate.objects.order_by("name")  # type: ignore[attr-defined]
        blocks = Block.objects.select_related("estate").order_by("name")
        if estate is not None:
            blocks = blocks.filter(estate=estate)
        self.fields["block"].queryset = blocks  # type: ignore[attr-defined]
        self.fields["template"].queryset = selectors.sign_templates()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        block, estate = cleaned.get("block"), cleaned.get("estate")
        if block is not None and estate is not None and block.estate_id != estate.pk:
            self.add_error("block", "That block is not on the estate you chose.")
        return cleaned
