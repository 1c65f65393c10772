"""The `repairs` resource (docs/api.md): repairs to homes and to the communal areas of blocks
and estates, named by their reference (repair_ref, e.g. REP-2026-000123).

Every member of staff reads repairs, as on the repairs pages. Reporting one goes through
`repairs.services.repair_report` (the patch's officers, their team leader, the office's
estates officers and managers: `repairs.permissions.can_raise_for`); ordering, starting,
cancelling, completing and giving it to another officer through the other repairs services
(the repair's owner, and whoever may raise repairs at its place: `can_edit_repair`). The
target and whether it was met are the services' (DOMAIN.md §4).

A repair raised for a restricted case shows that case's reference only to those who may see
the case: the reference of a domestic-abuse case on a home would tell what the case hides.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet, Value
from django.utils import timezone
from rest_framework import serializers

from doorstep.api.fields import ReferenceField, staff_field
from doorstep.api.filters import ApiFilterSet
from doorstep.api.resources import (
    SOURCE,
    CreateMixin,
    InputSerializer,
    ResourceViewSet,
    UpdateMixin,
)
from doorstep.cases.models import Case
from doorstep.cases.permissions import can_see_case, visible_case_q
from doorstep.cases.selectors import current_home_of
from doorstep.contacts.models import Contact
from doorstep.contacts.selectors import visible_contacts_q
from doorstep.core.permissions import require
from doorstep.places.models import Block, Estate, Home
from doorstep.repairs import selectors, services, targets
from doorstep.repairs.models import Contractor, Priority, Repair, RepairStatus
from doorstep.repairs.permissions import can_edit_repair, may_raise_repairs

# The services' argument names, as the API calls them.
REPAIR_FIELDS = {
    "home": "uprn",
    "block": "block_id",
    "estate": "estate_id",
    "contractor": "contractor_id",
    "owner": "owner_email",
    "reason": "cancel_reason",
    "source_case": "case_ref",
    "source_contact": "contact_id",
}
# Where a PATCH may take a repair (the services say from where).
NEW_STATUSES = [
    (status.value, status.label)
    for status in (
        RepairStatus.ORDERED,
        RepairStatus.IN_PROGRESS,
        RepairStatus.CANCELLED,
        RepairStatus.COMPLETED,
    )
]
STATUS_FILTER = [
    ("open", "Open: reported, ordered or in progress"),
    ("any", "Any status"),
    *RepairStatus.choices,
]


def id_field(queryset: QuerySet[Any], noun: str, **kwargs: Any) -> Any:
    """A record named by its id, with a message saying which kind was not found."""
    return serializers.PrimaryKeyRelatedField(
        queryset=queryset,
        error_messages={
            "does_not_exist": f"No {noun} has the id {{pk_value}}.",
            "incorrect_type": f"Enter the id of a {noun} (a whole number).",
        },
        **kwargs,
    )


class RepairSerializer(serializers.ModelSerializer[Repair]):
    """A repair: to a home (uprn), or to the communal areas of a block or an estate (exactly
    one of uprn, block_id, estate_id), with its target from the priority."""

    repair_ref = serializers.CharField(source="reference", read_only=True)
    uprn = serializers.CharField(source="home.uprn", read_only=True, allow_null=True)
    block_id = serializers.IntegerField(read_only=True, allow_null=True)
    estate_id = serializers.IntegerField(read_only=True, allow_null=True)
    place = serializers.CharField(read_only=True, help_text="The address, or the communal areas.")
    overdue = serializers.SerializerMethodField()
    contractor_id = serializers.IntegerField(read_only=True, allow_null=True)
    contractor_name = serializers.CharField(
        source="contractor.name", read_only=True, allow_null=True
    )
    owner_email = serializers.EmailField(source="owner.email", read_only=True, allow_null=True)
    owner_name = serializers.CharField(source="owner.full_name", read_only=True, allow_null=True)
    raised_by_email = serializers.EmailField(
        source="raised_by.email", read_only=True, allow_null=True
    )
    case_ref = serializers.SerializerMethodField(
        help_text="The case it was raised for, when you may see that case."
    )
    contact_id = serializers.IntegerField(
        source="source_contact_id",
        read_only=True,
        allow_null=True,
        help_text="The contact it was raised from.",
    )

    class Meta:
        model = Repair
        fields = [
            "repair_ref",
            "uprn",
            "block_id",
            "estate_id",
            "place",
            "priority",
            "description",
            "status",
            "reported_at",
            "target_at",
            "overdue",
            "completed_at",
            "within_target",
            "cancel_reason",
            "contractor_id",
            "contractor_name",
            "owner_email",
            "owner_name",
            "raised_by_email",
            "case_ref",
            "contact_id",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_overdue(self, repair: Repair) -> bool:
        """Open and past its target."""
        return targets.is_overdue(
            target_at=repair.target_at, is_open=repair.is_open, now=timezone.now()
        )

    def get_case_ref(self, repair: Repair) -> str | None:
        if repair.source_case is None or not getattr(repair, "case_visible", False):
            return None
        return repair.source_case.reference


class RepairCreateSerializer(InputSerializer):
    """A repair to report: give the place (one of uprn, block_id, estate_id), or the case or
    contact it comes from (its place is taken). Its reference and target are issued; it is
    looked after by you unless `owner_email` says otherwise, and a contractor given now orders
    it at once."""

    uprn = ReferenceField(
        source="home",
        slug_field="uprn",
        queryset=Home.objects.select_related("estate"),
        noun="home",
        required=False,
        allow_null=True,
    )
    block_id = id_field(
        Block.objects.select_related("estate"),
        "block",
        source="block",
        required=False,
        allow_null=True,
    )
    estate_id = id_field(
        Estate.objects.all(), "estate", source="estate", required=False, allow_null=True
    )
    priority = serializers.ChoiceField(choices=Priority.choices)
    description = serializers.CharField(max_length=services.DESCRIPTION_MAX)
    reported_at = serializers.DateTimeField(required=False, help_text="Default: now.")
    contractor_id = id_field(
        Contractor.objects.all(), "contractor", source="contractor", required=False, allow_null=True
    )
    owner_email = staff_field(
        source="owner", required=False, allow_null=True, help_text="Default: you."
    )
    case_ref = ReferenceField(
        source="source_case",
        slug_field="reference",
        queryset=Case.objects.select_related("home__estate", "block__estate", "estate"),
        noun="case",
        required=False,
        allow_null=True,
    )
    contact_id = id_field(
        Contact.objects.select_related("home__estate", "person"),
        "contact",
        source="source_contact",
        required=False,
        allow_null=True,
    )


class RepairUpdateSerializer(InputSerializer):
    """Order the repair with a contractor (status ordered + contractor_id), mark it in
    progress, cancel it (+ cancel_reason), record its completion (status completed +
    completed_at, default now), or give it to another officer (owner_email)."""

    status = serializers.ChoiceField(choices=NEW_STATUSES, required=False)
    contractor_id = id_field(
        Contractor.objects.all(), "contractor", source="contractor", required=False
    )
    cancel_reason = serializers.CharField(max_length=services.REASON_MAX, required=False)
    completed_at = serializers.DateTimeField(required=False)
    owner_email = staff_field(source="owner", required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        status = attrs.get("status")
        needs = {
            "contractor": ("contractor_id", RepairStatus.ORDERED, "ordering the repair"),
            "cancel_reason": ("cancel_reason", RepairStatus.CANCELLED, "cancelling the repair"),
            "completed_at": ("completed_at", RepairStatus.COMPLETED, "completing the repair"),
        }
        errors = {
            name: [f"Give this only with status {value}, when {what}."]
            for key, (name, value, what) in needs.items()
            if key in attrs and status != value
        }
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class RepairFilter(ApiFilterSet):
    status = django_filters.ChoiceFilter(
        choices=STATUS_FILTER, label="A status, or open (default any, unlike the page)"
    )
    priority = django_filters.ChoiceFilter(choices=Priority.choices)
    overdue = django_filters.BooleanFilter(label="Only open repairs past their target")
    estate = django_filters.NumberFilter(
        label="Estate id: repairs to its homes, to its blocks and to the estate itself"
    )
    contractor = django_filters.NumberFilter(label="Contractor id")
    selector_filters = ("status", "priority", "overdue", "estate", "contractor")

    class Meta:
        model = Repair
        fields: list[str] = []


def with_case_visibility(repairs: QuerySet[Repair], user: Any) -> QuerySet[Repair]:
    """Annotate `case_visible`: whether `user` may see the case each repair was raised for."""
    visible = visible_case_q(user, prefix="source_case__")
    if not visible:
        return repairs.annotate(case_visible=Value(True))
    return repairs.annotate(
        case_visible=ExpressionWrapper(
            Q(source_case__isnull=True) | visible, output_field=BooleanField()
        )
    )


def place_of_origin(data: dict[str, Any]) -> dict[str, Any]:
    """The place the body gives, else the place of the case or contact it comes from (as the
    raise-a-repair link from a case or a contact does)."""
    given = {key: data[key] for key in ("home", "block", "estate") if data.get(key) is not None}
    if given:
        return given
    case = data.get("source_case")
    if case is not None:
        for key in ("home", "block", "estate"):
            if getattr(case, key) is not None:
                return {key: getattr(case, key)}
    contact = data.get("source_contact")
    if contact is not None:
        home = contact.home
        if home is None and contact.person is not None:
            home = current_home_of(person=contact.person)
        if home is not None:
            return {"home": Home.objects.select_related("estate").get(pk=home.pk)}
    return {}


class RepairViewSet(CreateMixin, UpdateMixin, ResourceViewSet):
    """Repairs to homes and communal areas, with their targets: report, order, start,
    cancel and complete them, as on the repairs pages."""

    queryset = Repair.objects.none()
    serializer_class = RepairSerializer
    create_serializer_class = RepairCreateSerializer
    update_serializer_class = RepairUpdateSerializer
    filterset_class = RepairFilter
    lookup_field = "reference"
    lookup_url_kwarg = "repair_ref"
    service_field_names = REPAIR_FIELDS

    def list_queryset(self, filterset: Any) -> QuerySet[Repair]:
        values = filterset.selector_values()
        status = values.get("status", "any")
        filters = selectors.RepairFilters(
            status="" if status == "any" else status,
            priority=values.get("priority", ""),
            overdue=bool(values.get("overdue")),
            estate_id=int(values["estate"]) if "estate" in values else None,
            contractor_id=int(values["contractor"]) if "contractor" in values else None,
        )
        repairs = selectors.repairs_list(user=self.user, filters=filters, now=timezone.now())
        return with_case_visibility(repairs.select_related("raised_by", "source_case"), self.user)

    def detail_queryset(self) -> QuerySet[Repair]:
        return with_case_visibility(selectors.repairs_readable(), self.user)

    def lookup_value(self, value: str) -> str:
        return value.strip().upper()

    def check_create(self) -> None:
        require(may_raise_repairs(self.user), services.CANNOT_RAISE)

    def create_record(self, data: dict[str, Any]) -> Repair:
        case, contact = data.get("source_case"), data.get("source_contact")
        # What the caller may not read is, to them, not there.
        if case is not None and not can_see_case(self.user, case):
            raise DjangoValidationError(
                {"case_ref": f"No case has the reference {case.reference}."}
            )
        if (
            contact is not None
            and not Contact.objects.filter(visible_contacts_q(self.user), pk=contact.pk).exists()
        ):
            raise DjangoValidationError({"contact_id": f"No contact has the id {contact.pk}."})
        return services.repair_report(
            actor=self.user,
            priority=data["priority"],
            description=data["description"],
            reported_at=data.get("reported_at"),
            owner=data.get("owner"),
            contractor=data.get("contractor"),
            source_case=case,
            source_contact=contact,
            source=SOURCE,
            **place_of_origin(data),
        )

    def check_update(self, record: Repair) -> None:
        require(can_edit_repair(self.user, record), services.CANNOT_EDIT)

    def update_record(self, record: Repair, data: dict[str, Any]) -> Repair:
        if "owner" in data:
            if not record.is_open:
                raise DjangoValidationError(
                    {"owner_email": f"The repair is {record.get_status_display().lower()}."}
                )
            services.repair_set_owner(
                actor=self.user, repair=record, owner=data["owner"], source=SOURCE
            )
        status = data.get("status")
        if status == RepairStatus.COMPLETED:
            services.repair_complete(
                actor=self.user,
                repair=record,
                completed_at=data.get("completed_at") or timezone.now(),
                source=SOURCE,
            )
        elif status:
            services.repair_set_status(
                actor=self.user,
                repair=record,
                status=status,
                contractor=data.get("contractor"),
                reason=data.get("cancel_reason", ""),
                source=SOURCE,
            )
        return record
