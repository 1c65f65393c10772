"""The `cases` resource (docs/api.md): the shared case core of every case type, named by its
reference (case_ref, e.g. ASB-2026-000123).

Every case is listed, restricted ones too, as on the case list. A restricted case the caller
may not see is only a stub: its reference, type, `restricted: true` and whom to ask
(`access: "stub"`), never its people, summary, notes or place. Every restricted case the
caller does see is audited, one row per case per answer, as the case page does. Opening a
case, changing it and adding notes go through doorstep.cases.services, which check
`can_edit_case` and write the timeline and the audit log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from doorstep.api.fields import ReferenceField, constant_field, staff_field
from doorstep.api.filters import ApiFilterSet, updated_since_filter
from doorstep.api.resources import (
    SOURCE,
    CreateMixin,
    InputSerializer,
    ResourceViewSet,
    UpdateMixin,
)
from doorstep.cases import selectors, services
from doorstep.cases.filters import STATUS_CHOICES, Scope
from doorstep.cases.models import (
    Case,
    CaseEvent,
    CaseParty,
    CaseStatus,
    CaseType,
    ClosureReason,
    EventKind,
    PartyRole,
    RiskLevel,
)
from doorstep.cases.permissions import can_edit_case, can_see_case, restricted_label
from doorstep.core.permissions import can_take_calls, require
from doorstep.people.models import Person
from doorstep.places.models import Home

SEEN = "case (API)"
CANNOT_OPEN = "Only officers who take calls can open a case."
# The services' argument names, as the API calls them.
CASE_FIELDS = {
    "to_status": "status",
    "lead_officer": "lead_officer_email",
    "home": "uprn",
    "reason": "risk_reason",
    "role": "parties",
}


class PartySerializer(serializers.ModelSerializer[CaseParty]):
    person_ref = serializers.CharField(source="person.reference", read_only=True)
    name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = CaseParty
        fields = ["person_ref", "name", "role", "note"]
        read_only_fields = fields


class CaseSerializer(serializers.ModelSerializer[Case]):
    """A case the caller may see, in full."""

    access = constant_field("full")
    case_ref = serializers.CharField(source="reference", read_only=True)
    closure_reason = serializers.ChoiceField(
        choices=ClosureReason.choices, allow_blank=True, read_only=True
    )
    lead_officer_email = serializers.EmailField(
        source="lead_officer.email", read_only=True, allow_null=True
    )
    lead_officer_name = serializers.CharField(
        source="lead_officer.full_name", read_only=True, allow_null=True
    )
    team_id = serializers.IntegerField(read_only=True, allow_null=True)
    team_name = serializers.CharField(source="team.name", read_only=True, allow_null=True)
    uprn = serializers.CharField(source="home.uprn", read_only=True, allow_null=True)
    place = serializers.SerializerMethodField()
    block_id = serializers.IntegerField(read_only=True, allow_null=True)
    estate_id = serializers.IntegerField(read_only=True, allow_null=True)
    patch_id = serializers.IntegerField(read_only=True, allow_null=True)
    parties = PartySerializer(many=True, read_only=True)
    overdue_actions = serializers.IntegerField(read_only=True)
    next_action_on = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = Case
        fields = [
            "access",
            "case_ref",
            "case_type",
            "status",
            "restricted",
            "summary",
            "opened_on",
            "closed_on",
            "closure_reason",
            "risk_level",
            "lead_officer_email",
            "lead_officer_name",
            "team_id",
            "team_name",
            "uprn",
            "place",
            "block_id",
            "estate_id",
            "patch_id",
            "next_review_on",
            "parties",
            "overdue_actions",
            "next_action_on",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_place(self, case: Case) -> str:
        """The home's address, or the block or estate of a communal case."""
        return selectors.place_of(case)


class CaseStubSerializer(serializers.Serializer[selectors.CaseRow]):
    """A restricted case the caller may not see: that it exists, and whom to ask."""

    access = constant_field("stub")
    case_ref = serializers.CharField(source="reference", read_only=True)
    case_type = serializers.ChoiceField(choices=CaseType.choices, read_only=True)
    restricted = serializers.BooleanField(read_only=True)
    ask = serializers.CharField(
        read_only=True, help_text="Whom to ask: the lead officer, or the team leader."
    )

    class Meta:
        ref_name = "CaseStub"


CASE_OR_STUB = PolymorphicProxySerializer(
    component_name="CaseOrStub",
    serializers={"full": CaseSerializer, "stub": CaseStubSerializer},
    resource_type_field_name="access",
)


def represent_rows(rows: Sequence[selectors.CaseRow], context: Mapping[str, Any]) -> list[Any]:
    """Each row in full when the caller may see it, else as a stub."""
    return [
        CaseSerializer(row.case, context=context).data
        if row.case is not None
        else CaseStubSerializer(row, context=context).data
        for row in rows
    ]


class PartyInputSerializer(InputSerializer):
    person_ref = ReferenceField(
        source="person", slug_field="reference", queryset=Person.objects.all(), noun="person"
    )
    role = serializers.ChoiceField(choices=PartyRole.choices)


class CaseCreateSerializer(InputSerializer):
    """A case to open. Its reference is issued; safeguarding and domestic-abuse cases are
    always restricted. Without a `uprn`, the case is at the first person's current home."""

    case_type = serializers.ChoiceField(choices=CaseType.choices)
    summary = serializers.CharField(max_length=services.SUMMARY_MAX)
    opened_on = serializers.DateField(required=False, help_text="Default: today.")
    uprn = ReferenceField(
        source="home",
        slug_field="uprn",
        queryset=Home.objects.select_related("estate", "block"),
        noun="home",
        required=False,
        allow_null=True,
    )
    lead_officer_email = staff_field(
        source="lead_officer", required=False, allow_null=True, help_text="Default: you."
    )
    parties = PartyInputSerializer(many=True, required=False)
    risk_level = serializers.ChoiceField(choices=RiskLevel.choices, required=False)
    restricted = serializers.BooleanField(required=False)


class CaseUpdateSerializer(InputSerializer):
    """Change a case: its summary and lead officer, its risk level (with a reason for the
    timeline), its status (closing needs a closure reason) or its restriction."""

    summary = serializers.CharField(max_length=services.SUMMARY_MAX, required=False)
    lead_officer_email = staff_field(source="lead_officer", required=False)
    risk_level = serializers.ChoiceField(choices=RiskLevel.choices, required=False)
    risk_reason = serializers.CharField(max_length=services.NOTE_MAX, required=False)
    status = serializers.ChoiceField(choices=CaseStatus.choices, required=False)
    closure_reason = serializers.ChoiceField(choices=ClosureReason.choices, required=False)
    closed_on = serializers.DateField(required=False)
    restricted = serializers.BooleanField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        closing = attrs.get("status") == CaseStatus.CLOSED
        errors: dict[str, list[str]] = {
            name: ["Give this only when closing the case (status closed)."]
            for name in ("closure_reason", "closed_on")
            if name in attrs and not closing
        }
        if "risk_reason" in attrs and "risk_level" not in attrs:
            errors["risk_reason"] = ["Give this with a new risk_level."]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class NoteInputSerializer(InputSerializer):
    """A note (or a record of a letter sent) for the case timeline."""

    text = serializers.CharField(max_length=services.NOTE_MAX)
    kind = serializers.ChoiceField(
        choices=[(k.value, k.label) for k in (EventKind.NOTE, EventKind.LETTER)],
        required=False,
    )


class CaseFilter(ApiFilterSet):
    show = django_filters.ChoiceFilter(
        choices=Scope.choices, label="Whose cases (default all, unlike the page)"
    )
    case_type = django_filters.ChoiceFilter(choices=CaseType.choices)
    status = django_filters.ChoiceFilter(
        choices=STATUS_CHOICES, label="open means not closed (default any, unlike the page)"
    )
    risk_level = django_filters.ChoiceFilter(choices=RiskLevel.choices)
    overdue = django_filters.BooleanFilter(label="Only cases with overdue actions")
    patch = django_filters.NumberFilter(label="Patch id")
    # What a stub hides is never matched on a stub: the filter must not tell what it does not.
    uprn = django_filters.CharFilter(method="filter_seen", field_name="home__uprn")
    lead_officer_email = django_filters.CharFilter(
        method="filter_seen", field_name="lead_officer__email"
    )
    updated_since = updated_since_filter(method="filter_updated_since")
    selector_filters = ("show", "case_type", "status", "risk_level", "overdue", "patch")

    class Meta:
        model = Case
        fields: list[str] = []

    def filter_seen(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        return queryset.filter(**{name: value, "can_see": True})

    def filter_updated_since(
        self, queryset: QuerySet[Case], name: str, value: dt.datetime
    ) -> QuerySet[Case]:
        return changed_since(queryset, value)


def changed_since(cases: QuerySet[Case], moment: dt.datetime) -> QuerySet[Case]:
    """Cases changed at or after `moment`. A new line on the timeline (a note, a person
    added, an action done, a complaint stage acknowledged) changes the case too, but only for
    cases the caller may see: activity on a hidden case is not theirs to know of. `cases` must
    carry `can_see` (see `cases.permissions.annotate_visibility`)."""
    activity = Exists(CaseEvent.objects.filter(case_id=OuterRef("pk"), at__gte=moment))
    return cases.filter(Q(updated_at__gte=moment) | Q(activity, can_see=True))


class CaseViewSet(CreateMixin, UpdateMixin, ResourceViewSet):
    """Cases of every type: the case core (reference, type, status, summary, place, people,
    risk, restriction). A restricted case you may not see is a stub saying whom to ask."""

    queryset = Case.objects.none()
    serializer_class = CASE_OR_STUB  # type: ignore[assignment]
    create_serializer_class = CaseCreateSerializer
    update_serializer_class = CaseUpdateSerializer
    filterset_class = CaseFilter
    lookup_field = "reference"
    lookup_url_kwarg = "case_ref"
    service_field_names = CASE_FIELDS

    def list_queryset(self, filterset: Any) -> QuerySet[Case]:
        # The case list's own filters, with the raw values the page would send.
        params = {name: filterset.data[name] for name in filterset.selector_values()}
        params.setdefault("show", Scope.ALL)
        params.setdefault("status", "any")
        return selectors.with_parties(selectors.cases_for(user=self.user, filters=params))

    def detail_queryset(self) -> QuerySet[Case]:
        return selectors.case_rows(user=self.user)

    def lookup_value(self, value: str) -> str:
        return value.strip().upper()

    def represent(self, records: Sequence[Case]) -> list[dict[str, Any]]:
        rows = selectors.rows_for(user=self.user, cases=records, what=SEEN, source=SOURCE)
        return represent_rows(rows, self.get_serializer_context())

    def check_create(self) -> None:
        require(can_take_calls(self.user), CANNOT_OPEN)

    def create_record(self, data: dict[str, Any]) -> Case:
        parties = [(p["person"], p["role"]) for p in data.get("parties", [])]
        home = data.get("home")
        if home is None and parties:
            home = selectors.current_home_of(person=parties[0][0])
        return services.case_open(
            actor=self.user,
            case_type=data["case_type"],
            summary=data["summary"],
            opened_on=data.get("opened_on"),
            home=home,
            lead_officer=data.get("lead_officer"),
            parties=parties,
            risk_level=data.get("risk_level", RiskLevel.STANDARD),
            restricted=data.get("restricted", False),
            source=SOURCE,
        )

    def check_update(self, record: Case) -> None:
        require(can_see_case(self.user, record), restricted_label(record))
        require(can_edit_case(self.user, record), services.CANNOT_EDIT)

    def update_record(self, record: Case, data: dict[str, Any]) -> Case:
        actor = self.user
        if "summary" in data or "lead_officer" in data:
            services.case_update(
                actor=actor,
                case=record,
                summary=data.get("summary", record.summary),
                lead_officer=data.get("lead_officer", record.lead_officer),
                source=SOURCE,
            )
        if "risk_level" in data:
            services.case_set_risk(
                actor=actor,
                case=record,
                risk_level=data["risk_level"],
                reason=data.get("risk_reason", ""),
                source=SOURCE,
            )
        if "restricted" in data:
            services.case_restrict(
                actor=actor, case=record, restricted=data["restricted"], source=SOURCE
            )
        if "status" in data and data["status"] != record.status:
            services.case_transition(
                actor=actor,
                case=record,
                to_status=data["status"],
                closure_reason=data.get("closure_reason", ""),
                closed_on=data.get("closed_on"),
                source=SOURCE,
            )
        return record

    @extend_schema(request=NoteInputSerializer)
    @action(detail=True, methods=["post"], serializer_class=NoteInputSerializer)
    def notes(self, request: Request, case_ref: str) -> Response:
        """Add a note, or a record of a letter sent, to the case timeline."""
        record = self.get_object()
        self.check_update(record)
        serializer = NoteInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.case_note_add(
            actor=self.user, case=record, source=SOURCE, **serializer.validated_data
        )
        return Response(self.represent([self.reloaded(record)])[0])
