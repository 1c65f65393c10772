"""Keyboard-only flows (issue 9, accessibility, WCAG 2.2 AA): after signing in, every step is a
key press (Tab, Shift+Tab, Enter, Space, arrow keys, Escape, typing) — no clicks, no filling.

At every stop the test asserts where focus is (document.activeElement) and that the focused
element shows a visible focus indicator (2.4.7), is not hidden behind anything such as a sticky
header (2.4.11 Focus Not Obscured) and, for controls, is at least 24 by 24 pixels (2.5.8
Target Size). Dialogs keep focus inside while open, close with Escape and hand focus back to
the control that opened them. axe runs on each new page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from doorstep.cases.models import Case, CaseAction, CaseEvent, EventKind
from doorstep.contacts.models import CallBack, Channel, Contact, Direction
from doorstep.contacts.services import contact_log
from doorstep.partners.tests.factories import AgencyFactory
from doorstep.safeguarding.models import SafeguardingReferral
from tests.browser.conftest import check_axe, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

# What the focused element is, and whether its focus can be seen. GOV.UK Frontend draws focus as
# a yellow outline, a box-shadow underline, or (radios and checkboxes) a ring on the label's
# ::before. Neither a transparent outline (kept for Windows high-contrast mode) nor the browser's
# default ring (`outline-style: auto`, dark on Doorstep's blue header) counts.
FOCUSED = """() => {
  const el = document.activeElement;
  const drawn = el.matches('.govuk-radios__input, .govuk-checkboxes__input') && el.labels.length
    ? getComputedStyle(el.labels[0], '::before') : getComputedStyle(el);
  const outline = !['none', 'auto'].includes(drawn.outlineStyle)
    && parseFloat(drawn.outlineWidth) > 0
    && !/rgba\\(\\d+, \\d+, \\d+, 0\\)|transparent/.test(drawn.outlineColor);
  // 2.4.11: the part of the element inside the viewport (a tall textarea may run below it)
  // must not be covered, for example by a sticky header; sample the middle of that part.
  const rect = el.getBoundingClientRect();
  const top = Math.max(rect.top, 0), bottom = Math.min(rect.bottom, innerHeight);
  const left = Math.max(rect.left, 0), right = Math.min(rect.right, innerWidth);
  const inView = bottom > top && right > left;
  const hit = inView ? document.elementFromPoint((left + right) / 2, (top + bottom) / 2) : null;
  const dialog = document.querySelector('dialog[open]');
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    tabindex: el.getAttribute('tabindex'),
    type: el.getAttribute('type') || '',
    className: typeof el.className === 'string' ? el.className : '',
    text: (el.innerText || el.value || '').trim().replace(/\\s+/g, ' '),
    inline: getComputedStyle(el).display === 'inline',
    indicator: outline || drawn.boxShadow !== 'none',
    inView,
    unobscured: hit !== null && (hit === el || el.contains(hit) || hit.contains(el)
      || (el.labels && [...el.labels].some((label) => label.contains(hit)))),
    width: rect.width,
    height: rect.height,
    inDialog: dialog !== null && dialog.contains(el),
  };
}"""

CONTROLS = ("button", "select", "textarea", "input")


def focused(page) -> dict[str, Any]:
    return page.evaluate(FOCUSED)


def assert_focus_visible(info: dict[str, Any]) -> None:
    where = f"{info['tag']}#{info['id']} “{info['text'][:60]}”"
    assert info["indicator"], f"no visible focus indicator on {where}"
    assert info["inView"] and info["unobscured"], f"focus is hidden or obscured on {where}"
    is_control = info["tag"] in CONTROLS or "govuk-button" in info["className"]
    if is_control and info["type"] not in ("radio", "checkbox"):
        assert info["width"] >= 24 and info["height"] >= 24, f"target under 24px: {where}"


def press(page, key: str) -> dict[str, Any]:
    """Press a key, then return what has focus, checked visible unless it is the page itself or
    a container given focus by script (tabindex=-1: <main>, an error summary, a banner)."""
    page.keyboard.press(key)
    info = focused(page)
    if info["tag"] != "body" and info["tabindex"] != "-1":
        assert_focus_visible(info)
    return info


def focus_lands_on(page, selector: str) -> dict[str, Any]:
    """Wait (without sleeping) until the element with focus matches `selector`: focus set by
    GOV.UK Frontend's script when a page or dialog content arrives."""
    try:
        page.wait_for_function(
            "(selector) => document.activeElement.matches(selector)", arg=selector, timeout=5_000
        )
    except PlaywrightTimeoutError as error:
        raise AssertionError(f"focus is on {focused(page)}, not {selector}") from error
    return focused(page)


def tab_to(page, text: str, *, key: str = "Tab", limit: int = 40) -> dict[str, Any]:
    """Tab (or Shift+Tab) until the element whose text starts with `text` has focus, checking
    the focus indicator at every stop on the way. Fails after `limit` presses."""
    seen = []
    for _ in range(limit):
        info = press(page, key)
        if info["text"].startswith(text):
            return info
        seen.append(info["text"][:40] or f"{info['tag']}#{info['id']}")
    raise AssertionError(f"{text!r} not reached in {limit} presses of {key}; passed: {seen}")


def tab_to_field(page, field_id: str, *, key: str = "Tab", limit: int = 25) -> dict[str, Any]:
    for _ in range(limit):
        info = press(page, key)
        if info["id"] == field_id:
            return info
    raise AssertionError(f"#{field_id} not reached in {limit} presses of {key}")


def skip_to_main(page) -> None:
    """From a freshly loaded page: the first Tab reaches the skip link, Enter moves focus to
    the main content."""
    page.wait_for_load_state()  # GOV.UK Frontend's skip link script has run
    assert press(page, "Tab")["text"] == "Skip to main content"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main-content"


def success_banner_has_focus(page) -> None:
    """After a form is saved, the success banner (role=alert) takes focus, so the next Tab
    carries on from the top of the page content."""
    focus_lands_on(page, ".govuk-notification-banner--success")


def search_and_open(page, query: str, result: str, *, key: str = "Tab") -> None:
    """The header search box, by keyboard (Tab from the top of a page, Shift+Tab from further
    down): type, Enter, then Tab to the result and open it."""
    tab_to_field(page, "header-search", key=key)
    page.keyboard.type(query)
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=*")
    skip_to_main(page)
    tab_to(page, result)
    page.keyboard.press("Enter")


def wait_for_dialog(page) -> None:
    """The dialog is open with its form, and focus has moved into it."""
    page.locator("dialog#modal[open] form").wait_for()
    focus_lands_on(page, "#modal *")


def test_skip_link_navigation_bar_and_the_more_index_by_keyboard(page, officer, password):
    sign_in(page, officer.email, password)
    nav = [
        " ".join(text.split())
        for text in page.locator("nav[aria-label='Main'] a").all_inner_texts()
    ]
    assert nav[-1].startswith("More")

    # From the top of My day, focus follows the reading order: the skip link, the header, then
    # every item of the bar.
    order = [press(page, "Tab")["text"] for _ in range(6 + len(nav))]
    assert order[:6] == [
        "Skip to main content",
        "Doorstep",
        "",  # the search box
        "Search",
        officer.full_name,
        "Sign out",
    ]
    assert order[6:] == nav

    # Enter on "More" opens the All services index.
    page.keyboard.press("Enter")
    page.wait_for_url("**/core/services/")
    page.get_by_role("heading", level=1, name="All services").wait_for()
    check_axe(page)

    # The skip link moves focus to the main content; Shift+Tab from there goes back to the
    # last item of the bar, and Tab comes forward again to the first link of the index.
    skip_to_main(page)
    assert page.url.endswith("#main-content")
    assert press(page, "Shift+Tab")["text"] == nav[-1]
    first = page.locator("main a").first.inner_text()
    assert press(page, "Tab")["text"] == first
    tab_to(page, "Repairs")
    page.keyboard.press("Enter")
    page.wait_for_url("**/repairs/**")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Repairs")
    check_axe(page)

    # Shift+Tab from the top of a page wraps to its last link: the accessibility statement,
    # which says what this keyboard testing covers.
    assert press(page, "Shift+Tab")["text"] == "Accessibility statement"
    page.keyboard.press("Enter")
    page.wait_for_url("**/core/accessibility/")
    page.get_by_role("heading", level=3, name="Keyboard testing").wait_for()
    check_axe(page)
    assert page.console_errors == []


def test_officer_logs_a_contact_and_leaves_a_call_back_from_my_day_by_keyboard(
    page, officer, person, password
):
    contact_log(
        actor=officer,
        person=person,
        channel=Channel.PHONE,
        direction=Direction.INBOUND,
        summary="Asked about the new fence.",
        follow_up_on=timezone.localdate(),
    )
    sign_in(page, officer.email, password)

    # My day: the follow-up is the first thing after the skip link.
    skip_to_main(page)
    assert press(page, "Tab")["text"] == "Follow up: Edna Thompson"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/people/{person.reference}/")
    check_axe(page)

    # The page's actions come straight after the skip link.
    skip_to_main(page)
    opener = press(page, "Tab")
    assert opener["text"] == "Log a contact about Edna Thompson"

    # The dialog takes focus, keeps it while open, and Escape hands it back to the opener.
    page.keyboard.press("Enter")
    wait_for_dialog(page)
    assert focused(page)["inDialog"]
    check_axe(page)
    for _ in range(25):
        assert press(page, "Tab")["inDialog"], "Tab left the open dialog"
    page.keyboard.press("Escape")
    page.locator("dialog#modal[open]").wait_for(state="detached")
    returned = focused(page)
    assert returned["text"] == "Log a contact about Edna Thompson"
    assert_focus_visible(returned)

    # Open it again and log the call: Space picks "Phone"; in the direction radio group the
    # right arrow moves from "From the resident" to "To the resident".
    page.keyboard.press("Enter")
    wait_for_dialog(page)
    first = focused(page)
    assert first["inDialog"] and first["id"] == "id_channel_0"
    page.keyboard.press("Space")
    tab_to_field(page, "id_direction_0")
    assert press(page, "ArrowRight")["id"] == "id_direction_1"
    tab_to_field(page, "id_summary")
    page.keyboard.type("Rang to say the fence is fixed.")
    tab_to(page, "Log the contact")
    page.keyboard.press("Enter")
    page.locator("dialog#modal[open]").wait_for(state="detached")
    page.get_by_text("Rang to say the fence is fixed.").first.wait_for()
    contact = Contact.objects.get(summary="Rang to say the fence is fixed.")
    assert (contact.person, contact.logged_by) == (person, officer)
    assert (contact.channel, contact.direction) == (Channel.PHONE, Direction.OUTBOUND)
    check_axe(page)

    # The page reloads with the "logged" banner focused; leave a call-back for herself,
    # choosing her name in the select by typing it.
    success_banner_has_focus(page)
    tab_to(page, "Leave a call-back for Edna Thompson")
    page.keyboard.press("Enter")
    wait_for_dialog(page)
    assert focused(page)["inDialog"]
    tab_to_field(page, "id_reason")
    page.keyboard.type("Wants the date the fence will be painted.")
    tab_to_field(page, "id_for_officer")
    page.keyboard.type("Jan")
    tab_to(page, "Leave the call-back")
    page.keyboard.press("Enter")
    page.locator("dialog#modal[open]").wait_for(state="detached")
    callback = CallBack.objects.get(person=person)
    assert callback.for_officer == officer
    assert callback.reason == "Wants the date the fence will be painted."
    assert page.console_errors == []


def test_officer_opens_a_case_and_adds_a_note_and_an_action_by_keyboard(
    page, officer, person, home, password
):
    sign_in(page, officer.email, password)
    tab_to(page, "Cases")
    page.keyboard.press("Enter")
    page.wait_for_url("**/cases/")
    skip_to_main(page)
    tab_to(page, "Open a case")
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Open a case").wait_for()
    check_axe(page)

    skip_to_main(page)
    tab_to_field(page, "id_case_type")
    page.keyboard.type("Anti")
    assert page.locator("#id_case_type").input_value() == "asb"
    tab_to_field(page, "id_lookup")
    page.keyboard.type(person.reference)
    tab_to_field(page, "id_summary")
    page.keyboard.type("Shouting in the stairwell late at night.")
    tab_to(page, "Open the case")
    page.keyboard.press("Enter")
    page.wait_for_url("**/cases/ASB-*/")
    case = Case.objects.get()
    assert case.summary == "Shouting in the stairwell late at night."
    assert case.parties.filter(person=person).exists()
    check_axe(page)

    # A note: the "case opened" banner has focus, and the case's buttons come next.
    success_banner_has_focus(page)
    tab_to(page, "Add a note")
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Add a note").wait_for()
    skip_to_main(page)
    tab_to_field(page, "id_kind_0")
    tab_to_field(page, "id_text")
    page.keyboard.type("Spoke to the neighbours on both sides.")
    tab_to(page, "Add to the timeline")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/cases/{case.reference}/")
    assert CaseEvent.objects.filter(
        case=case, kind=EventKind.NOTE, text="Spoke to the neighbours on both sides."
    ).exists()

    # An action, due in a week: the date input takes its digits in the browser's order.
    success_banner_has_focus(page)
    tab_to(page, "Add an action", limit=60)
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Add an action").wait_for()
    check_axe(page)
    skip_to_main(page)
    tab_to_field(page, "id_title")
    page.keyboard.type("Visit the neighbours again")
    tab_to_field(page, "id_owner")
    assert page.locator("#id_owner").input_value() == str(officer.pk)  # the lead officer
    due = timezone.localdate() + dt.timedelta(days=7)
    tab_to_field(page, "id_due_on")
    page.keyboard.type(due.strftime("%m%d%Y"))
    assert page.locator("#id_due_on").input_value() == due.isoformat()
    tab_to(page, "Add action")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/cases/{case.reference}/")
    action = CaseAction.objects.get(case=case)
    assert (action.title, action.owner, action.due_on) == (
        "Visit the neighbours again",
        officer,
        due,
    )
    success_banner_has_focus(page)
    check_axe(page)
    assert page.console_errors == []


def test_officer_makes_a_safeguarding_referral_from_the_person_page_by_keyboard(
    page, officer, person, password
):
    AgencyFactory(name="Walsall Adult Social Care", kind="adult_social_care")
    sign_in(page, officer.email, password)
    search_and_open(page, "Thompson", "Edna Thompson")
    page.wait_for_url(f"**/people/{person.reference}/")
    skip_to_main(page)
    tab_to(page, "Make a safeguarding referral for Edna Thompson")
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Make a safeguarding referral").wait_for()
    check_axe(page)

    skip_to_main(page)
    # "Is anyone in immediate danger?": Tab lands on "Yes"; the right arrow picks "No".
    tab_to_field(page, "id_immediate_danger_0")
    assert press(page, "ArrowRight")["id"] == "id_immediate_danger_1"
    assert page.locator("#id_immediate_danger_1").is_checked()
    tab_to_field(page, "id_category")
    page.keyboard.type("Fin")
    tab_to_field(page, "id_what_was_seen")
    page.keyboard.type("A visitor takes her pension card every Monday.")
    tab_to_field(page, "id_consent_given_0")
    page.keyboard.press("Space")
    assert page.locator("#id_consent_given_0").is_checked()
    tab_to(page, "Make referral")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/safeguarding/SGR-" in url)
    referral = SafeguardingReferral.objects.get()
    assert referral.person == person
    assert referral.immediate_danger is False
    assert referral.what_was_seen == "A visitor takes her pension card every Monday."
    check_axe(page)
    assert page.console_errors == []


def follow_error_links(page) -> list[str]:
    """The error summary has focus; each of its links, reached by Tab or Shift+Tab, moves focus
    to its field on Enter. Returns the field ids in order."""
    summary = focus_lands_on(page, ".govuk-error-summary")
    assert summary["indicator"], "the focused error summary shows no focus indicator"
    links = page.locator(".govuk-error-summary__list a")
    texts = links.all_inner_texts()
    targets = links.evaluate_all("(links) => links.map((a) => a.hash.slice(1))")
    assert texts, "no error links"
    key = "Tab"
    for text, target in zip(texts, targets, strict=True):
        assert tab_to(page, text, key=key, limit=15)["tag"] == "a"
        page.keyboard.press("Enter")
        assert focused(page)["id"] == target, f"“{text}” did not move focus to #{target}"
        key = "Shift+Tab"  # the fields are below the summary: go back up to the next link
    return targets


def test_error_summary_takes_focus_and_its_links_move_focus_to_the_fields(
    page, officer, person, password
):
    sign_in(page, officer.email, password)

    # A page form: "Open a case" submitted empty.
    tab_to(page, "Cases")
    page.keyboard.press("Enter")
    page.wait_for_url("**/cases/")
    skip_to_main(page)
    tab_to(page, "Open a case")
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Open a case").wait_for()
    skip_to_main(page)
    tab_to(page, "Open the case")
    page.keyboard.press("Enter")
    page.get_by_text("There is a problem").wait_for()
    check_axe(page)
    assert follow_error_links(page) == ["id_case_type", "id_summary"]

    # A form in the dialog: "Log a contact" submitted empty.
    search_and_open(page, "Thompson", "Edna Thompson", key="Shift+Tab")
    page.wait_for_url(f"**/people/{person.reference}/")
    skip_to_main(page)
    tab_to(page, "Log a contact about Edna Thompson")
    page.keyboard.press("Enter")
    wait_for_dialog(page)
    tab_to(page, "Log the contact")
    page.keyboard.press("Enter")
    page.locator("dialog#modal[open] .govuk-error-summary").wait_for()
    check_axe(page)
    assert follow_error_links(page) == ["id_summary"]
    assert focused(page)["inDialog"]
    assert page.console_errors == []
