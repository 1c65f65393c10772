import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from doorstep.contacts.models import CallBack
from doorstep.core.models import AuditEvent
from doorstep.people.tests.factories import FlagFactory
from doorstep.sustainment.models import JobStatus, PartnerJob, SupportReferral
from doorstep.sustainment.tests.factories import PartnerJobFactory, SupportReferralFactory

pytestmark = pytest.mark.django_db
SIGN_IN = "/accounts/sign-in/"
TOMORROW = (timezone.localdate() + dt.timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    "url",
    [
        "/support/",
        "/support/jobs/",
        "/support/new/?person=P000001",
        "/support/SUP-2026-000001/",
        "/support/jobs/1/",
        "/support/jobs/1/sheet.pdf",
    ],
)
def test_signed_out_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(SIGN_IN)


@pytest.mark.parametrize("role", ["sustainment_officer", "officer", "other_officer", "dpo"])
def test_everyone_signed_in_reads_referrals_and_jobs(client, request, role, job):
    client.force_login(request.getfixturevalue(role))
    assert (
        client.get(
            reverse("sustainment:referral_detail", args=[job.referral.reference])
        ).status_code
        == 200
    )
    assert client.get(reverse("sustainment:job_detail", args=[job.pk])).status_code == 200


def test_the_job_page_shows_the_special_arrangements(client, sustainment_officer, job, person):
    FlagFactory(person=person, code="risk_to_staff")
    client.force_login(sustainment_officer)
    html = client.get(reverse("sustainment:job_detail", args=[job.pk])).content.decode()
    assert "Two-officer visit only" in html
    assert "has no consent recorded to share information with Green Fingers" in html


def test_making_a_referral_from_the_person_page(client, sustainment_officer, person):
    client.force_login(sustainment_officer)
    url = reverse("sustainment:referral_create") + f"?person={person.reference}"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"kind": "decorating_pack", "eligibility_note": "Low income", "description": ""}
    )
    referral = SupportReferral.objects.get()
    assert response.status_code == 302 and response.url == referral.get_absolute_url()
    assert referral.person == person and referral.eligibility_note == "Low income"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": ""}, "kind", "Select the kind of support."),
        ({"kind": "boat"}, "kind", "Select the kind of support."),
        ({"kind": "other", "description": ""}, "description", "Enter what is needed"),
        ({"kind": "garden_work", "eligibility_note": "x" * 501}, "eligibility_note", "at most 500"),
    ],
)
def test_bad_referral_input_is_shown_against_the_field(
    client, sustainment_officer, person, data, field, message
):
    client.force_login(sustainment_officer)
    url = reverse("sustainment:referral_create") + f"?person={person.reference}"
    response = client.post(url, data)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert not SupportReferral.objects.exists()


@pytest.mark.parametrize("role", ["other_officer", "other_sustainment_officer", "dpo"])
def test_others_may_not_make_a_referral_or_book(client, request, role, person, referral):
    client.force_login(request.getfixturevalue(role))
    url = reverse("sustainment:referral_create") + f"?person={person.reference}"
    assert client.get(url).status_code == 403
    assert client.post(url, {"kind": "garden_work"}).status_code == 403
    job_url = reverse("sustainment:job_create", args=[referral.reference])
    assert client.get(job_url).status_code == 403


def test_booking_shows_arrangements_and_consent_then_books(
    client, sustainment_officer, referral, gardeners, consent, person
):
    FlagFactory(person=person, code="hearing_impairment")
    client.force_login(sustainment_officer)
    url = reverse("sustainment:job_create", args=[referral.reference])
    html = client.get(url).content.decode()
    assert "Contact by text or email, not by phone" in html
    assert "has agreed we may share information with: Green Fingers Garden Project" in html
    response = client.post(
        url,
        {"agency": gardeners.pk, "date": TOMORROW, "start_time": "09:30", "end_time": "11:00"},
    )
    job = PartnerJob.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"agency": ""}, "agency", "Select the partner"),
        ({"date": "31/02/2026"}, "date", "real date"),
        ({"date": "2020-01-01"}, "date", "today or in the future"),
        ({"start_time": "25:00"}, "start_time", "as a time"),
        ({"end_time": "09:00"}, "end_time", "must end after it starts"),
    ],
)
def test_bad_booking_input_is_shown_against_the_field(
    client, sustainment_officer, referral, gardeners, data, field, message
):
    client.force_login(sustainment_officer)
    url = reverse("sustainment:job_create", args=[referral.reference])
    payload = {"agency": gardeners.pk, "date": TOMORROW, "start_time": "09:30", "end_time": "11:00"}
    payload.update(data)
    response = client.post(url, payload)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert not PartnerJob.objects.exists()


def test_send_refused_without_consent_says_why(client, sustainment_officer, job, mailoutbox):
    client.force_login(sustainment_officer)
    response = client.post(reverse("sustainment:job_send", args=[job.pk]), follow=True)
    assert "has no consent recorded to share information with Green Fingers" in (
        response.content.decode()
    )
    assert mailoutbox == []


def test_send_with_consent_emails_the_agency(client, sustainment_officer, job, consent, mailoutbox):
    client.force_login(sustainment_officer)
    response = client.post(reverse("sustainment:job_send", args=[job.pk]), follow=True)
    assert "Job sheet emailed to jobs@greenfingers.org.uk" in response.content.decode()
    assert [m.to for m in mailoutbox] == [["jobs@greenfingers.org.uk"]]


def test_send_refused_to_the_dpo(client, dpo, job, consent, mailoutbox):
    client.force_login(dpo)
    assert client.post(reverse("sustainment:job_send", args=[job.pk])).status_code == 403
    assert mailoutbox == []


def test_the_job_sheet_pdf_is_audited(client, officer, job):
    client.force_login(officer)
    response = client.get(reverse("sustainment:job_sheet", args=[job.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert "Edna" not in response["Content-Disposition"]
    assert AuditEvent.objects.filter(action="view", object_id=str(job.pk)).exists()


def test_hold_then_bulk_reoffer_from_the_list(client, sustainment_officer, job):
    client.force_login(sustainment_officer)
    response = client.post(
        reverse("sustainment:job_hold", args=[job.pk]), {"hold_reason": "Partner paused work"}
    )
    assert response.status_code == 302
    html = client.get(reverse("sustainment:job_list") + "?status=on_hold").content.decode()
    assert f'name="job" value="{job.pk}"' in html
    response = client.post(reverse("sustainment:jobs_reoffer"), {"job": [job.pk]}, follow=True)
    assert "1 job to re-offer" in response.content.decode()
    job.refresh_from_db()
    assert job.status == JobStatus.TO_REOFFER
    client.post(reverse("sustainment:jobs_reoffer"), {"job": [job.pk]})
    assert CallBack.objects.count() == 1


def test_bad_hold_and_outcome_input(client, sustainment_officer, job):
    client.force_login(sustainment_officer)
    response = client.post(reverse("sustainment:job_hold", args=[job.pk]), {"hold_reason": ""})
    assert "Enter why it is on hold." in response.context["form"].errors["hold_reason"]
    response = client.post(
        reverse("sustainment:job_outcome", args=[job.pk]), {"completed": "no", "value": "abc"}
    )
    errors = response.context["form"].errors
    assert "Enter why the job was not done." in errors["outcome_reason"]
    assert "Enter the cost or value in pounds, like 45.50." in errors["value"]
    response = client.post(reverse("sustainment:job_outcome", args=[job.pk]), {"value": "-3"})
    assert "Select whether the job was done." in response.context["form"].errors["completed"]


def test_reoffer_is_refused_to_the_dpo(client, dpo, job):
    client.force_login(dpo)
    assert client.post(reverse("sustainment:jobs_reoffer"), {"job": [job.pk]}).status_code == 403


@pytest.mark.parametrize("name", ["job_hold", "job_outcome", "job_rebook"])
def test_job_forms_refused_to_another_office(client, other_sustainment_officer, job, name):
    client.force_login(other_sustainment_officer)
    assert client.get(reverse(f"sustainment:{name}", args=[job.pk])).status_code == 403


def test_lists_are_paginated_with_fixed_queries(
    client, sustainment_officer, gardeners, person, django_assert_max_num_queries
):
    FlagFactory(person=person, code="shielding")
    for _ in range(30):
        referral = SupportReferralFactory(person=person, officer=sustainment_officer)
        PartnerJobFactory(referral=referral, agency=gardeners, status=JobStatus.ON_HOLD)
    client.force_login(sustainment_officer)
    with django_assert_max_num_queries(10):
        html = client.get(reverse("sustainment:referral_list")).content.decode()
    assert "30 referrals" in html and "Page 1 of 2" in html
    with django_assert_max_num_queries(11):
        html = client.get(reverse("sustainment:job_list") + "?status=on_hold").content.decode()
    assert "30 jobs" in html and "Page 1 of 2" in html
    with django_assert_max_num_queries(11):
        client.get(reverse("sustainment:job_list") + "?page=2")


def test_the_person_page_lists_their_referrals(client, officer, referral, person):
    client.force_login(officer)
    html = client.get(reverse("people:person_detail", args=[person.reference])).content.decode()
    assert referral.reference in html and "Make a support referral" in html
