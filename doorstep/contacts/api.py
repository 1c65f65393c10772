"""The `contacts` and `callbacks` resources (docs/api.md). Both are named by id: they have no
reference an officer uses.

Any officer who takes calls logs a contact or leaves a call-back for anyone (the duty desk
rule). A contact on a restricted case the caller may not see is left out, as on every page.
Call-backs are listed as the call-backs page lists them (the caller's own, their team's and
the teams they lead or manage); any one can be read by id, as its page can be opened. Working,
closing and reassigning a call-back are checked by the services.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from doorstep.api.fields import NormalisedCharField, ReferenceField, staff_field
from doorstep.api.filters import ApiFilterSet
from doorstep.api.resources import CreateMixin, InputSerializer, ResourceViewSet, UpdateMixin
from doorstep.cases.models import Case
from doorstep.contacts import selectors, services
from doorstep.contacts.models import (
    AttemptOutcome,
    CallBack,
    CallBackAttempt,
    CallBackStatus,
    Channel,
    Contact,
    Direction,
)
from doorstep.core.permissions import can_take_calls, require
from doorstep.core.validators import normalise_phone
from doorstep.people.models import Person
from doorstep.places.models import Home, Team

CANNOT_LOG = "Only officers who take calls can log a contact."
CANNOT_CALL_BACK = "Only officers who take calls can leave or work a call-back."
# The services name the records they were given; the API names them by reference.
SUBJECT_FIELDS = {"person": "person_ref", "home": "uprn", "case": "case_ref"}


def person_ref_field(**kwargs: Any) -> ReferenceField:
    return ReferenceField(
        source="person",
        slug_field="reference",
        queryset=Person.objects.all(),
        noun="person",
        **kwargs,
    )


def uprn_field(**kwargs: Any) -> ReferenceField:
    return ReferenceField(
        source="home", slug_field="uprn", queryset=Home.objects.all(), noun="home", **kwargs
    )


def case_ref_field(**kwargs: Any) -> ReferenceField:
    return ReferenceField(
        source="case",
        slug_field="reference",
        queryset=Case.objects.select_related("lead_officer", "team__leader"),
        noun="case",
        **kwargs,
    )


def _not_before_today(value: dt.date | None) -> None:
    if value is not None and value < timezone.localdate():
        raise serializers.ValidationError("The follow-up date must be today or in the future.")


# --- contacts --------------------------------------------------------------------------------


class ContactSerializer(serializers.ModelSerializer[Contact]):
    """One contact with or about a resident: about a person, a home, or both, and perhaps on a
    case's timeline."""

    person_ref = serializers.CharField(source="person.reference", read_only=True, allow_null=True)
    uprn = serializers.CharField(source="home.uprn", read_only=True, allow_null=True)
    case_ref = serializers.CharField(source="case.reference", read_only=True, allow_null=True)
    logged_by_email = serializers.EmailField(source="logged_by.email", read_only=True)
    logged_by_name = serializers.CharField(source="logged_by.full_name", read_only=True)

    class Meta:
        model = Contact
        fields = [
            "id",
            "channel",
            "direction",
            "person_ref",
            "uprn",
            "case_ref",
            "summary",
            "happened_at",
            "logged_by_email",
            "logged_by_name",
            "follow_up_on",
            "follow_up_done_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ContactCreateSerializer(InputSerializer):
    """A contact to log: about a person (person_ref), a home (uprn) or both."""

    channel = serializers.ChoiceField(choices=Channel.choices)
    direction = serializers.ChoiceField(choices=Direction.choices)
    summary = serializers.CharField(max_length=services.SUMMARY_MAX)
    person_ref = person_ref_field(required=False, allow_null=True)
    uprn = uprn_field(required=False, allow_null=True)
    case_ref = case_ref_field(required=False, allow_null=True)
    happened_at = serializers.DateTimeField(required=False, help_text="Default: now.")
    follow_up_on = serializers.DateField(
        required=False, allow_null=True, validators=[_not_before_today]
    )

    def validate_happened_at(self, value: dt.datetime) -> dt.datetime:
        if value > timezone.now():
            raise serializers.ValidationError("The contact cannot have happened in the future.")
        return value


class ContactUpdateSerializer(InputSerializer):
    """Put the contact on a case's timeline, or mark its follow-up done."""

    case_ref = case_ref_field(required=False)
    follow_up_done = serializers.BooleanField(
        required=False, help_text="true marks the follow-up done; it cannot be undone."
    )


class ContactFilter(ApiFilterSet):
    person_ref = django_filters.CharFilter(field_name="person__reference")
    uprn = django_filters.CharFilter(field_name="home__uprn")
    case_ref = django_filters.CharFilter(field_name="case__reference")
    channel = django_filters.ChoiceFilter(choices=Channel.choices)
    direction = django_filters.ChoiceFilter(choices=Direction.choices)
    mine = django_filters.BooleanFilter(method="filter_mine", label="Only contacts I logged")

    class Meta:
        model = Contact
        fields: list[str] = []

    def filter_mine(self, queryset: QuerySet[Contact], name: str, value: bool) -> QuerySet[Contact]:
        return queryset.filter(logged_by_id=self.request.user.pk) if value else queryset


class ContactViewSet(CreateMixin, UpdateMixin, ResourceViewSet):
    """The contact log: every contact the caller may read."""

    queryset = Contact.objects.none()
    serializer_class = ContactSerializer
    create_serializer_class = ContactCreateSerializer
    update_serializer_class = ContactUpdateSerializer
    filterset_class = ContactFilter
    service_field_names = SUBJECT_FIELDS

    def get_queryset(self) -> QuerySet[Contact]:
        return selectors.contacts_visible_to(user=self.user)

    def check_create(self) -> None:
        require(can_take_calls(self.user), CANNOT_LOG)

    def create_record(self, data: dict[str, Any]) -> Contact:
        return services.contact_log(actor=self.user, **data)

    def check_update(self, record: Contact) -> None:
        require(can_take_calls(self.user), "Only officers who take calls can change a contact.")

    def update_record(self, record: Contact, data: dict[str, Any]) -> Contact:
        if data.get("case") is not None:
            record = services.contact_link_case(actor=self.user, contact=record, case=data["case"])
        if data.get("follow_up_done"):
            record = services.contact_follow_up_done(actor=self.user, contact=record)
        return record


# --- call-backs ------------------------------------------------------------------------------


class AttemptSerializer(serializers.ModelSerializer[CallBackAttempt]):
    attempted_by_email = serializers.EmailField(source="attempted_by.email", read_only=True)

    class Meta:
        model = CallBackAttempt
        fields = ["attempted_at", "attempted_by_email", "outcome", "note"]
        read_only_fields = fields


class CallBackSerializer(serializers.ModelSerializer[CallBack]):
    """A promise to ring someone back, for an officer or a team, due by the end of the first
    working day after it was left."""

    for_officer_email = serializers.EmailField(
        source="for_officer.email", read_only=True, allow_null=True
    )
    for_officer_name = serializers.CharField(
        source="for_officer.full_name", read_only=True, allow_null=True
    )
    for_team_id = serializers.IntegerField(read_only=True, allow_null=True)
    for_team_name = serializers.CharField(source="for_team.name", read_only=True, allow_null=True)
    person_ref = serializers.CharField(source="person.reference", read_only=True, allow_null=True)
    uprn = serializers.CharField(source="home.uprn", read_only=True, allow_null=True)
    overdue = serializers.SerializerMethodField()
    created_by_email = serializers.EmailField(source="created_by.email", read_only=True)
    completed_by_email = serializers.EmailField(
        source="completed_by.email", read_only=True, allow_null=True
    )
    attempts = AttemptSerializer(many=True, read_only=True)

    class Meta:
        model = CallBack
        fields = [
            "id",
            "for_officer_email",
            "for_officer_name",
            "for_team_id",
            "for_team_name",
            "person_ref",
            "uprn",
            "caller_name",
            "phone",
            "reason",
            "due_at",
            "status",
            "overdue",
            "created_by_email",
            "completed_at",
            "completed_by_email",
            "outcome",
            "attempts",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_overdue(self, callback: CallBack) -> bool:
        return callback.is_overdue()


class CallBackCreateSerializer(InputSerializer):
    """A call-back to leave: for an officer (by email) or a team (by id), not both."""

    for_officer_email = staff_field(source="for_officer", required=False, allow_null=True)
    for_team_id = serializers.PrimaryKeyRelatedField(
        source="for_team", queryset=Team.objects.all(), required=False, allow_null=True
    )
    phone = NormalisedCharField(normalise=normalise_phone, max_length=30)
    reason = serializers.CharField(max_length=services.REASON_MAX)
    caller_name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    person_ref = person_ref_field(required=False, allow_null=True)
    uprn = uprn_field(required=False, allow_null=True)


class CallBackUpdateSerializer(InputSerializer):
    """Reassign the call-back (for_officer_email or for_team_id), or mark it done."""

    for_officer_email = staff_field(source="for_officer", required=False, allow_null=True)
    for_team_id = serializers.PrimaryKeyRelatedField(
        source="for_team", queryset=Team.objects.all(), required=False, allow_null=True
    )
    status = serializers.ChoiceField(
        choices=[(CallBackStatus.DONE.value, CallBackStatus.DONE.label)],
        required=False,
        help_text="done closes the call-back, with `outcome`.",
    )
    outcome = serializers.CharField(
        max_length=services.OUTCOME_MAX, required=False, allow_blank=True
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "outcome" in attrs and attrs.get("status") != CallBackStatus.DONE:
            raise serializers.ValidationError(
                {"outcome": ["Give an outcome with status done, when closing the call-back."]}
            )
        return attrs


class AttemptInputSerializer(InputSerializer):
    """One attempt to ring back. The call-back stays open until it is marked done."""

    outcome = serializers.ChoiceField(choices=AttemptOutcome.choices)
    note = serializers.CharField(max_length=services.NOTE_MAX, required=False, allow_blank=True)


class CallBackFilter(ApiFilterSet):
    show = django_filters.ChoiceFilter(
        choices=selectors.Show.choices,
        label="Which call-backs, as the tabs of the call-backs page: mine (the default), my "
        "team's, overdue, or all open ones I can work on",
    )
    status = django_filters.ChoiceFilter(
        choices=[*CallBackStatus.choices, ("any", "Any status")],
        label="Status (default open)",
    )
    person_ref = django_filters.CharFilter(field_name="person__reference")
    uprn = django_filters.CharFilter(field_name="home__uprn")
    selector_filters = ("show", "status")

    class Meta:
        model = CallBack
        fields: list[str] = []


class CallBackViewSet(CreateMixin, UpdateMixin, ResourceViewSet):
    """Call-backs: the caller's work queue, as on the call-backs page."""

    queryset = CallBack.objects.none()
    serializer_class = CallBackSerializer
    create_serializer_class = CallBackCreateSerializer
    update_serializer_class = CallBackUpdateSerializer
    filterset_class = CallBackFilter
    service_field_names = SUBJECT_FIELDS | {"for_officer": "for_officer_email"}

    def list_queryset(self, filterset: Any) -> QuerySet[CallBack]:
        filters = filterset.selector_values()
        if filters.get("status") == "any":
            filters["status"] = ""
        return selectors.callbacks_with_attempts(
            selectors.callbacks_for(user=self.user, filters=filters)
        )

    def detail_queryset(self) -> QuerySet[CallBack]:
        return selectors.callbacks_readable()

    def check_create(self) -> None:
        require(can_take_calls(self.user), CANNOT_CALL_BACK)

    def create_record(self, data: dict[str, Any]) -> CallBack:
        return services.callback_create(actor=self.user, **data)

    def check_update(self, record: CallBack) -> None:
        require(can_take_calls(self.user), CANNOT_CALL_BACK)

    def update_record(self, record: CallBack, data: dict[str, Any]) -> CallBack:
        if "for_officer" in data or "for_team" in data:
            record = services.callback_reassign(
                actor=self.user,
                callback=record,
                for_officer=data.get("for_officer"),
                for_team=data.get("for_team"),
            )
        if data.get("status") == CallBackStatus.DONE:
            record = services.callback_complete(
                actor=self.user, callback=record, outcome=data.get("outcome", "")
            )
        return record

    @extend_schema(request=AttemptInputSerializer)
    @action(detail=True, methods=["post"], serializer_class=AttemptInputSerializer)
    def attempts(self, request: Request, pk: str) -> Response:
        """Record one attempt to ring back."""
        record = self.get_object()
        require(can_take_calls(self.user), CANNOT_CALL_BACK)
        serializer = AttemptInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.callback_attempt(actor=self.user, callback=record, **serializer.validated_data)
        return Response(self.represent([self.reloaded(record)])[0])
