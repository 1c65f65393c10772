import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from doorstep.core.models import AuditEvent
from doorstep.people.tests.factories import PersonFactory
from doorstep.places.models import Tenure
from doorstep.places.tests.factories import HomeFactory
from doorstep.tenancies import services
from doorstep.tenancies.models import MemberRole, Tenancy, TenancyType
from doorstep.tenancies.tests.factories import TenancyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def empty_home(estate):
    return HomeFactory(estate=estate)


@pytest.fixture
def ta_home(estate):
    return HomeFactory(estate=estate, tenure=Tenure.TEMPORARY)


@time_machine.travel(dt.datetime(2026, 5, 6, 10, 0, tzinfo=dt.UTC), tick=False)
def test_tenancy_create_issues_a_reference_and_records_the_household(officer, empty_home):
    tenant, partner, child = PersonFactory(), PersonFactory(), PersonFactory()

    tenancy = services.tenancy_create(
        actor=officer,
        home=empty_home,
        tenancy_type=TenancyType.SECURE,
        start_date=dt.date(2026, 5, 11),
        tenants=[tenant, partner],
        members=[child],
    )

    assert tenancy.reference == f"TEN-2026-{tenancy.pk:06d}"
    roles = dict(tenancy.members.values_list("person_id", "role"))
    assert roles == {
        tenant.pk: MemberRole.TENANT,
        partner.pk: MemberRole.TENANT,
        child.pk: MemberRole.MEMBER,
    }
    created = AuditEvent.objects.get(object_type="tenancies.tenancy")
    assert created.actor == officer
    assert created.object_label == tenancy.reference
    assert created.changes["start_date"] == [None, "2026-05-11"]
    member_rows = AuditEvent.objects.filter(object_type="tenancies.tenancymember")
    assert set(member_rows.values_list("person_id", flat=True)) == {
        tenant.pk,
        partner.pk,
        child.pk,
    }


def test_tenancy_create_keeps_an_imported_reference(officer, empty_home):
    tenancy = services.tenancy_create(
        actor=officer,
        home=empty_home,
        tenancy_type=TenancyType.ASSURED,
        start_date=dt.date(2020, 1, 6),
        tenants=[PersonFactory()],
        reference="T123456",
        source="import",
    )
    assert tenancy.reference == "T123456"
    with pytest.raises(ValidationError) as exc:
        services.tenancy_create(
            actor=officer,
            home=HomeFactory(),
            tenancy_type=TenancyType.ASSURED,
            start_date=dt.date(2020, 1, 6),
            tenants=[PersonFactory()],
            reference="T123456",
        )
    assert "reference" in exc.value.message_dict


def test_a_licence_is_a_placement_in_temporary_accommodation_only(officer, empty_home, ta_home):
    with pytest.raises(ValidationError) as exc:
        services.tenancy_create(
            actor=officer,
            home=empty_home,
            tenancy_type=TenancyType.LICENCE,
            start_date=dt.date(2026, 1, 5),
            tenants=[PersonFactory()],
        )
    assert exc.value.message_dict["tenancy_type"] == [services.LICENCE_NOT_TEMPORARY]

    placement = services.tenancy_create(
        actor=officer,
        home=ta_home,
        tenancy_type=TenancyType.LICENCE,
        start_date=dt.date(2026, 1, 5),
        tenants=[PersonFactory()],
    )
    assert placement.is_temporary_accommodation


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"end_date": dt.date(2026, 1, 4)}, "end_date"),
        ({"tenants": []}, "tenants"),
        ({"tenancy_type": "lodger"}, "tenancy_type"),
    ],
)
def test_tenancy_create_refuses_bad_input(officer, empty_home, overrides, field):
    arguments = {
        "actor": officer,
        "home": empty_home,
        "tenancy_type": TenancyType.SECURE,
        "start_date": dt.date(2026, 1, 5),
        "tenants": [PersonFactory()],
    }
    arguments.update(overrides)
    with pytest.raises(ValidationError) as exc:
        services.tenancy_create(**arguments)
    assert field in exc.value.message_dict
    assert not Tenancy.objects.exists()
    assert not AuditEvent.objects.exists()


def test_tenancy_create_refuses_a_person_as_tenant_and_member(officer, empty_home):
    someone = PersonFactory()
    with pytest.raises(ValidationError) as exc:
        services.tenancy_create(
            actor=officer,
            home=empty_home,
            tenancy_type=TenancyType.SECURE,
            start_date=dt.date(2026, 1, 5),
            tenants=[someone],
            members=[someone],
        )
    assert "members" in exc.value.message_dict


def test_tenancy_create_refuses_dates_over_another_tenancy(officer, empty_home):
    current = TenancyFactory(home=empty_home, start_date=dt.date(2015, 4, 1))
    with pytest.raises(ValidationError) as exc:
        services.tenancy_create(
            actor=officer,
            home=empty_home,
            tenancy_type=TenancyType.SECURE,
            start_date=dt.date(2026, 1, 5),
            tenants=[PersonFactory()],
        )
    assert current.reference in exc.value.message_dict["start_date"][0]
    # Once it has ended, the next tenancy can start the following day.
    services.tenancy_end(actor=officer, tenancy=current, end_date=dt.date(2026, 1, 4))
    assert services.tenancy_create(
        actor=officer,
        home=empty_home,
        tenancy_type=TenancyType.SECURE,
        start_date=dt.date(2026, 1, 5),
        tenants=[PersonFactory()],
    ).start_date == dt.date(2026, 1, 5)


def test_tenancy_end_records_before_and_after(officer, empty_home):
    tenancy = TenancyFactory(home=empty_home, start_date=dt.date(2015, 4, 1))

    ended = services.tenancy_end(actor=officer, tenancy=tenancy, end_date=dt.date(2026, 3, 31))

    assert ended.end_date == dt.date(2026, 3, 31)
    event = AuditEvent.objects.get(object_type="tenancies.tenancy", action="update")
    assert event.changes == {"end_date": [None, "2026-03-31"]}


def test_tenancy_end_refuses_an_end_before_the_start(officer, empty_home):
    tenancy = TenancyFactory(home=empty_home, start_date=dt.date(2015, 4, 1))
    with pytest.raises(ValidationError) as exc:
        services.tenancy_end(actor=officer, tenancy=tenancy, end_date=dt.date(2015, 3, 31))
    assert exc.value.message_dict["end_date"] == [services.END_BEFORE_START]
    tenancy.refresh_from_db()
    assert tenancy.end_date is None


def test_tenancy_end_refuses_a_tenancy_that_has_ended(officer, empty_home):
    tenancy = TenancyFactory(
        home=empty_home, start_date=dt.date(2015, 4, 1), end_date=dt.date(2020, 1, 1)
    )
    with pytest.raises(ValidationError) as exc:
        services.tenancy_end(actor=officer, tenancy=tenancy, end_date=dt.date(2021, 1, 1))
    assert exc.value.message_dict["end_date"] == ["This tenancy already ended on 1 January 2020."]
