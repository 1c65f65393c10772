"""The public report page: no sign-in, spam and flood checks, a reference to quote."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from doorstep.contacts.models import Channel, Contact, Direction
from doorstep.resident_reports import spam
from doorstep.resident_reports.models import ReporterDetails, ResidentReport
from doorstep.resident_reports.services import ONLINE_FORM_EMAIL
from doorstep.resident_reports.tests.conftest import png_bytes

pytestmark = pytest.mark.django_db

REPORT = "/report"


def _form(place, token, **overrides):
    data = {
        "kind": "fly_tipping",
        "description": "Someone dumped a fridge and bin bags by the garages last night.",
        "estate": str(place.pk),
        "block": "",
        "location": "By the garages",
        "postcode": "",
        "contact": "anonymous",
        "name": "",
        "phone": "",
        "email": "",
        "website": "",
        "started": token,
    }
    data.update(overrides)
    return data


def test_the_page_needs_no_sign_in_and_has_a_hidden_labelled_honeypot(client, estate):
    response = client.get(REPORT)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Report a problem in confidence" in html
    assert '<div class="govuk-visually-hidden">' in html
    assert 'for="id_website">Leave this field empty</label>' in html
    assert 'name="website"' in html and 'tabindex="-1"' in html
    assert "style=" not in html  # hidden by a class, never inline style
    assert 'name="started"' in html
    assert f'<option value="{estate.pk}">Beechdale Estate</option>' in html


def test_the_short_address_of_an_estate_prefills_it(client, estate):
    response = client.get("/report/beechdale-estate")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{estate.pk}" selected>Beechdale Estate</option>' in html
    assert '<span class="govuk-caption-l">Beechdale Estate</span>' in html


def test_an_unknown_short_address_still_shows_the_form(client, estate):
    response = client.get("/report/no-such-place")
    assert response.status_code == 200
    assert "We could not find the place" in response.content.decode()


def test_an_anonymous_report_lands_as_a_portal_contact_with_a_reference(client, estate, old_token):
    response = client.post(REPORT, _form(estate, old_token, name="Sam", phone="07911123456"))
    assert response.status_code == 302
    # The thank-you address carries nothing about the report or the reporter.
    assert response.url == "/report/thank-you"
    report = ResidentReport.objects.get()
    assert report.anonymous
    assert report.estate == estate
    assert report.location == "By the garages"
    # Details typed before choosing to stay anonymous are dropped, never stored.
    assert not ReporterDetails.objects.exists()
    contact = Contact.objects.get()
    assert report.contact == contact
    assert contact.channel == Channel.PORTAL
    assert contact.direction == Direction.INBOUND
    assert contact.estate == estate and contact.person is None and contact.home is None
    assert contact.logged_by.email == ONLINE_FORM_EMAIL
    assert report.reference in contact.summary and "fridge" in contact.summary
    thanks = client.get(response.url).content.decode()
    assert report.reference in thanks
    assert "Report sent" in thanks


def test_a_report_with_contact_details_keeps_them_apart(client, estate, old_token):
    response = client.post(
        REPORT,
        _form(
            estate,
            old_token,
            contact="details",
            name="Sam Reporter",
            phone="07911 123456",
            email="Sam@Example.org",
        ),
    )
    assert response.status_code == 302
    report = ResidentReport.objects.get()
    assert not report.anonymous
    details = report.reporter
    assert (details.name, details.phone, details.email) == (
        "Sam Reporter",
        "+447911123456",
        "sam@example.org",
    )
    # The contact log, which every officer reads, never names the reporter.
    assert "Sam" not in report.contact.summary
    assert "123456" not in report.contact.summary


def test_asking_to_be_contacted_needs_a_phone_or_an_email(client, estate, old_token):
    response = client.post(REPORT, _form(estate, old_token, contact="details", name="Sam"))
    assert response.status_code == 200
    assert "Enter a phone number or an email address" in response.content.decode()
    assert not ResidentReport.objects.exists()


def test_bad_input_is_explained(client, estate, old_token):
    response = client.post(
        REPORT, _form(estate, old_token, kind="", description="", estate="", postcode="")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Select what you are reporting." in html
    assert "Enter what you have seen or heard." in html
    assert "Choose the estate, or enter the postcode." in html
    assert not ResidentReport.objects.exists()


def test_a_postcode_of_our_homes_finds_the_estate(client, estate, home, old_token):
    response = client.post(REPORT, _form(estate, old_token, estate="", postcode="ws27ab"))
    assert response.status_code == 302
    report = ResidentReport.objects.get()
    assert report.estate == estate
    assert report.postcode == "WS2 7AB"


def test_a_postcode_we_do_not_know_is_refused(client, estate, home, old_token):
    response = client.post(REPORT, _form(estate, old_token, estate="", postcode="NG1 1AA"))
    assert "We could not find that postcode on our estates" in response.content.decode()
    assert not ResidentReport.objects.exists()


def test_a_block_sets_its_estate_and_must_belong_to_the_one_chosen(
    client, estate, other_estate, block, old_token
):
    refused = client.post(
        REPORT, _form(estate, old_token, estate=str(other_estate.pk), block=str(block.pk))
    )
    assert "That block is not on the estate you chose." in refused.content.decode()
    response = client.post(REPORT, _form(estate, old_token, estate="", block=str(block.pk)))
    assert response.status_code == 302
    report = ResidentReport.objects.get()
    assert (report.estate, report.block) == (estate, block)
    assert report.contact.block == block


# --- spam and floods -------------------------------------------------------------------------


def test_a_filled_honeypot_is_refused(client, estate, old_token):
    response = client.post(REPORT, _form(estate, old_token, website="http://spam.example"))
    assert response.status_code == 200
    assert spam.REFUSED in response.content.decode()
    assert not ResidentReport.objects.exists()


def test_a_form_sent_back_too_fast_is_refused_with_a_fresh_token(client, estate):
    token = spam.form_token()
    response = client.post(REPORT, _form(estate, token))
    html = response.content.decode()
    assert spam.TOO_FAST in html
    assert not ResidentReport.objects.exists()
    assert f'value="{token}"' not in html  # a new token: the resident can send it again


def test_a_forged_or_missing_token_is_refused(client, estate):
    for token in ["", "not-a-token", spam.form_token(time.time() - 60) + "x"]:
        response = client.post(REPORT, _form(estate, token))
        assert spam.REFUSED in response.content.decode()
    assert not ResidentReport.objects.exists()


def test_a_stale_form_asks_to_send_again(client, estate):
    response = client.post(REPORT, _form(estate, spam.form_token(time.time() - spam.MAX_AGE - 5)))
    assert spam.STALE in response.content.decode()
    assert not ResidentReport.objects.exists()


def test_more_than_five_reports_in_ten_minutes_from_one_address_get_a_friendly_429(
    client, estate, old_token
):
    for _ in range(spam.RATE_LIMIT):
        assert client.post(REPORT, _form(estate, old_token)).status_code == 302
    response = client.post(REPORT, _form(estate, old_token))
    assert response.status_code == 429
    assert response["Retry-After"] == str(spam.RATE_WINDOW)
    assert "Please wait before sending another report" in response.content.decode()
    assert ResidentReport.objects.count() == spam.RATE_LIMIT
    # Another address is not held up.
    other = client.post(REPORT, _form(estate, old_token), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


def test_refused_spam_counts_towards_the_limit(client, estate, old_token):
    for _ in range(spam.RATE_LIMIT):
        client.post(REPORT, _form(estate, old_token, website="spam"))
    assert client.post(REPORT, _form(estate, old_token)).status_code == 429


# --- photos ----------------------------------------------------------------------------------


def test_a_photo_is_kept_by_its_real_type(client, estate, old_token):
    photo = SimpleUploadedFile("IMG_0001.JPG", png_bytes(), content_type="image/jpeg")
    response = client.post(REPORT, {**_form(estate, old_token), "photo": photo})
    assert response.status_code == 302
    report = ResidentReport.objects.get()
    assert report.photo_type == "image/png"
    assert report.photo.name.startswith("resident_reports/")
    assert report.photo.name.endswith(".png")
    assert "IMG_0001" not in report.photo.name


def test_a_file_that_is_not_a_photo_is_refused(client, estate, old_token):
    fake = SimpleUploadedFile(
        "photo.jpg", b"%PDF-1.7 not a photo at all", content_type="image/jpeg"
    )
    response = client.post(REPORT, {**_form(estate, old_token), "photo": fake})
    assert response.status_code == 200
    assert "The selected file must be a photo" in response.content.decode()
    assert not ResidentReport.objects.exists()
