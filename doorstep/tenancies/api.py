"""The `tenancies` resource (docs/api.md). Tenancies are named by their reference
(tenancy_ref). Any member of staff reads; recording a tenancy and ending one follow the home's
patch (doorstep.core.permissions.can_edit_home), as the tenancy pages do."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from rest_framework import serializers

from doorstep.api.fields import ReferenceField
from doorstep.api.filters import ApiFilterSet
from doorstep.api.resources import (
    SOURCE,
    CreateMixin,
    InputSerializer,
    ResourceViewSet,
    UpdateMixin,
)
from doorstep.core.permissions import can_edit_home, is_read_only, require
from doorstep.people.models import Person
from doorstep.places.models import Home
from doorstep.tenancies import selectors, services
from doorstep.tenancies.models import MemberRole, Tenancy, TenancyType

CANNOT_EDIT = "You can only record tenancies for homes on your patches."


class TenancySerializer(serializers.ModelSerializer[Tenancy]):
    """A tenancy of a home with its tenants and household members, by person reference."""

    tenancy_ref = serializers.CharField(source="reference", read_only=True)
    uprn = serializers.CharField(source="home.uprn", read_only=True)
    tenant_refs = serializers.SerializerMethodField()
    member_refs = serializers.SerializerMethodField()
    is_current = serializers.SerializerMethodField()

    class Meta:
        model = Tenancy
        fields = [
            "tenancy_ref",
            "uprn",
            "tenancy_type",
            "start_date",
            "end_date",
            "is_current",
            "tenant_refs",
            "member_refs",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def _refs(self, tenancy: Tenancy, role: str) -> list[str]:
        return [m.person.reference for m in tenancy.members.all() if m.role == role]

    def get_tenant_refs(self, tenancy: Tenancy) -> list[str]:
        return self._refs(tenancy, MemberRole.TENANT)

    def get_member_refs(self, tenancy: Tenancy) -> list[str]:
        return self._refs(tenancy, MemberRole.MEMBER)

    def get_is_current(self, tenancy: Tenancy) -> bool:
        return tenancy.is_current(timezone.localdate())


def _person_refs(**kwargs: Any) -> serializers.ListField:
    return serializers.ListField(
        child=ReferenceField(slug_field="reference", queryset=Person.objects.all(), noun="person"),
        **kwargs,
    )


class TenancyCreateSerializer(InputSerializer):
    """A new tenancy: its home by UPRN, its tenants and household members by reference."""

    uprn = ReferenceField(
        source="home", slug_field="uprn", queryset=Home.objects.select_related("patch"), noun="home"
    )
    tenancy_type = serializers.ChoiceField(choices=TenancyType.choices)
    start_date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True)
    tenant_refs = _person_refs(source="tenants", allow_empty=False)
    member_refs = _person_refs(source="members", required=False)


class TenancyUpdateSerializer(InputSerializer):
    """Ending a tenancy: its last day. A tenancy is otherwise changed by recording a new one."""

    end_date = serializers.DateField()


class TenancyFilter(ApiFilterSet):
    uprn = django_filters.CharFilter(field_name="home__uprn", label="The home's UPRN")
    person_ref = django_filters.CharFilter(
        method="filter_person", label="Tenancies this person is (or was) on"
    )
    tenancy_type = django_filters.ChoiceFilter(choices=TenancyType.choices)
    current = django_filters.BooleanFilter(method="filter_current", label="Running today")

    class Meta:
        model = Tenancy
        fields: list[str] = []

    def filter_person(
        self, queryset: QuerySet[Tenancy], name: str, value: str
    ) -> QuerySet[Tenancy]:
        return queryset.filter(pk__in=selectors.tenancy_ids_of(person_reference=value))

    def filter_current(
        self, queryset: QuerySet[Tenancy], name: str, value: bool
    ) -> QuerySet[Tenancy]:
        running = selectors.current_q(timezone.localdate())
        return queryset.filter(running) if value else queryset.exclude(running)


class TenancyViewSet(CreateMixin, UpdateMixin, ResourceViewSet):
    """Tenancies: the home, type, dates, tenants and household members."""

    queryset = Tenancy.objects.none()
    serializer_class = TenancySerializer
    create_serializer_class = TenancyCreateSerializer
    update_serializer_class = TenancyUpdateSerializer
    filterset_class = TenancyFilter
    lookup_field = "reference"
    lookup_url_kwarg = "tenancy_ref"

    def get_queryset(self) -> QuerySet[Tenancy]:
        return selectors.tenancies_list()

    def check_create(self) -> None:
        require(not is_read_only(self.user), CANNOT_EDIT)

    def create_record(self, data: dict[str, Any]) -> Tenancy:
        require(can_edit_home(self.user, data["home"]), CANNOT_EDIT)
        return services.tenancy_create(
            actor=self.user,
            home=data["home"],
            tenancy_type=data["tenancy_type"],
            start_date=data["start_date"],
            end_date=data.get("end_date"),
            tenants=data["tenants"],
            members=data.get("members", []),
            source=SOURCE,
        )

    def check_update(self, record: Tenancy) -> None:
        require(can_edit_home(self.user, record.home), CANNOT_EDIT)

    def update_record(self, record: Tenancy, data: dict[str, Any]) -> Tenancy:
        if "end_date" not in data:
            return record
        return services.tenancy_end(
            actor=self.user, tenancy=record, end_date=data["end_date"], source=SOURCE
        )
