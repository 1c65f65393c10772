"""The `referrals` resource (docs/api.md): safeguarding referrals, named by their reference
(referral_ref, e.g. SGR-2026-000007).

Any officer who takes calls makes a referral: anyone may raise a concern. Afterwards a referral
is read only by the officer who made it, safeguarding leads and the managers of its office
(doorstep.safeguarding.permissions); the list is for safeguarding leads and managers, as the
referrals page is. Every answer that shows a referral is audited, one row per referral.
"""

from __future__ import annotations

from collections.abc import Sequence
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
from doorstep.core.permissions import require
from doorstep.partners.models import Agency
from doorstep.people.models import Person
from doorstep.safeguarding import selectors, services
from doorstep.safeguarding.models import AbuseCategory, AdultOrChild, SafeguardingReferral
from doorstep.safeguarding.permissions import (
    can_edit_referral,
    can_list_referrals,
    can_make_referral,
)

SEEN = "safeguarding referral (API)"
LIST_REFUSED = "The list of referrals is for safeguarding leads and managers."


class ReferralSerializer(serializers.ModelSerializer[SafeguardingReferral]):
    """A safeguarding referral with its same-day clock: it is due to the agency by the end of
    the London day the concern was recorded."""

    referral_ref = serializers.CharField(source="reference", read_only=True)
    person_ref = serializers.CharField(source="person.reference", read_only=True)
    case_ref = serializers.CharField(source="case.reference", read_only=True, allow_null=True)
    agency_id = serializers.IntegerField(read_only=True)
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    made_by_email = serializers.EmailField(source="made_by.email", read_only=True)
    made_by_name = serializers.CharField(source="made_by.full_name", read_only=True)
    office_id = serializers.IntegerField(read_only=True, allow_null=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = SafeguardingReferral
        fields = [
            "referral_ref",
            "person_ref",
            "case_ref",
            "adult_or_child",
            "category",
            "what_was_seen",
            "immediate_danger",
            "consent_given",
            "reason_without_consent",
            "concern_recorded_at",
            "due_at",
            "overdue",
            "agency_id",
            "agency_name",
            "sent_at",
            "agency_reference",
            "outcome",
            "outcome_on",
            "made_by_email",
            "made_by_name",
            "office_id",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_overdue(self, referral: SafeguardingReferral) -> bool:
        return referral.is_overdue(timezone.now())


class ReferralCreateSerializer(InputSerializer):
    """A referral to a directory agency. Without consent, say why. With `open_case`, a
    restricted safeguarding case is opened for the person and linked."""

    person_ref = ReferenceField(
        source="person", slug_field="reference", queryset=Person.objects.all(), noun="person"
    )
    adult_or_child = serializers.ChoiceField(choices=AdultOrChild.choices)
    category = serializers.ChoiceField(choices=AbuseCategory.choices)
    what_was_seen = serializers.CharField(max_length=services.SEEN_MAX)
    immediate_danger = serializers.BooleanField()
    consent_given = serializers.BooleanField()
    reason_without_consent = serializers.CharField(
        max_length=services.REASON_MAX, required=False, allow_blank=True
    )
    agency_id = serializers.PrimaryKeyRelatedField(source="agency", queryset=Agency.objects.all())
    concern_recorded_at = serializers.DateTimeField(required=False, help_text="Default: now.")
    open_case = serializers.BooleanField(required=False)


class ReferralUpdateSerializer(InputSerializer):
    """Mark the referral sent (`sent_at`), and record the agency's reference and outcome."""

    sent_at = serializers.DateTimeField(
        required=False, help_text="When it went to the agency; the first time stands."
    )
    agency_reference = serializers.CharField(
        max_length=services.AGENCY_REFERENCE_MAX, required=False, allow_blank=True
    )
    outcome = serializers.CharField(
        max_length=services.OUTCOME_MAX, required=False, allow_blank=True
    )
    outcome_on = serializers.DateField(required=False, allow_null=True)


class ReferralFilter(ApiFilterSet):
    show = django_filters.ChoiceFilter(
        choices=[c for c in selectors.ReferralFilter.choices if c[0]],
        label="overdue (not sent, clock run out), not_sent, or awaiting_outcome",
    )
    person_ref = django_filters.CharFilter(field_name="person__reference")
    selector_filters = ("show",)

    class Meta:
        model = SafeguardingReferral
        fields: list[str] = []


class ReferralViewSet(CreateMixin, UpdateMixin, ResourceViewSet):
    """Safeguarding referrals and their same-day clock."""

    queryset = SafeguardingReferral.objects.none()
    serializer_class = ReferralSerializer
    create_serializer_class = ReferralCreateSerializer
    update_serializer_class = ReferralUpdateSerializer
    filterset_class = ReferralFilter
    lookup_field = "reference"
    lookup_url_kwarg = "referral_ref"
    service_field_names = {"agency": "agency_id"}

    def check_list(self) -> None:
        require(can_list_referrals(self.user), LIST_REFUSED)

    def list_queryset(self, filterset: Any) -> QuerySet[SafeguardingReferral]:
        show = filterset.selector_values().get("show", "")
        return selectors.referral_list(user=self.user, show=show, now=timezone.now())

    def detail_queryset(self) -> QuerySet[SafeguardingReferral]:
        return selectors.referrals_readable()

    def get_object(self) -> SafeguardingReferral:
        # The referral page's own selector: 404, or 403 unless the caller may see it.
        return selectors.referral_get(user=self.user, reference=self.kwargs["referral_ref"])

    def prepare(self, records: Sequence[SafeguardingReferral]) -> Sequence[SafeguardingReferral]:
        services.referrals_list_viewed(actor=self.user, referrals=records, what=SEEN, source=SOURCE)
        return records

    def check_create(self) -> None:
        require(can_make_referral(self.user), services.MAKE_REFUSED)

    def create_record(self, data: dict[str, Any]) -> SafeguardingReferral:
        return services.referral_make(actor=self.user, source=SOURCE, **data)

    def check_update(self, record: SafeguardingReferral) -> None:
        require(can_edit_referral(self.user, record), services.EDIT_REFUSED)

    def update_record(
        self, record: SafeguardingReferral, data: dict[str, Any]
    ) -> SafeguardingReferral:
        if "sent_at" in data:
            record = services.referral_mark_sent(
                actor=self.user, referral=record, sent_at=data["sent_at"], source=SOURCE
            )
        answer = {k: data[k] for k in ("agency_reference", "outcome", "outcome_on") if k in data}
        if answer:
            record = services.referral_record_outcome(
                actor=self.user,
                referral=record,
                agency_reference=answer.get("agency_reference", record.agency_reference),
                outcome=answer.get("outcome", record.outcome),
                outcome_on=answer.get("outcome_on", record.outcome_on),
                source=SOURCE,
            )
        return record
