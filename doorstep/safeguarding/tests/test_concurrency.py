"""Two officers recording the agency's reply to one referral at once: the second sees a
conflict with both versions side by side, and nothing the first saved is overwritten. A stale
If-Match on the API's PATCH is refused with 412."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from doorstep.core.tests.conflicts import second_save_conflicts
from doorstep.safeguarding import services
from doorstep.safeguarding.models import SafeguardingReferral

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(referral):
    referral.sent_at = timezone.now() - timezone.timedelta(days=2)
    referral.save()
    return referral


def test_the_second_of_two_officers_sees_a_conflict_and_the_first_save_stands(
    client, colleague, safeguarding_lead, sent
):
    second_save_conflicts(
        client,
        reverse("safeguarding:referral_outcome", args=[sent.reference]),
        first=(colleague, {"agency_reference": "MASH-4471", "outcome": "Section 42 enquiry"}),
        second=(safeguarding_lead, {"agency_reference": "MASH-9000", "outcome": "No action"}),
        shown=("MASH-4471", "MASH-9000", "Section 42 enquiry", "No action"),
    )
    saved = SafeguardingReferral.objects.get(pk=sent.pk)
    assert (saved.agency_reference, saved.outcome) == ("MASH-4471", "Section 42 enquiry")


def test_a_patch_with_a_stale_if_match_is_refused_and_changes_nothing(
    colleague, safeguarding_lead, sent
):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=colleague).key}")
    url = f"/api/v1/referrals/{sent.reference}/"
    read = api.get(url)
    assert read.status_code == 200
    services.referral_record_outcome(
        actor=safeguarding_lead, referral=sent, agency_reference="MASH-4471"
    )
    refused = api.patch(
        url, {"agency_reference": "MASH-9000"}, format="json", HTTP_IF_MATCH=read["ETag"]
    )
    assert refused.status_code == 412
    assert SafeguardingReferral.objects.get(pk=sent.pk).agency_reference == "MASH-4471"
