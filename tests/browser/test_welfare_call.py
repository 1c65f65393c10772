"""A welfare call from My day that raises a concern and becomes a safeguarding referral, in a
real browser. axe runs on every page."""

import datetime as dt

import pytest

from doorstep.partners.tests.factories import AgencyFactory
from doorstep.people.tests.factories import FlagFactory
from doorstep.safeguarding.models import SafeguardingReferral
from doorstep.welfare.models import WelfareCall
from doorstep.welfare.tests.factories import ProgrammeFactory
from tests.browser.conftest import check_axe, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_turns_a_welfare_call_concern_into_a_safeguarding_referral(
    page, officer, team, team_leader, person, password
):
    for code in ("older_person", "lives_alone", "hearing_impairment"):
        FlagFactory(person=person, code=code, start_date=dt.date(2024, 1, 1))
    ProgrammeFactory(team=team, created_by=team_leader, start_date=dt.date(2026, 1, 5))
    AgencyFactory(name="Walsall Adult Social Care", kind="adult_social_care")

    sign_in(page, officer.email, password)
    check_axe(page)
    page.get_by_role("link", name="Welfare call: Edna Thompson").click()
    page.get_by_role("heading", level=1, name="Welfare call: Edna Thompson").wait_for()
    assert page.get_by_text("Contact by text or email, not by phone").count() == 1
    check_axe(page)

    # A concern without a note names the field.
    page.get_by_label("Spoke to them, a concern").check()
    page.get_by_role("button", name="Record the call").click()
    page.get_by_text("There is a problem").wait_for()
    check_axe(page)

    page.get_by_label("Spoke to them, a concern").check()
    page.get_by_label("Note").fill("Sounded confused; says her nephew takes her bank card.")
    page.get_by_role("button", name="Record the call").click()
    page.get_by_role("heading", level=2, name="What happens next").wait_for()
    assert WelfareCall.objects.get().outcome == "concern"
    check_axe(page)

    page.get_by_role("link", name="Make a safeguarding referral for Edna Thompson").click()
    page.get_by_role("heading", level=1, name="Make a safeguarding referral").wait_for()
    check_axe(page)
    page.locator("#id_immediate_danger_1").check()  # No
    page.get_by_label("Category of abuse or neglect").select_option(label="Financial or material")
    page.get_by_label("What was seen or heard").fill(
        "On a welfare call she said her nephew takes her bank card every week."
    )
    page.locator("#id_consent_given_0").check()  # Yes
    page.get_by_role("button", name="Make referral").click()
    page.wait_for_url("**/safeguarding/SGR-*/")
    page.get_by_text("To send today").wait_for()
    check_axe(page)
    referral = SafeguardingReferral.objects.get()
    assert referral.person == person
