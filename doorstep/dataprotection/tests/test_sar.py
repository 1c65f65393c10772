import datetime as dt
import io
import json
import zipfile

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from doorstep.asb.tests.factories import AsbCaseFactory, report
from doorstep.cases.models import PartyRole
from doorstep.cases.tests.factories import CaseEventFactory, CasePartyFactory
from doorstep.contacts.tests.factories import CallBackFactory, ContactFactory
from doorstep.core.audit import record_view
from doorstep.core.models import AuditEvent
from doorstep.dataprotection import sar, sar_sections
from doorstep.dataprotection.services import sar_export_for
from doorstep.domestic_abuse.tests.factories import RiskAssessmentFactory
from doorstep.people.models import Person
from doorstep.people.tests.factories import EmergencyContactFactory, FlagFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _archive(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def _export(person, **kwargs):
    return _archive(sar_export_for(person=person, actor=None, with_pdf=False, **kwargs))


def test_every_model_with_a_person_key_is_exported_or_deliberately_left_out():
    person_model = apps.get_model("people", "Person")
    with_key = {
        model._meta.label_lower
        for model in apps.get_models()
        for f in model._meta.get_fields()
        if f.is_relation and f.concrete and f.related_model is person_model
    }
    covered = {label for section in sar.sections() for label in section.covers}
    missing = with_key - covered - set(sar_sections.NOT_EXPORTED)
    assert not missing, f"models holding a person not in any SAR section: {sorted(missing)}"


def test_the_zip_holds_a_summary_json_and_every_section(person, officer):
    FlagFactory(person=person, code="lives_alone")
    EmergencyContactFactory(person=person, name="Sam Relative")
    ContactFactory(person=person, summary="Rang about the boiler", logged_by=officer)
    CallBackFactory(person=person, for_officer=officer, created_by=officer)
    archive = _export(person)
    names = set(archive.namelist())
    assert {"summary.html", "data.json"} <= names
    data = json.loads(archive.read("data.json"))
    assert data["person_reference"] == person.reference
    for section in sar.sections():
        assert f"sections/{section.name}.json" in names
        assert section.name in data["sections"]
        json.loads(archive.read(f"sections/{section.name}.json"))  # valid JSON
    sections = data["sections"]
    assert sections["person"][0]["first_name"] == "Edna"
    assert "search_text" not in sections["person"][0]
    assert [f["code"] for f in sections["vulnerability_flags"]] == ["Lives alone"]
    assert sections["emergency_contacts"][0]["name"] == "Sam Relative"
    assert sections["contacts"][0]["summary"] == "Rang about the boiler"
    assert sections["contacts"][0]["logged_by"] == officer.full_name
    assert len(sections["callbacks"]) == 1
    assert sections["tenancies"][0]["your_role"] == "Tenant"
    html = archive.read("summary.html").decode()
    assert "Rang about the boiler" in html
    assert "Other people" in html


def test_a_person_with_nothing_in_an_app_gets_an_empty_section(person):
    data = json.loads(_export(person).read("data.json"))
    assert data["sections"]["safeguarding_referrals"] == []
    assert data["sections"]["welfare_calls"] == []
    assert data["sections"]["cases"] == []
    assert json.loads(_export(person).read("sections/meetings.json")) == []
    html = _export(person).read("summary.html").decode()
    assert "We hold nothing about you of this kind." in html


def test_the_audit_of_who_viewed_their_data_is_included(person, officer):
    record_view(actor=officer, instance=person, what="vulnerability flags")
    data = json.loads(_export(person).read("data.json"))
    views = [row for row in data["sections"]["audit"] if row["action"] == "Viewed sensitive data"]
    assert views[0]["viewed"] == "vulnerability flags"
    assert views[0]["by"] == officer.full_name


def test_the_export_itself_is_audited(person):
    _export(person)
    assert AuditEvent.objects.filter(action="export", person_id=person.pk).count() == 1


def test_other_people_in_a_case_are_redacted_and_their_records_withheld(person, officer):
    neighbour = PersonFactory(first_name="Gareth", last_name="Pryce", reference="P777777")
    case = AsbCaseFactory(lead_officer=officer, summary="Noise from Gareth Pryce's flat")
    CasePartyFactory(case=case, person=person, role=PartyRole.REPORTER)
    CasePartyFactory(case=case, person=neighbour, role=PartyRole.ALLEGED_PERPETRATOR)
    CaseEventFactory(case=case, text="Spoke to gareth about the music", by=officer)
    report(case=case, reporter=person, on=dt.date(2026, 2, 1), description="Music from Pryce")
    ContactFactory(person=neighbour, case=case, summary="Gareth denies it", logged_by=officer)
    data = json.loads(_export(person).read("data.json"))
    (row,) = data["sections"]["cases"]
    text = json.dumps(row)
    assert "Gareth" not in text and "Pryce" not in text and "P777777" not in text
    assert row["summary"] == "Noise from [another person]'s flat"
    assert row["your_roles"] == ["Reporter"]
    assert row["other_parties"] == [{"person": "[another person]", "role": "Alleged perpetrator"}]
    assert row["records"]["incident reports"][0]["reporter"] == "the subject"
    assert "[another person]" in row["records"]["case events"][0]["text"]
    # The neighbour's contact is theirs, not the subject's: not exported at all.
    assert "denies" not in text


def test_a_risk_assessment_about_another_victim_is_withheld_and_counted(person, officer):
    victim = PersonFactory(first_name="Rosa", last_name="Vale")
    assessment = RiskAssessmentFactory(victim=victim)
    CasePartyFactory(case=assessment.case, person=person, role=PartyRole.ALLEGED_PERPETRATOR)
    CasePartyFactory(case=assessment.case, person=victim, role=PartyRole.VICTIM)
    data = json.loads(_export(person).read("data.json"))
    (row,) = data["sections"]["cases"]
    assert "risk assessments" not in row.get("records", {})
    assert data["withheld_about_other_people"] == {"risk assessments": 1}
    # The victim's own export has it.
    theirs = json.loads(_export(victim).read("data.json"))
    assert len(theirs["sections"]["cases"][0]["records"]["risk assessments"]) == 1


def test_a_section_registered_by_a_later_app_is_exported(person, monkeypatch):
    monkeypatch.setattr(sar, "_sections", dict(sar._sections))
    sar.register_section(sar.SarSection("later", "A later app", lambda p: [{"ref": p.reference}]))
    data = json.loads(_export(person).read("data.json"))
    assert data["sections"]["later"] == [{"ref": person.reference}]


def test_the_summary_pdf_is_written(person):
    archive = _archive(sar_export_for(person=person, actor=None, with_pdf=True))
    assert archive.read("summary.pdf").startswith(b"%PDF")


def test_the_command_writes_the_zip(person, tmp_path):
    out = tmp_path / "sar.zip"
    stdout = io.StringIO()
    call_command("export_sar", person.reference, "--out", str(out), "--no-pdf", stdout=stdout)
    assert person.reference in stdout.getvalue()
    assert json.loads(_archive(out.read_bytes()).read("data.json"))["person_reference"] == "P000001"


def test_the_command_refuses_an_unknown_person_with_exit_1(db, tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("export_sar", "P404404", "--out", str(tmp_path / "x.zip"))
    assert error.value.returncode == 1
    assert "No person has the reference P404404" in str(error.value)
    assert not (tmp_path / "x.zip").exists()


def test_the_command_without_out_is_a_usage_error_exit_2(person):
    import subprocess
    import sys

    result = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", "export_sar", person.reference],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "DEBUG": "1"},
        cwd=str(__import__("django.conf").conf.settings.BASE_DIR),
    )
    assert result.returncode == 2
    assert "--out" in result.stderr


def test_person_count_unchanged_by_export(person):
    before = Person.objects.count()
    _export(person)
    assert Person.objects.count() == before


def test_the_audit_under_a_record_merged_into_theirs_is_included(person, officer, team_leader):
    from doorstep.duplicates.services import people_merge

    twin = PersonFactory(first_name="Edna", last_name="Thomson")
    record_view(actor=officer, instance=twin, what="equality information of the twin record")
    people_merge(actor=team_leader, survivor=person, merged=twin)
    data = json.loads(_export(person).read("data.json"))
    viewed = [row["viewed"] for row in data["sections"]["audit"]]
    assert "equality information of the twin record" in viewed


def test_a_referral_being_written_about_them_is_in_their_export(person, officer):
    from doorstep.safeguarding.models import ReferralDraft

    ReferralDraft.objects.create(
        author=officer, person=person, answers={"concern": "Bruising seen on both arms"}
    )
    drafts = json.loads(_export(person).read("data.json"))["sections"][
        "safeguarding_referral_drafts"
    ]
    assert len(drafts) == 1
    assert drafts[0]["answers"] == {"concern": "Bruising seen on both arms"}
    assert drafts[0]["author"] == officer.full_name
