from __future__ import annotations

from typing import Any, cast

from django import forms

from doorstep.accounts.models import User
from doorstep.core.concurrency import VersionedFormMixin
from doorstep.core.forms import govuk_style
from doorstep.places.models import Office, Team
from doorstep.teams.models import AbsenceReason, SplitRule, Whereabouts


class BoardForm(forms.Form):
    office = forms.ModelChoiceField(
        queryset=Office.objects.order_by("name"), required=False, empty_label=None
    )
    date = forms.DateField(label="Date (YYYY-MM-DD)", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)
        self.fields["date"].widget.attrs.update({"class": "govuk-input govuk-input--width-10"})


class CheckInForm(VersionedFormMixin, forms.Form):
    whereabouts = forms.ChoiceField(
        label="Where are they working?",
        choices=Whereabouts.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select where they are working."},
    )
    where = forms.CharField(
        label="Where are the visits?",
        required=False,
        max_length=120,
        help_text="Only when out on visits, like Beechdale then Goscote.",
    )
    absence_reason = forms.ChoiceField(
        label="Kind of absence",
        choices=[("", "Not absent"), *AbsenceReason.choices],
        required=False,
        help_text="Only the kind of absence. Never write health details here.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)


class PrioritiesForm(VersionedFormMixin, forms.Form):
    priorities = forms.CharField(
        label="Today's priorities",
        required=False,
        widget=forms.Textarea,
        help_text="One per line, at most six. Leave empty to clear the list.",
        max_length=1400,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_style(self)

    def lines(self) -> list[str]:
        return str(self.cleaned_data.get("priorities") or "").splitlines()


class TeamChoiceForm(forms.Form):
    team = forms.ModelChoiceField(queryset=Team.objects.none(), required=False, empty_label=None)

    def __init__(self, *args: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(Any, self.fields["team"]).queryset = teams
        govuk_style(self)


class MoveForm(forms.Form):
    from_user = forms.ModelChoiceField(
        label="Colleague who is moving",
        queryset=User.objects.none(),
        error_messages={"required": "Select the colleague who is moving."},
    )
    receivers = forms.ModelMultipleChoiceField(
        label="Colleagues taking the work",
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one colleague to take the work."},
    )
    rule = forms.ChoiceField(
        label="How to share the work",
        choices=SplitRule.choices,
        widget=forms.RadioSelect,
        initial=SplitRule.ALL_TO_ONE,
        error_messages={"required": "Select how to share the work out."},
    )
    new_team = forms.ModelChoiceField(
        label="Move them to another team as well",
        queryset=Team.objects.none(),
        required=False,
        empty_label="No, they stay in their team",
    )

    def __init__(self, *args: Any, staff: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(Any, self.fields["from_user"]).queryset = staff
        cast(Any, self.fields["from_user"]).label_from_instance = lambda user: (
            f"{user.full_name}, {user.team.name}" if user.team_id else user.full_name
        )
        cast(Any, self.fields["receivers"]).queryset = staff
        cast(Any, self.fields["new_team"]).queryset = teams
        cast(Any, self.fields["new_team"]).label_from_instance = lambda team: (
            f"{team.name} ({team.office.name})"
        )
        govuk_style(self)

    def patch_receivers(self) -> dict[int, int]:
        """The preview's per-patch choices (fields named patch_<id>)."""
        chosen: dict[int, int] = {}
        for key, value in self.data.items():
            if key.startswith("patch_") and key[6:].isdigit() and str(value).isdigit():
                chosen[int(key[6:])] = int(value)
        return chosen
