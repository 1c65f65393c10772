import pytest
from django.urls import reverse

from doorstep.core.audit import record_change, record_view, snapshot
from doorstep.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_record_change_keeps_before_and_after(officer, home):
    before = snapshot(home)
    home.bedrooms = 3
    home.save()
    event = record_change(actor=officer, action="update", instance=home, before=before)
    assert event.changes == {"bedrooms": [2, 3]}
    assert event.object_type == "places.home"
    assert event.object_label == home.uprn


def test_record_view_links_the_person(officer, person):
    event = record_view(actor=officer, instance=person, what="vulnerability flags")
    assert event.person_id == person.pk
    assert event.changes == {"viewed": "vulnerability flags"}


def test_audit_log_is_append_only(officer, person):
    event = record_view(actor=officer, instance=person, what="x")
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(action="create")


def test_dpo_searches_the_audit_log(client, dpo, officer, person):
    record_view(actor=officer, instance=person, what="vulnerability flags")
    record_change(actor=officer, action="create", instance=person)
    client.force_login(dpo)
    response = client.get(reverse("core:audit_log"), {"actor": "officer@", "action": "view"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "vulnerability flags" in page
    assert page.count("officer@doorstep.test") == 1


def test_audit_log_refused_to_officers(client, officer):
    client.force_login(officer)
    assert client.get(reverse("core:audit_log")).status_code == 403


def test_audit_log_query_count_is_flat(client, dpo, officer, person, django_assert_max_num_queries):
    for _ in range(60):
        record_view(actor=officer, instance=person, what="flags")
    client.force_login(dpo)
    # 8, plus 1 for the officer's two-factor device checked on every request.
    with django_assert_max_num_queries(9):
        response = client.get(reverse("core:audit_log"))
    assert response.status_code == 200


def test_special_category_answers_are_withheld_from_the_audit_values(officer, person):
    from doorstep.people.models import EqualityInformation

    answers = EqualityInformation.objects.create(person=person, religion="Sikh")
    event = record_change(actor=officer, action="create", instance=answers)
    assert event.changes["religion"] == ["(withheld)", "(withheld)"]
    assert "Sikh" not in str(event.changes)


def test_an_audit_row_holding_a_nul_is_still_written(officer, person):
    """A NUL typed into a search that is then exported: the audit row keeps the rest."""

    event = AuditEvent.objects.create(
        actor=officer,
        action="export",
        object_type="cases.case",
        object_id="list",
        object_label="0 cases\x00 (csv)",
        changes={"filters": {"q": "Loud\x00music"}},
    )
    event.refresh_from_db()
    assert event.changes == {"filters": {"q": "Loud\ufffdmusic"}}
    assert event.object_label == "0 cases\ufffd (csv)"
