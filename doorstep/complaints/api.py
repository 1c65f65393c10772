"""The `complaints` resource (docs/api.md): complaints under the Complaint Handling Code,
named by their case reference (complaint_ref, e.g. COM-2026-000042).

A complaint is a case of type `complaint` with its stages and their clocks. It is read like
any case (a restricted one the caller may not see is a stub), opened by any officer who takes
calls, and moved on by the stage actions — acknowledge, extend, respond, escalate — which
doorstep.complaints.services check against the Code's clocks. Its summary, lead officer and
status are changed through /cases/.

Its version (the ETag) is that of the case or of whichever of its stages changed last, so a
stage action sent with an If-Match read before someone else's change gets 412.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from operator import attrgetter
from typing import Any

import django_filters
from django.db import transaction
from django.db.models import QuerySet
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from doorstep.api.fields import ReferenceField, constant_field, staff_field
from doorstep.api.filters import ApiFilterSet, updated_since_filter
from doorstep.api.resources import SOURCE, CreateMixin, InputSerializer, ResourceViewSet
from doorstep.cases import selectors as case_selectors
from doorstep.cases.api import changed_since
from doorstep.cases.filters import STATUS_CHOICES, Scope
from doorstep.cases.models import Case, CaseType
from doorstep.cases.permissions import can_edit_case, can_see_case, restricted_label
from doorstep.complaints import selectors, services
from doorstep.complaints.models import ComplaintAbout, ComplaintStage, Outcome, Stage
from doorstep.core.concurrency import version_of
from doorstep.core.permissions import can_take_calls, require
from doorstep.people.models import Person
from doorstep.places.models import Home

SEEN = "complaint (API)"


class StageSerializer(serializers.ModelSerializer[ComplaintStage]):
    """One stage with its Code clocks: acknowledge by, then respond by (from acknowledgement,
    plus any extension)."""

    outcome = serializers.ChoiceField(choices=Outcome.choices, allow_blank=True, read_only=True)

    class Meta:
        model = ComplaintStage
        fields = [
            "stage",
            "received_on",
            "acknowledge_by",
            "acknowledged_on",
            "respond_by",
            "responded_on",
            "extension_working_days",
            "extension_reason",
            "outcome",
            "response_summary",
        ]
        read_only_fields = fields


class ComplaintSerializer(serializers.ModelSerializer[Case]):
    """A complaint the caller may see, in full."""

    access = constant_field("full")
    complaint_ref = serializers.CharField(source="reference", read_only=True)
    about = serializers.ChoiceField(
        source="complaint_details.about",
        choices=ComplaintAbout.choices,
        read_only=True,
        allow_null=True,
    )
    desired_outcome = serializers.CharField(
        source="complaint_details.desired_outcome", read_only=True, allow_null=True
    )
    complainant_ref = serializers.SerializerMethodField()
    uprn = serializers.CharField(source="home.uprn", read_only=True, allow_null=True)
    lead_officer_email = serializers.EmailField(
        source="lead_officer.email", read_only=True, allow_null=True
    )
    lead_officer_name = serializers.CharField(
        source="lead_officer.full_name", read_only=True, allow_null=True
    )
    stages = StageSerializer(source="complaint_stages", many=True, read_only=True)

    class Meta:
        model = Case
        fields = [
            "access",
            "complaint_ref",
            "status",
            "restricted",
            "summary",
            "about",
            "desired_outcome",
            "complainant_ref",
            "uprn",
            "lead_officer_email",
            "lead_officer_name",
            "opened_on",
            "closed_on",
            "stages",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_complainant_ref(self, case: Case) -> str | None:
        person = selectors.complainant_of(case)
        return person.reference if person is not None else None


class ComplaintStubSerializer(serializers.Serializer[case_selectors.CaseRow]):
    """A restricted complaint the caller may not see: that it exists, and whom to ask."""

    access = constant_field("stub")
    complaint_ref = serializers.CharField(source="reference", read_only=True)
    restricted = serializers.BooleanField(read_only=True)
    ask = serializers.CharField(read_only=True)

    class Meta:
        ref_name = "ComplaintStub"


COMPLAINT_OR_STUB = PolymorphicProxySerializer(
    component_name="ComplaintOrStub",
    serializers={"full": ComplaintSerializer, "stub": ComplaintStubSerializer},
    resource_type_field_name="access",
)


class ComplaintCreateSerializer(InputSerializer):
    """A stage 1 complaint: the acknowledge clock starts from `received_on`."""

    complainant_ref = ReferenceField(
        source="complainant",
        slug_field="reference",
        queryset=Person.objects.all(),
        noun="person",
        required=False,
        allow_null=True,
    )
    summary = serializers.CharField(max_length=services.SUMMARY_MAX)
    received_on = serializers.DateField()
    uprn = ReferenceField(
        source="home",
        slug_field="uprn",
        queryset=Home.objects.select_related("estate", "block"),
        noun="home",
        required=False,
        allow_null=True,
    )
    about = serializers.ChoiceField(choices=ComplaintAbout.choices, required=False)
    desired_outcome = serializers.CharField(
        max_length=services.DESIRED_OUTCOME_MAX, required=False, allow_blank=True
    )
    lead_officer_email = staff_field(
        source="lead_officer", required=False, allow_null=True, help_text="Default: you."
    )


class StageNumber(InputSerializer):
    stage = serializers.ChoiceField(choices=Stage.choices)


class AcknowledgeSerializer(StageNumber):
    """Acknowledge a stage: this starts its response clock."""

    acknowledged_on = serializers.DateField()


class ExtendSerializer(StageNumber):
    """Extend a stage's response clock (stage 1: at most 10 working days in all; stage 2: 20),
    before the response is overdue."""

    working_days = serializers.IntegerField(min_value=1, max_value=20)
    reason = serializers.CharField(max_length=services.REASON_MAX)


class RespondSerializer(StageNumber):
    """Record a stage's response and its outcome."""

    responded_on = serializers.DateField()
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    response_summary = serializers.CharField(max_length=services.RESPONSE_MAX)


class EscalateSerializer(InputSerializer):
    """Open stage 2 when the complainant asks, after the stage 1 response."""

    requested_on = serializers.DateField()
    reason = serializers.CharField(max_length=services.REASON_MAX, required=False, allow_blank=True)


class ComplaintFilter(ApiFilterSet):
    show = django_filters.ChoiceFilter(
        choices=Scope.choices, label="Whose complaints (default all)"
    )
    status = django_filters.ChoiceFilter(
        choices=STATUS_CHOICES, label="The case's status; open means not closed (default any)"
    )
    updated_since = updated_since_filter(method="filter_updated_since")
    selector_filters = ("show", "status")

    class Meta:
        model = Case
        fields: list[str] = []

    def filter_updated_since(
        self, queryset: QuerySet[Case], name: str, value: dt.datetime
    ) -> QuerySet[Case]:
        return changed_since(queryset, value)


class ComplaintViewSet(CreateMixin, ResourceViewSet):
    """Complaints with their stages and Complaint Handling Code clocks."""

    queryset = Case.objects.none()
    serializer_class = COMPLAINT_OR_STUB  # type: ignore[assignment]
    create_serializer_class = ComplaintCreateSerializer
    filterset_class = ComplaintFilter
    lookup_field = "reference"
    lookup_url_kwarg = "complaint_ref"
    service_field_names = {"complainant": "complainant_ref", "home": "uprn"}
    versioned_actions = ("acknowledge", "extend", "respond", "escalate")

    def _complaints(self, **filters: Any) -> QuerySet[Case]:
        params = {"show": Scope.ALL, "status": "any", **filters, "case_type": CaseType.COMPLAINT}
        return selectors.with_complaint(case_selectors.cases_for(user=self.user, filters=params))

    def list_queryset(self, filterset: Any) -> QuerySet[Case]:
        return self._complaints(**filterset.selector_values())

    def detail_queryset(self) -> QuerySet[Case]:
        return self._complaints()

    def lookup_value(self, value: str) -> str:
        return value.strip().upper()

    def represent(self, records: Sequence[Case]) -> list[dict[str, Any]]:
        context = self.get_serializer_context()
        rows = case_selectors.rows_for(user=self.user, cases=records, what=SEEN, source=SOURCE)
        return [
            ComplaintSerializer(row.case, context=context).data
            if row.case is not None
            else ComplaintStubSerializer(row, context=context).data
            for row in rows
        ]

    # --- versions: the complaint and its stages --------------------------------------------

    def version(self, record: Case) -> str:
        return version_of(max([record, *selectors.stages_of(record)], key=attrgetter("updated_at")))

    def current_version(self, record: Case) -> str:
        locked = Case.objects.select_for_update(of=("self",)).get(pk=record.pk)
        stages = ComplaintStage.objects.select_for_update().filter(case_id=record.pk)
        return version_of(
            max([locked, *stages.only("id", "updated_at")], key=attrgetter("updated_at"))
        )

    def check_create(self) -> None:
        require(can_take_calls(self.user), "Only officers who take calls can log a complaint.")

    def create_record(self, data: dict[str, Any]) -> Case:
        return services.complaint_open(
            actor=self.user,
            complainant=data.get("complainant"),
            summary=data["summary"],
            received_on=data["received_on"],
            home=data.get("home"),
            about=data.get("about", ComplaintAbout.OTHER),
            desired_outcome=data.get("desired_outcome", ""),
            lead_officer=data.get("lead_officer") or self.user,
            source=SOURCE,
        )

    # --- the stage actions -------------------------------------------------------------------

    def _act(self, serializer_class: type[InputSerializer], act: Any) -> Response:
        """Check the caller may change the complaint, validate the body, then call `act`
        with the data (and the stage it names) in one transaction, refused (412) if an
        If-Match names a version older than the complaint's."""
        record = self.get_object()
        require(can_see_case(self.user, record), restricted_label(record))
        require(can_edit_case(self.user, record), services.CANNOT_EDIT)
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "stage" in data:
            number = data.pop("stage")
            stage = next((s for s in selectors.stages_of(record) if s.stage == number), None)
            if stage is None:
                raise serializers.ValidationError(
                    {"stage": [f"This complaint has no stage {number} yet."]}
                )
            data["stage"] = stage
        with transaction.atomic():
            self.check_if_match(record)
            act(record, data)
        return Response(self.represent([self.reloaded(record)])[0])

    @extend_schema(request=AcknowledgeSerializer)
    @action(detail=True, methods=["post"], serializer_class=AcknowledgeSerializer)
    def acknowledge(self, request: Request, complaint_ref: str) -> Response:
        """Record a stage's acknowledgement; its response clock starts."""
        return self._act(
            AcknowledgeSerializer,
            lambda case, data: services.complaint_acknowledge(
                actor=self.user, source=SOURCE, **data
            ),
        )

    @extend_schema(request=ExtendSerializer)
    @action(detail=True, methods=["post"], serializer_class=ExtendSerializer)
    def extend(self, request: Request, complaint_ref: str) -> Response:
        """Extend a stage's response clock, with the reason given to the complainant."""
        return self._act(
            ExtendSerializer,
            lambda case, data: services.complaint_extend(actor=self.user, source=SOURCE, **data),
        )

    @extend_schema(request=RespondSerializer)
    @action(detail=True, methods=["post"], serializer_class=RespondSerializer)
    def respond(self, request: Request, complaint_ref: str) -> Response:
        """Record a stage's response and its outcome."""
        return self._act(
            RespondSerializer,
            lambda case, data: services.complaint_respond(actor=self.user, source=SOURCE, **data),
        )

    @extend_schema(request=EscalateSerializer)
    @action(detail=True, methods=["post"], serializer_class=EscalateSerializer)
    def escalate(self, request: Request, complaint_ref: str) -> Response:
        """Escalate to stage 2 at the complainant's request."""
        return self._act(
            EscalateSerializer,
            lambda case, data: services.complaint_escalate(
                actor=self.user, case=case, source=SOURCE, **data
            ),
        )
