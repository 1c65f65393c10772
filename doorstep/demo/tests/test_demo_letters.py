"""`load_demo` letters: a finished letter run to a block, and reports from residents waiting
on the demo officer's My day."""

from __future__ import annotations

import io

import pytest
import time_machine
from pypdf import PdfReader

from doorstep.accounts.models import User
from doorstep.contacts.models import Contact
from doorstep.demo import data
from doorstep.demo.tests.test_load_demo import NOW, load
from doorstep.letters.models import LetterRun, RunStatus
from doorstep.myday.selectors import my_day
from doorstep.resident_reports.models import ResidentReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    with time_machine.travel(NOW, tick=False):
        load()
        yield


def _officer():
    return User.objects.get(full_name=data.DEMO_OFFICER)


def test_a_finished_fly_tipping_letter_to_one_of_the_officers_blocks(demo, mailoutbox):
    run = LetterRun.objects.get()
    assert run.status == RunStatus.DONE
    assert run.created_by == _officer()
    assert run.block is not None and run.block.estate.patch.officer == _officer()
    assert run.total == run.block.homes.count() >= 6
    assert run.done == run.total == run.printed + run.emailed
    with run.pdf.open("rb") as handle:
        assert len(PdfReader(io.BytesIO(handle.read())).pages) == run.printed
    # One contact logged per household (other letters to the block, such as an Awaab's Law
    # written summary, are contacts of their own).
    contacts = Contact.objects.filter(pk__in=run.items.values("contact_id"))
    assert contacts.count() == run.total
    assert set(contacts.values_list("channel", flat=True)) <= {"letter", "email"}
    assert mailoutbox == []  # the demo never emails anyone


def test_reports_from_residents_wait_on_the_officers_my_day(demo):
    reports = ResidentReport.objects.all()
    assert reports.count() == 3
    assert reports.filter(anonymous=True).count() == 1
    with time_machine.travel(NOW, tick=False):
        items = my_day(user=_officer(), now=NOW).items
    assert len([item for item in items if item.kind == "resident_report"]) == 3
