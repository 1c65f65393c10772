import datetime as dt
import io
import json
import zipfile

import pytest
import time_machine
from django.urls import reverse

from doorstep.core.audit import record_view
from doorstep.core.models import AuditEvent
from doorstep.core.navigation import nav_items_for
from doorstep.core.working_days import LONDON
from doorstep.dataprotection.models import RequestStatus, SubjectAccessRequest
from doorstep.dataprotection.myday import requests_overdue
from doorstep.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2026, 3, 10, 12, 0, tzinfo=LONDON)


def _request(person, dpo, *, received_on=dt.date(2026, 3, 2), **kwargs):
    from doorstep.dataprotection.deadlines import sar_due_on

    return SubjectAccessRequest.objects.create(
        person=person,
        received_on=received_on,
        requester="The tenant herself",
        due_on=sar_due_on(received_on),
        created_by=dpo,
        **kwargs,
    )


@pytest.mark.parametrize("who", ["officer", "team_leader", "manager", "safeguarding_lead"])
def test_only_the_dpo_sees_the_register(client, request, who, dpo, person):
    sar = _request(person, dpo)
    client.force_login(request.getfixturevalue(who))
    for url in (
        reverse("dataprotection:request_list"),
        reverse("dataprotection:request_create"),
        reverse("dataprotection:request_detail", args=[sar.pk]),
        reverse("dataprotection:request_download", args=[sar.pk]),
    ):
        assert client.get(url).status_code == 403
    assert client.post(reverse("dataprotection:request_export", args=[sar.pk])).status_code == 403


def test_the_dpo_sees_the_register_and_nav_entry(client, dpo, person):
    sar = _request(person, dpo)
    client.force_login(dpo)
    response = client.get(reverse("dataprotection:request_list"))
    assert response.status_code == 200
    assert sar.reference in response.content.decode()
    labels = [item.label for item in nav_items_for(user=dpo, path="/")]
    assert "Subject access requests" in labels


def test_the_list_is_paginated_with_a_flat_query_count(
    client, dpo, person, django_assert_max_num_queries
):
    for day in range(1, 30):
        _request(PersonFactory(), dpo, received_on=dt.date(2026, 2, day % 28 + 1))
    client.force_login(dpo)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("dataprotection:request_list"), {"status": ""})
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.num_pages == 2
    assert len(response.context["page_obj"]) == 25


@time_machine.travel(NOON, tick=False)
def test_logging_a_request_sets_the_due_date(client, dpo, person):
    client.force_login(dpo)
    response = client.post(
        reverse("dataprotection:request_create"),
        {
            "person_reference": person.reference,
            "requester": "The tenant herself",
            "received_on": "2026-01-31",
            "identity_checked": "on",
            "identity_checked_on": "2026-02-02",
        },
    )
    sar = SubjectAccessRequest.objects.get()
    assert response.status_code == 302
    assert sar.due_on == dt.date(2026, 3, 2)  # 28 Feb 2026 is a Saturday
    assert sar.identity_checked_on == dt.date(2026, 2, 2)
    assert AuditEvent.objects.filter(object_type="dataprotection.subjectaccessrequest").exists()


@time_machine.travel(NOON, tick=False)
@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"person_reference": "P404"}, "person_reference", "No person has the reference P404"),
        ({"received_on": "2026-02-30"}, "received_on", "as YYYY-MM-DD"),
        ({"received_on": "2026-04-01"}, "received_on", "cannot be in the future"),
        ({"requester": ""}, "requester", "Enter who made the request"),
        ({"identity_checked_on": ""}, "identity_checked_on", "identity was checked"),
    ],
)
def test_bad_input_names_the_field(client, dpo, person, data, field, message):
    client.force_login(dpo)
    post = {
        "person_reference": person.reference,
        "requester": "The tenant",
        "received_on": "2026-03-02",
        "identity_checked": "on",
        "identity_checked_on": "2026-03-03",
        **data,
    }
    response = client.post(reverse("dataprotection:request_create"), post)
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert not SubjectAccessRequest.objects.exists()


@time_machine.travel(NOON, tick=False)
def test_an_extension_needs_a_reason_and_moves_the_due_date(client, dpo, person):
    sar = _request(person, dpo)
    client.force_login(dpo)
    url = reverse("dataprotection:request_detail", args=[sar.pk])
    version = client.get(url).context["form"].initial["version"]
    base = {"status": "in_progress", "extension_months": "2", "version": version}
    response = client.post(url, {**base, "extension_reason": ""})
    assert "Enter why the request needs more time" in str(
        response.context["form"].errors["extension_reason"]
    )
    response = client.post(url, {**base, "extension_reason": "Thirty years of case files"})
    assert response.status_code == 302
    sar.refresh_from_db()
    assert sar.due_on == dt.date(2026, 6, 2)
    assert sar.extension_reason == "Thirty years of case files"


@time_machine.travel(NOON, tick=False)
def test_completing_needs_the_date_sent(client, dpo, person):
    sar = _request(person, dpo)
    client.force_login(dpo)
    url = reverse("dataprotection:request_detail", args=[sar.pk])
    version = client.get(url).context["form"].initial["version"]
    response = client.post(
        url, {"status": "completed", "extension_months": "0", "version": version}
    )
    assert "Enter the date the response was sent" in str(
        response.context["form"].errors["completed_on"]
    )


def test_a_stale_form_shows_the_conflict(client, dpo, person):
    sar = _request(person, dpo)
    client.force_login(dpo)
    url = reverse("dataprotection:request_detail", args=[sar.pk])
    version = client.get(url).context["form"].initial["version"]
    SubjectAccessRequest.objects.filter(pk=sar.pk).update(status="in_progress")
    sar.refresh_from_db()
    sar.save()  # someone else saved: updated_at moves on
    response = client.post(url, {"status": "received", "extension_months": "0", "version": version})
    assert response.status_code == 200
    assert response.context["conflict_rows"]


def test_generate_export_then_download_is_audited(client, dpo, person, officer):
    record_view(actor=officer, instance=person, what="vulnerability flags")
    sar = _request(person, dpo)
    client.force_login(dpo)
    response = client.post(reverse("dataprotection:request_export", args=[sar.pk]))
    assert response.status_code == 302
    sar.refresh_from_db()
    assert sar.export_file and sar.export_generated_at
    assert sar.status == RequestStatus.IN_PROGRESS
    assert "/" + str(person.reference) not in sar.export_file.name  # no personal data in paths
    response = client.get(reverse("dataprotection:request_download", args=[sar.pk]))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    data = json.loads(archive.read("data.json"))
    assert data["sections"]["audit"][-1]["viewed"] == "vulnerability flags"
    assert AuditEvent.objects.filter(
        action="view",
        object_type="dataprotection.subjectaccessrequest",
        person_id=person.pk,
        changes__viewed="subject access export downloaded",
    ).exists()


def test_download_before_any_export_is_404(client, dpo, person):
    sar = _request(person, dpo)
    client.force_login(dpo)
    assert client.get(reverse("dataprotection:request_download", args=[sar.pk])).status_code == 404


@time_machine.travel(NOON, tick=False)
def test_overdue_requests_are_on_the_dpos_my_day(dpo, officer, person):
    late = _request(person, dpo, received_on=dt.date(2026, 1, 5))  # due 5 Feb
    _request(person, dpo, received_on=dt.date(2026, 3, 2))  # not yet due
    _request(
        person,
        dpo,
        received_on=dt.date(2026, 1, 6),
        status="completed",
        completed_on=dt.date(2026, 2, 1),
    )
    items = list(requests_overdue(user=dpo, today=NOON.date(), now=NOON))
    assert [item.url for item in items] == [late.get_absolute_url()]
    assert items[0].overdue
    assert list(requests_overdue(user=officer, today=NOON.date(), now=NOON)) == []


def test_the_audit_log_searches_by_person_reference(client, dpo, officer, person, other_person):
    record_view(actor=officer, instance=person, what="equality information")
    record_view(actor=officer, instance=other_person, what="flags of someone else")
    client.force_login(dpo)
    response = client.get(reverse("core:audit_log"), {"person_reference": person.reference})
    page = response.content.decode()
    assert "equality information" in page
    assert "flags of someone else" not in page
    response = client.get(reverse("core:audit_log"), {"person_reference": "P404404"})
    assert "No person has the reference P404404" in str(
        response.context["form"].errors["person_reference"]
    )
