"""The case list's filters, shared by the page, the export and (later) the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from doorstep.accounts.models import User
from doorstep.accounts.roles import Role
from doorstep.cases.models import Case, CaseAction, CaseStatus, CaseType, RiskLevel
from doorstep.cases.permissions import visible_case_q
from doorstep.core.forms import govuk_style
from doorstep.core.permissions import editable_patch_ids
from doorstep.places.models import Patch, Team


class Scope:
    MINE = "mine"
    TEAM = "team"
    PATCH = "patch"
    ALL = "all"
    choices = [
        (MINE, "Cases I lead"),
        (TEAM, "My team's cases"),
        (PATCH, "Cases on my patches"),
        (ALL, "All cases"),
    ]


OPEN = "open"
ANY = "any"
STATUS_CHOICES = [
    (OPEN, "Open (not closed)"),
    *[(value, label) for value, label in CaseStatus.choices],
    (ANY, "Any status"),
]


def default_scope(user: Any) -> str:
    """Officers start on their own cases, team leaders on their team's, and roles that look
    across offices (managers, safeguarding leads, data protection officers) on all."""
    if user.is_superuser or user.has_role(
        Role.HOUSING_SERVICES_MANAGER, Role.SAFEGUARDING_LEAD, Role.DATA_PROTECTION_OFFICER
    ):
        return Scope.ALL
    if user.has_role(Role.TEAM_LEADER):
        return Scope.TEAM
    return Scope.MINE


class CaseFilter(django_filters.FilterSet):
    show = django_filters.ChoiceFilter(
        label="Show", choices=Scope.choices, method="filter_show", empty_label=None
    )
    case_type = django_filters.ChoiceFilter(
        label="Type", choices=CaseType.choices, empty_label="Any type"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=STATUS_CHOICES, method="filter_status", empty_label=None
    )
    risk_level = django_filters.ChoiceFilter(
        label="Risk", choices=RiskLevel.choices, method="filter_risk", empty_label="Any risk"
    )
    overdue = django_filters.BooleanFilter(
        label="Only cases with overdue actions",
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )
    lead_officer = django_filters.ModelChoiceFilter(
        label="Lead officer",
        queryset=User.objects.filter(is_active=True).order_by("full_name"),
        empty_label="Any officer",
    )
    patch = django_filters.ModelChoiceFilter(
        label="Patch", queryset=Patch.objects.order_by("name"), empty_label="Any patch"
    )

    class Meta:
        model = Case
        fields = ["show", "case_type", "status", "risk_level", "overdue", "lead_officer", "patch"]

    def __init__(self, data: Any = None, *args: Any, user: Any, **kwargs: Any) -> None:
        self.user = user
        data = data.copy() if data is not None else {}
        # Open cases in the user's usual scope unless they ask for others; the form shows it.
        if not data.get("show"):
            data["show"] = default_scope(user)
        if not data.get("status"):
            data["status"] = OPEN
        if "overdue" in data and data.get("overdue") not in ("true", "on", "1", "True"):
            data.pop("overdue")
        super().__init__(data, *args, **kwargs)
        self.form.fields["overdue"].required = False
        for name in ("lead_officer", "patch"):
            self.form.fields[name].error_messages["invalid_choice"] = (
                f"Choose a {self.form.fields[name].label.lower()} from the list."
            )
        govuk_style(self.form)

    def filter_show(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        user = self.user
        if value == Scope.MINE:
            return queryset.filter(lead_officer_id=user.pk)
        if value == Scope.TEAM:
            # The teams as ids first: an OR across the join to teams cannot use an index.
            teams = Team.objects.filter(Q(pk=user.team_id) | Q(leader_id=user.pk)).values("pk")
            return queryset.filter(team_id__in=teams)
        if value == Scope.PATCH:
            return queryset.filter(patch_id__in=editable_patch_ids(user))
        return queryset

    def filter_status(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        if value == OPEN:
            return queryset.exclude(status=CaseStatus.CLOSED)
        if value == ANY:
            return queryset
        return queryset.filter(status=value)

    # Risk and overdue actions are hidden on a restricted row the user may not see, so those
    # cases never match a filter on them: the filter must not tell what the row does not.
    # As conditions, not annotations: the list finds a page's ids on a narrow query first.
    def filter_risk(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        return queryset.filter(visible_case_q(self.user), risk_level=value)

    def filter_overdue(self, queryset: QuerySet[Case], name: str, value: bool) -> QuerySet[Case]:
        if not value:
            return queryset
        overdue = CaseAction.objects.filter(
            case_id=OuterRef("pk"), done_at__isnull=True, due_on__lt=timezone.localdate()
        )
        return queryset.filter(Exists(overdue), visible_case_q(self.user))
