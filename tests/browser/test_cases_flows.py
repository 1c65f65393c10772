"""Case management in a real browser (issue 4, "How it is checked"): an ASB case raised from a
logged contact, whose incident report brings the reporter to the Community Trigger warning;
and a high Clutter Image Rating on a hoarding case putting its two urgent actions on the lead
officer's My day. axe runs on every page visited and the browser console stays clean."""

import datetime as dt

import pytest
from django.utils import timezone

from doorstep.asb.models import IncidentReport
from doorstep.asb.services import incident_report_add
from doorstep.cases.models import Case, CaseAction, CaseParty, CaseType, RiskLevel
from doorstep.cases.services import case_open
from doorstep.contacts.models import Contact
from doorstep.hoarding import rules
from tests.browser.conftest import check_axe, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_raises_an_asb_case_from_a_contact_and_sees_the_community_trigger_warning(
    page, officer, person, home, password
):
    # Edna already reported on one ASB case this month.
    today = timezone.localdate()
    earlier = case_open(
        actor=officer,
        case_type=CaseType.ASB,
        summary="Loud music from the flat above most nights.",
        home=home,
        lead_officer=officer,
        parties=[(person, "reporter")],
    )
    incident_report_add(
        actor=officer,
        case=earlier,
        reporter=person,
        reported_on=today - dt.timedelta(days=10),
        description="Music until 3am.",
    )

    sign_in(page, officer.email, password)
    check_axe(page)
    page.goto(person.get_absolute_url())
    check_axe(page)

    # Log the call in the modal from her page.
    page.get_by_role("link", name="Log a contact about Edna Thompson").click()
    dialog = page.locator("dialog#modal")
    dialog.get_by_label("Summary").wait_for()
    check_axe(page)
    dialog.get_by_label("Summary").fill("Youths kicking a football against her door at night.")
    dialog.get_by_role("button", name="Log the contact").click()
    page.locator("dialog#modal[open]").wait_for(state="detached")
    # The modal closes and the page reloads (HX-Refresh): wait for the reloaded timeline, so
    # axe does not run on a page that is being replaced.
    page.get_by_role("link", name="Open a case from the contact of").wait_for()
    page.wait_for_load_state()
    contact = Contact.objects.get(person=person)
    check_axe(page)

    # Open a case from that contact: the form arrives filled in from the call.
    page.get_by_role("link", name="Open a case from the contact of").click()
    page.get_by_role("heading", level=1, name="Open a case").wait_for()
    check_axe(page)
    assert page.get_by_label("Summary").input_value() == contact.summary
    page.get_by_role("button", name="Open the case").click()
    page.get_by_text("There is a problem").wait_for()  # no type chosen yet
    check_axe(page)
    page.get_by_label("Type of case").select_option(label="Anti-social behaviour")
    page.get_by_role("button", name="Open the case").click()
    page.wait_for_url("**/cases/ASB-*/")
    case = Case.objects.exclude(pk=earlier.pk).get()
    assert case.case_type == CaseType.ASB
    assert CaseParty.objects.filter(case=case, person=person, role="reporter").exists()
    contact.refresh_from_db()
    assert contact.case_id == case.pk
    page.get_by_role("heading", level=2, name="Anti-social behaviour").wait_for()
    check_axe(page)
    assert page.get_by_text("ASB Case Review").count() == 0

    # Her incident report on this second case brings her to the warning level.
    page.get_by_role("link", name="Add an incident report").click()
    dialog.get_by_label("What happened").wait_for()
    check_axe(page)
    dialog.get_by_label("Reported by").fill(person.reference)
    dialog.get_by_label("What happened").fill("Football against the door from 10pm to midnight.")
    dialog.get_by_role("button", name="Add the incident report").click()
    page.locator("dialog#modal[open]").wait_for(state="detached")
    warning = (
        "ASB Case Review: Edna Thompson has reported 2 ASB cases in six months "
        "(the threshold is 3)."
    )
    page.get_by_text(warning).first.wait_for()
    page.wait_for_load_state()
    check_axe(page)
    assert IncidentReport.objects.filter(case=case, reporter=person).count() == 1
    assert page.console_errors == []


def test_high_clutter_rating_puts_both_urgent_actions_on_my_day(
    page, officer, person, home, password
):
    case = case_open(
        actor=officer,
        case_type=CaseType.HOARDING,
        summary="Hoarding reported by the gas engineer.",
        home=home,
        lead_officer=officer,
        parties=[(person, "subject")],
    )

    sign_in(page, officer.email, password)
    check_axe(page)
    page.goto(case.get_absolute_url())
    page.get_by_role("heading", level=2, name="Clutter Image Rating").wait_for()
    check_axe(page)

    form = page.locator("form[action$='/ratings/add/']")
    form.get_by_label("Living room").select_option(value="8")
    form.get_by_label("Kitchen").select_option(value="5")
    form.get_by_label("Bedroom").select_option(value="6")
    form.get_by_label("Note").fill("Only a narrow path from the front door to the kitchen.")
    form.get_by_role("button", name="Save the rating").click()
    page.locator("#cir-latest").get_by_text("High risk").wait_for()
    check_axe(page)
    case.refresh_from_db()
    assert case.risk_level == RiskLevel.HIGH
    assert set(
        CaseAction.objects.filter(case=case, owner=officer).values_list("title", flat=True)
    ) == {
        rules.FIRE_SAFETY_REFERRAL,
        rules.SAFEGUARDING_CONSIDERATION,
    }

    page.goto("/")
    check_axe(page)
    main = page.locator("main")
    for title in (rules.FIRE_SAFETY_REFERRAL, rules.SAFEGUARDING_CONSIDERATION):
        main.get_by_role("link", name=f"{title} ({case.reference})").wait_for()
    assert page.console_errors == []
