import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from doorstep.core.models import AuditEvent
from doorstep.core.working_days import LONDON
from doorstep.partners.tests.factories import AgencyFactory
from doorstep.people.tests.factories import PersonFactory
from doorstep.safeguarding import services
from doorstep.safeguarding.models import SafeguardingReferral

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 5, 13, 14, 5, tzinfo=LONDON)  # Wednesday afternoon, BST


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _make(actor, person, default_agency, **overrides):
    overrides.setdefault("agency", default_agency)
    fields = {
        "adult_or_child": "adult",
        "category": "financial",
        "what_was_seen": "A visitor takes her pension card every Monday.",
        "immediate_danger": False,
        "consent_given": True,
    }
    fields.update(overrides)
    return services.referral_make(actor=actor, person=person, **fields)


def test_officer_makes_a_referral_with_a_gapless_reference_and_the_same_day_clock(
    officer, person, adult_care, office
):
    first = _make(officer, person, adult_care)
    second = _make(officer, PersonFactory(), adult_care)
    assert first.reference == "SGR-2026-000001"
    assert second.reference == "SGR-2026-000002"
    assert first.concern_recorded_at == NOW
    assert first.due_at == dt.datetime(2026, 5, 13, 23, 59, 59, tzinfo=LONDON)
    assert first.made_by == officer
    assert first.office == office  # the person's home's office
    assert first.sent_at is None
    event = AuditEvent.objects.get(
        object_type="safeguarding.safeguardingreferral", action="create", object_id=first.pk
    )
    assert event.person_id == person.pk
    assert event.object_label == "SGR-2026-000001"


def test_references_restart_each_year(officer, person, adult_care):
    _make(officer, person, adult_care)
    with time_machine.travel(dt.datetime(2027, 1, 1, 0, 5, tzinfo=LONDON), tick=False):
        assert _make(officer, person, adult_care).reference == "SGR-2027-000001"


def test_a_person_with_no_home_with_us_belongs_to_the_makers_office(officer, adult_care, office):
    referral = _make(officer, PersonFactory(), adult_care)
    assert referral.office == office


def test_any_officer_may_raise_a_concern_about_anyone(other_officer, person, adult_care):
    referral = _make(other_officer, person, adult_care)
    assert referral.made_by == other_officer


def test_the_dpo_cannot_make_a_referral(dpo, person, adult_care):
    with pytest.raises(PermissionDenied):
        _make(dpo, person, adult_care)
    assert not SafeguardingReferral.objects.exists()


def test_an_earlier_concern_today_keeps_todays_clock(officer, person, adult_care):
    earlier = NOW - dt.timedelta(hours=5)
    referral = _make(officer, person, adult_care, concern_recorded_at=earlier)
    assert referral.concern_recorded_at == earlier
    assert referral.due_at == dt.datetime(2026, 5, 13, 23, 59, 59, tzinfo=LONDON)


def test_a_concern_from_yesterday_is_overdue_at_once(officer, person, adult_care):
    referral = _make(officer, person, adult_care, concern_recorded_at=NOW - dt.timedelta(days=1))
    assert referral.is_overdue(NOW)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"consent_given": False, "reason_without_consent": "  "},
            "reason_without_consent",
            "Enter why you are referring without their consent.",
        ),
        (
            {"concern_recorded_at": NOW + dt.timedelta(minutes=1)},
            "concern_recorded_at",
            "cannot be in the future",
        ),
        ({"agency": None}, "agency", "Select the agency"),
        ({"category": "bullying"}, "category", "Select the category"),
        ({"adult_or_child": "teen"}, "adult_or_child", "adult or a child"),
        ({"what_was_seen": ""}, "what_was_seen", "Enter what was seen or heard."),
    ],
)
def test_bad_referrals_are_refused_naming_the_field(
    officer, person, adult_care, overrides, field, message
):
    with pytest.raises(ValidationError) as error:
        _make(officer, person, adult_care, **overrides)
    assert message in error.value.message_dict[field][0]
    assert not SafeguardingReferral.objects.exists()


def test_an_agency_no_longer_used_is_refused(officer, person):
    closed = AgencyFactory(name="Old MASH", active=False)
    with pytest.raises(ValidationError) as error:
        _make(officer, person, closed)
    assert "no longer refer to Old MASH" in error.value.message_dict["agency"][0]


def test_without_consent_the_reason_is_kept_with_consent_it_is_dropped(officer, person, adult_care):
    without = _make(
        officer, person, adult_care, consent_given=False, reason_without_consent="Lacks capacity"
    )
    assert without.reason_without_consent == "Lacks capacity"
    with_consent = _make(officer, person, adult_care, reason_without_consent="ignored")
    assert with_consent.reason_without_consent == ""


def test_opening_a_case_asks_the_cases_service_for_a_restricted_safeguarding_case(
    officer, person, home, adult_care, monkeypatch
):
    from doorstep.cases.models import Case

    calls = []

    def case_open(**kwargs):
        calls.append(kwargs)
        return Case.objects.create(
            reference="SG-2026-000001",
            case_type=kwargs["case_type"],
            summary=kwargs["summary"],
            opened_on=NOW.date(),
            restricted=kwargs["restricted"],
        )

    monkeypatch.setattr(services, "case_opener", lambda: case_open)
    referral = _make(officer, person, adult_care, open_case=True)
    [call] = calls
    assert call["actor"] == officer
    assert call["case_type"] == "safeguarding"
    assert call["restricted"] is True
    assert call["home"] == home
    assert call["lead_officer"] == officer
    assert call["parties"] == [(person, "subject")]
    assert referral.reference in call["summary"]
    referral.refresh_from_db()
    assert referral.case.reference == "SG-2026-000001"


def test_without_the_cases_service_no_case_is_opened(officer, person, adult_care, monkeypatch):
    monkeypatch.setattr(services, "case_opener", lambda: None)
    with pytest.raises(ValidationError) as error:
        _make(officer, person, adult_care, open_case=True)
    assert "open_case" in error.value.message_dict
    assert not SafeguardingReferral.objects.exists()


# --- sending ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["colleague", "safeguarding_lead", "manager"])
def test_maker_lead_and_office_manager_mark_as_sent(request, role, referral):
    actor = request.getfixturevalue(role)
    sent = services.referral_mark_sent(actor=actor, referral=referral)
    assert sent.sent_at == NOW
    event = AuditEvent.objects.get(object_type="safeguarding.safeguardingreferral", action="update")
    assert event.actor == actor
    assert "sent_at" in event.changes


@pytest.mark.parametrize(
    "role", ["officer", "other_officer", "other_manager", "dpo", "team_leader"]
)
def test_others_cannot_mark_as_sent(request, role, referral):
    with pytest.raises(PermissionDenied):
        services.referral_mark_sent(actor=request.getfixturevalue(role), referral=referral)
    referral.refresh_from_db()
    assert referral.sent_at is None


def test_sending_twice_keeps_the_first_time(colleague, referral):
    services.referral_mark_sent(actor=colleague, referral=referral)
    with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
        again = services.referral_mark_sent(actor=colleague, referral=referral)
    assert again.sent_at == NOW


def test_sent_time_cannot_be_before_the_concern_or_in_the_future(colleague, referral):
    with pytest.raises(ValidationError):
        services.referral_mark_sent(
            actor=colleague, referral=referral, sent_at=NOW - dt.timedelta(days=2)
        )
    with pytest.raises(ValidationError):
        services.referral_mark_sent(
            actor=colleague, referral=referral, sent_at=NOW + dt.timedelta(hours=1)
        )


# --- the agency's reply ----------------------------------------------------------------------


def test_the_agencys_reply_needs_the_referral_sent_first(colleague, referral):
    with pytest.raises(ValidationError) as error:
        services.referral_record_outcome(
            actor=colleague, referral=referral, agency_reference="MASH-1234"
        )
    assert "Mark the referral as sent" in error.value.messages[0]


def test_agency_reference_then_outcome_dated_today_by_default(colleague, referral):
    services.referral_mark_sent(actor=colleague, referral=referral)
    referral = services.referral_record_outcome(
        actor=colleague, referral=referral, agency_reference="MASH-1234"
    )
    assert referral.agency_reference == "MASH-1234"
    assert referral.awaiting_outcome
    referral = services.referral_record_outcome(
        actor=colleague,
        referral=referral,
        agency_reference="MASH-1234",
        outcome="Section 42 enquiry opened; social worker allocated.",
    )
    assert referral.outcome_on == NOW.date()
    assert not referral.awaiting_outcome
    assert AuditEvent.objects.filter(action="update", object_label=referral.reference).count() == 3


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({}, "agency_reference", "Enter the agency's reference or the outcome."),
        (
            {"outcome": "Closed", "outcome_on": dt.date(2026, 5, 14)},
            "outcome_on",
            "cannot be in the future",
        ),
        (
            {"outcome": "Closed", "outcome_on": dt.date(2026, 5, 1)},
            "outcome_on",
            "before the referral was sent",
        ),
        ({"agency_reference": "X1", "outcome_on": dt.date(2026, 5, 13)}, "outcome", "Enter the"),
        ({"agency_reference": "X" * 61}, "agency_reference", "60 characters or fewer"),
    ],
)
def test_bad_replies_are_refused(colleague, referral, fields, field, message):
    services.referral_mark_sent(actor=colleague, referral=referral)
    with pytest.raises(ValidationError) as error:
        services.referral_record_outcome(actor=colleague, referral=referral, **fields)
    assert message in error.value.message_dict[field][0]


def test_the_dpo_cannot_record_a_reply(dpo, colleague, referral):
    services.referral_mark_sent(actor=colleague, referral=referral)
    with pytest.raises(PermissionDenied):
        services.referral_record_outcome(actor=dpo, referral=referral, agency_reference="X")


def test_list_views_are_audited_one_row_per_referral_in_one_query(
    safeguarding_lead, referral, django_assert_num_queries
):
    with django_assert_num_queries(1):
        count = services.referrals_list_viewed(
            actor=safeguarding_lead, referrals=[referral], what="list"
        )
    assert count == 1
    assert AuditEvent.objects.get(action="view").person_id == referral.person_id


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_referrals_get_distinct_gapless_references(officer, adult_care):
    import threading

    from django.db import connections

    people = [PersonFactory() for _ in range(6)]
    barrier = threading.Barrier(len(people))
    errors: list[BaseException] = []

    def make(person):
        try:
            barrier.wait()
            _make(officer, person, adult_care)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=make, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    references = sorted(SafeguardingReferral.objects.values_list("reference", flat=True))
    assert references == [f"SGR-2026-{n:06d}" for n in range(1, 7)]
