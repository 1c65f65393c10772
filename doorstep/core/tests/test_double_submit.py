"""A double submit of a representative create form in each app saves one record.

Each row posts the same form twice with the same `submission_key` (a double click, or a
resend after a dropped connection): one record is created and the second post gets the same
redirect as the first, without the view running again.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import UserFactory
from doorstep.cases.models import CaseAction
from doorstep.cases.tests.factories import CaseFactory
from doorstep.community.models import Event
from doorstep.complaints.models import ComplaintStage
from doorstep.contacts.models import Contact
from doorstep.dataprotection.models import SubjectAccessRequest
from doorstep.imports.models import ImportRun
from doorstep.meetings.models import Meeting
from doorstep.partners.models import Agency, AgencyKind
from doorstep.partners.tests.factories import AgencyFactory
from doorstep.people.models import Person
from doorstep.recruitment.models import Vacancy
from doorstep.repairs.models import Repair
from doorstep.resident_reports import spam
from doorstep.resident_reports.models import ResidentReport
from doorstep.safeguarding.models import SafeguardingReferral
from doorstep.sustainment.models import SupportReferral
from doorstep.welfare.models import WelfareProgramme

pytestmark = pytest.mark.django_db


@dataclass
class Create:
    user: str | None  # a conftest fixture, or None for the public page
    url: Callable[[Any], str]  # given the fixture lookup
    data: Callable[[Any], dict[str, Any]]
    model: type[Model]


def _soon(days: int = 3) -> str:
    return (timezone.localtime() + dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def _case_action_url(get: Any) -> str:
    case = CaseFactory(home=get("home"), lead_officer=get("officer"))
    return reverse("cases:case_action_add", args=[case.reference])


def _referral_data(get: Any) -> dict[str, Any]:
    agency = AgencyFactory(name="Adult Social Care", kind=AgencyKind.ADULT_SOCIAL_CARE)
    return {
        "concern_recorded_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "adult_or_child": "adult",
        "category": "physical",
        "what_was_seen": "Bruising to both arms; she says she fell.",
        "immediate_danger": "no",
        "consent_given": "yes",
        "agency": agency.pk,
    }


def _sustainment_url(get: Any) -> str:
    return reverse("sustainment:referral_create") + f"?person={get('person').reference}"


def _report_data(get: Any) -> dict[str, Any]:
    return {
        "kind": "fly_tipping",
        "description": "Someone dumped a fridge and bin bags by the garages last night.",
        "estate": str(get("estate").pk),
        "location": "By the garages",
        "contact": "anonymous",
        "website": "",
        "started": spam.form_token(timezone.now().timestamp() - 60),
    }


CREATES: dict[str, Create] = {
    "cases: an action": Create(
        "officer",
        _case_action_url,
        lambda get: {
            "title": "Send diary sheets",
            "owner": get("officer").pk,
            "due_on": (timezone.localdate() + dt.timedelta(days=3)).isoformat(),
        },
        CaseAction,
    ),
    "contacts: a contact": Create(
        "officer",
        lambda get: reverse("contacts:contact_create"),
        lambda get: {
            "person": get("person").reference,
            "channel": "phone",
            "direction": "inbound",
            "summary": "Rang about the fence",
        },
        Contact,
    ),
    "people: a person": Create(
        "officer",
        lambda get: reverse("people:person_create"),
        lambda get: {
            "first_name": "Ann",
            "last_name": "Lee",
            "phone": "0121 496 0000",
            "preferred_contact_method": "phone",
        },
        Person,
    ),
    "complaints: a complaint": Create(
        "officer",
        lambda get: reverse("complaints:complaint_create"),
        lambda get: {
            "complainant": get("person").reference,
            "uprn": get("home").uprn,
            "about": "repairs",
            "summary": "Boiler repair left unfinished",
            "received_on": timezone.localdate().isoformat(),
        },
        ComplaintStage,
    ),
    "repairs: a repair": Create(
        "officer",
        lambda get: f"{reverse('repairs:repair_create')}?home={get('home').pk}",
        lambda get: {
            "priority": "urgent",
            "description": "Boiler not working, no hot water",
            "reported_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        },
        Repair,
    ),
    "meetings: a meeting": Create(
        "manager",
        lambda get: reverse("meetings:meeting_create"),
        lambda get: {
            "title": "Homelessness strategy review",
            "kind": "homelessness_strategy",
            "starts_at": _soon(),
            "venue": "Council House",
            "chair": get("manager").pk,
            "agenda": "Draft strategy\n",
        },
        Meeting,
    ),
    "recruitment: a vacancy": Create(
        "manager",
        lambda get: reverse("recruitment:vacancy_create"),
        lambda get: {
            "title": "Lettings Advisor",
            "office": get("office").pk,
            "closing_date": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
        },
        Vacancy,
    ),
    "community: an event": Create(
        "officer",
        lambda get: reverse("community:event_create"),
        lambda get: {
            "title": "Community garden afternoon",
            "kind": "gardening",
            "venue": "Beechdale office garden",
            "starts_at": (timezone.localtime() + dt.timedelta(days=5)).strftime("%Y-%m-%d 14:00"),
            "office": get("office").pk,
            "organiser": get("officer").pk,
        },
        Event,
    ),
    "welfare: a programme": Create(
        "team_leader",
        lambda get: reverse("welfare:programme_create"),
        lambda get: {
            "name": "Shielding residents — weekly call",
            "flags_all": ["shielding"],
            "frequency_days": "7",
            "start_date": timezone.localdate().isoformat(),
            "active": "on",
            "patches": [str(get("patch").pk)],
        },
        WelfareProgramme,
    ),
    "partners: an agency": Create(
        "manager",
        lambda get: reverse("partners:agency_create"),
        lambda get: {
            "name": "Walsall MASH",
            "kind": "childrens_services",
            "phone": "01922 658170",
            "secure_email": "mash@walsall.gov.uk",
            "active": "on",
        },
        Agency,
    ),
    "safeguarding: a referral": Create(
        "officer",
        lambda get: reverse("safeguarding:referral_create") + f"?person={get('person').reference}",
        _referral_data,
        SafeguardingReferral,
    ),
    "sustainment: a support referral": Create(
        "sustainment_officer",
        _sustainment_url,
        lambda get: {"kind": "decorating_pack", "eligibility_note": "Low income"},
        SupportReferral,
    ),
    "dataprotection: a subject access request": Create(
        "dpo",
        lambda get: reverse("dataprotection:request_create"),
        lambda get: {
            "person_reference": get("person").reference,
            "requester": "The tenant herself",
            "received_on": timezone.localdate().isoformat(),
        },
        SubjectAccessRequest,
    ),
    "resident_reports: the public report (no sign-in)": Create(
        None,
        lambda get: reverse("resident_reports:report"),
        _report_data,
        ResidentReport,
    ),
}


@pytest.fixture
def sustainment_officer(team):
    return UserFactory(team=team, roles=[Role.TENANCY_SUSTAINMENT_OFFICER])


@pytest.mark.parametrize("name", list(CREATES))
def test_a_double_submit_creates_one_record_and_both_get_the_same_answer(
    client, request, settings, tmp_path, name
):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()  # the public page's rate limit and anonymous keys live in the cache
    create = CREATES[name]
    get = request.getfixturevalue
    get("person")  # the standing household: a home on the officer's patch
    if create.user:
        client.force_login(get(create.user))
    url = create.url(get)
    data = {**create.data(get), "submission_key": str(uuid.uuid4())}
    before = create.model._default_manager.count()

    first = client.post(url, data)
    second = client.post(url, data)

    assert first.status_code == 302, getattr(first, "context", None) and first.context.get("form")
    assert second.status_code == 302
    assert second["Location"] == first["Location"]
    assert create.model._default_manager.count() == before + 1


def test_importing_a_checked_file_twice_imports_it_once(client, manager, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(manager)
    csv = b"person_ref,first_name,last_name\nP1,Edna,Thompson\nP2,Ray,Castle\n"
    upload = {
        "kind": "people",
        "file": SimpleUploadedFile("people.csv", csv, content_type="text/csv"),
        "submission_key": str(uuid.uuid4()),
    }
    first = client.post(reverse("imports:run_list"), upload)
    upload["file"] = SimpleUploadedFile("people.csv", csv, content_type="text/csv")
    second = client.post(reverse("imports:run_list"), upload)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    run = ImportRun.objects.get()

    confirm = {"submission_key": str(uuid.uuid4())}
    url = reverse("imports:run_confirm", args=[run.pk])
    answers = [client.post(url, confirm) for _ in "ab"]
    assert [a.status_code for a in answers] == [302, 302]
    assert answers[0]["Location"] == answers[1]["Location"]
    run.refresh_from_db()
    assert (run.created_count, run.rows_written) == (2, 2)
    assert Person.objects.filter(reference__in=["P1", "P2"]).count() == 2
