"""The officer's day, end to end in a real browser (issue: foundation, "How it is checked"):
sign in, land on My day, search a person by a misspelt surname, log a contact, create a
call-back for a colleague, sign in as that colleague and complete it. axe runs on every page."""

import pytest

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import UserFactory
from doorstep.contacts.models import CallBack, CallBackStatus, Contact
from tests.browser.conftest import check_axe, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def colleague(team):
    return UserFactory(
        email="colleague@doorstep.test",
        full_name="Sam Colleague",
        team=team,
        roles=[Role.NEIGHBOURHOOD_OFFICER],
    )


def test_officer_logs_a_contact_and_leaves_a_call_back_a_colleague_completes(
    page, officer, colleague, person, password
):
    sign_in(page, officer.email, password)
    assert page.get_by_role("heading", level=1).inner_text().startswith("My day")
    check_axe(page)

    # Find Edna Thompson from a misspelt surname, with the header search box.
    page.get_by_label("Search people, homes and references").fill("Tompson")
    page.get_by_label("Search people, homes and references").press("Enter")
    page.wait_for_url("**/search?q=Tompson")
    check_axe(page)
    page.get_by_role("link", name="Edna Thompson").first.click()
    page.wait_for_url(f"**/people/{person.reference}/")
    check_axe(page)

    # Log a contact in the modal, from the person page.
    page.get_by_role("link", name="Log a contact about Edna Thompson").click()
    dialog = page.locator("dialog#modal")
    dialog.get_by_label("Summary").wait_for()
    check_axe(page)
    dialog.get_by_label("Summary").fill("Rang about black bags dumped by the bin store.")
    dialog.get_by_role("button", name="Log the contact").click()
    page.locator("dialog#modal[open]").wait_for(state="detached")
    page.get_by_text("Rang about black bags dumped by the bin store.").first.wait_for()
    assert Contact.objects.filter(person=person, logged_by=officer).count() == 1

    # Leave a call-back for a colleague.
    page.get_by_role("link", name="Leave a call-back for Edna Thompson").click()
    dialog.get_by_label("Reason").wait_for()
    dialog.get_by_label("Phone").fill("01922 123456")
    dialog.get_by_label("Reason").fill("Wants to know when the estates team will inspect.")
    dialog.get_by_label("For an officer").select_option(
        label=f"Sam Colleague ({colleague.team.name})"
    )
    dialog.get_by_role("button", name="Leave the call-back").click()
    page.locator("dialog#modal[open]").wait_for(state="detached")
    callback = CallBack.objects.get(for_officer=colleague)
    assert callback.status == CallBackStatus.OPEN
    assert callback.phone == "+441922123456"

    # The colleague signs in and completes it from My day.
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, colleague.email, password)
    item = page.get_by_text("Edna Thompson").first
    item.wait_for()
    check_axe(page)
    page.get_by_role("button", name="Mark as done").first.click()
    page.wait_for_load_state()
    check_axe(page)
    callback.refresh_from_db()
    assert callback.status == CallBackStatus.DONE
    assert callback.completed_by == colleague
    assert page.console_errors == []
