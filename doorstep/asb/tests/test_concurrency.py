"""Two officers editing one ASB record (the case's ASB details, a mediation referral's
outcome): the second sees a conflict with both versions side by side, and nothing the first
saved is overwritten."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from doorstep.asb.models import AsbDetails, MediationReferral
from doorstep.asb.tests.factories import AsbCaseFactory, DisputeCaseFactory
from doorstep.core.tests.conflicts import second_save_conflicts

pytestmark = pytest.mark.django_db

NOISE = {"category": "nuisance", "subtype": "noise"}
HARASSMENT = {"category": "personal", "subtype": "harassment"}


@pytest.mark.parametrize("recorded_before", [True, False], ids=["edited", "recorded meanwhile"])
def test_asb_details_the_second_save_conflicts(client, home, officer, team_leader, recorded_before):
    case = AsbCaseFactory(home=home)
    if recorded_before:
        AsbDetails.objects.create(case=case, category="environmental", subtype="animal")
    second_save_conflicts(
        client,
        reverse("asb:details_edit", args=[case.reference]),
        first=(officer, NOISE),
        second=(team_leader, HARASSMENT),
        shown=("Noise", "Harassment"),
    )
    details = AsbDetails.objects.get(case=case)
    assert (details.category, details.subtype) == ("nuisance", "noise")


def test_mediation_outcome_the_second_save_conflicts(client, home, officer, team_leader):
    dispute = DisputeCaseFactory(home=home)
    referral = MediationReferral.objects.create(
        case=dispute, provider="Walsall Mediation Service", referred_on=dt.date(2026, 9, 1)
    )
    second_save_conflicts(
        client,
        reverse("asb:mediation_outcome", args=[dispute.reference, referral.pk]),
        first=(officer, {"outcome": "resolved", "outcome_on": "2026-09-10"}),
        second=(team_leader, {"outcome": "declined", "outcome_on": "2026-09-11"}),
        shown=("Resolved", "A party declined mediation", "10 Sep 2026", "11 Sep 2026"),
    )
    referral.refresh_from_db()
    assert (referral.outcome, str(referral.outcome_on)) == ("resolved", "2026-09-10")
