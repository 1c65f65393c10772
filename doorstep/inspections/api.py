"""The `inspections` resource (docs/api.md): estate and block inspections with their answers,
named by id (an inspection has no reference an officer uses).

Every member of staff reads inspections, as on the inspection pages. Starting one, answering
its checklist items and completing it go through `inspections.services` (estates officers of
the estate's office, neighbourhood officers on its patch, team leaders and managers of its
office: `inspections.permissions.can_inspect`). Starting where an inspection is already in
progress gives that one, so a retry never makes two. One item is answered per request:
`PATCH /inspections/{id}/answers/{answer_id}/`. Photos are taken on the inspection page, not
here; `has_photo` says whether an item has one.

An inspection's version (its ETag) is the latest change to it or to any of its answers, so
`If-Match` on answering or completing refuses (412) if anyone has answered since you read it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from operator import attrgetter
from typing import Any

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from doorstep.api.filters import ApiFilterSet, updated_since_filter
from doorstep.api.resources import SOURCE, CreateMixin, InputSerializer, ResourceViewSet
from doorstep.core.concurrency import version_of
from doorstep.core.permissions import can_take_calls, require
from doorstep.inspections import selectors, services
from doorstep.inspections.models import (
    NOTE_MAX,
    Inspection,
    InspectionAnswer,
    InspectionStatus,
    Result,
)
from doorstep.inspections.permissions import CANNOT_INSPECT, can_inspect
from doorstep.places.models import Block, Estate

# The services' argument names, as the API calls them.
INSPECTION_FIELDS = {"place": "block_id"}
# The services key an answer's refusals by its form prefix: "a12-result".
ANSWER_KEY = re.compile(r"^a(?P<answer_id>\d+)-(?P<field>\w+)$")


class AnswerSerializer(serializers.ModelSerializer[InspectionAnswer]):
    """One checklist item on the inspection, with its text as it was when the inspection
    started, and what the inspector found."""

    answer_id = serializers.IntegerField(source="id", read_only=True)
    item_id = serializers.IntegerField(read_only=True)
    result = serializers.ChoiceField(
        choices=Result.choices, allow_blank=True, read_only=True, help_text="Blank: not answered."
    )
    has_photo = serializers.SerializerMethodField()
    answered_by_email = serializers.EmailField(
        source="answered_by.email", read_only=True, allow_null=True
    )
    case_ref = serializers.SerializerMethodField(
        help_text="The case raised from this failed item, when you may see that case."
    )

    class Meta:
        model = InspectionAnswer
        fields = [
            "answer_id",
            "item_id",
            "order",
            "item_text",
            "item_hint",
            "follow_up",
            "result",
            "note",
            "has_photo",
            "answered_by_email",
            "answered_at",
            "case_ref",
            "updated_at",
        ]
        read_only_fields = fields

    def get_has_photo(self, answer: InspectionAnswer) -> bool:
        return bool(answer.photo)

    def get_case_ref(self, answer: InspectionAnswer) -> str | None:
        if answer.case is None or not getattr(answer, "case_visible", False):
            return None
        return answer.case.reference


class InspectionSerializer(serializers.ModelSerializer[Inspection]):
    """An inspection of an estate (block_id null) or of one of its blocks, with its score
    once complete: passes / (passes + fails), null when nothing passed or failed."""

    estate_name = serializers.CharField(source="estate.name", read_only=True)
    block_id = serializers.IntegerField(read_only=True, allow_null=True)
    block_name = serializers.CharField(source="block.name", read_only=True, allow_null=True)
    place = serializers.CharField(source="place_name", read_only=True)
    schedule_id = serializers.IntegerField(read_only=True, allow_null=True)
    inspector_email = serializers.EmailField(source="inspector.email", read_only=True)
    inspector_name = serializers.CharField(source="inspector.full_name", read_only=True)
    score = serializers.DecimalField(
        max_digits=4, decimal_places=1, coerce_to_string=False, read_only=True, allow_null=True
    )
    answers = AnswerSerializer(many=True, read_only=True)

    class Meta:
        model = Inspection
        fields = [
            "id",
            "estate_id",
            "estate_name",
            "block_id",
            "block_name",
            "place",
            "schedule_id",
            "inspected_on",
            "inspector_email",
            "inspector_name",
            "status",
            "completed_at",
            "passes",
            "fails",
            "not_applicable",
            "score",
            "answers",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class InspectionStartSerializer(InputSerializer):
    """Start an inspection of an estate, or of one of its blocks, with today's checklist; if
    one is in progress there already, that one is answered."""

    estate_id = serializers.PrimaryKeyRelatedField(
        source="estate",
        queryset=Estate.objects.all(),
        error_messages={
            "does_not_exist": "No estate has the id {pk_value}.",
            "incorrect_type": "Enter the id of an estate (a whole number).",
        },
    )
    block_id = serializers.PrimaryKeyRelatedField(
        source="block",
        queryset=Block.objects.all(),
        required=False,
        allow_null=True,
        error_messages={
            "does_not_exist": "No block has the id {pk_value}.",
            "incorrect_type": "Enter the id of a block (a whole number).",
        },
    )
    inspected_on = serializers.DateField(required=False, help_text="Default: today.")


class AnswerInputSerializer(InputSerializer):
    """What was found at one checklist item: its result, a note (needed for a fail before
    the inspection can be completed), or both."""

    result = serializers.ChoiceField(choices=Result.choices, required=False)
    note = serializers.CharField(
        max_length=NOTE_MAX, required=False, allow_blank=True, trim_whitespace=False
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs:
            raise serializers.ValidationError("Give a result, a note or both.")
        return attrs


class InspectionFilter(ApiFilterSet):
    estate = django_filters.NumberFilter(
        field_name="estate_id", label="Estate id: the estate's inspections and its blocks'"
    )
    block = django_filters.NumberFilter(field_name="block_id", label="Block id")
    status = django_filters.ChoiceFilter(choices=InspectionStatus.choices)
    updated_since = updated_since_filter(method="filter_updated_since")

    class Meta:
        model = Inspection
        fields: list[str] = []

    def filter_updated_since(
        self, queryset: QuerySet[Inspection], name: str, value: dt.datetime
    ) -> QuerySet[Inspection]:
        """An answer given counts as a change to the inspection."""
        answered = Exists(
            InspectionAnswer.objects.filter(inspection_id=OuterRef("pk"), updated_at__gte=value)
        )
        return queryset.filter(Q(updated_at__gte=value) | answered)


def newest_version(inspection: Inspection, answers: Sequence[InspectionAnswer]) -> str:
    """The version of the inspection with its answers: of whichever changed last."""
    return version_of(max([inspection, *answers], key=attrgetter("updated_at")))


def completion_messages(error: DjangoValidationError) -> dict[str, Any]:
    """`inspection_complete`'s refusals ("a12-result": …) as {"answers": {"12": {"result":
    […]}}}, by answer id; anything else is about the inspection as a whole."""
    non_field = api_settings.NON_FIELD_ERRORS_KEY
    if not hasattr(error, "error_dict"):
        return {non_field: list(error.messages)}
    messages: dict[str, Any] = {}
    for key, items in error.message_dict.items():
        match = ANSWER_KEY.match(key)
        if match is None:
            messages.setdefault(non_field, []).extend(items)
            continue
        answers = messages.setdefault("answers", {})
        answers.setdefault(match["answer_id"], {})[match["field"]] = items
    return messages


class InspectionViewSet(CreateMixin, ResourceViewSet):
    """Estate and block inspections: start one, answer its checklist one item at a time,
    complete it, as on the inspection pages."""

    queryset = Inspection.objects.none()
    serializer_class = InspectionSerializer
    create_serializer_class = InspectionStartSerializer
    filterset_class = InspectionFilter
    service_field_names = INSPECTION_FIELDS
    versioned_actions = ("answers", "complete")

    def get_queryset(self) -> QuerySet[Inspection]:
        return selectors.inspections_readable(user=self.user)

    # --- versions: the inspection and its answers ----------------------------------------

    def version(self, record: Inspection) -> str:
        return newest_version(record, list(record.answers.all()))

    def current_version(self, record: Inspection) -> str:
        locked = Inspection.objects.select_for_update().get(pk=record.pk)
        answers = InspectionAnswer.objects.filter(inspection_id=locked.pk).only("id", "updated_at")
        return newest_version(locked, list(answers))

    # --- writes ----------------------------------------------------------------------------

    def check_create(self) -> None:
        require(can_take_calls(self.user), CANNOT_INSPECT)

    def create_record(self, data: dict[str, Any]) -> Inspection:
        return services.inspection_start(
            actor=self.user,
            estate=data["estate"],
            block=data.get("block"),
            inspected_on=data.get("inspected_on"),
            source=SOURCE,
        )

    def editable(self) -> Inspection:
        record: Inspection = self.get_object()
        require(can_inspect(self.user, record.estate), CANNOT_INSPECT)
        return record

    @extend_schema(
        request=AnswerInputSerializer,
        parameters=[
            OpenApiParameter(
                "answer_id",
                OpenApiTypes.INT,
                OpenApiParameter.PATH,
                description="The answer's answer_id (one per checklist item).",
            )
        ],
    )
    @action(
        detail=True,
        methods=["patch"],
        url_path=r"answers/(?P<answer_id>[0-9]+)",
        serializer_class=AnswerInputSerializer,
    )
    def answers(self, request: Request, pk: str, answer_id: str) -> Response:
        """Answer one checklist item of an inspection in progress: its result, its note, or
        both (what is not sent stays as it was)."""
        record = self.editable()
        answer = next((a for a in record.answers.all() if str(a.pk) == answer_id), None)
        if answer is None:
            raise NotFound(f"This inspection has no answer with the id {answer_id}.")

        def changes(current: dict[str, Any]) -> dict[str, Any]:
            saved: dict[str, Any] = next(
                (a for a in current["answers"] if a["answer_id"] == answer.pk), {}
            )
            sent = request.data if isinstance(request.data, dict) else {}
            return {
                str(name): {"current": saved.get(name), "yours": value}
                for name, value in sent.items()
            }

        with transaction.atomic():
            self.check_if_match(record, changes=changes)
            serializer = AnswerInputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            answer.inspection = record
            services.answer_record(
                actor=self.user,
                answer=answer,
                result=serializer.validated_data.get("result"),
                note=serializer.validated_data.get("note"),
                source=SOURCE,
            )
        return self.record_response(self.reloaded(record))

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, pk: str) -> Response:
        """Complete the inspection: every item answered and every fail noted (else 400 with
        the messages by answer id). The score is worked out and the place's schedule moves on
        to its next due date."""
        record = self.editable()
        with transaction.atomic():
            self.check_if_match(
                record,
                changes=lambda current: {
                    "status": {"current": current["status"], "yours": InspectionStatus.COMPLETED}
                },
            )
            try:
                services.inspection_complete(actor=self.user, inspection=record, source=SOURCE)
            except DjangoValidationError as exc:
                raise ValidationError(completion_messages(exc)) from exc
        return self.record_response(self.reloaded(record))
