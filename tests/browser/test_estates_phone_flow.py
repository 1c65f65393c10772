"""The estate side of the fly-tipping story on a phone (390 by 844), in a real browser: an
estates officer completes an inspection with a failed item, raises a repair from it in one
step, and then the patch officer sends the letter to every household of the block. axe runs on
every page and the console stays clean."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import UserFactory
from doorstep.contacts.models import Contact
from doorstep.inspections.defaults import install_checklist
from doorstep.inspections.models import (
    ChecklistItem,
    Inspection,
    InspectionAnswer,
    InspectionSchedule,
    InspectionStatus,
)
from doorstep.letters.models import LetterRun, RunStatus
from doorstep.places.tests.factories import BlockFactory, HomeFactory
from doorstep.repairs.models import Repair
from tests.browser.conftest import check_axe, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(15_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.console_errors = errors
    yield tab
    context.close()


def test_inspection_failure_becomes_a_repair_and_the_block_gets_a_letter(
    phone, officer, estate, team, password
):
    # A transactional test empties the tables afterwards, the migrations' data with them.
    for role in Role:
        Group.objects.get_or_create(name=role.value)
    install_checklist(ChecklistItem)
    import_module("doorstep.letters.migrations.0002_seed_templates").seed(apps, None)
    block = BlockFactory(name="Cedar Court", estate=estate)
    for flat in (1, 2):
        HomeFactory(
            estate=estate,
            block=block,
            patch=estate.patch,
            address_line_1=f"Flat {flat}, Cedar Court",
        )
    inspector = UserFactory(
        email="dave.lloyd@doorstep.test",
        full_name="Dave Lloyd",
        team=team,
        roles=[Role.ESTATES_OFFICER],
    )
    InspectionSchedule.objects.create(
        estate=estate,
        block=block,
        inspector=inspector,
        frequency_weeks=4,
        starts_on=timezone.localdate(),
        next_due_on=timezone.localdate(),
    )
    page = phone

    # The estates officer inspects the block from My day.
    sign_in(page, inspector.email, password)
    page.get_by_role("button", name="Start the inspection").first.click()
    page.get_by_role("heading", level=1, name=f"Cedar Court, {estate.name}").wait_for()
    check_axe(page)
    inspection = Inspection.objects.get()
    for answer in InspectionAnswer.objects.filter(inspection=inspection).order_by("order"):
        card = page.locator(f"#{answer.prefix}")
        if answer.item_text == "Fire doors closed":
            card.get_by_label("Fail", exact=True).check()
            expect(card.locator(".ds-inspect-card__saved")).to_have_text("Saved: fail.")
            note = page.locator(f"#{answer.prefix}-note")
            note.fill("Second-floor fire door propped open with a wedge; closer broken.")
            note.press("Tab")
            expect(page.locator("#inspection-status")).to_have_text(
                "Saved “Fire doors closed”: fail."
            )
        else:
            card.get_by_label("Pass", exact=True).check()
            expect(card.locator(".ds-inspect-card__saved")).to_have_text("Saved: pass.")
    page.wait_for_load_state("networkidle")
    check_axe(page)
    assert InspectionAnswer.objects.get(inspection=inspection, item_text="Fire doors closed").note
    page.get_by_role("button", name="Complete the inspection").click()
    page.get_by_text(f"Inspection of Cedar Court, {estate.name} complete").wait_for()
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.COMPLETED
    check_axe(page)

    # One step from the failed item to a communal repair, urgent for a fire door.
    priority = page.get_by_label("Priority of the repair for “Fire doors closed”")
    assert priority.input_value() == "urgent"
    page.get_by_role("button", name="Raise a repair for “Fire doors closed”").click()
    page.wait_for_load_state()
    repair = Repair.objects.get()
    assert repair.block == block and repair.priority == "urgent"
    assert repair.source_inspection_item.item_text == "Fire doors closed"
    assert "fire door" in repair.description.lower()
    check_axe(page)

    # The patch officer writes to every household of the block about it.
    page.get_by_role("button", name="Sign out").first.click()
    sign_in(page, officer.email, password)
    page.goto(f"/letters/send/?block={block.pk}")
    page.get_by_label("Letter").select_option(label="Fly-tipping: please report it in confidence")
    page.get_by_role("button", name="Preview the letter").click()
    page.get_by_role("heading", name="Check the letter").wait_for()
    check_axe(page)
    page.get_by_role("button", name="Send 2 letters").click()
    page.get_by_text("2 of 2 households done").wait_for()
    check_axe(page)
    run = LetterRun.objects.get()
    assert run.status == RunStatus.DONE and run.block == block
    assert Contact.objects.filter(home__block=block, channel="letter").count() == 2
    assert page.console_errors == []
