import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from doorstep.community.models import Champion, Event, EventTask, SignUp
from doorstep.community.tests.factories import (
    ChampionFactory,
    EventFactory,
    EventTaskFactory,
    SignUpFactory,
)
from doorstep.people.tests.factories import FlagFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


@pytest.mark.parametrize("url", ["/community/", "/community/calendar/", "/community/champions/"])
def test_signed_out_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/sign-in/")


@pytest.mark.parametrize("who", ["officer", "manager", "dpo"])
def test_staff_and_the_dpo_read_the_community_pages(client, request, who):
    event = EventFactory()
    client.force_login(request.getfixturevalue(who))
    for url in (
        reverse("community:event_list"),
        reverse("community:calendar"),
        reverse("community:champion_list"),
        event.get_absolute_url(),
    ):
        assert client.get(url).status_code == 200


def test_the_dpo_cannot_change_anything(client, dpo):
    event = EventFactory()
    client.force_login(dpo)
    for url in (
        reverse("community:event_create"),
        reverse("community:event_edit", args=[event.pk]),
        reverse("community:task_add", args=[event.pk]),
        reverse("community:sign_up_add", args=[event.pk]),
        reverse("community:photo_add", args=[event.pk]),
        reverse("community:champion_add"),
    ):
        assert client.get(url).status_code == 403
    assert "Plan an event" not in client.get(reverse("community:event_list")).content.decode()


def test_an_officer_plans_an_event(client, officer, office, person):
    champion = ChampionFactory(person=person)
    client.force_login(officer)
    start = (timezone.localtime() + dt.timedelta(days=5)).strftime("%Y-%m-%d 14:00")
    response = client.post(
        reverse("community:event_create"),
        {
            "title": "Community garden afternoon with older residents",
            "kind": "gardening",
            "venue": "Beechdale office garden",
            "starts_at": start,
            "office": office.pk,
            "organiser": officer.pk,
            "champions": [champion.pk],
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert response.url == event.get_absolute_url()
    assert list(event.champions.all()) == [champion]


def test_event_form_bad_input_names_the_field(client, officer, office):
    client.force_login(officer)
    response = client.post(
        reverse("community:event_create"),
        {
            "title": "",
            "kind": "",
            "venue": "Hall",
            "starts_at": "Saturday",
            "office": office.pk,
            "organiser": officer.pk,
        },
    )
    errors = response.context["form"].errors
    assert errors["title"] == ["Enter the event's title."]
    assert errors["kind"] == ["Select the kind of event."]
    assert errors["starts_at"] == ["Enter the start as YYYY-MM-DD HH:MM, like 2026-06-13 14:00."]


def test_event_list_is_paginated_in_a_fixed_number_of_queries(client, officer, office):
    client.force_login(officer)
    for _ in range(3):
        SignUpFactory(event=EventFactory(office=office))
    few, _ = _queries(client, reverse("community:event_list"))
    for _ in range(30):
        SignUpFactory(event=EventFactory(office=office))
    many, response = _queries(client, reverse("community:event_list"))
    assert many == few
    assert response.context["page_obj"].paginator.count == 33


def test_event_page_sign_ups_paginated_in_a_fixed_number_of_queries(client, officer):
    event = EventFactory()
    client.force_login(officer)
    SignUpFactory(event=event)
    few, _ = _queries(client, event.get_absolute_url())
    for _ in range(30):
        person = PersonFactory()
        FlagFactory(person=person, code="older_person")
        SignUpFactory(event=event, person=person)
    many, response = _queries(client, event.get_absolute_url())
    assert many == few
    assert response.context["page_obj"].paginator.count == 31


def test_event_page_highlights_older_residents_and_filters_them(
    client, officer, person, other_person
):
    event = EventFactory()
    FlagFactory(person=person, code="older_person")
    FlagFactory(person=other_person, code="mental_health")
    SignUpFactory(event=event, person=person)
    SignUpFactory(event=event, person=other_person)
    client.force_login(officer)
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Older person" in html
    assert "Mental health" not in html
    html = client.get(event.get_absolute_url() + "?older=1").content.decode()
    assert "Edna Thompson" in html
    assert "Ray Castle" not in html


def test_sign_up_by_person_reference(client, officer, person):
    event = EventFactory()
    client.force_login(officer)
    url = reverse("community:sign_up_add", args=[event.pk])
    response = client.post(url, {"person": "P999999"})
    assert response.context["form"].errors["person"] == ["No one has the person reference P999999."]
    response = client.post(url, {"person": person.reference, "note": "Needs a lift"})
    assert response.status_code == 302
    sign_up = SignUp.objects.get()
    response = client.post(
        reverse("community:sign_up_remove", args=[event.pk, sign_up.pk]), follow=True
    )
    assert "no longer signed up" in response.content.decode()
    assert not SignUp.objects.exists()


def test_tasks_added_and_done(client, officer):
    event = EventFactory()
    client.force_login(officer)
    response = client.post(
        reverse("community:task_add", args=[event.pk]),
        {"title": "Order compost", "owner": officer.pk, "due_on": "yesterday"},
    )
    assert response.context["form"].errors["due_on"] == [
        "Enter the due date as YYYY-MM-DD, like 2026-06-10."
    ]
    response = client.post(
        reverse("community:task_add", args=[event.pk]),
        {"title": "Order compost", "owner": officer.pk, "due_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    task = EventTask.objects.get()
    client.post(reverse("community:task_done", args=[event.pk, task.pk]))
    task.refresh_from_db()
    assert task.done_at is not None


def test_task_done_refused_to_the_dpo(client, dpo):
    task = EventTaskFactory()
    client.force_login(dpo)
    url = reverse("community:task_done", args=[task.event_id, task.pk])
    assert client.post(url).status_code == 403


def test_outcome_after_the_event(client, officer):
    event = EventFactory(starts_at=timezone.now() - dt.timedelta(hours=3))
    client.force_login(officer)
    url = reverse("community:event_outcome", args=[event.pk])
    response = client.post(url, {"outcome": "", "attendance": "-3"})
    errors = response.context["form"].errors
    assert errors["outcome"] == ["Enter what came of the event."]
    assert "attendance" in errors
    client.post(url, {"outcome": "Ten beds planted, tea after.", "attendance": "14"})
    event.refresh_from_db()
    assert event.attendance == 14


def test_photo_upload_and_serving(client, officer, dpo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    event = EventFactory()
    client.force_login(officer)
    url = reverse("community:photo_add", args=[event.pk])
    response = client.post(url, {"file": SimpleUploadedFile("x.jpg", b"not an image")})
    assert response.context["form"].errors["file"] == [
        "The selected file must be a photo: JPEG, PNG, WebP or HEIC."
    ]
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="JPEG")
    response = client.post(
        url, {"file": SimpleUploadedFile("garden.jpg", buffer.getvalue()), "caption": "Beds"}
    )
    assert response.status_code == 302
    photo = event.photos.get()
    client.force_login(dpo)
    response = client.get(reverse("community:photo", args=[event.pk, photo.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert client.get(reverse("community:photo", args=[event.pk, photo.pk + 1])).status_code == 404


def test_champions_list_paginated_in_a_fixed_number_of_queries(client, officer, person):
    client.force_login(officer)
    ChampionFactory()
    few, _ = _queries(client, reverse("community:champion_list"))
    for _ in range(30):
        ChampionFactory()
    many, response = _queries(client, reverse("community:champion_list"))
    assert many == few
    assert response.context["page_obj"].paginator.count == 31


def test_add_a_champion(client, officer, person, estate):
    client.force_login(officer)
    url = reverse("community:champion_add")
    response = client.post(url, {"person": person.reference, "since": ""})
    assert response.context["form"].errors["since"] == ["Enter the date they became a champion."]
    response = client.post(
        url,
        {
            "person": person.reference,
            "estate": estate.pk,
            "since": "2025-09-01",
            "interests": "Gardening",
        },
    )
    assert response.status_code == 302
    assert Champion.objects.get().person == person


def test_the_calendar_month_table(client, officer):
    EventFactory(
        title="Scarecrow competition", starts_at=dt.datetime(2026, 10, 17, 11, 0, tzinfo=dt.UTC)
    )
    client.force_login(officer)
    response = client.get(reverse("community:calendar") + "?month=2026-10")
    html = response.content.decode()
    assert '<caption class="govuk-table__caption govuk-table__caption--m">October 2026' in html
    assert "Scarecrow competition" in html
    assert "?month=2026-09" in html
    assert "?month=2026-11" in html
