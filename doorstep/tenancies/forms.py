"""Forms for recording and ending tenancies. They parse and check input; services write."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from doorstep.core.concurrency import VersionedFormMixin
from doorstep.core.forms import bound_dates
from doorstep.places.models import Home
from doorstep.tenancies.models import Tenancy, TenancyType
from doorstep.tenancies.selectors import people_by_reference
from doorstep.tenancies.services import (
    END_BEFORE_START,
    LICENCE_NOT_TEMPORARY,
    NO_TENANT,
    licence_allowed,
)

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y"]


def _date_field(label: str, *, required: bool) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(
            attrs={"type": "date", "class": "govuk-input govuk-input--width-10"},
            format="%Y-%m-%d",
        ),
        error_messages={
            "required": f"Enter the {label.lower()}.",
            "invalid": f"Enter the {label.lower()} as a real date, like 2026-04-01.",
        },
    )


def _references(value: str) -> list[str]:
    """'P000001, p000002 P000003' -> ['P000001', 'P000002', 'P000003'] (order kept, no repeats)."""
    seen: list[str] = []
    for ref in re.split(r"[\s,;]+", value or ""):
        ref = ref.strip().upper()
        if ref and ref not in seen:
            seen.append(ref)
    return seen


class TenancyForm(forms.Form):
    tenancy_type = forms.ChoiceField(
        label="Type of tenancy",
        choices=[("", "Choose a type"), *TenancyType.choices],
        error_messages={
            "required": "Choose the type of tenancy.",
            "invalid_choice": "Choose a type of tenancy from the list.",
        },
    )
    start_date = _date_field("Start date", required=True)
    end_date = _date_field("End date", required=False)
    tenants = forms.CharField(
        label="Tenants' references",
        help_text="The person reference of each tenant, like P000123, separated by commas.",
        max_length=500,
        error_messages={"required": NO_TENANT + " Enter their person reference, like P000123."},
    )
    members = forms.CharField(
        label="Household members' references",
        help_text="Everyone else in the household, separated by commas.",
        max_length=1000,
        required=False,
    )

    def __init__(self, *args: Any, home: Home, **kwargs: Any) -> None:
        self.home = home
        super().__init__(*args, **kwargs)
        bound_dates(self)
        self.fields["tenancy_type"].widget.attrs["class"] = "govuk-select"
        for name in ("tenants", "members"):
            self.fields[name].widget.attrs.update(
                {"class": "govuk-input", "autocomplete": "off", "spellcheck": "false"}
            )

    def _people(self, name: str) -> list[Any]:
        refs = _references(self.cleaned_data.get(name, ""))
        found = people_by_reference(references=refs)
        missing = [ref for ref in refs if ref not in found]
        if missing:
            raise ValidationError(
                f"No one has the reference {', '.join(missing)}. "
                "Check it on the person's page, or add the person first."
            )
        return [found[ref] for ref in refs]

    def clean_tenants(self) -> list[Any]:
        people = self._people("tenants")
        if not people:
            raise ValidationError(NO_TENANT + " Enter their person reference, like P000123.")
        return people

    def clean_members(self) -> list[Any]:
        return self._people("members")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", END_BEFORE_START)
        tenancy_type = cleaned.get("tenancy_type")
        if tenancy_type and not licence_allowed(home=self.home, tenancy_type=tenancy_type):
            self.add_error(
                "tenancy_type",
                f"{LICENCE_NOT_TEMPORARY} This home's tenure is "
                f"{self.home.get_tenure_display().lower()}.",
            )
        tenants, members = cleaned.get("tenants") or [], cleaned.get("members") or []
        if {p.pk for p in tenants} & {p.pk for p in members}:
            self.add_error(
                "members", "Someone listed as a tenant is also listed as a household member."
            )
        return cleaned


class TenancyEndForm(VersionedFormMixin, forms.Form):
    end_date = _date_field("End date", required=True)

    def __init__(self, *args: Any, tenancy: Tenancy, **kwargs: Any) -> None:
        self.tenancy = tenancy
        super().__init__(*args, **kwargs)
        bound_dates(self)
        self.fields["end_date"].help_text = "The last day of the tenancy."

    def clean_end_date(self) -> dt.date:
        end: dt.date = self.cleaned_data["end_date"]
        if end < self.tenancy.start_date:
            raise ValidationError(
                f"{END_BEFORE_START} It started on {self.tenancy.start_date:%d/%m/%Y}."
            )
        return end
