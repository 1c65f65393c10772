"""The `homes` resource (docs/api.md). Homes are named by UPRN. Any member of staff reads;
adding and changing homes follows doorstep.core.permissions and doorstep.places.permissions,
as the home pages do."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from rest_framework import serializers

from doorstep.api.fields import NormalisedCharField
from doorstep.api.filters import ApiFilterSet
from doorstep.api.resources import (
    SOURCE,
    CreateMixin,
    InputSerializer,
    ResourceViewSet,
    UpdateMixin,
)
from doorstep.core.permissions import can_edit_home, require
from doorstep.core.validators import normalise_postcode, normalise_uprn
from doorstep.places import selectors, services
from doorstep.places.models import Block, Estate, Home, Patch, Tenure
from doorstep.places.permissions import can_add_homes, can_place_home_on

NOT_YOUR_PATCH = "You can only add or move homes onto patches you look after."


class HomeSerializer(serializers.ModelSerializer[Home]):
    estate_id = serializers.IntegerField(read_only=True)
    estate_name = serializers.CharField(source="estate.name", read_only=True)
    block_id = serializers.IntegerField(read_only=True, allow_null=True)
    block_name = serializers.CharField(source="block.name", read_only=True, allow_null=True)
    patch_id = serializers.IntegerField(read_only=True, allow_null=True)
    patch_name = serializers.CharField(source="patch.name", read_only=True, allow_null=True)
    patch_officer_email = serializers.EmailField(
        source="patch.officer.email", read_only=True, allow_null=True
    )

    class Meta:
        model = Home
        fields = [
            "uprn",
            "address_line_1",
            "address_line_2",
            "town",
            "postcode",
            "estate_id",
            "estate_name",
            "block_id",
            "block_name",
            "patch_id",
            "patch_name",
            "patch_officer_email",
            "tenure",
            "bedrooms",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class HomeInputSerializer(InputSerializer):
    uprn = NormalisedCharField(normalise=normalise_uprn, max_length=20)
    address_line_1 = serializers.CharField(max_length=150)
    address_line_2 = serializers.CharField(max_length=150, required=False, allow_blank=True)
    town = serializers.CharField(max_length=80)
    postcode = NormalisedCharField(normalise=normalise_postcode, max_length=10)
    estate_id = serializers.PrimaryKeyRelatedField(
        source="estate", queryset=Estate.objects.select_related("patch")
    )
    block_id = serializers.PrimaryKeyRelatedField(
        source="block", queryset=Block.objects.all(), required=False, allow_null=True
    )
    patch_id = serializers.PrimaryKeyRelatedField(
        source="patch",
        queryset=Patch.objects.all(),
        required=False,
        allow_null=True,
        help_text="A loose home's own patch; null or left out for the estate's.",
    )
    tenure = serializers.ChoiceField(choices=Tenure.choices)
    bedrooms = serializers.IntegerField(min_value=0, max_value=15, required=False, allow_null=True)


class HomeFilter(ApiFilterSet):
    q = django_filters.CharFilter(label="Words of the address, the postcode or the UPRN")
    estate = django_filters.NumberFilter(label="Estate or scheme id")
    block = django_filters.NumberFilter(label="Block id")
    patch = django_filters.NumberFilter(label="Patch id")
    tenure = django_filters.ChoiceFilter(choices=Tenure.choices)
    selector_filters = ("q", "estate", "block", "patch", "tenure")

    class Meta:
        model = Home
        fields: list[str] = []


def _resolved_patch_id(home: Home | None, data: dict[str, Any]) -> int | None:
    """The patch the home will be on once saved (as HomeForm.resolved_patch_id)."""
    estate = data.get("estate", home.estate if home is not None else None)
    if "patch" in data:
        patch = data["patch"]
    elif home is not None and "estate" not in data:
        return home.patch_id
    else:
        patch = None
    if patch is not None:
        return int(patch.pk)
    return estate.patch_id if estate is not None else None


class HomeViewSet(CreateMixin, UpdateMixin, ResourceViewSet):
    queryset = Home.objects.none()
    serializer_class = HomeSerializer
    create_serializer_class = HomeInputSerializer
    update_serializer_class = HomeInputSerializer
    filterset_class = HomeFilter
    lookup_field = "uprn"
    lookup_url_kwarg = "uprn"

    def list_queryset(self, filterset: Any) -> QuerySet[Home]:
        return selectors.homes_list(user=self.user, filters=filterset.selector_values())

    def detail_queryset(self) -> QuerySet[Home]:
        return selectors.homes_list(user=self.user)

    def check_create(self) -> None:
        require(can_add_homes(self.user), "You cannot add homes.")

    def create_record(self, data: dict[str, Any]) -> Home:
        require(can_place_home_on(self.user, _resolved_patch_id(None, data)), NOT_YOUR_PATCH)
        return services.home_create(actor=self.user, source=SOURCE, **data)

    def check_update(self, record: Home) -> None:
        require(can_edit_home(self.user, record), "You can only change homes on your patches.")

    def update_record(self, record: Home, data: dict[str, Any]) -> Home:
        if "estate" in data or "patch" in data:
            require(can_place_home_on(self.user, _resolved_patch_id(record, data)), NOT_YOUR_PATCH)
        return services.home_update(actor=self.user, home=record, source=SOURCE, **data)
