"""An estate inspection on a phone (390 by 844), in a real browser: an estates officer starts the
inspection due on My day, answers every item (each saved by htmx as it is given, one failure
with a note and a photo from the camera), completes it, and raises a fly-tipping case from
the failed item in one step; the case page links back. axe runs on every page visited, the
answer targets are at least 44 px and the console stays clean."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import UserFactory
from doorstep.cases.models import Case, CaseAttachment, CaseType
from doorstep.inspections.defaults import install_checklist
from doorstep.inspections.models import (
    ChecklistItem,
    Inspection,
    InspectionAnswer,
    InspectionSchedule,
    InspectionStatus,
)
from tests.browser.conftest import check_axe, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
# As the accessibility crawl: what a screen reader user would trip over, beyond WCAG's rules.
STRUCTURE_RULES = ["landmark-unique", "page-has-heading-one", "heading-order"]


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 90, 60)).save(out, format="PNG")
    return out.getvalue()


def _htmx_settled(page) -> None:
    """No htmx request in flight and no swap unfinished: the page is the server's answer."""
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )


def _answer_saved(answer):
    """Matches the autosave response for one answer card."""
    path = f"/answers/{answer.pk}/"
    return lambda response: response.request.method == "POST" and path in response.url


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(10_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.console_errors = errors
    yield tab
    context.close()


@pytest.fixture
def estates_officer(team):
    return UserFactory(
        email="estates@doorstep.test",
        full_name="Dave Lloyd",
        team=team,
        roles=[Role.ESTATES_OFFICER],
    )


def test_estates_officer_inspects_on_a_phone_and_raises_a_case_from_a_failure(
    phone, estates_officer, estate, password, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    # A transactional test empties the tables afterwards, the migration's checklist with them.
    install_checklist(ChecklistItem)
    InspectionSchedule.objects.create(
        estate=estate,
        inspector=estates_officer,
        frequency_weeks=4,
        starts_on=timezone.localdate(),
        next_due_on=timezone.localdate(),
    )
    page = phone

    sign_in(page, estates_officer.email, password)
    page.get_by_role("heading", level=3, name="Inspect Beechdale Estate").wait_for()
    check_axe(page, STRUCTURE_RULES)
    page.get_by_role("button", name="Start the inspection").click()
    page.get_by_role("heading", level=1, name="Beechdale Estate").wait_for()
    inspection = Inspection.objects.get()
    assert page.url.endswith(inspection.get_absolute_url())
    check_axe(page, STRUCTURE_RULES)

    answers = list(InspectionAnswer.objects.filter(inspection=inspection).order_by("order"))
    assert len(answers) == 9
    # Big targets: every answer row is at least 44 px high and the radio itself 44 px square.
    first = page.locator(f"#{answers[0].prefix}")
    for label in ("Pass", "Fail", "Not applicable"):
        row = first.locator(".govuk-radios__item", has_text=label)
        box = row.bounding_box()
        assert box is not None and box["height"] >= 44 and box["width"] >= 300, (label, box)
        radio = first.get_by_label(label, exact=True).bounding_box()
        assert radio is not None and radio["width"] >= 44 and radio["height"] >= 44

    for answer in answers:
        card = page.locator(f"#{answer.prefix}")
        if answer.item_text == "No fly-tipping":
            card.get_by_label("Fail", exact=True).check()
            expect(card.locator(".ds-inspect-card__saved")).to_have_text("Saved: fail.")
            note = page.locator(f"#{answer.prefix}-note")
            note.fill("Mattress and a fridge dumped behind the garages on Bramble Way.")
            # Leaving the note saves it. Wait for that save's response: the status line already
            # says "fail" from the radio, and a card swapped in mid-upload would drop the photo.
            with page.expect_response(_answer_saved(answer)):
                note.press("Tab")
            _htmx_settled(page)  # the response is in; now the card it carries is swapped in
            expect(page.locator("#inspection-status")).to_have_text("Saved “No fly-tipping”: fail.")
            with page.expect_response(_answer_saved(answer)):
                page.locator(f"#{answer.prefix}-photo").set_input_files(
                    {"name": "IMG_2041.png", "mimeType": "image/png", "buffer": _png()}
                )
            page.locator(f"#{answer.prefix} img.ds-inspect-photo").wait_for()
        else:
            card.get_by_label("Pass", exact=True).check()
            expect(page.locator(f"#{answer.prefix} .ds-inspect-card__saved")).to_have_text(
                "Saved: pass."
            )
    expect(page.locator("#inspection-progress")).to_have_text(
        "9 of 9 answered. Score so far: 88.9%."
    )
    # The server has every answer already: nothing depends on the final button.
    failed = InspectionAnswer.objects.get(inspection=inspection, item_text="No fly-tipping")
    assert failed.result == "fail" and failed.note.startswith("Mattress and a fridge")
    assert failed.photo and failed.photo_content_type == "image/png"
    assert InspectionAnswer.objects.filter(inspection=inspection, result="pass").count() == 8
    check_axe(page, STRUCTURE_RULES)

    # Leaving the page while an autosave is still in flight aborts it (a console error on a
    # busy machine): let the last saves finish first, as an officer waits for "Saved".
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Complete the inspection").click()
    page.get_by_text("Inspection of Beechdale Estate complete. Score: 88.9%.").wait_for()
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.COMPLETED
    check_axe(page, STRUCTURE_RULES)

    # One step: the failed item's case type is already chosen (fly-tipping).
    assert page.get_by_label("Type of case for “No fly-tipping”").input_value() == "fly_tipping"
    page.get_by_role("button", name="Raise a case for “No fly-tipping”").click()
    page.get_by_text("opened from “No fly-tipping”").wait_for()
    case = Case.objects.get()
    assert case.case_type == CaseType.FLY_TIPPING and case.estate == estate
    failed.refresh_from_db()
    assert failed.case == case
    assert CaseAttachment.objects.filter(case=case).count() == 1
    check_axe(page, STRUCTURE_RULES)

    page.get_by_role("link", name=case.reference).click()
    page.wait_for_url(f"**{case.get_absolute_url()}")
    page.get_by_role("heading", level=2, name="Raised from an estate inspection").wait_for()
    check_axe(page, STRUCTURE_RULES)
    # htmx reports a save cut short by the page moving on as "htmx:afterRequest"; the server
    # state is asserted above, so only real script or CSP errors fail the test.
    assert [e for e in page.console_errors if not e.startswith("htmx:afterRequest")] == []
