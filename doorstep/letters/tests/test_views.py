"""Letters and signs pages: who may open them, preview before sending, progress, downloads."""

import pytest
from django.urls import reverse

from doorstep.cases.services import case_open
from doorstep.core.models import AuditEvent
from doorstep.letters import services
from doorstep.letters.models import LetterRun, LetterTemplate, RunStatus
from doorstep.letters.tests.conftest import pdf_pages

pytestmark = pytest.mark.django_db

BASE = "https://homes.example.org"


@pytest.fixture
def fly_tipping():
    return LetterTemplate.objects.get(name="Fly-tipping: please report it in confidence")


@pytest.fixture
def sign_template():
    return LetterTemplate.objects.get(name="Fly-tipping is a crime: report it in confidence")


@pytest.fixture
def run(officer, block, households, fly_tipping):
    return services.letter_run_start(
        actor=officer, template=fly_tipping, base_url=BASE, block=block
    )


def test_signed_out_visitors_are_sent_to_sign_in(client):
    for name in ["run_list", "template_list", "send", "sign"]:
        response = client.get(reverse(f"letters:{name}"))
        assert response.status_code == 302
        assert response.url.startswith("/accounts/sign-in/")


def test_the_dpo_has_no_part_in_letters(client, dpo, run, fly_tipping):
    client.force_login(dpo)
    for url in [
        reverse("letters:run_list"),
        reverse("letters:template_list"),
        fly_tipping.get_absolute_url(),
        run.get_absolute_url(),
        reverse("letters:run_pdf", args=[run.pk]),
        reverse("letters:sign"),
    ]:
        assert client.get(url).status_code == 403, url


# --- templates -------------------------------------------------------------------------------


def test_officers_read_templates_but_only_managers_change_them(
    client, officer, manager, fly_tipping
):
    client.force_login(officer)
    html = client.get(reverse("letters:template_list")).content.decode()
    assert fly_tipping.name in html
    assert "Add a template" not in html
    assert client.get(reverse("letters:template_create")).status_code == 403
    assert client.get(reverse("letters:template_edit", args=[fly_tipping.pk])).status_code == 403
    assert (
        client.post(reverse("letters:template_archive", args=[fly_tipping.pk])).status_code == 403
    )
    client.force_login(manager)
    assert "Add a template" in client.get(reverse("letters:template_list")).content.decode()
    assert client.get(reverse("letters:template_create")).status_code == 200


def test_a_manager_adds_a_template_and_an_unknown_field_is_named_on_the_form(client, manager):
    client.force_login(manager)
    url = reverse("letters:template_create")
    bad = client.post(
        url,
        {
            "name": "Parking",
            "kind": "letter",
            "subject": "Parking",
            "body": "Dear {{ tenant.name }}",
        },
    )
    assert bad.status_code == 200
    assert "Unknown merge field {{ tenant.name }}." in bad.content.decode()
    good = client.post(
        url,
        {
            "name": "Parking",
            "kind": "letter",
            "subject": "Parking at {{ place.name }}",
            "body": "Dear {{ person.salutation }},\n\nPlease park in the bays.",
        },
    )
    template = LetterTemplate.objects.get(name="Parking")
    assert good.status_code == 302 and good.url == template.get_absolute_url()


def test_a_template_is_previewed_for_a_person_or_a_household(
    client, officer, person, households, fly_tipping
):
    client.force_login(officer)
    url = fly_tipping.get_absolute_url()
    for_person = client.get(url, {"who": person.reference}).content.decode()
    assert "Dear Edna Thompson," in for_person
    assert "12 Beechdale Road" in for_person
    for_home = client.get(url, {"who": households["joint"].uprn}).content.decode()
    assert "Mrs Edna Thompson and Mr Bill Thompson" in for_home
    assert "We are dealing with fly-tipping at Beech House, Beechdale Estate" in for_home
    unknown = client.get(url, {"who": "P999999"}).content.decode()
    assert "No person or home matches that." in unknown
    pdf = client.get(
        reverse("letters:template_preview_pdf", args=[fly_tipping.pk]), {"who": person.reference}
    )
    assert pdf["Content-Type"] == "application/pdf"
    (page,) = pdf_pages(pdf.content)
    assert "Edna Thompson" in page
    assert not LetterRun.objects.exists()  # a preview sends nothing


# --- sending ---------------------------------------------------------------------------------


def test_the_block_letter_is_previewed_before_it_is_sent(
    client, officer, block, households, fly_tipping
):
    client.force_login(officer)
    url = reverse("letters:send")
    page = client.get(url, {"block": block.pk}).content.decode()
    assert "4 households: 3 by post" in page
    assert "1 by email" in page
    assert "2 empty homes addressed to The Occupier" in page
    preview = client.post(url, {"block": block.pk, "template": fly_tipping.pk, "action": "preview"})
    html = preview.content.decode()
    assert "Check the letter" in html
    assert "Mrs Edna Thompson and Mr Bill Thompson" in html
    assert "Send 4 letters" in html
    assert not LetterRun.objects.exists()
    sent = client.post(url, {"block": block.pk, "template": fly_tipping.pk, "action": "send"})
    run = LetterRun.objects.get()
    assert sent.status_code == 302 and sent.url == run.get_absolute_url()
    assert run.status == RunStatus.DONE  # the test settings run tasks at once


def test_a_letter_with_a_message_asks_for_it(client, officer, person):
    general = LetterTemplate.objects.get(name="General letter")
    client.force_login(officer)
    url = reverse("letters:send")
    response = client.post(
        url, {"person": person.reference, "template": general.pk, "action": "preview"}
    )
    assert "Enter the message to go in the letter." in response.content.decode()
    sent = client.post(
        url,
        {
            "person": person.reference,
            "template": general.pk,
            "message": "Your new door fob is ready at the office.",
            "action": "send",
        },
    )
    run = LetterRun.objects.get()
    assert sent.url == run.get_absolute_url()
    assert run.status == RunStatus.DONE and run.printed == 1


def test_sending_to_another_patch_is_refused(client, other_officer, block, households, fly_tipping):
    client.force_login(other_officer)
    assert client.get(reverse("letters:send"), {"block": block.pk}).status_code == 403
    response = client.post(
        reverse("letters:send"), {"block": block.pk, "template": fly_tipping.pk, "action": "send"}
    )
    assert response.status_code == 403
    assert not LetterRun.objects.exists()


def test_nobody_to_write_to_is_a_404(client, officer):
    client.force_login(officer)
    assert client.get(reverse("letters:send")).status_code == 404
    assert client.get(reverse("letters:send"), {"block": 999}).status_code == 404


# --- the run page ----------------------------------------------------------------------------


def test_the_run_page_shows_the_summary_and_the_pdf_to_print(client, officer, run):
    client.force_login(officer)
    html = client.get(run.get_absolute_url()).content.decode()
    assert "4 of 4 households done" in html
    assert '<span class="ds-count__number">3</span> to print' in html
    assert '<span class="ds-count__number">1</span> emailed' in html
    assert reverse("letters:run_pdf", args=[run.pk]) in html
    assert "hx-trigger" not in html  # finished: no more polling
    assert "Mrs Edna Thompson and Mr Bill Thompson" in html


def test_a_running_run_polls_for_progress_every_two_seconds(client, officer, run):
    LetterRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, done=2, printed=1, emailed=1
    )
    client.force_login(officer)
    partial = client.get(reverse("letters:run_progress", args=[run.pk]), HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert 'hx-trigger="every 2s"' in html
    assert f'hx-get="{reverse("letters:run_progress", args=[run.pk])}"' in html
    assert "2 of 4 households done" in html
    assert '<progress id="run-' in html and 'value="2"' in html
    assert "<html" not in html


def test_the_pdf_download_is_audited(client, officer, run):
    client.force_login(officer)
    response = client.get(reverse("letters:run_pdf", args=[run.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert len(pdf_pages(b"".join(response.streaming_content))) == 3
    assert (
        AuditEvent.objects.filter(
            action="view", object_type="letters.letterrun", object_id=str(run.pk)
        ).count()
        == 1
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [("officer", 200), ("team_leader", 200), ("manager", 200), ("other_officer", 403)],
)
def test_who_sees_a_run(client, request, who, status, run):
    client.force_login(request.getfixturevalue(who))
    assert client.get(run.get_absolute_url()).status_code == status
    assert client.get(reverse("letters:run_progress", args=[run.pk])).status_code == status


def test_a_failed_run_can_be_started_again(client, officer, run):
    LetterRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, error="SMTPError: down")
    client.force_login(officer)
    html = client.get(run.get_absolute_url()).content.decode()
    assert "SMTPError: down" in html and "Start it again" in html
    response = client.post(reverse("letters:run_resume", args=[run.pk]))
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.done == 4


def test_the_run_list_is_a_fixed_number_of_queries(
    client, officer, block, households, fly_tipping, django_assert_max_num_queries
):
    for _ in range(6):
        services.letter_run_start(actor=officer, template=fly_tipping, base_url=BASE, block=block)
    client.force_login(officer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("letters:run_list"))
    assert response.content.decode().count("Beech House, Beechdale Estate") == 6


def test_the_run_page_is_a_fixed_number_of_queries(
    client, officer, run, django_assert_max_num_queries
):
    client.force_login(officer)
    with django_assert_max_num_queries(14):
        client.get(run.get_absolute_url())


# --- signs -----------------------------------------------------------------------------------


def test_a_sign_is_previewed_with_its_qr_code_and_printed_on_one_a4_page(
    client, officer, estate, block, sign_template
):
    client.force_login(officer)
    query = {"estate": estate.pk, "block": block.pk, "template": sign_template.pk}
    html = client.get(reverse("letters:sign"), query).content.decode()
    assert "Fly-tipping is a crime" in html
    assert 'src="data:image/svg+xml' in html
    assert "testserver/report/beechdale-estate" in html
    response = client.get(reverse("letters:sign_download"), query)
    assert response["Content-Type"] == "application/pdf"
    (page,) = pdf_pages(response.content)
    assert "Fly-tipping is a crime" in page
    assert "Report it in confidence" in page
    assert "testserver/report/beechdale-estate" in page
    assert "Beech House, Beechdale Estate" in page


def test_a_sign_prints_the_configured_public_address(
    client, officer, estate, sign_template, settings
):
    settings.DOORSTEP_PUBLIC_URL = "https://homes.example.org"
    client.force_login(officer)
    response = client.get(
        reverse("letters:sign_download"), {"estate": estate.pk, "template": sign_template.pk}
    )
    assert "homes.example.org/report/beechdale-estate" in pdf_pages(response.content)[0]


def test_the_sign_form_explains_bad_choices(client, officer, estate, other_estate, sign_template):
    from doorstep.places.tests.factories import BlockFactory

    elsewhere = BlockFactory(estate=other_estate)
    client.force_login(officer)
    html = client.get(
        reverse("letters:sign"),
        {"estate": estate.pk, "block": elsewhere.pk, "template": sign_template.pk},
    ).content.decode()
    assert "Choose a block from the list." in html or "That block is not on the estate" in html
    assert client.get(reverse("letters:sign_download"), {"estate": estate.pk}).status_code == 404


# --- the buttons on other pages --------------------------------------------------------------


def test_the_person_page_offers_a_letter_to_those_who_may_send(
    client, officer, other_officer, person
):
    client.force_login(officer)
    assert "Send a letter" in client.get(person.get_absolute_url()).content.decode()
    client.force_login(other_officer)
    assert "Send a letter" not in client.get(person.get_absolute_url()).content.decode()


def test_the_block_page_offers_a_letter_to_every_household_and_a_sign(
    client, officer, other_officer, block
):
    client.force_login(officer)
    html = client.get(block.get_absolute_url()).content.decode()
    assert f"{reverse('letters:send')}?block={block.pk}" in html
    assert f"{reverse('letters:sign')}?block={block.pk}" in html
    client.force_login(other_officer)
    html = client.get(block.get_absolute_url()).content.decode()
    assert f"{reverse('letters:send')}?block={block.pk}" not in html
    assert f"{reverse('letters:sign')}?block={block.pk}" in html


def test_a_fly_tipping_case_offers_a_letter_to_its_block(
    client, officer, block, households, fly_tipping
):
    case = case_open(
        actor=officer, case_type="fly_tipping", summary="Sofa by the bins", block=block
    )
    client.force_login(officer)
    html = client.get(case.get_absolute_url()).content.decode()
    assert "Write to every household in Beech House" in html
    assert f"block={block.pk}&amp;case={case.reference}" in html
    sent = client.post(
        reverse("letters:send"),
        {"block": block.pk, "case": case.reference, "template": fly_tipping.pk, "action": "send"},
    )
    assert sent.status_code == 302
    html = client.get(case.get_absolute_url()).content.decode()
    assert "3 printed, 1 emailed" in html
