import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from doorstep.core.models import AuditAction, AuditEvent
from doorstep.people import services
from doorstep.people.models import (
    ConsentToShare,
    EmergencyContact,
    FlagReview,
    Person,
    Vulnerability,
)
from doorstep.people.search_keys import name_key
from doorstep.people.tests.factories import EmergencyContactFactory, FlagFactory, PersonFactory

pytestmark = pytest.mark.django_db

FROZEN = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)


def events_for(instance, action=None):
    rows = AuditEvent.objects.filter(
        object_type=instance._meta.label_lower, object_id=str(instance.pk)
    )
    return rows.filter(action=action) if action else rows


# People ------------------------------------------------------------------------------------


def test_first_person_gets_p000001(officer):
    person = services.person_create(actor=officer, first_name="Edna", last_name="Thompson")
    assert person.reference == "P000001"


def test_new_reference_is_one_more_than_the_highest(officer):
    PersonFactory(reference="P000041")
    PersonFactory(reference="P000007")
    # References in other shapes (an old system's) are not counted.
    PersonFactory(reference="LEGACY-999999")
    PersonFactory(reference="P1234567")
    person = services.person_create(actor=officer, first_name="Ann", last_name="Lee")
    assert person.reference == "P000042"


def test_reference_clash_is_retried(officer, monkeypatch):
    PersonFactory(reference="P000005")
    offered = iter(["P000005", "P000006"])
    monkeypatch.setattr(services, "next_person_reference", lambda: next(offered))
    person = services.person_create(actor=officer, first_name="Ann", last_name="Lee")
    assert person.reference == "P000006"
    assert Person.objects.filter(reference="P000006").count() == 1
    assert events_for(person, AuditAction.CREATE).count() == 1


def test_a_given_reference_is_kept_and_a_clash_is_an_error(officer):
    person = services.person_create(
        actor=officer, reference="P900001", first_name="Ann", last_name="Lee"
    )
    assert person.reference == "P900001"
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        services.person_create(actor=officer, reference="P900001", first_name="Bo", last_name="Lee")


def test_create_normalises_contact_details_and_keeps_search_keys(officer):
    person = services.person_create(
        actor=officer,
        first_name=" Edna ",
        last_name="Thompson",
        phone="0121 496 0000",
        phone_other="07911 123456",
        email=" Edna.Thompson@Example.COM ",
    )
    person.refresh_from_db()
    assert person.first_name == "Edna"
    assert person.phone == "+441214960000"
    assert person.phone_other == "+447911123456"
    assert person.email == "edna.thompson@example.com"
    assert person.search_text == f"edna thompson {person.reference.lower()}"
    assert person.name_key == name_key("Tomson")


def test_create_is_audited_with_the_person(officer):
    person = services.person_create(actor=officer, first_name="Edna", last_name="Thompson")
    event = events_for(person).get()
    assert event.action == AuditAction.CREATE
    assert event.actor == officer
    assert event.person_id == person.pk
    assert event.object_label == person.reference
    assert event.changes["last_name"] == [None, "Thompson"]


def test_create_refuses_a_bad_phone_and_writes_nothing(officer):
    with pytest.raises(ValidationError):
        services.person_create(actor=officer, first_name="A", last_name="B", phone="12345")
    assert not Person.objects.exists()
    assert not AuditEvent.objects.exists()


def test_create_refuses_unknown_fields(officer):
    with pytest.raises(TypeError):
        services.person_create(actor=officer, first_name="A", last_name="B", shoe_size=9)


def test_update_audits_what_changed_and_refreshes_search_keys(officer, person):
    services.person_update(
        actor=officer, person=person, last_name="Smith", phone="01922 654321", email=""
    )
    person.refresh_from_db()
    assert person.phone == "+441922654321"
    assert person.name_key == name_key("Smith")
    assert "smith" in person.search_text
    event = events_for(person, AuditAction.UPDATE).get()
    assert event.changes["last_name"] == ["Thompson", "Smith"]
    assert event.changes["phone"] == ["+441922123456", "+441922654321"]
    assert "first_name" not in event.changes


def test_update_refuses_a_bad_email(officer, person):
    with pytest.raises(ValidationError):
        services.person_update(actor=officer, person=person, email="not-an-email")


# Flags --------------------------------------------------------------------------------------


def test_flag_add_is_audited_and_records_who(officer, person):
    flag = services.flag_add(
        actor=officer,
        person=person,
        code=Vulnerability.SHIELDING,
        start_date=dt.date(2026, 1, 5),
        review_date=dt.date(2026, 7, 5),
        note="Letter from GP",
    )
    assert flag.recorded_by == officer
    event = events_for(flag).get()
    assert event.action == AuditAction.CREATE
    assert event.person_id == person.pk


def test_flag_add_refuses_a_second_open_flag_of_the_same_kind(officer, person):
    FlagFactory(person=person, code=Vulnerability.LIVES_ALONE)
    with pytest.raises(ValidationError) as error:
        services.flag_add(
            actor=officer,
            person=person,
            code=Vulnerability.LIVES_ALONE,
            start_date=dt.date(2026, 1, 5),
        )
    assert "code" in error.value.message_dict


def test_flag_add_allows_the_same_kind_again_after_the_old_one_ended(officer, person):
    FlagFactory(person=person, code=Vulnerability.LIVES_ALONE, end_date=dt.date(2025, 1, 1))
    flag = services.flag_add(
        actor=officer,
        person=person,
        code=Vulnerability.LIVES_ALONE,
        start_date=dt.date(2026, 1, 5),
    )
    assert flag.end_date is None


def test_flag_add_refuses_review_before_start_and_unknown_codes(officer, person):
    with pytest.raises(ValidationError):
        services.flag_add(
            actor=officer,
            person=person,
            code=Vulnerability.HOARDING,
            start_date=dt.date(2026, 1, 5),
            review_date=dt.date(2026, 1, 4),
        )
    with pytest.raises(ValidationError):
        services.flag_add(
            actor=officer, person=person, code="vampire", start_date=dt.date(2026, 1, 5)
        )


@time_machine.travel(FROZEN)
def test_flag_review_sets_the_next_date_keeps_history_and_is_audited(officer, person):
    flag = FlagFactory(person=person, review_date=dt.date(2026, 3, 1), note="Raised by GP")
    review = services.flag_review(
        actor=officer, flag=flag, review_date=dt.date(2026, 9, 1), note="Still shielding"
    )
    flag.refresh_from_db()
    assert flag.review_date == dt.date(2026, 9, 1)
    assert flag.note == "Raised by GP"  # the reason the flag was raised is kept
    assert review.reviewed_on == dt.date(2026, 3, 10)
    assert review.reviewed_by == officer
    assert FlagReview.objects.filter(flag=flag).count() == 1
    change = events_for(flag, AuditAction.UPDATE).get()
    assert change.changes["review_date"] == ["2026-03-01", "2026-09-01"]
    assert events_for(review, AuditAction.CREATE).get().person_id == person.pk


@time_machine.travel(FROZEN)
def test_flag_review_refuses_a_next_date_not_in_the_future(officer, person):
    flag = FlagFactory(person=person)
    with pytest.raises(ValidationError):
        services.flag_review(actor=officer, flag=flag, review_date=dt.date(2026, 3, 10))


def test_flag_review_refuses_an_ended_flag(officer, person):
    flag = FlagFactory(person=person, end_date=dt.date(2025, 1, 1))
    with pytest.raises(ValidationError):
        services.flag_review(actor=officer, flag=flag, review_date=dt.date(2099, 1, 1))


def test_reviewed_no_change_looks_again_in_six_months(officer, person):
    flag = FlagFactory(person=person, review_date=dt.date(2026, 8, 31))
    review = services.flag_reviewed_no_change(actor=officer, flag=flag, today=dt.date(2026, 8, 31))
    flag.refresh_from_db()
    assert flag.review_date == dt.date(2027, 2, 28)
    assert review.note == "Reviewed, no change"


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2027, 8, 31), 6, dt.date(2028, 2, 29)),
        (dt.date(2026, 7, 15), 6, dt.date(2027, 1, 15)),
        (dt.date(2026, 12, 1), 12, dt.date(2027, 12, 1)),
    ],
)
def test_add_months(day, months, expected):
    assert services.add_months(day, months) == expected


def test_flag_end_is_audited_and_refuses_bad_dates(officer, person):
    flag = FlagFactory(person=person, start_date=dt.date(2024, 1, 1))
    with pytest.raises(ValidationError):
        services.flag_end(actor=officer, flag=flag, end_date=dt.date(2023, 12, 31))
    services.flag_end(actor=officer, flag=flag, end_date=dt.date(2026, 1, 1))
    flag.refresh_from_db()
    assert flag.end_date == dt.date(2026, 1, 1)
    assert events_for(flag, AuditAction.UPDATE).get().changes["end_date"] == [None, "2026-01-01"]
    with pytest.raises(ValidationError):
        services.flag_end(actor=officer, flag=flag, end_date=dt.date(2026, 2, 1))


# Emergency contacts, consent, equality ------------------------------------------------------


def test_emergency_contact_add_update_remove_are_audited(officer, person):
    contact = services.emergency_contact_add(
        actor=officer,
        person=person,
        name="Sam Thompson",
        relationship="Son",
        phone="07911 123456",
        note="",
    )
    assert contact.phone == "+447911123456"
    services.emergency_contact_update(
        actor=officer,
        contact=contact,
        name="Sam Thompson",
        relationship="Son",
        phone="07912 345678",
        note="Works nights",
    )
    contact.refresh_from_db()
    assert contact.phone == "+447912345678"
    pk = contact.pk
    services.emergency_contact_remove(actor=officer, contact=contact)
    assert not EmergencyContact.objects.filter(pk=pk).exists()
    actions = list(
        AuditEvent.objects.filter(object_type="people.emergencycontact", object_id=str(pk))
        .order_by("id")
        .values_list("action", "person_id")
    )
    assert actions == [
        (AuditAction.CREATE, person.pk),
        (AuditAction.UPDATE, person.pk),
        (AuditAction.DELETE, person.pk),
    ]


def test_emergency_contact_refuses_a_bad_phone(officer, person):
    with pytest.raises(ValidationError):
        services.emergency_contact_add(actor=officer, person=person, name="X", phone="999")
    contact = EmergencyContactFactory(person=person)
    with pytest.raises(ValidationError):
        services.emergency_contact_update(actor=officer, contact=contact, phone="abc")


@time_machine.travel(FROZEN)
def test_consent_add_and_withdraw(officer, person):
    consent = services.consent_add(
        actor=officer, person=person, agency="Adult social care", given_on=dt.date(2026, 3, 1)
    )
    assert consent.is_current
    services.consent_withdraw(actor=officer, consent=consent, withdrawn_on=dt.date(2026, 3, 10))
    consent.refresh_from_db()
    assert not consent.is_current
    assert events_for(consent).count() == 2
    with pytest.raises(ValidationError):
        services.consent_withdraw(actor=officer, consent=consent, withdrawn_on=dt.date(2026, 3, 10))


@time_machine.travel(FROZEN)
def test_consent_refuses_a_future_date_a_blank_agency_and_withdrawal_before_giving(officer, person):
    with pytest.raises(ValidationError):
        services.consent_add(
            actor=officer, person=person, agency="Police", given_on=dt.date(2026, 3, 11)
        )
    with pytest.raises(ValidationError):
        services.consent_add(
            actor=officer, person=person, agency="  ", given_on=dt.date(2026, 3, 1)
        )
    consent = ConsentToShare.objects.create(
        person=person, agency="Police", given_on=dt.date(2026, 3, 5)
    )
    with pytest.raises(ValidationError):
        services.consent_withdraw(actor=officer, consent=consent, withdrawn_on=dt.date(2026, 3, 4))


def test_equality_save_creates_then_updates(officer, person):
    info = services.equality_save(actor=officer, person=person, sex="Female", religion="")
    info2 = services.equality_save(
        actor=officer, person=person, sex="Prefer not to say", religion="Christian"
    )
    assert info.pk == info2.pk
    info2.refresh_from_db()
    assert info2.sex == "Prefer not to say"
    rows = list(events_for(info).order_by("id"))
    assert [r.action for r in rows] == [AuditAction.CREATE, AuditAction.UPDATE]
    # Which answers changed is kept; the answers themselves are special-category and withheld.
    assert rows[1].changes["sex"] == ["(withheld)", "(withheld)"]
    assert set(rows[1].changes) == {"sex", "religion"}
    assert rows[1].person_id == person.pk


def test_special_category_list_views_write_one_row_per_person_in_one_query(
    officer, django_assert_num_queries
):
    people = PersonFactory.create_batch(5)
    with django_assert_num_queries(1):
        written = services.special_category_list_viewed(
            actor=officer, people=people, what="vulnerability flag in people list (shielding)"
        )
    assert written == 5
    assert set(
        AuditEvent.objects.filter(action=AuditAction.VIEW).values_list("person_id", flat=True)
    ) == {p.pk for p in people}
