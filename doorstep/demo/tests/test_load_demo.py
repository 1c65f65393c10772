"""`load_demo`: the demo landlord behind `make run`."""

from __future__ import annotations

import datetime as dt
import hashlib
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from doorstep.accounts.models import User
from doorstep.accounts.roles import Role
from doorstep.contacts.models import CallBack, CallBackAttempt, CallBackStatus, Contact, DutyShift
from doorstep.core.models import AuditEvent
from doorstep.core.validators import normalise_email, normalise_phone, normalise_postcode
from doorstep.core.working_days import LONDON, end_of_day, is_working_day
from doorstep.demo import data
from doorstep.demo.builder import MIN_HOMES, demo_logins
from doorstep.myday.selectors import my_day
from doorstep.people.models import (
    ConsentToShare,
    EmergencyContact,
    Person,
    VulnerabilityFlag,
)
from doorstep.places.models import Estate, EstateKind, Home, Office, Team, Tenure
from doorstep.resident_reports.services import ONLINE_FORM_EMAIL
from doorstep.tenancies.models import Tenancy, TenancyType

HOMES = 200
# A Wednesday in term time, not near a bank holiday.
NOW = dt.datetime(2026, 11, 25, 10, 30, tzinfo=LONDON)
TODAY = NOW.date()

pytestmark = pytest.mark.django_db


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", "--homes", str(HOMES), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def demo(frozen) -> str:
    return load()


def officer() -> User:
    return User.objects.get(full_name=data.DEMO_OFFICER)


def signs_in(client, email: str, password: str) -> bool:
    """Through the sign-in page, as a person would (axes needs the request)."""
    response = client.post(reverse("accounts:login"), {"username": email, "password": password})
    signed_in = response.status_code == 302 and response.url == reverse("myday:my_day")
    client.logout()
    return signed_in


def people_digest() -> str:
    rows = Person.objects.order_by("reference").values_list("reference", "first_name", "last_name")
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()


def test_three_offices_with_teams_leaders_and_one_manager(demo):
    assert sorted(Office.objects.values_list("name", flat=True)) == [
        "Birmingham",
        "Nottingham",
        "Walsall",
    ]
    manager = User.objects.get(full_name=data.DEMO_MANAGER)
    assert manager.has_role(Role.HOUSING_SERVICES_MANAGER)
    for office in Office.objects.all():
        assert list(office.managers.all()) == [manager]
        teams = Team.objects.filter(office=office)
        assert f"{office.name} Neighbourhood Team" in {team.name for team in teams}
        assert all(team.leader is not None for team in teams)
        assert all(team.leader.has_role(Role.TEAM_LEADER) for team in teams)  # type: ignore[union-attr]
    walsall = Team.objects.get(name="Walsall Neighbourhood Team")
    assert walsall.patches.get(officer=officer()).estates.exists()


def test_the_homes_asked_for_with_valid_unique_uprns_and_postcodes(demo):
    homes = list(Home.objects.all())
    assert len(homes) == HOMES
    uprns = [home.uprn for home in homes]
    assert len(set(uprns)) == HOMES
    assert all(len(uprn) == 12 and uprn.isdigit() for uprn in uprns)
    assert all(normalise_postcode(home.postcode) == home.postcode for home in homes)
    # Search text is kept, as the places services keep it.
    assert all(home.search_text == home.build_search_text() for home in homes)
    assert Home.objects.filter(block__isnull=False).exists()
    assert Home.objects.filter(tenure=Tenure.LEASEHOLD).exists()


def test_a_sheltered_scheme_of_older_persons_homes(demo):
    scheme = Estate.objects.get(kind=EstateKind.SHELTERED, office__name="Walsall")
    assert scheme.homes.exists()
    assert set(scheme.homes.values_list("tenure", flat=True)) == {Tenure.OLDER_PERSONS}
    residents = Person.objects.filter(tenancies__home__estate=scheme, tenancies__end_date=None)
    alone = residents.filter(flags__code="older_person").filter(flags__code="lives_alone")
    assert alone.exists()


def test_temporary_accommodation_is_licences_in_temporary_homes(demo):
    placements = Tenancy.objects.filter(home__tenure=Tenure.TEMPORARY, end_date=None)
    assert placements.exists()
    assert set(placements.values_list("tenancy_type", flat=True)) == {TenancyType.LICENCE}
    assert not Tenancy.objects.filter(tenancy_type=TenancyType.LICENCE).exclude(
        home__tenure=Tenure.TEMPORARY
    )


def test_residents_have_the_needs_officers_meet(demo):
    flags = set(VulnerabilityFlag.objects.values_list("code", flat=True))
    assert {"older_person", "lives_alone", "shielding", "risk_to_staff"} <= flags
    assert Person.objects.filter(interpreter_needed=True).exclude(language="").exists()
    assert EmergencyContact.objects.exists()
    assert ConsentToShare.objects.exists()
    # Every person has search keys, as the people services keep them.
    assert not Person.objects.filter(search_text="").exists()
    assert not Person.objects.filter(name_key="").exists()


def test_every_phone_postcode_and_email_passes_the_validators(demo):
    # Staff, not the public report form's account (no phone, a reserved address).
    staff = User.objects.exclude(email=ONLINE_FORM_EMAIL)
    phones = [
        *Person.objects.exclude(phone="").values_list("phone", flat=True),
        *EmergencyContact.objects.values_list("phone", flat=True),
        *CallBack.objects.values_list("phone", flat=True),
        *Office.objects.values_list("phone", flat=True),
        *staff.values_list("phone", flat=True),
    ]
    assert phones
    assert all(normalise_phone(phone) == phone for phone in phones)
    emails = [
        *Person.objects.exclude(email="").values_list("email", flat=True),
        *staff.values_list("email", flat=True),
        *Team.objects.values_list("email", flat=True),
    ]
    assert all(normalise_email(email) == email for email in emails)
    assert all(email.endswith((".example.org", "@example.com", "@example.org")) for email in emails)


def test_one_sign_in_per_role_with_the_demo_password(demo, client):
    for role in Role.values:
        members = User.objects.filter(groups__name=role)
        can_sign_in = [user for user in members if user.has_usable_password()]
        assert len(can_sign_in) == 1, role
        user = can_sign_in[0]
        assert user.check_password(data.DEMO_PASSWORD)
        assert signs_in(client, user.email, data.DEMO_PASSWORD), role
    assert not signs_in(client, officer().email, "not-the-demo-password")


def test_colleagues_who_are_not_demo_sign_ins_cannot_sign_in(demo, client):
    colleague = User.objects.get(full_name="Imran Hussain")
    assert colleague.has_role(Role.NEIGHBOURHOOD_OFFICER)
    assert not signs_in(client, colleague.email, data.DEMO_PASSWORD)


def test_the_console_lists_the_logins_and_where_to_go(demo):
    for login in demo_logins():
        assert login.email in demo
        assert login.role in demo
    assert data.DEMO_PASSWORD in demo
    assert "Open http://127.0.0.1:8000 and sign in" in demo


def test_demo_officer_has_a_busy_day(demo):
    user = officer()
    mine = CallBack.objects.filter(for_officer=user)
    open_ = mine.filter(status=CallBackStatus.OPEN)
    assert open_.filter(due_at__lt=NOW).count() >= 2  # overdue
    assert open_.filter(due_at__gte=NOW, due_at__lte=end_of_day(TODAY)).count() >= 2
    done = mine.filter(status=CallBackStatus.DONE)
    assert done.exists()
    assert not done.filter(completed_at__isnull=True).exists()
    assert CallBackAttempt.objects.filter(callback__in=done, outcome="spoke").exists()
    assert Contact.objects.filter(
        logged_by=user, follow_up_on__lte=TODAY, follow_up_done_at__isnull=True
    ).exists()
    on_patch = VulnerabilityFlag.objects.filter(
        person__tenancies__home__patch__officer=user, end_date=None
    )
    assert on_patch.filter(review_date__lt=TODAY).exists()
    assert on_patch.filter(review_date=TODAY).exists()
    assert DutyShift.objects.get(team=user.team, date=TODAY).officer == user
    # And My day shows it all the moment they sign in.
    day = my_day(user=user, now=NOW)
    assert day.overdue >= 3
    assert day.due_today >= 3
    kinds = {item.kind for item in day.items}
    assert {"callback", "flag_review", "follow_up"} <= kinds
    assert any(item.arrangements for item in day.items)


def test_contacts_span_a_few_weeks_and_nothing_happens_in_the_future(demo):
    contacts = Contact.objects.all()
    assert contacts.count() >= HOMES // 2
    first = min(contacts.values_list("happened_at", flat=True))
    assert (NOW - first).days >= 21
    assert not contacts.filter(happened_at__gt=NOW).exists()
    assert not CallBack.objects.filter(created_at__gt=NOW).exists()
    assert not CallBackAttempt.objects.filter(attempted_at__gt=NOW).exists()
    assert Contact.objects.filter(summary__startswith="Welfare call").exists()


def test_duty_rota_for_every_team_this_week_and_next(demo):
    monday = TODAY - dt.timedelta(days=TODAY.weekday())
    days = [monday + dt.timedelta(days=n) for n in range(14)]
    working = [day for day in days if is_working_day(day)]
    for team in Team.objects.all():
        rota = set(DutyShift.objects.filter(team=team).values_list("date", flat=True))
        assert rota == set(working), team.name
        assert not DutyShift.objects.filter(team=team, officer=team.leader).exists()


def test_same_seed_and_date_give_the_same_people(frozen):
    digests = []
    for _ in range(2):
        # Each load in a savepoint rolled back after: two fresh databases, one after the other.
        with transaction.atomic():
            load()
            digests.append(people_digest())
            transaction.set_rollback(True)
    assert Person.objects.count() == 0
    assert digests[0] == digests[1]
    with transaction.atomic():
        load("--seed", "7")
        other = people_digest()
        transaction.set_rollback(True)
    assert other != digests[0]


def test_a_second_run_changes_nothing(demo):
    counts = (Home.objects.count(), Person.objects.count(), AuditEvent.objects.count())
    digest = people_digest()
    out = load()
    assert "already loaded" in out
    assert officer().email in out
    assert (Home.objects.count(), Person.objects.count(), AuditEvent.objects.count()) == counts
    assert people_digest() == digest


def test_reset_flushes_and_reloads_the_same_landlord(demo, client):
    digest = people_digest()
    user = officer()
    client.force_login(user)  # audit rows may now point at the demo staff
    out = load("--reset")
    assert "Removed the demo landlord" in out
    assert Home.objects.count() == HOMES
    assert Office.objects.count() == 3
    assert people_digest() == digest
    assert User.objects.filter(email=user.email).count() == 1
    assert Group.objects.get(name=Role.NEIGHBOURHOOD_OFFICER).user_set.filter(pk=user.pk).exists()
    assert signs_in(client, user.email, data.DEMO_PASSWORD)


def test_audit_log_records_the_setup_and_the_load(demo):
    demo_events = AuditEvent.objects.filter(source="demo")
    assert demo_events.filter(object_type="accounts.user").count() == len(data.STAFF)
    assert demo_events.filter(object_type="places.office").count() == 3
    load_event = demo_events.get(object_type="demo.landlord")
    assert load_event.changes["homes"] == [None, HOMES]


def test_too_few_homes_is_refused(frozen):
    with pytest.raises(CommandError, match=str(MIN_HOMES)):
        call_command("load_demo", "--homes", "10", stdout=StringIO())
    assert not Home.objects.exists()


def test_refuses_a_database_that_already_holds_homes(frozen, home):
    with pytest.raises(CommandError, match="already holds 1 home"):
        load()
    assert Home.objects.count() == 1
    assert not User.objects.filter(email__endswith=data.STAFF_DOMAIN).exists()


def test_reset_also_clears_what_was_added_while_trying_the_demo(demo):
    user = officer()
    caller = Person.objects.create(reference="P900001", first_name="New", last_name="Caller")
    home = Home.objects.order_by("pk").first()
    Contact.objects.create(
        channel="phone",
        direction="inbound",
        person=caller,
        home=home,
        summary="Rang",
        logged_by=user,
    )
    load("--reset")
    assert not Person.objects.filter(reference="P900001").exists()
    assert Home.objects.count() == HOMES


def test_reset_deletes_what_protects_a_demo_row_first(demo):
    from doorstep.demo.builder.reset import _delete

    person = Contact.objects.filter(person__isnull=False).first().person
    assert _delete(Person.objects.filter(pk=person.pk)) >= 1
    assert not Person.objects.filter(pk=person.pk).exists()
    assert not Contact.objects.filter(person_id=person.pk).exists()


def test_reset_never_touches_another_landlords_office(frozen, office):
    # An office called Walsall that the demo did not make: reset removes nothing, load refuses.
    with pytest.raises(CommandError, match="office named Walsall"):
        load("--reset")
    assert Office.objects.filter(pk=office.pk).exists()


@pytest.mark.parametrize(
    "moment",
    [
        dt.datetime(2026, 11, 28, 11, 0, tzinfo=LONDON),  # a Saturday
        dt.datetime(2026, 12, 28, 8, 0, tzinfo=LONDON),  # Boxing Day (substitute) bank holiday
        dt.datetime(2026, 11, 23, 7, 30, tzinfo=LONDON),  # a Monday before anyone is in
    ],
)
def test_loads_on_any_day(moment):
    with time_machine.travel(moment, tick=False):
        load()
        user = officer()
        today = moment.date()
        open_ = CallBack.objects.filter(for_officer=user, status=CallBackStatus.OPEN)
        assert open_.filter(due_at__lt=moment).exists()
        assert open_.filter(due_at__date=today).exists()
        assert not Contact.objects.filter(happened_at__gt=moment).exists()
        assert not CallBackAttempt.objects.filter(attempted_at__gt=moment).exists()
        assert not CallBack.objects.filter(completed_at__gt=moment).exists()
