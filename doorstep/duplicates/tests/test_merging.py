import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError

from doorstep.cases.models import CaseParty, PartyRole
from doorstep.cases.tests.factories import CaseFactory, CasePartyFactory
from doorstep.contacts.models import CallBack, Contact
from doorstep.contacts.tests.factories import CallBackFactory, ContactFactory
from doorstep.core.models import AuditEvent
from doorstep.duplicates import services
from doorstep.duplicates.merging import person_links
from doorstep.duplicates.models import DuplicateCandidate, MergeRecord, NotDuplicate
from doorstep.people.models import EqualityInformation, FlagReview, Person, VulnerabilityFlag
from doorstep.people.tests.factories import FlagFactory, PersonFactory
from doorstep.tenancies.models import TenancyMember
from doorstep.tenancies.tests.factories import TenancyFactory, TenancyMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def twin(home):
    """The same Edna Thompson, keyed in again with a misspelt surname."""
    return PersonFactory(
        first_name="Edna", last_name="Thomson", reference="P000099", phone="+441922123456"
    )


def test_every_foreign_key_to_person_is_handled():
    """Found independently of merging.person_links: every model field pointing at Person."""
    person = apps.get_model("people", "Person")
    expected = {
        (model._meta.label_lower, f.name)
        for model in apps.get_models(include_auto_created=True)
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is person
    }
    found = {(model._meta.label_lower, f.name) for model, f in person_links()}
    assert found == expected
    assert ("cases.caseparty", "person") in found
    assert ("duplicates.notduplicate", "person_a") in found


def test_a_merge_moves_every_record_and_removes_the_duplicate(
    team_leader, person, twin, officer, home
):
    case = CaseFactory(lead_officer=officer)
    party = CasePartyFactory(case=case, person=twin, role=PartyRole.WITNESS)
    contact = ContactFactory(person=twin, summary="Rang about the bins")
    callback = CallBackFactory(person=twin)
    flag = FlagFactory(person=twin, code="lives_alone")
    # A second tenancy (a former one) of the same home.
    tenancy = TenancyFactory(home=home, end_date=dt.date(2020, 1, 1))
    membership = TenancyMemberFactory(tenancy=tenancy, person=twin)
    other = PersonFactory()
    decision = NotDuplicate.objects.create(person_a=other, person_b=twin, decided_by=team_leader)
    DuplicateCandidate.objects.create(person_a=person, person_b=twin, score=90)

    record = services.people_merge(actor=team_leader, survivor=person, merged=twin)

    assert not Person.objects.filter(pk=twin.pk).exists()
    for model, field in person_links():
        assert not model._base_manager.filter(**{field.attname: twin.pk}).exists(), model
    assert CaseParty.objects.get(pk=party.pk).person_id == person.pk
    assert Contact.objects.get(pk=contact.pk).person_id == person.pk
    assert CallBack.objects.get(pk=callback.pk).person_id == person.pk
    assert VulnerabilityFlag.objects.get(pk=flag.pk).person_id == person.pk
    assert TenancyMember.objects.get(pk=membership.pk).person_id == person.pk
    assert NotDuplicate.objects.get(pk=decision.pk).person_b_id == person.pk
    assert not DuplicateCandidate.objects.exists()
    assert record.items.filter(kind="moved").count() == 6
    assert AuditEvent.objects.filter(
        object_type="people.person", person_id=twin.pk, action="delete"
    ).exists()
    assert AuditEvent.objects.filter(
        object_type="people.person", person_id=person.pk, changes__merged__isnull=False
    ).exists()


def test_undo_restores_the_person_and_moves_the_records_back(
    team_leader, person, twin, officer, home
):
    case = CaseFactory(lead_officer=officer)
    party = CasePartyFactory(case=case, person=twin, role=PartyRole.WITNESS)
    contact = ContactFactory(person=twin)
    flag = FlagFactory(person=twin, code="lives_alone")
    membership = TenancyMemberFactory(
        tenancy=TenancyFactory(home=home, end_date=dt.date(2020, 1, 1)), person=twin
    )
    before = Person.objects.filter(pk=twin.pk).values().get()
    survivor_contact = ContactFactory(person=person)

    record = services.people_merge(actor=team_leader, survivor=person, merged=twin)
    restored = services.merge_undo(actor=team_leader, record=record)

    assert restored.pk == twin.pk
    assert Person.objects.filter(pk=twin.pk).values().get() == before
    assert CaseParty.objects.get(pk=party.pk).person_id == twin.pk
    assert Contact.objects.get(pk=contact.pk).person_id == twin.pk
    assert VulnerabilityFlag.objects.get(pk=flag.pk).person_id == twin.pk
    assert TenancyMember.objects.get(pk=membership.pk).person_id == twin.pk
    assert Contact.objects.get(pk=survivor_contact.pk).person_id == person.pk
    record.refresh_from_db()
    assert record.undone_at and record.undone_by == team_leader
    with pytest.raises(ValidationError, match="already been undone"):
        services.merge_undo(actor=team_leader, record=record)


def test_rows_the_survivor_already_has_are_removed_and_come_back_on_undo(
    team_leader, person, twin, officer
):
    # Both records are members of the same tenancy, parties in the same role, with the same
    # open flag and equality answers: these cannot move, they would be duplicates.
    tenancy = TenancyMember.objects.get(person=person).tenancy
    twin_membership = TenancyMemberFactory(tenancy=tenancy, person=twin)
    case = CaseFactory(lead_officer=officer)
    CasePartyFactory(case=case, person=person, role=PartyRole.REPORTER)
    twin_party = CasePartyFactory(case=case, person=twin, role=PartyRole.REPORTER)
    FlagFactory(person=person, code="older_person")
    twin_flag = FlagFactory(person=twin, code="older_person", note="From the twin record")
    EqualityInformation.objects.create(person=person, religion="Christian")
    twin_answers = EqualityInformation.objects.create(person=twin, religion="None")

    record = services.people_merge(actor=team_leader, survivor=person, merged=twin)

    assert record.items.filter(kind="removed").count() == 4
    assert TenancyMember.objects.filter(tenancy=tenancy).count() == 1
    assert CaseParty.objects.filter(case=case).count() == 1
    assert not VulnerabilityFlag.objects.filter(pk=twin_flag.pk).exists()

    services.merge_undo(actor=team_leader, record=record)
    assert TenancyMember.objects.get(pk=twin_membership.pk).person_id == twin.pk
    assert CaseParty.objects.get(pk=twin_party.pk).person_id == twin.pk
    assert VulnerabilityFlag.objects.get(pk=twin_flag.pk).note == "From the twin record"
    assert EqualityInformation.objects.get(pk=twin_answers.pk).religion == "None"


def test_a_conflicting_row_with_records_of_its_own_refuses_the_merge(team_leader, person, twin):
    FlagFactory(person=person, code="older_person")
    twin_flag = FlagFactory(person=twin, code="older_person")
    FlagReview.objects.create(flag=twin_flag, reviewed_on=dt.date(2026, 1, 5))
    with pytest.raises(ValidationError, match="vulnerability flag"):
        services.people_merge(actor=team_leader, survivor=person, merged=twin)
    assert Person.objects.filter(pk=twin.pk).exists()
    assert not MergeRecord.objects.exists()


@pytest.mark.parametrize("who", ["officer", "dpo", "safeguarding_lead"])
def test_roles_without_permission_cannot_merge(request, who, person, twin):
    with pytest.raises(PermissionDenied):
        services.people_merge(actor=request.getfixturevalue(who), survivor=person, merged=twin)
    assert Person.objects.filter(pk=twin.pk).exists()


def test_a_team_leader_cannot_merge_someone_they_may_not_change(team_leader, person, other_person):
    with pytest.raises(PermissionDenied):
        services.people_merge(actor=team_leader, survivor=person, merged=other_person)


def test_merging_a_person_into_themself_is_refused(team_leader, person):
    with pytest.raises(ValidationError):
        services.people_merge(actor=team_leader, survivor=person, merged=person)


def test_not_duplicates_is_remembered(team_leader, person, twin):
    DuplicateCandidate.objects.create(person_a=person, person_b=twin, score=90)
    services.not_duplicates(actor=team_leader, person_a=twin, person_b=person)
    assert not DuplicateCandidate.objects.exists()
    assert services.candidates_refresh() == 0


def test_refresh_finds_the_pair(person, twin):
    assert services.candidates_refresh() == 1
    candidate = DuplicateCandidate.objects.get()
    assert (candidate.person_a_id, candidate.person_b_id) == (person.pk, twin.pk)
    assert "same phone number" in candidate.reasons
