import pytest

from tests.browser.conftest import check_axe, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_in_lands_on_my_day_with_no_axe_violations(page, officer, password):
    sign_in(page, officer.email, password)
    assert page.get_by_role("heading", level=1).inner_text().startswith("My day")
    check_axe(page)
    # Keyboard: the skip link is the first thing a Tab reaches, and it moves focus to main.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"
    assert page.console_errors == []
