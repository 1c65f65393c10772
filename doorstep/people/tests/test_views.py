import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import UserFactory
from doorstep.contacts.tests.factories import CallBackFactory, ContactFactory
from doorstep.core.models import AuditAction, AuditEvent
from doorstep.people.models import (
    ConsentToShare,
    EmergencyContact,
    EqualityInformation,
    Person,
    Vulnerability,
    VulnerabilityFlag,
)
from doorstep.people.tests.factories import EmergencyContactFactory, FlagFactory, PersonFactory
from doorstep.tenancies.models import MemberRole
from doorstep.tenancies.tests.factories import TenancyFactory, TenancyMemberFactory

pytestmark = pytest.mark.django_db

FROZEN = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)
SIGN_IN = "/accounts/sign-in/"


@pytest.fixture(autouse=True)
def frozen_day():
    with time_machine.travel(FROZEN, tick=True):
        yield


@pytest.fixture
def estates_officer(team):
    return UserFactory(
        email="estates@doorstep.test",
        full_name="Lee Estates",
        team=team,
        roles=[Role.ESTATES_OFFICER],
    )


@pytest.fixture
def flag(person):
    return FlagFactory(
        person=person, code=Vulnerability.LIVES_ALONE, review_date=dt.date(2026, 3, 1)
    )


@pytest.fixture
def health_flag(person):
    return FlagFactory(person=person, code=Vulnerability.SHIELDING, note="GP letter")


@pytest.fixture
def contact(person):
    return EmergencyContactFactory(person=person, name="Sam Thompson", phone="+447911123456")


@pytest.fixture
def consent(person):
    return ConsentToShare.objects.create(
        person=person, agency="Adult social care", given_on=dt.date(2026, 1, 2)
    )


def views_of(person, what=None):
    rows = AuditEvent.objects.filter(action=AuditAction.VIEW, person_id=person.pk)
    return rows.filter(changes__viewed=what) if what else rows


def page(response):
    return response.content.decode()


# Not signed in ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("person_list", []),
        ("person_create", []),
        ("person_detail", ["P000001"]),
        ("person_edit", ["P000001"]),
        ("flag_add", ["P000001"]),
        ("flag_review", ["P000001", 1]),
        ("flag_end", ["P000001", 1]),
        ("flag_reviewed", ["P000001", 1]),
        ("emergency_contact_add", ["P000001"]),
        ("emergency_contact_edit", ["P000001", 1]),
        ("emergency_contact_remove", ["P000001", 1]),
        ("consent_add", ["P000001"]),
        ("consent_withdraw", ["P000001", 1]),
        ("equality", ["P000001"]),
    ],
)
def test_not_signed_in_goes_to_sign_in(client, person, name, args):
    url = reverse(f"people:{name}", args=args)
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
        assert response["Location"].startswith(SIGN_IN)


# People list -------------------------------------------------------------------------------


@pytest.mark.parametrize("user_fixture", ["officer", "other_officer", "dpo", "safeguarding_lead"])
def test_anyone_signed_in_can_list_people(request, client, person, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    response = client.get(reverse("people:person_list"), {"q": "thompson"})
    assert response.status_code == 200
    assert "Thompson, Edna" in page(response)


def test_list_search_as_htmx_returns_only_the_results(client, officer, person, other_person):
    client.force_login(officer)
    response = client.get(reverse("people:person_list"), {"q": "castle"}, HTTP_HX_REQUEST="true")
    assert "<html" not in page(response)
    assert "Castle, Ray" in page(response)
    assert "Thompson" not in page(response)


def test_list_shows_arrangements_but_not_health_flags(client, dpo, person, health_flag):
    FlagFactory(person=person, code=Vulnerability.LIVES_ALONE)
    client.force_login(dpo)
    html = page(client.get(reverse("people:person_list")))
    assert "Lives alone" in html
    assert "Doorstep or phone contact only; wear PPE" in html
    assert ">Shielding<" not in html
    assert not views_of(person).exists()


def test_listing_by_a_health_flag_is_audited_for_each_person_shown(
    client, officer, person, health_flag
):
    other = PersonFactory()
    FlagFactory(person=other, code=Vulnerability.SHIELDING)
    client.force_login(officer)
    response = client.get(reverse("people:person_list"), {"flag": "shielding"})
    assert ">Shielding<" in page(response)
    assert views_of(person).count() == 1
    assert views_of(other).count() == 1


def test_a_role_that_may_not_read_health_flags_cannot_list_by_them(
    client, dpo, person, health_flag
):
    client.force_login(dpo)
    response = client.get(reverse("people:person_list"), {"flag": "shielding"})
    assert response.status_code == 200
    assert "Choose a flag from the list" in page(response)
    assert 'value="shielding"' not in page(response)
    assert "Thompson, Edna" in page(response)  # the filter is ignored, nothing is confirmed
    assert not views_of(person).exists()


def test_list_query_count_does_not_grow_with_people(
    client, officer, home, django_assert_max_num_queries
):
    for _ in range(40):
        someone = PersonFactory()
        TenancyMemberFactory(person=someone, tenancy=TenancyFactory(home=home))
        FlagFactory(person=someone, code=Vulnerability.RISK_TO_STAFF)
        FlagFactory(person=someone, code=Vulnerability.LIVES_ALONE)
    client.force_login(officer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("people:person_list"))
    assert page(response).count("Two-officer visit only") == 25
    assert "Page 1 of 2" in page(response)


# Add and change a person -------------------------------------------------------------------


def test_officer_adds_a_person(client, officer, person):
    client.force_login(officer)
    assert client.get(reverse("people:person_create")).status_code == 200
    response = client.post(
        reverse("people:person_create"),
        {
            "first_name": "Ann",
            "last_name": "Lee",
            "phone": "0121 496 0000",
            "preferred_contact_method": "phone",
        },
    )
    created = Person.objects.get(last_name="Lee")
    assert created.reference == "P000002"
    assert response.status_code == 302
    assert response["Location"] == reverse("people:person_detail", args=[created.reference])
    assert created.phone == "+441214960000"
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, person_id=created.pk).exists()


def test_add_person_shows_errors_and_saves_nothing(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("people:person_create"),
        {"first_name": "", "last_name": "Lee", "preferred_contact_method": "email"},
    )
    assert response.status_code == 200
    html = page(response)
    assert "There is a problem" in html
    assert "Enter the first name" in html
    assert "Enter an email address, or choose another way to contact them" in html
    assert not Person.objects.exists()


def test_dpo_cannot_add_people(client, dpo):
    client.force_login(dpo)
    assert client.get(reverse("people:person_create")).status_code == 403
    assert client.post(reverse("people:person_create"), {"first_name": "A"}).status_code == 403


@pytest.mark.parametrize("user_fixture", ["officer", "team_leader", "manager"])
def test_patch_staff_change_details(request, client, person, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    url = reverse("people:person_edit", args=["P000001"])
    form = client.get(url)
    assert form.status_code == 200
    assert 'value="Edna"' in page(form)
    response = client.post(
        url,
        {
            "first_name": "Edna",
            "last_name": "Thompson",
            "phone": "01922 654321",
            "preferred_contact_method": "phone",
            "language": "Polish",
            "interpreter_needed": "on",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.phone == "+441922654321"
    assert person.interpreter_needed
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, person_id=person.pk)
    assert event.changes["phone"] == ["+441922123456", "+441922654321"]


@pytest.mark.parametrize("user_fixture", ["other_officer", "dpo", "safeguarding_lead"])
def test_others_cannot_change_details(request, client, person, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    url = reverse("people:person_edit", args=["P000001"])
    assert client.get(url).status_code == 403
    response = client.post(
        url, {"first_name": "X", "last_name": "Y", "preferred_contact_method": "letter"}
    )
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.first_name == "Edna"


def test_change_details_bad_input_shows_error(client, officer, person):
    client.force_login(officer)
    response = client.post(
        reverse("people:person_edit", args=["P000001"]),
        {
            "first_name": "Edna",
            "last_name": "Thompson",
            "date_of_birth": "2030-01-01",
            "preferred_contact_method": "letter",
        },
    )
    assert response.status_code == 200
    assert "Date of birth must be in the past" in page(response)


# Person page -------------------------------------------------------------------------------


def test_person_page_for_the_patch_officer(client, officer, person, home, flag, contact, consent):
    FlagFactory(person=person, code=Vulnerability.RISK_TO_STAFF)
    partner = PersonFactory(first_name="Albert", last_name="Thompson", reference="P000777")
    tenancy = person.tenancy_memberships.get().tenancy
    TenancyMemberFactory(tenancy=tenancy, person=partner, role=MemberRole.MEMBER)
    ContactFactory(person=person, summary="Asked about the garden fence")
    CallBackFactory(person=person, reason="Wants an update on the fence")
    client.force_login(officer)
    response = client.get(reverse("people:person_detail", args=["P000001"]))
    assert response.status_code == 200
    html = page(response)
    assert "<h1" in html and "Edna Thompson" in html
    assert "P000001" in html
    assert "(age 75)" in html
    assert "01922 123456" in html  # dialled format, not E.164 text
    assert "07911 123456" in html
    assert 'aria-label="Special arrangements"' in html
    assert "Two-officer visit only, never lone working" in html
    assert "Review overdue" in html
    assert reverse("places:home_detail", args=[home.pk]) in html
    assert reverse("tenancies:tenancy_detail", args=[tenancy.reference]) in html
    assert reverse("people:person_detail", args=["P000777"]) in html
    assert "Asked about the garden fence" in html
    assert "Wants an update on the fence" in html
    assert "Adult social care" in html
    back = reverse("people:person_detail", args=["P000001"])
    log_url = f"{reverse('contacts:contact_create')}?person=P000001&amp;next={back}"
    assert f'href="{log_url}"' in html
    assert f'hx-get="{log_url}"' in html
    assert 'hx-target="#modal-body"' in html
    assert f"{reverse('contacts:callback_create')}?person=P000001" in html
    assert reverse("people:person_edit", args=["P000001"]) in html
    assert reverse("people:flag_add", args=["P000001"]) in html
    assert reverse("people:equality", args=["P000001"]) in html


def test_arrangements_banner_comes_before_the_details(client, officer, person, health_flag):
    client.force_login(officer)
    html = page(client.get(reverse("people:person_detail", args=["P000001"])))
    assert html.index("Special arrangements") < html.index("Contact details")


def test_showing_health_flags_writes_one_audit_row(client, officer, person, health_flag):
    FlagFactory(person=person, code=Vulnerability.MENTAL_HEALTH)
    client.force_login(officer)
    html = page(client.get(reverse("people:person_detail", args=["P000001"])))
    assert "Shielding" in html and "Mental health" in html
    [event] = views_of(person)
    assert event.changes == {"viewed": "vulnerability flags"}
    assert event.actor == officer


def test_no_audit_row_when_no_health_flag_is_shown(client, officer, person, flag):
    client.force_login(officer)
    client.get(reverse("people:person_detail", args=["P000001"]))
    assert not views_of(person).exists()


@pytest.mark.parametrize("user_fixture", ["dpo", "estates_officer"])
def test_health_flags_hidden_from_roles_that_may_not_read_them(
    request, client, person, health_flag, flag, user_fixture
):
    FlagFactory(person=person, code=Vulnerability.HEARING_IMPAIRMENT)
    client.force_login(request.getfixturevalue(user_fixture))
    response = client.get(reverse("people:person_detail", args=["P000001"]))
    assert response.status_code == 200
    html = page(response)
    assert "2 restricted flags are recorded — ask a team leader" in html
    assert "GP letter" not in html
    assert "Hearing impairment" not in html
    assert "Lives alone" in html
    # Needed for safety, so still shown.
    assert "Doorstep or phone contact only; wear PPE" in html
    assert "Contact by text or email, not by phone" in html
    assert reverse("people:equality", args=["P000001"]) not in html
    assert not views_of(person).exists()


@pytest.mark.parametrize("user_fixture", ["other_officer", "dpo", "safeguarding_lead"])
def test_no_edit_links_without_edit_rights(
    request, client, person, flag, contact, consent, user_fixture
):
    client.force_login(request.getfixturevalue(user_fixture))
    html = page(client.get(reverse("people:person_detail", args=["P000001"])))
    assert "Edna Thompson" in html
    for name in ("person_edit", "flag_add", "emergency_contact_add", "consent_add"):
        assert reverse(f"people:{name}", args=["P000001"]) not in html
    assert reverse("people:flag_review", args=["P000001", flag.pk]) not in html
    assert reverse("people:consent_withdraw", args=["P000001", consent.pk]) not in html


def test_dpo_sees_no_log_a_contact_button(client, dpo, person):
    client.force_login(dpo)
    html = page(client.get(reverse("people:person_detail", args=["P000001"])))
    assert "?person=P000001" not in html


def test_unknown_reference_is_not_found(client, officer):
    client.force_login(officer)
    assert client.get(reverse("people:person_detail", args=["P999999"])).status_code == 404


def test_person_page_query_count_is_fixed(client, officer, person, django_assert_max_num_queries):
    codes = [c for c in Vulnerability.values][:10]
    for code in codes:
        FlagFactory(person=person, code=code, review_date=dt.date(2026, 1, 1))
    tenancy = person.tenancy_memberships.get().tenancy
    for _ in range(5):
        TenancyMemberFactory(tenancy=tenancy, role=MemberRole.MEMBER)
    for _ in range(30):
        ContactFactory(person=person)
    for _ in range(5):
        CallBackFactory(person=person)
        EmergencyContactFactory(person=person)
    client.force_login(officer)
    # 17: one more for the ASB Case Review warning (asb_tags). 20: the tenancy sustainment
    # panel (referrals, and the person's homes for the permission check) and the meetings one.
    with django_assert_max_num_queries(20):
        response = client.get(reverse("people:person_detail", args=["P000001"]))
    assert page(response).count('class="ds-timeline__meta') == 25


# Flags ---------------------------------------------------------------------------------------


def test_officer_adds_a_flag(client, officer, person):
    client.force_login(officer)
    url = reverse("people:flag_add", args=["P000001"])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"code": "shielding", "start_date": "2026-03-01", "review_date": "2026-09-01"}
    )
    assert response.status_code == 302
    assert person.flags.get().code == "shielding"


def test_flag_add_bad_input_shows_errors(client, officer, person):
    client.force_login(officer)
    response = client.post(
        reverse("people:flag_add", args=["P000001"]),
        {"code": "", "start_date": "2026-03-01", "review_date": "2026-02-01"},
    )
    assert response.status_code == 200
    assert "Choose a flag" in page(response)
    assert "Review date must be on or after the start date" in page(response)
    assert not person.flags.exists()


def test_role_that_may_not_read_health_flags_cannot_add_one(client, estates_officer, patch, person):
    patch.officer = estates_officer
    patch.save()
    client.force_login(estates_officer)
    url = reverse("people:flag_add", args=["P000001"])
    form = page(client.get(url))
    assert 'value="risk_to_staff"' in form
    assert 'value="shielding"' not in form
    response = client.post(
        url, {"code": "shielding", "start_date": "2026-03-01", "review_date": "2026-09-01"}
    )
    assert response.status_code == 200
    assert not person.flags.exists()


@pytest.mark.parametrize("user_fixture", ["other_officer", "dpo"])
def test_others_cannot_add_flags(request, client, person, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    url = reverse("people:flag_add", args=["P000001"])
    assert client.get(url).status_code == 403
    data = {"code": "lives_alone", "start_date": "2026-03-01", "review_date": "2026-09-01"}
    assert client.post(url, data).status_code == 403
    assert not person.flags.exists()


def test_officer_reviews_a_flag(client, officer, person, flag):
    client.force_login(officer)
    url = reverse("people:flag_review", args=["P000001", flag.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"review_date": "2026-06-01", "note": "Daughter visits daily"})
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.review_date == dt.date(2026, 6, 1)
    assert flag.reviews.get().note == "Daughter visits daily"


def test_flag_review_bad_input(client, officer, person, flag):
    client.force_login(officer)
    response = client.post(
        reverse("people:flag_review", args=["P000001", flag.pk]), {"review_date": "2026-03-01"}
    )
    assert response.status_code == 200
    assert "Next review date must be in the future" in page(response)


def test_opening_a_health_flag_review_is_audited(client, officer, person, health_flag):
    client.force_login(officer)
    client.get(reverse("people:flag_review", args=["P000001", health_flag.pk]))
    assert views_of(person, "vulnerability flag review").count() == 1


def test_health_flag_pages_not_found_for_roles_that_may_not_read_them(
    client, estates_officer, patch, person, health_flag
):
    patch.officer = estates_officer
    patch.save()
    client.force_login(estates_officer)
    for name in ("flag_review", "flag_end"):
        url = reverse(f"people:{name}", args=["P000001", health_flag.pk])
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("user_fixture", ["other_officer", "dpo"])
def test_others_cannot_review_or_end_flags(request, client, person, flag, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    for name in ("flag_review", "flag_end"):
        url = reverse(f"people:{name}", args=["P000001", flag.pk])
        assert client.get(url).status_code == 403
        assert (
            client.post(url, {"review_date": "2026-09-01", "end_date": "2026-03-10"}).status_code
            == 403
        )
    assert (
        client.post(reverse("people:flag_reviewed", args=["P000001", flag.pk])).status_code == 403
    )
    flag.refresh_from_db()
    assert flag.review_date == dt.date(2026, 3, 1)
    assert flag.end_date is None


def test_reviewed_no_change_is_post_only_and_goes_back_where_asked(client, officer, person, flag):
    client.force_login(officer)
    url = reverse("people:flag_reviewed", args=["P000001", flag.pk])
    assert client.get(url).status_code == 405
    back = reverse("people:person_detail", args=["P000001"])
    response = client.post(url, {"next": back})
    assert response["Location"] == back
    flag.refresh_from_db()
    assert flag.review_date == dt.date(2026, 9, 10)


def test_reviewed_no_change_ignores_an_outside_next(client, officer, person, flag):
    client.force_login(officer)
    url = reverse("people:flag_reviewed", args=["P000001", flag.pk])
    response = client.post(url, {"next": "https://evil.example/"})
    assert response["Location"] == reverse("myday:my_day")


def test_officer_ends_a_flag(client, officer, person, flag):
    client.force_login(officer)
    url = reverse("people:flag_end", args=["P000001", flag.pk])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"end_date": "2026-04-01"})
    assert "End date must be today or in the past" in page(bad)
    assert client.post(url, {"end_date": "2026-03-10"}).status_code == 302
    assert not VulnerabilityFlag.objects.filter(pk=flag.pk, end_date__isnull=True).exists()


# Emergency contacts --------------------------------------------------------------------------


def test_officer_adds_changes_and_removes_an_emergency_contact(client, officer, person):
    client.force_login(officer)
    add = reverse("people:emergency_contact_add", args=["P000001"])
    assert client.get(add).status_code == 200
    bad = client.post(add, {"name": "Sam", "phone": "123"})
    assert "phone number" in page(bad)
    assert client.post(add, {"name": "Sam", "phone": "07911 123456"}).status_code == 302
    contact = person.emergency_contacts.get()
    assert contact.phone == "+447911123456"
    edit = reverse("people:emergency_contact_edit", args=["P000001", contact.pk])
    assert 'value="Sam"' in page(client.get(edit))
    client.post(edit, {"name": "Sam Thompson", "phone": "07911 123456", "relationship": "Son"})
    contact.refresh_from_db()
    assert contact.relationship == "Son"
    remove = reverse("people:emergency_contact_remove", args=["P000001", contact.pk])
    assert client.get(remove).status_code == 405
    assert client.post(remove).status_code == 302
    assert not person.emergency_contacts.exists()


@pytest.mark.parametrize("user_fixture", ["other_officer", "dpo"])
def test_others_cannot_touch_emergency_contacts(request, client, person, contact, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    data = {"name": "X", "phone": "07911 123456"}
    assert client.get(reverse("people:emergency_contact_add", args=["P000001"])).status_code == 403
    assert (
        client.post(reverse("people:emergency_contact_add", args=["P000001"]), data).status_code
        == 403
    )
    edit = reverse("people:emergency_contact_edit", args=["P000001", contact.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, data).status_code == 403
    remove = reverse("people:emergency_contact_remove", args=["P000001", contact.pk])
    assert client.post(remove).status_code == 403
    assert EmergencyContact.objects.get(pk=contact.pk).name == "Sam Thompson"


def test_emergency_contact_of_someone_else_is_not_found(client, officer, person, other_person):
    someone_elses = EmergencyContactFactory(person=other_person)
    client.force_login(officer)
    url = reverse("people:emergency_contact_edit", args=["P000001", someone_elses.pk])
    assert client.get(url).status_code == 404


# Consent ------------------------------------------------------------------------------------


def test_officer_records_and_withdraws_consent(client, officer, person):
    client.force_login(officer)
    add = reverse("people:consent_add", args=["P000001"])
    assert client.get(add).status_code == 200
    bad = client.post(add, {"agency": "Police", "given_on": "2026-04-01"})
    assert "must be today or in the past" in page(bad)
    assert client.post(add, {"agency": "Police", "given_on": "2026-03-09"}).status_code == 302
    consent = person.consents.get()
    withdraw = reverse("people:consent_withdraw", args=["P000001", consent.pk])
    assert client.get(withdraw).status_code == 405
    assert client.post(withdraw).status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == dt.date(2026, 3, 10)
    html = page(client.get(reverse("people:person_detail", args=["P000001"])))
    assert "Withdrawn 10 Mar 2026" in html


@pytest.mark.parametrize("user_fixture", ["other_officer", "dpo"])
def test_others_cannot_record_or_withdraw_consent(request, client, person, consent, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    add = reverse("people:consent_add", args=["P000001"])
    assert client.get(add).status_code == 403
    assert client.post(add, {"agency": "Police", "given_on": "2026-03-09"}).status_code == 403
    withdraw = reverse("people:consent_withdraw", args=["P000001", consent.pk])
    assert client.post(withdraw).status_code == 403
    consent.refresh_from_db()
    assert consent.is_current
    assert person.consents.count() == 1


# Equality information ------------------------------------------------------------------------


def test_officer_views_and_saves_equality_information(client, officer, person):
    client.force_login(officer)
    url = reverse("people:equality", args=["P000001"])
    response = client.get(url)
    assert response.status_code == 200
    assert "Prefer not to say" in page(response)
    assert views_of(person, "equality information").count() == 1
    saved = client.post(url, {"sex": "Female", "religion": "Prefer not to say"})
    assert saved.status_code == 302
    info = EqualityInformation.objects.get(person=person)
    assert info.religion == "Prefer not to say"
    assert views_of(person).count() == 1  # saving is a change, audited as one


def test_equality_bad_input(client, officer, person):
    client.force_login(officer)
    response = client.post(reverse("people:equality", args=["P000001"]), {"sex": "Often"})
    assert response.status_code == 200
    assert "Choose an answer for sex from the list" in page(response)
    assert not EqualityInformation.objects.exists()


def test_safeguarding_lead_reads_equality_information_but_cannot_change_it(
    client, safeguarding_lead, person
):
    EqualityInformation.objects.create(person=person, sex="Female")
    client.force_login(safeguarding_lead)
    url = reverse("people:equality", args=["P000001"])
    response = client.get(url)
    assert response.status_code == 200
    assert "Female" in page(response)
    assert "Save equality information" not in page(response)
    assert views_of(person, "equality information").count() == 1
    assert client.post(url, {"sex": "Male"}).status_code == 403
    assert EqualityInformation.objects.get(person=person).sex == "Female"


@pytest.mark.parametrize("user_fixture", ["dpo", "estates_officer"])
def test_equality_refused_to_roles_that_may_not_read_it(request, client, person, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    url = reverse("people:equality", args=["P000001"])
    assert client.get(url).status_code == 403
    assert client.post(url, {"sex": "Male"}).status_code == 403
    assert not views_of(person).exists()
    assert not EqualityInformation.objects.exists()


def test_other_patch_officer_reads_but_cannot_save_equality(client, other_officer, person):
    client.force_login(other_officer)
    url = reverse("people:equality", args=["P000001"])
    assert client.get(url).status_code == 200
    assert client.post(url, {"sex": "Male"}).status_code == 403
