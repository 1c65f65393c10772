"""List filters (docs/api.md, "Filters").

A resource's `ApiFilterSet` validates and documents its query parameters: a bad value is a 400
naming the parameter. Filters listed in `selector_filters` are the ones the app's own list
selector applies, exactly as for the page: the viewset hands their cleaned values to the
selector (`ResourceViewSet.list_queryset`). The rest, `updated_since` among them, are applied
here to the selector's queryset.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django_filters.fields import IsoDateTimeField

UPDATED_SINCE_HELP = (
    "Only records changed at or after this moment: an ISO 8601 date-time such as "
    "2026-03-27T09:00:00Z (Europe/London when it has no offset)."
)
UPDATED_SINCE_INVALID = "Enter an ISO 8601 date-time, like 2026-03-27T09:00:00Z."
EMPTY: tuple[Any, ...] = (None, "", [], ())


class UtcIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 date-time, as UTC: every database takes it, whatever offset it was sent
    with (PostgreSQL refuses offsets beyond 15:59, which Python accepts)."""

    def to_python(self, value: Any) -> dt.datetime | None:
        moment: dt.datetime | None = super().to_python(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(dt.UTC)
        except OverflowError:  # the first or last moment Python knows, moved past it
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class UtcIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


def updated_since_filter(**kwargs: Any) -> django_filters.IsoDateTimeFilter:
    options: dict[str, Any] = {
        "field_name": "updated_at",
        "lookup_expr": "gte",
        "label": UPDATED_SINCE_HELP,
        "error_messages": {"invalid": UPDATED_SINCE_INVALID},
    }
    options.update(kwargs)
    return UtcIsoDateTimeFilter(**options)


class ApiFilterSet(django_filters.FilterSet):
    updated_since = updated_since_filter()

    #: Filters the app's list selector applies itself; the viewset passes their values to it.
    selector_filters: ClassVar[tuple[str, ...]] = ()

    def selector_values(self) -> dict[str, Any]:
        """The cleaned values of `selector_filters` that were given."""
        cleaned = self.form.cleaned_data
        return {
            name: cleaned[name]
            for name in self.selector_filters
            if cleaned.get(name) not in EMPTY and cleaned.get(name) is not False
        }

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        for name, value in self.form.cleaned_data.items():
            if name in self.selector_filters:
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset
