import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from doorstep.community import services
from doorstep.community.models import Champion, EventPhoto, SignUp
from doorstep.community.tests.factories import ChampionFactory, EventFactory
from doorstep.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_an_officer_adds_a_community_champion(officer, person, estate):
    champion = services.champion_add(
        actor=officer,
        person=person,
        estate=estate,
        interests="Gardening, baking",
        since=timezone.localdate(),
    )
    assert champion.place == "Beechdale Estate"
    assert AuditEvent.objects.filter(object_type="community.champion").count() == 1


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"person": None}, "person"),
        ({"estate": None, "area": ""}, "area"),
        ({"since": "tomorrow"}, "since"),
        ({"interests": "x" * 301}, "interests"),
    ],
)
def test_champion_bad_input_names_the_field(officer, person, estate, kwargs, field):
    values = {
        "person": person,
        "estate": estate,
        "area": "",
        "interests": "",
        "since": timezone.localdate(),
    }
    if kwargs.get("since") == "tomorrow":
        kwargs = {"since": timezone.localdate() + dt.timedelta(days=1)}
    values.update(kwargs)
    with pytest.raises(ValidationError) as caught:
        services.champion_add(actor=officer, **values)
    assert field in caught.value.message_dict


def test_a_resident_is_a_champion_once(officer, person):
    ChampionFactory(person=person)
    with pytest.raises(ValidationError, match="already a Community Champion"):
        services.champion_add(
            actor=officer, person=person, area="Goscote", since=timezone.localdate()
        )
    assert Champion.objects.count() == 1


def test_the_dpo_cannot_change_community_records(dpo, person):
    with pytest.raises(PermissionDenied):
        services.champion_add(actor=dpo, person=person, area="Goscote", since=timezone.localdate())


def test_an_event_is_planned_with_champions(officer, office, person):
    champion = ChampionFactory(person=person)
    start = timezone.now() + dt.timedelta(days=10)
    event = services.event_create(
        actor=officer,
        title="Community garden afternoon with older residents",
        kind="gardening",
        venue="Beechdale office garden",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        office=office,
        champions=[champion],
    )
    assert event.organiser == officer
    assert list(event.champions.all()) == [champion]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": ""}, "title"),
        ({"kind": "rave"}, "kind"),
        ({"venue": ""}, "venue"),
        ({"ends_at": "before"}, "ends_at"),
        ({"office": None}, "office"),
        ({"starts_at": "last month"}, "starts_at"),
    ],
)
def test_event_bad_input_names_the_field(officer, office, kwargs, field):
    start = timezone.now() + dt.timedelta(days=3)
    values = {
        "title": "Street party",
        "kind": "street_party",
        "venue": "Goscote Lane",
        "starts_at": start,
        "office": office,
    }
    if kwargs.get("ends_at") == "before":
        kwargs = {"ends_at": start - dt.timedelta(hours=1)}
    if kwargs.get("starts_at") == "last month":
        kwargs = {"starts_at": start - dt.timedelta(days=40)}
    values.update(kwargs)
    with pytest.raises(ValidationError) as caught:
        services.event_create(actor=officer, **values)
    assert field in caught.value.message_dict


def test_sign_ups_are_once_per_resident(officer, person):
    event = EventFactory()
    services.sign_up_add(actor=officer, event=event, person=person, note="Needs a lift")
    with pytest.raises(ValidationError) as caught:
        services.sign_up_add(actor=officer, event=event, person=person)
    assert "person" in caught.value.message_dict
    assert SignUp.objects.count() == 1


def test_the_outcome_is_recorded_once_the_event_has_happened(officer):
    future = EventFactory()
    with pytest.raises(ValidationError) as caught:
        services.event_outcome_record(actor=officer, event=future, outcome="Went well")
    assert "outcome" in caught.value.message_dict
    past = EventFactory(starts_at=timezone.now() - dt.timedelta(days=1))
    event = services.event_outcome_record(
        actor=officer, event=past, outcome="Twelve raised beds planted.", attendance=18
    )
    assert (event.outcome, event.attendance) == ("Twelve raised beds planted.", 18)


def test_tasks_need_a_staff_owner_and_a_due_date_not_past(officer, dpo):
    event = EventFactory()
    task = services.task_add(
        actor=officer,
        event=event,
        title="Order compost",
        owner=officer,
        due_on=timezone.localdate(),
    )
    assert services.task_done(actor=officer, task=task).done_at is not None
    with pytest.raises(ValidationError) as caught:
        services.task_add(
            actor=officer, event=event, title="x", owner=dpo, due_on=timezone.localdate()
        )
    assert "owner" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.task_add(
            actor=officer,
            event=event,
            title="x",
            owner=officer,
            due_on=timezone.localdate() - dt.timedelta(days=1),
        )
    assert "due_on" in caught.value.message_dict


def test_photos_are_checked_by_content_and_stored_under_a_random_name(officer, media):
    event = EventFactory()
    photo = services.photo_add(
        actor=officer,
        event=event,
        uploaded_file=SimpleUploadedFile("Edna at the garden.png", png_bytes()),
        caption="Raised beds",
    )
    assert photo.content_type == "image/png"
    assert photo.file.name.startswith(f"community/{event.pk}/")
    assert "Edna" not in photo.file.name
    with pytest.raises(ValidationError) as caught:
        services.photo_add(
            actor=officer,
            event=event,
            uploaded_file=SimpleUploadedFile("fake.jpg", b"this is not a photo at all"),
        )
    assert caught.value.message_dict["file"] == [
        "The selected file must be a photo: JPEG, PNG, WebP or HEIC."
    ]
    assert EventPhoto.objects.count() == 1
