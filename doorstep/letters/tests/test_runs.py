"""Letter runs: one letter per household, by post (one PDF page each) or by email, one contact
each, and nothing sent twice when the worker stops and starts again."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from pypdf import PdfReader

from doorstep.cases.services import case_open
from doorstep.contacts.models import Channel, Contact, Direction
from doorstep.letters import hooks, services
from doorstep.letters.models import (
    Delivery,
    ItemStatus,
    LetterRun,
    LetterTemplate,
    RunScope,
    RunStatus,
)
from doorstep.letters.tests.conftest import run_pdf_pages
from doorstep.people.models import ContactMethod, Person
from doorstep.people.tests.factories import PersonFactory
from doorstep.places.models import Home
from doorstep.places.tests.factories import BlockFactory
from doorstep.tenancies.models import Tenancy, TenancyMember, TenancyType

pytestmark = pytest.mark.django_db

BASE = "https://homes.example.org"


@pytest.fixture
def fly_tipping():
    return LetterTemplate.objects.get(name="Fly-tipping: please report it in confidence")


@pytest.fixture
def general():
    return LetterTemplate.objects.get(name="General letter")


def _start(actor, template, **kwargs):
    return services.letter_run_start(actor=actor, template=template, base_url=BASE, **kwargs)


def test_a_block_gets_one_letter_per_household_and_one_contact_each(
    officer, block, households, fly_tipping, mailoutbox
):
    run = _start(officer, fly_tipping, block=block)

    assert run.status == RunStatus.DONE
    assert (run.total, run.done, run.printed, run.emailed) == (4, 4, 3, 1)
    assert run.scope == RunScope.BLOCK and run.patch == block.estate.patch

    # One PDF page per printed household, A4, with each name and address merged in.
    pages = run_pdf_pages(run)
    assert len(pages) == 3
    joint, empty, ended = pages
    assert "Mrs Edna Thompson and Mr Bill Thompson" in joint
    assert "Dear Mrs Thompson and Mr Thompson," in joint
    assert "Kayla" not in joint  # household members are not addressees
    assert "Flat 1, Beech House" in joint and "Beechdale Road" in joint and "WS2 7AH" in joint
    assert "The Occupier" in empty and "Flat 3, Beech House" in empty
    assert "Dear Resident," in empty
    assert "The Occupier" in ended and "Flat 4, Beech House" in ended and "Gone" not in ended
    for page in pages:
        assert "We are dealing with fly-tipping at Beech House, Beechdale Estate" in page
        assert "https://homes.example.org/report/beechdale-estate" in page
        assert "Jan Kennedy" in page  # the patch officer signs it
        assert "Ade Okoro" not in page  # emailed, so not printed
    reader = PdfReader(run.pdf.open("rb"))
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width) / 72 * 25.4), round(float(height) / 72 * 25.4)) == (210, 297)

    # The tenant who prefers email gets it by email instead.
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["ade.okoro@example.org"]
    assert email.subject == "We are dealing with fly-tipping at Beech House, Beechdale Estate"
    assert "Dear Ade Okoro," in email.body
    assert email.reply_to == [officer.email]

    contacts = Contact.objects.order_by("home__address_line_1")
    assert [(c.home, c.channel) for c in contacts] == [
        (households["joint"], Channel.LETTER),
        (households["emailing"], Channel.EMAIL),
        (households["empty"], Channel.LETTER),
        (households["ended"], Channel.LETTER),
    ]
    assert all(c.direction == Direction.OUTBOUND and c.logged_by == officer for c in contacts)
    assert contacts[0].person == households["edna"]  # the lead tenant's page shows it
    assert contacts[2].person is None
    assert f"letter run {run.pk}" in contacts[0].summary


def test_the_pdf_text_holds_every_merged_name_and_address(officer, estate, fly_tipping):
    block = BlockFactory(name="Ash Court", estate=estate)
    names = []
    for number in range(1, 9):
        home = Home.objects.create(
            uprn=str(200000 + number),
            address_line_1=f"{number} Ash Court",
            town="Walsall",
            postcode="WS2 8BD",
            estate=estate,
            block=block,
            patch=estate.patch,
            tenure="general_needs",
        )
        person = PersonFactory(first_name=f"Resident{number}", last_name="Ashby", title="Ms")
        tenancy = Tenancy.objects.create(
            reference=f"T-ASH-{number}",
            home=home,
            tenancy_type=TenancyType.SECURE,
            start_date=dt.date(2019, 1, 1),
        )
        TenancyMember.objects.create(tenancy=tenancy, person=person)
        names.append((f"Ms Resident{number} Ashby", f"{number} Ash Court"))
    run = _start(officer, fly_tipping, block=block)
    text = "\n".join(run_pdf_pages(run))
    for name, address in names:
        assert name in text
        assert address in text
    assert len(run_pdf_pages(run)) == 8


def test_a_run_from_a_case_links_every_contact_and_calls_the_finished_hooks(
    officer, block, households, fly_tipping
):
    case = case_open(
        actor=officer, case_type="fly_tipping", summary="Sofa by the bins", block=block
    )
    seen = []

    def hook(*, run):
        seen.append((run.pk, run.case_id, run.status))

    hooks.register_run_finished(hook)
    try:
        run = _start(officer, fly_tipping, block=block, case=case)
    finally:
        hooks.unregister_run_finished(hook)
    assert Contact.objects.filter(case=case).count() == 4
    assert seen == [(run.pk, case.pk, RunStatus.DONE)]


def test_an_estate_run_covers_every_block_and_loose_home(
    officer, estate, block, households, home, fly_tipping
):
    run = _start(officer, fly_tipping, estate=estate)
    assert run.total == 5  # four flats in Beech House and 12 Beechdale Road
    assert Contact.objects.filter(home=home).count() == 1


# --- nothing sent twice ----------------------------------------------------------------------


def _crash_on(monkeypatch, position_to_fail):
    """Make the worker die while sending the letter at `position_to_fail`."""
    real = services._send

    def send(run, item_id, actor):
        item = run.items.get(pk=item_id)
        if item.position == position_to_fail:
            raise SystemError("worker killed")
        real(run, item_id, actor)

    monkeypatch.setattr(services, "_send", send)


def test_a_rerun_after_a_crash_mid_run_sends_nothing_twice(
    monkeypatch, officer, block, households, fly_tipping, mailoutbox
):
    _crash_on(monkeypatch, position_to_fail=3)
    run = _start(officer, fly_tipping, block=block)
    assert run.status == RunStatus.FAILED
    assert "worker killed" in run.error
    assert (run.total, run.done) == (4, 2)  # the joint tenants' letter and the email went
    assert len(mailoutbox) == 1
    assert Contact.objects.count() == 2

    monkeypatch.undo()
    run = services.letter_run_resume(actor=officer, run=run)

    assert run.status == RunStatus.DONE
    assert (run.done, run.printed, run.emailed) == (4, 3, 1)
    assert len(mailoutbox) == 1  # not sent again
    assert Contact.objects.count() == 4
    assert not Contact.objects.values("home").annotate(n=Count("id")).filter(n__gt=1).exists()
    assert len(run_pdf_pages(run)) == 3
    assert run.items.filter(status=ItemStatus.DONE).count() == 4


def test_running_a_finished_or_half_done_run_again_is_harmless(
    officer, block, households, fly_tipping, mailoutbox
):
    from doorstep.letters.tasks import letter_run_task

    run = _start(officer, fly_tipping, block=block)
    # The worker restarts and picks the task up again.
    LetterRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    letter_run_task.call(run_id=run.pk)
    letter_run_task.call(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert (run.done, run.printed, run.emailed) == (4, 3, 1)
    assert Contact.objects.count() == 4
    assert len(mailoutbox) == 1


def test_an_email_that_fails_rolls_its_contact_back_and_is_tried_again(
    monkeypatch, officer, block, households, fly_tipping, mailoutbox
):
    from django.core.mail import EmailMessage

    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailMessage, "send", refuse)
    run = _start(officer, fly_tipping, block=block)
    assert run.status == RunStatus.FAILED
    item = run.items.get(delivery=Delivery.EMAIL)
    assert item.status == ItemStatus.PENDING and item.contact is None
    assert not Contact.objects.filter(channel=Channel.EMAIL).exists()

    monkeypatch.undo()
    run = services.letter_run_resume(actor=officer, run=run)
    assert run.status == RunStatus.DONE
    assert len(mailoutbox) == 1
    assert Contact.objects.filter(channel=Channel.EMAIL).count() == 1


def test_a_run_still_going_cannot_be_resumed_until_it_stalls(
    officer, block, households, fly_tipping
):
    run = _start(officer, fly_tipping, block=block)
    LetterRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    run.refresh_from_db()
    with pytest.raises(ValidationError, match="still going"):
        services.letter_run_resume(actor=officer, run=run)
    LetterRun.objects.filter(pk=run.pk).update(
        updated_at=run.updated_at - services.STALE_AFTER - dt.timedelta(seconds=1)
    )
    run.refresh_from_db()
    assert services.is_stale(run)
    assert services.letter_run_resume(actor=officer, run=run).status == RunStatus.DONE


def test_five_hundred_households_complete_in_the_worker(
    officer, estate, fly_tipping, mailoutbox, django_assert_max_num_queries
):
    """A big block, sent by the task function itself, with a fixed number of queries per
    household (so it stays quick however big the estate)."""
    from doorstep.letters.tasks import letter_run_task

    block = BlockFactory(name="Tower One", estate=estate)
    homes = Home.objects.bulk_create(
        Home(
            uprn=str(300000 + n),
            address_line_1=f"Flat {n}, Tower One",
            town="Walsall",
            postcode="WS2 9ZZ",
            estate=estate,
            block=block,
            patch=estate.patch,
            tenure="general_needs",
        )
        for n in range(1, 501)
    )
    people = Person.objects.bulk_create(
        Person(
            reference=f"P9{n:05d}",
            first_name=f"Tenant{n}",
            last_name="Tower",
            # One household in ten prefers email.
            email=f"tenant{n}@example.org" if n % 10 == 0 else "",
            preferred_contact_method=ContactMethod.EMAIL if n % 10 == 0 else ContactMethod.LETTER,
        )
        for n in range(1, 501)
    )
    tenancies = Tenancy.objects.bulk_create(
        Tenancy(
            reference=f"T9{n:05d}",
            home=home,
            tenancy_type=TenancyType.SECURE,
            start_date=dt.date(2020, 1, 1),
        )
        for n, home in enumerate(homes, start=1)
    )
    TenancyMember.objects.bulk_create(
        TenancyMember(tenancy=tenancy, person=person)
        for tenancy, person in zip(tenancies, people, strict=True)
    )
    run = LetterRun.objects.create(
        template=fly_tipping,
        template_version=1,
        subject=fly_tipping.subject,
        body=fly_tipping.body,
        scope=RunScope.BLOCK,
        block=block,
        estate=estate,
        patch=estate.patch,
        office=estate.office,
        created_by=officer,
        base_url=BASE,
        sent_on=dt.date.today(),
    )

    with django_assert_max_num_queries(500 * 12 + 50):
        result = letter_run_task.call(run_id=run.pk)

    run.refresh_from_db()
    assert result["status"] == RunStatus.DONE
    assert run.items.filter(status=ItemStatus.DONE).count() == 500
    assert (run.total, run.done, run.printed, run.emailed) == (500, 500, 450, 50)
    assert Contact.objects.count() == 500
    assert len(mailoutbox) == 50
    reader = PdfReader(run.pdf.open("rb"))
    assert len(reader.pages) == 450
    assert "Tenant1 Tower" in reader.pages[0].extract_text()
    assert "Flat 499, Tower One" in reader.pages[-1].extract_text()


# --- one person ------------------------------------------------------------------------------


def test_a_letter_to_one_person_goes_at_once(officer, person, general, mailoutbox):
    run = _start(officer, general, person=person, message="Your new fob for the door is ready.")
    assert run.status == RunStatus.DONE and run.scope == RunScope.PERSON
    assert (run.total, run.printed) == (1, 1)
    (page,) = run_pdf_pages(run)
    assert "Edna Thompson" in page and "12 Beechdale Road" in page
    assert "Your new fob for the door is ready." in page
    contact = Contact.objects.get()
    assert (contact.person, contact.channel) == (person, Channel.LETTER)


def test_a_person_who_prefers_email_is_emailed(officer, person, general, mailoutbox):
    Person.objects.filter(pk=person.pk).update(
        email="edna@example.org", preferred_contact_method=ContactMethod.EMAIL
    )
    person.refresh_from_db()
    run = _start(officer, general, person=person, message="Hello.")
    assert (run.printed, run.emailed) == (0, 1)
    assert not run.pdf
    assert mailoutbox[0].to == ["edna@example.org"]


def test_someone_we_cannot_reach_is_refused(officer, general):
    nowhere = PersonFactory(first_name="No", last_name="Home")
    with pytest.raises(ValidationError, match="no current home with us"):
        _start(officer, general, person=nowhere, message="Hello.")
    assert not LetterRun.objects.exists()


def test_a_template_with_a_message_needs_one(officer, person, general):
    with pytest.raises(ValidationError) as caught:
        _start(officer, general, person=person)
    assert caught.value.message_dict == {"message": ["Enter the message to go in the letter."]}


def test_a_message_too_long_for_one_page_is_refused(officer, person, general):
    with pytest.raises(ValidationError, match="one A4 page"):
        _start(officer, general, person=person, message="A short line.\n\n" * 60)
    assert not LetterRun.objects.exists()


# --- who may send ----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["officer", "team_leader", "manager"])
def test_officers_send_on_their_patch_and_leaders_wider(
    request, who, block, households, fly_tipping
):
    run = _start(request.getfixturevalue(who), fly_tipping, block=block)
    assert run.status == RunStatus.DONE


@pytest.mark.parametrize("who", ["other_officer", "dpo", "safeguarding_lead"])
def test_others_cannot_send_to_the_block(request, who, block, households, fly_tipping):
    with pytest.raises(PermissionDenied):
        _start(request.getfixturevalue(who), fly_tipping, block=block)
    assert not LetterRun.objects.exists()


def test_other_patches_people_are_refused(other_officer, person, general):
    with pytest.raises(PermissionDenied):
        _start(other_officer, general, person=person, message="Hi")


def test_a_sign_or_an_archived_template_cannot_be_sent(officer, block, households, fly_tipping):
    sign = LetterTemplate.objects.filter(kind="sign").first()
    with pytest.raises(ValidationError):
        _start(officer, sign, block=block)
    LetterTemplate.objects.filter(pk=fly_tipping.pk).update(archived=True)
    fly_tipping.refresh_from_db()
    with pytest.raises(ValidationError):
        _start(officer, fly_tipping, block=block)


def test_the_run_is_audited(officer, block, households, fly_tipping):
    from doorstep.core.models import AuditEvent

    run = _start(officer, fly_tipping, block=block)
    rows = AuditEvent.objects.filter(object_type="letters.letterrun", object_id=str(run.pk))
    assert [(r.action, r.actor) for r in rows.order_by("id")] == [
        ("create", officer),
        ("update", officer),
    ]
    assert rows.order_by("id").last().changes["status"] == ["running", "done"]
