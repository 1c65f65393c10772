import datetime as dt
import io
import uuid

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import override_settings

from doorstep.asb.models import IncidentReport
from doorstep.asb.tests.factories import AsbCaseFactory, report
from doorstep.cases.models import Case, CaseAttachment, CaseEvent, CaseParty, PartyRole
from doorstep.cases.tests.factories import CaseEventFactory, CasePartyFactory
from doorstep.contacts.models import Contact
from doorstep.contacts.tests.factories import ContactFactory
from doorstep.core.models import AuditEvent, FormSubmission
from doorstep.core.working_days import LONDON
from doorstep.dataprotection.models import AnonymisedCase
from doorstep.dataprotection.retention import REMOVED, cutoff, retention_run
from doorstep.safeguarding.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 2)
NOON = dt.datetime(2026, 3, 2, 12, 0, tzinfo=LONDON)


def _closed_case(officer, person, *, closed_on, case_type="asb"):
    case = AsbCaseFactory(
        lead_officer=officer,
        case_type=case_type,
        opened_on=closed_on - dt.timedelta(days=90),
        summary="Noise from Flat 3, Mr Pryce",
    )
    Case.objects.filter(pk=case.pk).update(status="closed", closed_on=closed_on)
    case.refresh_from_db()
    CasePartyFactory(case=case, person=person, role=PartyRole.REPORTER)
    CaseEventFactory(case=case, text="Mr Pryce says it is his son", by=officer)
    report(case=case, reporter=person, on=case.opened_on, description="Shouting at 2am")
    return case


def _photo(case, officer):
    photo = CaseAttachment(case=case, content_type="image/png", size=4, uploaded_by=officer)
    photo.file.save("x.png", ContentFile(b"\x89PNG"), save=True)
    return photo


def test_six_years_back_is_the_same_calendar_date():
    assert cutoff(TODAY, 6) == dt.date(2020, 3, 2)


@time_machine.travel(NOON, tick=False)
def test_a_case_closed_exactly_six_years_ago_is_anonymised_a_day_later_is_not(officer, person):
    due = _closed_case(officer, person, closed_on=dt.date(2020, 3, 2))
    kept = _closed_case(officer, person, closed_on=dt.date(2020, 3, 3))
    report_ = retention_run(dry_run=False)
    assert [ref for ref, _t, _c in report_.cases] == [due.reference]
    due.refresh_from_db()
    kept.refresh_from_db()
    assert due.summary == REMOVED
    assert kept.summary == "Noise from Flat 3, Mr Pryce"
    assert not CaseParty.objects.filter(case=due).exists()
    assert CaseParty.objects.filter(case=kept).count() == 1
    assert not IncidentReport.objects.filter(case=due).exists()
    assert set(CaseEvent.objects.filter(case=due).values_list("text", flat=True)) == {REMOVED}
    assert CaseEvent.objects.filter(case=kept, text__contains="Pryce").exists()


@time_machine.travel(NOON, tick=False)
def test_open_cases_are_never_touched(officer, person):
    case = AsbCaseFactory(lead_officer=officer, opened_on=dt.date(2010, 1, 4))
    CasePartyFactory(case=case, person=person)
    retention_run(dry_run=False)
    case.refresh_from_db()
    assert case.summary == "Loud music late at night"
    assert CaseParty.objects.filter(case=case).exists()


@time_machine.travel(NOON, tick=False)
def test_the_dry_run_reports_exactly_and_changes_nothing(officer, person):
    case = _closed_case(officer, person, closed_on=dt.date(2019, 6, 1))
    photo = _photo(case, officer)
    FormSubmission.objects.create(key=uuid.uuid4(), user=officer, path="/x")
    FormSubmission.objects.update(created_at=dt.datetime(2026, 2, 27, tzinfo=LONDON))
    events_before = AuditEvent.objects.count()
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "dry run: nothing changed" in text
    assert "would anonymise 1 case" in text
    assert case.reference in text
    assert "parties unlinked: 1" in text
    assert "incident reports deleted: 1" in text
    assert "case attachments deleted (with their files): 1" in text
    assert "would delete 1 form submission key(s)" in text
    case.refresh_from_db()
    assert case.summary == "Noise from Flat 3, Mr Pryce"
    assert CaseParty.objects.filter(case=case).exists()
    assert default_storage.exists(photo.file.name)
    assert FormSubmission.objects.count() == 1
    assert AuditEvent.objects.count() == events_before
    assert not AnonymisedCase.objects.exists()
    # The real run reports the same changes, and makes them.
    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    assert (
        out.getvalue().replace("did ", "would ").replace("applied", "dry run: nothing changed")
        == text
    )
    assert not default_storage.exists(photo.file.name)
    assert not CaseAttachment.objects.filter(case=case).exists()
    assert FormSubmission.objects.count() == 0


@time_machine.travel(NOON, tick=False)
def test_a_second_run_changes_nothing(officer, person):
    case = _closed_case(officer, person, closed_on=dt.date(2019, 6, 1))
    first = retention_run(dry_run=False)
    assert len(first.cases) == 1
    events = AuditEvent.objects.count()
    second = retention_run(dry_run=False)
    assert second.cases == [] and not second.changes
    assert AuditEvent.objects.count() == events
    assert AnonymisedCase.objects.get().reference == case.reference


@time_machine.travel(NOON, tick=False)
def test_the_run_is_audited_with_counts_not_the_text_removed(officer, person):
    case = _closed_case(officer, person, closed_on=dt.date(2019, 6, 1))
    retention_run(dry_run=False)
    event = AuditEvent.objects.get(
        object_type="cases.case", object_id=str(case.pk), source="retention"
    )
    assert "Pryce" not in str(event.changes)
    assert event.changes["anonymised under retention"][1]["parties unlinked"] == 1


@time_machine.travel(NOON, tick=False)
def test_contacts_about_the_case_are_unlinked_and_kept(officer, person):
    case = _closed_case(officer, person, closed_on=dt.date(2019, 6, 1))
    contact = ContactFactory(person=person, case=case, summary="Rang about the noise")
    retention_run(dry_run=False)
    contact.refresh_from_db()
    assert contact.case_id is None
    assert contact.summary == "Rang about the noise"
    assert Contact.objects.filter(person=person).exists()


@time_machine.travel(NOON, tick=False)
@override_settings(RETENTION_CLOSED_CASE_YEARS=6, RETENTION_SAFEGUARDING_YEARS=15)
def test_safeguarding_and_domestic_abuse_cases_are_kept_longer(officer, person):
    da = _closed_case(officer, person, closed_on=dt.date(2015, 1, 5), case_type="domestic_abuse")
    old_da = _closed_case(
        officer, person, closed_on=dt.date(2011, 3, 2), case_type="domestic_abuse"
    )
    retention_run(dry_run=False)
    da.refresh_from_db()
    old_da.refresh_from_db()
    assert da.summary != REMOVED
    assert old_da.summary == REMOVED


@time_machine.travel(NOON, tick=False)
def test_safeguarding_referrals_go_after_their_own_longer_period(officer, person):
    old = ReferralFactory(
        person=person,
        made_by=officer,
        concern_recorded_at=dt.datetime(2011, 3, 1, 9, tzinfo=LONDON),
    )
    recent = ReferralFactory(
        person=person,
        made_by=officer,
        concern_recorded_at=dt.datetime(2019, 3, 1, 9, tzinfo=LONDON),
    )
    report_ = retention_run(dry_run=False)
    assert report_.referrals == [old.reference]
    assert not type(old).objects.filter(pk=old.pk).exists()
    assert type(old).objects.filter(pk=recent.pk).exists()
    assert AuditEvent.objects.filter(
        action="delete", object_label=old.reference, person_id=person.pk
    ).exists()


@time_machine.travel(NOON, tick=False)
@override_settings(RETENTION_CLOSED_CASE_YEARS=3)
def test_the_period_is_a_setting(officer, person):
    case = _closed_case(officer, person, closed_on=dt.date(2023, 3, 2))
    retention_run(dry_run=False)
    case.refresh_from_db()
    assert case.summary == REMOVED


@time_machine.travel(NOON, tick=False)
def test_records_pointing_at_the_case_through_hidden_links_are_unlinked(officer, person):
    from doorstep.welfare.tests.factories import CallFactory

    case = _closed_case(officer, person, closed_on=dt.date(2019, 6, 1))
    call = CallFactory(person=person, case=case)
    retention_run(dry_run=False)
    call.refresh_from_db()
    assert call.case_id is None
