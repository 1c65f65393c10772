"""Repairs and Awaab's Law in a real browser: an officer raises a repair from a contact on a
person's page and completes it in the modal; on a damp and mould case the officer records the
investigation in the modal and the panel then shows the written summary as due next. axe runs
on every page visited and the browser console stays clean."""

import datetime as dt

import pytest
from django.utils import timezone

from doorstep.contacts.tests.factories import ContactFactory
from doorstep.hazards.services import hazard_report
from doorstep.repairs.models import Repair
from tests.browser.conftest import check_axe, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_raises_a_repair_from_a_contact_and_completes_it(
    page, officer, person, home, password
):
    ContactFactory(person=person, home=None, summary="Kitchen tap dripping all night.")
    sign_in(page, officer.email, password)
    page.goto(person.get_absolute_url())
    page.get_by_role("link", name="Raise a repair from the contact of").click()
    page.get_by_role("heading", level=1, name="Raise a repair").wait_for()
    check_axe(page)
    page.get_by_role("button", name="Raise the repair").click()
    page.get_by_text("There is a problem").wait_for()  # no priority chosen
    check_axe(page)
    page.get_by_label("Routine").check()
    page.get_by_role("button", name="Raise the repair").click()
    page.wait_for_url("**/repairs/REP-*/")
    repair = Repair.objects.get()
    assert repair.home == home and repair.source_contact is not None
    check_axe(page)

    page.get_by_role("link", name="Record the completion").click()
    dialog = page.locator("dialog#modal")
    dialog.get_by_label("When it was completed").wait_for()
    check_axe(page)
    dialog.get_by_role("button", name="Record the completion").click()
    page.locator("dialog#modal[open]").wait_for(state="detached")
    page.get_by_text("Within target").wait_for()
    page.wait_for_load_state()
    check_axe(page)
    repair.refresh_from_db()
    assert repair.status == "completed" and repair.within_target is True

    page.goto(home.get_absolute_url())
    page.get_by_role("heading", name="Open repairs").wait_for()
    check_axe(page)
    assert page.console_errors == []


def test_officer_records_the_investigation_and_sees_what_is_due_next(
    page, officer, home, person, password
):
    hazard = hazard_report(
        actor=officer,
        home=home,
        kind="damp_mould",
        severity="significant",
        summary="Black mould in the back bedroom.",
        reported_at=timezone.now() - dt.timedelta(days=2),
        reporter=person,
    )
    sign_in(page, officer.email, password)
    page.goto(hazard.case.get_absolute_url())
    page.get_by_text("Due next: Investigate").wait_for()
    check_axe(page)
    page.get_by_role("link", name="Record investigate").click()
    dialog = page.locator("dialog#modal")
    dialog.get_by_label("What the investigation found").wait_for()
    check_axe(page)
    dialog.get_by_label("What the investigation found").fill("Condensation; fan broken.")
    dialog.get_by_label("What will be done to put it right").fill("New fan and a mould wash.")
    dialog.get_by_role("button", name="Record the investigation").click()
    page.locator("dialog#modal[open]").wait_for(state="detached")
    page.get_by_text("Due next: Send the written summary").wait_for()
    page.wait_for_load_state()
    check_axe(page)
    assert page.console_errors == []
