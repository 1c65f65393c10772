"""Serializer fields shared by the resources: records named by their reference, staff by their
email address, and UK identifiers checked by the same validators as forms and imports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


class ReferenceField(serializers.SlugRelatedField[Any]):
    """A record named by its reference (person_ref, UPRN, case reference…), with a message
    that says which kind of record was not found."""

    def __init__(self, *, slug_field: str, queryset: QuerySet[Any], noun: str, **kwargs: Any):
        kwargs.setdefault(
            "error_messages",
            {
                "does_not_exist": f"No {noun} has the reference {{value}}.",
                "invalid": f"Enter the reference of a {noun}.",
            },
        )
        super().__init__(slug_field=slug_field, queryset=queryset, **kwargs)


def staff_field(**kwargs: Any) -> ReferenceField:
    """A member of staff, by the email address they sign in with."""
    from doorstep.accounts.models import User

    return ReferenceField(
        slug_field="email",
        queryset=User.objects.filter(is_active=True).select_related("team"),
        noun="member of staff",
        error_messages={
            "does_not_exist": "No member of staff signs in with {value}.",
            "invalid": "Enter the email address of a member of staff.",
        },
        **kwargs,
    )


class NormalisedCharField(serializers.CharField):
    """A string passed through one of doorstep.core.validators' `normalise_*` functions, so
    the API stores exactly what a form or an import would (E.164 phones, spaced postcodes…)."""

    def __init__(self, *, normalise: Callable[[str], str], **kwargs: Any) -> None:
        self.normalise = normalise
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        if not value:
            return value
        try:
            return self.normalise(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc


def constant_field(value: str, **kwargs: Any) -> serializers.Field[Any, Any, Any, Any]:
    """A read-only field that is always `value`: tells apart the shapes of a polymorphic
    answer (a full case or a restricted stub), with a one-value enum in the schema."""

    @extend_schema_field({"type": "string", "enum": [value]})
    class Constant(serializers.Field):
        def to_representation(self, instance: Any) -> str:
            return value

    return Constant(source="*", read_only=True, **kwargs)
