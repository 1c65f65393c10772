"""Two officers editing one MARAC referral: the second sees a conflict with both versions side
by side, and nothing the first saved is overwritten."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorstep.core.tests.conflicts import second_save_conflicts
from doorstep.domestic_abuse.models import MaracReferral
from doorstep.domestic_abuse.tests.factories import MaracReferralFactory

pytestmark = pytest.mark.django_db


def test_the_second_of_two_officers_editing_a_marac_referral_sees_a_conflict(
    client, case, officer, team_leader, police
):
    referral = MaracReferralFactory(case=case, agency=police)
    second_save_conflicts(
        client,
        reverse("domestic_abuse:marac_edit", args=[case.reference, referral.pk]),
        first=(officer, {"meeting_on": "2026-03-12", "outcome": "Safety plan agreed"}),
        second=(team_leader, {"meeting_on": "2026-03-19", "outcome": "Adjourned"}),
        shown=("12 Mar 2026", "19 Mar 2026", "Safety plan agreed", "Adjourned"),
    )
    referral = MaracReferral.objects.get(pk=referral.pk)
    assert (str(referral.meeting_on), referral.outcome) == ("2026-03-12", "Safety plan agreed")
