"""Make a safeguarding referral from a person's page in a real browser (issue 4, "How it is
checked"): the form with its defaults, the referral page with the same-day clock, mark as sent,
and the PDF link. axe runs on every page."""

import pytest

from doorstep.partners.tests.factories import AgencyFactory
from doorstep.safeguarding.models import SafeguardingReferral
from tests.browser.conftest import check_axe, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_makes_a_safeguarding_referral_from_the_person_page(
    page, officer, person, password
):
    care = AgencyFactory(name="Walsall Adult Social Care", kind="adult_social_care")
    AgencyFactory(name="West Midlands Police", kind="police")
    sign_in(page, officer.email, password)
    page.goto(person.get_absolute_url())
    page.get_by_role("link", name="Make a safeguarding referral for Edna Thompson").click()
    page.get_by_role("heading", level=1, name="Make a safeguarding referral").wait_for()
    check_axe(page)
    assert page.get_by_label("Agency you are referring to").input_value() == str(care.pk)

    # Submitting with gaps names each field.
    page.get_by_role("button", name="Make referral").click()
    page.get_by_text("There is a problem").wait_for()
    check_axe(page)

    page.locator("#id_immediate_danger_1").check()  # No
    page.get_by_label("Category of abuse or neglect").select_option(label="Financial or material")
    page.get_by_label("What was seen or heard").fill(
        "A visitor takes her pension card every Monday."
    )
    page.locator("#id_consent_given_0").check()  # Yes
    page.get_by_role("button", name="Make referral").click()
    page.wait_for_url("**/safeguarding/SGR-*/")
    referral = SafeguardingReferral.objects.get()
    page.get_by_text("To send today").wait_for()
    check_axe(page)

    page.get_by_role("button", name="Mark as sent to Walsall Adult Social Care").click()
    page.get_by_text("Sent on time").first.wait_for()
    check_axe(page)
    referral.refresh_from_db()
    assert referral.sent_at is not None
    assert page.get_by_role("link", name="Print the referral form (PDF)").count() == 1
