"""The year picker of the measures page and the dashboard filters."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from doorstep.core.forms import govuk_style
from doorstep.reports import tsm
from doorstep.reports.dashboard import Filters, Scope, default_period, filters_for

DATE_HINT = "For example, 2026-03-31"
DATE_ERROR = "Enter a real date as YYYY-MM-DD, for example 2026-03-31"
# Long enough for a few years' trend, short enough to keep the month chart readable.
MAX_PERIOD_DAYS = 3 * 366


class YearForm(forms.Form):
    year = forms.CharField(
        label="Reporting year starting in",
        help_text="The year the reporting year starts in: 2025 for 1 April 2025 to 31 March 2026",
        required=False,
        widget=forms.TextInput(
            attrs={"class": "govuk-input govuk-input--width-4", "inputmode": "numeric"}
        ),
    )

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        govuk_style(self)

    def clean_year(self) -> tsm.ReportingYear:
        value = self.cleaned_data.get("year")
        if not value:
            return tsm.year_containing(self.today)
        try:
            return tsm.parse_year(value)
        except tsm.BadYear as exc:
            raise forms.ValidationError(str(exc)) from None


def _date_field(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=DATE_HINT,
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(
            format="%Y-%m-%d", attrs={"class": "govuk-input govuk-input--width-10"}
        ),
        error_messages={"invalid": DATE_ERROR},
    )


class DashboardFilterForm(forms.Form):
    office = forms.TypedChoiceField(label="Office", required=False, coerce=int, empty_value=None)
    team = forms.TypedChoiceField(label="Team", required=False, coerce=int, empty_value=None)
    patch = forms.TypedChoiceField(label="Patch", required=False, coerce=int, empty_value=None)
    date_from = _date_field("From")
    date_to = _date_field("To")

    def __init__(self, *args: Any, scope: Scope, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope = scope
        self.today = today
        choices: dict[str, list[tuple[Any, str]]] = {
            "office": [("", "All my offices")] + [(o.pk, o.name) for o in scope.offices],
            "team": [("", "All my teams")]
            + [(t.pk, f"{t.name} ({t.office.name})") for t in scope.teams],
            "patch": [("", "All patches")] + [(p.pk, p.name) for p in scope.patches],
        }
        for name, options in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = options
        govuk_style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = default_period(self.today)
        date_from = data.get("date_from") or start
        date_to = data.get("date_to") or end
        if "date_from" in data and "date_to" in data:
            if date_to < date_from:
                self.add_error("date_to", "The end date must be on or after the start date")
            elif (date_to - date_from).days > MAX_PERIOD_DAYS:
                self.add_error("date_to", "Choose a period of at most three years")
        office, team, patch = data.get("office"), data.get("team"), data.get("patch")
        teams = {t.pk: t for t in self.scope.teams}
        patches = {p.pk: p for p in self.scope.patches}
        if office and team and teams[team].office_id != office:
            self.add_error("team", "Choose a team of the office chosen, or all teams")
        if patch and team and patches[patch].team_id != team:
            self.add_error("patch", "Choose a patch of the team chosen, or all patches")
        if patch and office and not team and patches[patch].team.office_id != office:
            self.add_error("patch", "Choose a patch of the office chosen, or all patches")
        data["date_from"], data["date_to"] = date_from, date_to
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        return filters_for(
            self.scope,
            start=data["date_from"],
            end=data["date_to"],
            office_id=data.get("office"),
            team_id=data.get("team"),
            patch_id=data.get("patch"),
        )
