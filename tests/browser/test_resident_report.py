"""The public report page in a real browser, with scripts and without: axe on the form, its
errors and the thank-you page; then the patch officer opens a case from it on My day, and sends
the fly-tipping letter to the block and watches the run finish."""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from doorstep.accounts.roles import Role
from doorstep.cases.models import Case
from doorstep.letters.models import LetterRun, RunStatus
from doorstep.places.tests.factories import BlockFactory, HomeFactory
from doorstep.resident_reports.models import ResidentReport
from tests.browser.conftest import check_axe, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _report(page, *, wait_ms: int = 3200) -> None:
    page.get_by_label("Fly-tipping (rubbish dumped)").check()
    page.get_by_label("What have you seen or heard?").fill(
        "Someone dumped a mattress and bin bags by the garages last night."
    )
    page.get_by_label("Block (optional)").select_option(label="Beech House")
    page.get_by_label("Where exactly? (optional)").fill("By the garages")
    page.wait_for_timeout(wait_ms)  # a person takes longer than the minimum fill time
    page.get_by_role("button", name="Send report").click()


def test_a_resident_reports_in_confidence_and_the_officer_acts_on_it(
    browser, live_server, page, officer, estate, password
):
    # A transactional test empties the tables afterwards, the migrations' data with them.
    for role in Role:
        Group.objects.get_or_create(name=role.value)
    import_module("doorstep.letters.migrations.0002_seed_templates").seed(apps, None)
    block = BlockFactory(name="Beech House", estate=estate)
    HomeFactory(
        estate=estate, block=block, patch=estate.patch, address_line_1="Flat 1, Beech House"
    )

    # Without scripts the form still works (axe needs scripts, so it runs on the pages below).
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(10_000)
    plain = context.new_page()
    plain.goto("/report/beechdale-estate")
    _report(plain)
    plain.get_by_role("heading", name="Report sent").wait_for()
    reference = ResidentReport.objects.get().reference
    assert reference in plain.content()
    assert plain.url.endswith("/report/thank-you")
    context.close()
    page.goto("/report/thank-you")
    check_axe(page)

    page.goto("/report/beechdale-estate")
    check_axe(page)
    page.get_by_role("button", name="Send report").click()
    page.get_by_text("There is a problem").wait_for()
    check_axe(page)

    # With scripts, giving contact details (revealed by the radio).
    page.get_by_label("Yes, you can contact me").check()
    page.get_by_label("Your name (optional)").fill("Sam Reporter")
    page.get_by_label("Phone number (optional)").fill("07911 123456")
    check_axe(page)
    _report(page)
    page.get_by_role("heading", name="Report sent").wait_for()
    assert ResidentReport.objects.filter(anonymous=False).count() == 1

    # The patch officer sees both on My day and opens a case in one click.
    sign_in(page, officer.email, password)
    page.get_by_text("Report from a resident").first.wait_for()
    check_axe(page)
    page.get_by_role("button", name="Open a case").first.click()
    page.wait_for_url("**/cases/FT-*/")
    check_axe(page)
    assert Case.objects.get().case_type == "fly_tipping"

    # From the case, the fly-tipping letter to every household in the block.
    page.get_by_role("link", name="Write to every household in Beech House").click()
    page.get_by_label("Letter").select_option(label="Fly-tipping: please report it in confidence")
    page.get_by_role("button", name="Preview the letter").click()
    page.get_by_role("heading", name="Check the letter").wait_for()
    check_axe(page)
    page.get_by_role("button", name="Send 1 letter").click()
    page.get_by_text("1 of 1 household done").wait_for()
    check_axe(page)
    assert LetterRun.objects.get().status == RunStatus.DONE
