"""The `people` resource (docs/api.md). People are named by their reference (person_ref).

Any member of staff reads a person; officers who take calls add people; changing a person's
record follows their homes' patches (doorstep.core.permissions.can_edit_person). Health flags
are special-category data: they are left out for roles that may not read them, and every
answer that shows one is audited, as on the person page. Special arrangements always show:
they keep staff and the person safe.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.forms import model_to_dict
from rest_framework import serializers

from doorstep.api.filters import ApiFilterSet, updated_since_filter
from doorstep.api.resources import (
    SOURCE,
    CreateMixin,
    InputSerializer,
    ResourceViewSet,
    UpdateMixin,
    form_errors,
)
from doorstep.core.permissions import (
    can_edit_person,
    can_read_special_category,
    can_take_calls,
    require,
)
from doorstep.people import selectors, services
from doorstep.people.arrangements import arrangements_for
from doorstep.people.forms import PersonForm
from doorstep.people.models import (
    SPECIAL_CATEGORY_FLAGS,
    ContactMethod,
    Person,
    Vulnerability,
    VulnerabilityFlag,
)

EDIT_REFUSED = "Only officers for this person's patch can change their record."
SEEN = "vulnerability flags (API)"


class FlagSerializer(serializers.ModelSerializer[VulnerabilityFlag]):
    label = serializers.CharField(source="get_code_display", read_only=True)  # type: ignore[assignment]

    class Meta:
        model = VulnerabilityFlag
        fields = ["code", "label", "start_date", "review_date", "note"]
        read_only_fields = fields


class ArrangementSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(read_only=True)
    text = serializers.CharField(read_only=True)


class PersonSerializer(serializers.ModelSerializer[Person]):
    """A person. `flags` are their current vulnerability flags; health flags only for roles
    that may read special-category data. `current_homes` are the UPRNs of their current
    tenancies."""

    person_ref = serializers.CharField(source="reference", read_only=True)
    email = serializers.CharField(read_only=True, help_text="Lower case; empty when not known.")
    flags = FlagSerializer(source="api_flags", many=True, read_only=True)
    special_arrangements = ArrangementSerializer(
        source="api_arrangements", many=True, read_only=True
    )
    current_homes = serializers.ListField(
        source="api_homes", child=serializers.CharField(), read_only=True
    )

    class Meta:
        model = Person
        fields = [
            "person_ref",
            "title",
            "first_name",
            "last_name",
            "preferred_name",
            "date_of_birth",
            "phone",
            "phone_other",
            "email",
            "preferred_contact_method",
            "language",
            "interpreter_needed",
            "communication_needs",
            "special_arrangements",
            "flags",
            "current_homes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class PersonInputSerializer(InputSerializer):
    """A person's details. They are checked by the person page's own form (phone numbers as
    UK numbers unless they start with +, a date of birth in the past, a way to contact them
    that they have details for), so the API accepts exactly what the page accepts."""

    title = serializers.CharField(max_length=20, required=False, allow_blank=True)
    first_name = serializers.CharField(max_length=80)
    last_name = serializers.CharField(max_length=80)
    preferred_name = serializers.CharField(max_length=80, required=False, allow_blank=True)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    phone_other = serializers.CharField(max_length=30, required=False, allow_blank=True)
    email = serializers.CharField(max_length=254, required=False, allow_blank=True)
    preferred_contact_method = serializers.ChoiceField(
        choices=ContactMethod.choices, required=False
    )
    language = serializers.CharField(max_length=50, required=False, allow_blank=True)
    interpreter_needed = serializers.BooleanField(required=False)
    communication_needs = serializers.CharField(max_length=300, required=False, allow_blank=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        person: Person | None = self.instance
        current = model_to_dict(person, fields=services.PERSON_FIELDS) if person else {}
        if not person:
            current["preferred_contact_method"] = ContactMethod.PHONE
        form = PersonForm(data={**current, **attrs})
        if not form.is_valid():
            raise serializers.ValidationError(form_errors(form))
        # Only what was sent is changed; the form saw the rest to check the whole record.
        given = attrs.keys() if person else services.PERSON_FIELDS
        return {name: form.cleaned_data[name] for name in given}


class PersonFilter(ApiFilterSet):
    q = django_filters.CharFilter(label="Name, misspelt surname, reference or phone number")
    flag = django_filters.ChoiceFilter(
        choices=Vulnerability.choices,
        label="People with this current flag (health flags only for roles that may read them)",
    )
    mine = django_filters.BooleanFilter(label="Only people housed on my patches")
    updated_since = updated_since_filter(method="filter_updated_since")
    selector_filters = ("q", "flag", "mine")

    class Meta:
        model = Person
        fields: list[str] = []

    def filter_updated_since(
        self, queryset: QuerySet[Person], name: str, value: dt.datetime
    ) -> QuerySet[Person]:
        # A person's flags are part of the record; a health flag counts only for those who
        # may read it, so the filter never hints at one.
        flags = VulnerabilityFlag.objects.filter(updated_at__gte=value)
        if not can_read_special_category(self.request.user):
            flags = flags.exclude(code__in=SPECIAL_CATEGORY_FLAGS)
        return queryset.filter(Q(updated_at__gte=value) | Q(pk__in=flags.values("person_id")))


class PersonViewSet(CreateMixin, UpdateMixin, ResourceViewSet):
    """People: contact details, current vulnerability flags, special arrangements and the
    homes of their current tenancies."""

    queryset = Person.objects.none()
    serializer_class = PersonSerializer
    create_serializer_class = PersonInputSerializer
    update_serializer_class = PersonInputSerializer
    filterset_class = PersonFilter
    lookup_field = "reference"
    lookup_url_kwarg = "person_ref"

    def list_queryset(self, filterset: Any) -> QuerySet[Person]:
        return selectors.people_list(user=self.user, filters=filterset.selector_values())

    def detail_queryset(self) -> QuerySet[Person]:
        return selectors.people_list(user=self.user, filters={})

    def prepare(self, records: Sequence[Person]) -> Sequence[Person]:
        reader = can_read_special_category(self.user)
        disclosed = []
        for person in records:
            flags = getattr(person, "current_flags", [])
            person.api_flags = [f for f in flags if reader or not f.is_special_category]  # type: ignore[attr-defined]
            person.api_arrangements = arrangements_for(person)  # type: ignore[attr-defined]
            person.api_homes = [  # type: ignore[attr-defined]
                member.tenancy.home.uprn for member in getattr(person, "current_memberships", [])
            ]
            if any(f.is_special_category for f in person.api_flags):  # type: ignore[attr-defined]
                disclosed.append(person)
        services.special_category_list_viewed(
            actor=self.user, people=disclosed, what=SEEN, source=SOURCE
        )
        return records

    def check_create(self) -> None:
        require(can_take_calls(self.user), "Your role cannot add people.")

    def create_record(self, data: dict[str, Any]) -> Person:
        return services.person_create(actor=self.user, source=SOURCE, **data)

    def check_update(self, record: Person) -> None:
        require(can_edit_person(self.user, record), EDIT_REFUSED)

    def update_record(self, record: Person, data: dict[str, Any]) -> Person:
        return services.person_update(actor=self.user, person=record, source=SOURCE, **data)
