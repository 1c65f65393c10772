"""Welfare pages: allowed and refused, bad input, audit of health data, list query counts."""

import datetime as dt

import pytest
from django.urls import reverse

from doorstep.cases.models import Case
from doorstep.core.models import AuditEvent
from doorstep.welfare.models import WelfareCall, WelfareProgramme
from doorstep.welfare.tests.conftest import flag, housed
from doorstep.welfare.tests.factories import CallFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def call_url(programme, person):
    return reverse("welfare:call", args=[programme.pk, person.reference])


def views_audited(person):
    return AuditEvent.objects.filter(action="view", person_id=person.pk).count()


# --- programmes ------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["officer", "dpo", "other_officer"])
def test_any_member_of_staff_reads_the_programmes(client, request, who, programme):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("welfare:programme_list"))
    assert response.status_code == 200
    assert programme.name in response.text
    assert client.get(programme.get_absolute_url()).status_code == 200


def test_the_programme_list_is_paginated_in_fixed_queries(
    client, team_leader, team, django_assert_max_num_queries
):
    for n in range(30):
        ProgrammeFactory(team=team, name=f"Programme {n:02d}", created_by=team_leader)
    client.force_login(team_leader)
    # 12, plus 1 for the manager's two-factor device checked on every request.
    with django_assert_max_num_queries(13):
        response = client.get(reverse("welfare:programme_list"))
    assert "Page 1 of 2" in response.text


def test_the_cohort_page_is_paginated_in_fixed_queries(
    client, officer, programme, home, django_assert_max_num_queries
):
    for n in range(30):
        flag(housed(home, reference=f"P5000{n:02d}"), "older_person", "lives_alone")
    client.force_login(officer)
    with django_assert_max_num_queries(14):
        response = client.get(programme.get_absolute_url())
    assert "30 people" in response.text
    assert "Page 1 of 2" in response.text


def form_data(**overrides):
    data = {
        "name": "Shielding residents — weekly call",
        "flags_all": ["shielding"],
        "frequency_days": "7",
        "start_date": "2026-03-02",
        "active": "on",
    }
    data.update(overrides)
    return data


def test_a_team_leader_sets_up_a_programme(client, team_leader, patch):
    client.force_login(team_leader)
    assert client.get(reverse("welfare:programme_create")).status_code == 200
    response = client.post(reverse("welfare:programme_create"), form_data(patches=[str(patch.pk)]))
    programme = WelfareProgramme.objects.get()
    assert response.status_code == 302
    assert response.url == programme.get_absolute_url()
    assert programme.flags_all == ["shielding"]
    assert list(programme.patches.all()) == [patch]


@pytest.mark.parametrize("who", ["officer", "dpo"])
def test_officers_and_the_dpo_cannot_set_up_programmes(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("welfare:programme_create")).status_code == 403
    assert client.post(reverse("welfare:programme_create"), form_data()).status_code == 403


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "Enter a name for the programme."),
        ({"frequency_days": "0"}, "frequency_days", "How often to call must be from 1 to 365"),
        ({"frequency_days": "often"}, "frequency_days", "whole number of days"),
        ({"min_age": "-1"}, "min_age", "Enter a minimum age from 0 to 120"),
        ({"start_date": "31/02/2026"}, "start_date", "as a real date"),
        ({"flags_all": ["fictional"]}, "flags_all", "Choose flags from the list."),
        ({"tenures": ["castle"]}, "tenures", "Choose tenures from the list."),
        ({"patches": ["999999"]}, "patches", "Choose patches from the list."),
        ({"officer": "999999"}, "officer", "Choose the officer from the list."),
        ({"flags_all": []}, "flags_all", "Choose at least one rule"),
    ],
)
def test_bad_programme_input_names_the_field(client, team_leader, overrides, field, message):
    client.force_login(team_leader)
    response = client.post(reverse("welfare:programme_create"), form_data(**overrides))
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert not WelfareProgramme.objects.exists()


def test_the_programme_team_leader_changes_it_and_others_cannot(
    client, team_leader, other_officer, programme
):
    url = reverse("welfare:programme_edit", args=[programme.pk])
    client.force_login(other_officer)
    assert client.get(url).status_code == 403
    client.force_login(team_leader)
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(name="Renamed"))
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.name == "Renamed"


# --- the call screen -------------------------------------------------------------------------


def test_the_call_screen_shows_what_the_officer_needs_and_audits_health_data(
    client, officer, programme, older_alone
):
    from doorstep.people.tests.factories import EmergencyContactFactory

    flag(older_alone, "shielding", "hearing_impairment")
    EmergencyContactFactory(person=older_alone, name="Susan Thompson", phone="+447700900456")
    CallFactory(programme=programme, person=older_alone, note="Chest infection, on antibiotics.")
    client.force_login(officer)
    response = client.get(call_url(programme, older_alone))
    assert response.status_code == 200
    text = response.text
    assert "Special arrangements" in text
    assert "Doorstep or phone contact only" in text
    assert "Contact by text or email, not by phone" in text
    assert "Susan Thompson" in text
    assert "07700 900456" in text
    assert "Chest infection" in text
    assert "Record the call" in text
    assert views_audited(older_alone) == 1


def test_the_dpo_reads_the_call_screen_without_notes_or_the_form(
    client, dpo, programme, older_alone
):
    CallFactory(programme=programme, person=older_alone, note="Chest infection.")
    client.force_login(dpo)
    response = client.get(call_url(programme, older_alone))
    assert response.status_code == 200
    assert "Chest infection" not in response.text
    assert "Record the call" not in response.text
    assert views_audited(older_alone) == 0


@pytest.mark.parametrize("who", ["other_officer", "dpo"])
def test_others_cannot_record_a_call(client, request, who, programme, older_alone):
    client.force_login(request.getfixturevalue(who))
    response = client.post(call_url(programme, older_alone), {"outcome": "spoke_ok"})
    assert response.status_code == 403
    assert not WelfareCall.objects.exists()


def test_an_unknown_person_or_programme_is_404(client, officer, programme, older_alone):
    client.force_login(officer)
    assert client.get(reverse("welfare:call", args=[programme.pk, "P999999"])).status_code == 404
    assert (
        client.get(reverse("welfare:call", args=[999999, older_alone.reference])).status_code == 404
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "outcome", "Select what happened on the call."),
        ({"outcome": "grand"}, "outcome", "Select what happened on the call."),
        ({"outcome": "concern", "note": ""}, "note", "Enter what the concern is."),
        ({"outcome": "spoke_ok", "note": "x" * 2001}, "note", "2,000 characters or fewer"),
    ],
)
def test_bad_call_input_names_the_field(
    client, officer, programme, older_alone, data, field, message
):
    client.force_login(officer)
    response = client.post(call_url(programme, older_alone), data)
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert not WelfareCall.objects.exists()


def test_spoke_ok_goes_back_to_my_day(client, officer, programme, older_alone):
    client.force_login(officer)
    response = client.post(call_url(programme, older_alone), {"outcome": "spoke_ok"})
    assert response.status_code == 302
    assert response.url == reverse("myday:my_day")
    assert WelfareCall.objects.get().outcome == "spoke_ok"


def test_a_second_no_answer_says_who_was_told(client, officer, team_leader, programme, older_alone):
    CallFactory(
        programme=programme,
        person=older_alone,
        outcome="no_answer",
        called_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=2),
    )
    client.force_login(officer)
    response = client.post(call_url(programme, older_alone), {"outcome": "no_answer"}, follow=True)
    assert "Maria Lewis has a call-back due today" in response.text


def test_a_concern_offers_a_case_or_a_safeguarding_referral(
    client, officer, programme, older_alone
):
    client.force_login(officer)
    response = client.post(
        call_url(programme, older_alone), {"outcome": "concern", "note": "Not eating, house cold."}
    )
    call = WelfareCall.objects.get()
    assert response.url == reverse("welfare:call_detail", args=[programme.pk, call.pk])
    page = client.get(response.url).text
    assert reverse("welfare:call_open_case", args=[programme.pk, call.pk]) in page
    # The referral form takes the person's reference only: no notes in the address.
    assert f"{reverse('safeguarding:referral_create')}?person={older_alone.reference}" in page


def test_the_case_form_is_prefilled_from_the_call(client, officer, programme, older_alone, home):
    call = CallFactory(
        programme=programme, person=older_alone, outcome="concern", note="Not eating, house cold."
    )
    url = reverse("welfare:call_open_case", args=[programme.pk, call.pk])
    client.force_login(officer)
    form = client.get(url).context["form"]
    assert form.initial["case_type"] == "self_neglect"
    assert "Not eating, house cold." in form.initial["summary"]
    assert programme.name in form.initial["summary"]
    response = client.post(
        url, {"case_type": "self_neglect", "summary": form.initial["summary"], "risk_level": "high"}
    )
    case = Case.objects.get()
    assert response.url == case.get_absolute_url()
    assert case.home == home
    assert case.risk_level == "high"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"case_type": "complaint", "summary": "x", "risk_level": "standard"}, "case_type"),
        ({"case_type": "self_neglect", "summary": "", "risk_level": "standard"}, "summary"),
        ({"case_type": "self_neglect", "summary": "x", "risk_level": "extreme"}, "risk_level"),
    ],
)
def test_bad_case_input_names_the_field(client, officer, programme, older_alone, data, field):
    call = CallFactory(programme=programme, person=older_alone, outcome="concern", note="Worry")
    client.force_login(officer)
    response = client.post(reverse("welfare:call_open_case", args=[programme.pk, call.pk]), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Case.objects.exists()


def test_another_officer_cannot_open_a_case_from_the_call(
    client, other_officer, programme, older_alone
):
    call = CallFactory(programme=programme, person=older_alone, outcome="concern", note="Worry")
    client.force_login(other_officer)
    url = reverse("welfare:call_open_case", args=[programme.pk, call.pk])
    assert client.get(url).status_code == 403


def test_the_dpo_sees_a_call_without_its_note(client, dpo, programme, older_alone):
    call = CallFactory(programme=programme, person=older_alone, outcome="concern", note="Worry")
    client.force_login(dpo)
    response = client.get(reverse("welfare:call_detail", args=[programme.pk, call.pk]))
    assert response.status_code == 200
    assert "Worry" not in response.text
    assert "Open a case" not in response.text


# --- coverage --------------------------------------------------------------------------------


def test_coverage_page_and_csv(
    client, manager, programme, older_alone, home, django_assert_max_num_queries
):
    for n in range(30):
        flag(housed(home, reference=f"P6000{n:02d}"), "older_person", "lives_alone")
    CallFactory(programme=programme, person=older_alone, outcome="spoke_ok")
    client.force_login(manager)
    url = reverse("welfare:coverage", args=[programme.pk])
    # 12, plus 1 for the manager's two-factor device checked on every request.
    with django_assert_max_num_queries(13):
        response = client.get(url)
    assert response.status_code == 200
    report = response.context["report"]
    assert (report.total, report.reached, report.attempted, report.not_called) == (31, 1, 0, 30)
    assert "Page 1 of 2" in response.text
    csv_response = client.get(reverse("welfare:coverage_csv", args=[programme.pk]))
    assert csv_response["Content-Type"].startswith("text/csv")
    lines = csv_response.content.decode().splitlines()
    assert lines[0] == "Reference,Name,Status,Calls in period,Last call,Last outcome"
    assert len(lines) == 32
    assert any(line.startswith("P000001,Edna Thompson,Reached,1,") for line in lines)
    assert AuditEvent.objects.filter(
        action="export", object_type="welfare.welfareprogramme"
    ).exists()


def test_coverage_bad_dates_name_the_field(client, manager, programme):
    client.force_login(manager)
    url = reverse("welfare:coverage", args=[programme.pk])
    response = client.get(url, {"start": "2026-03-10", "end": "2026-03-01"})
    assert "The last day must be on or after the first day." in str(
        response.context["form"].errors["end"]
    )
    response = client.get(url, {"start": "soon"})
    assert "as a real date" in str(response.context["form"].errors["start"])
    bad_csv = client.get(reverse("welfare:coverage_csv", args=[programme.pk]), {"status": "lost"})
    assert bad_csv.status_code == 400


def test_coverage_of_an_unknown_programme_is_404(client, manager):
    client.force_login(manager)
    assert client.get(reverse("welfare:coverage", args=[999999])).status_code == 404


def test_the_coverage_form_shows_the_current_period(client, manager, programme):
    client.force_login(manager)
    response = client.get(reverse("welfare:coverage", args=[programme.pk]))
    from django.utils import timezone

    start = timezone.localdate() - dt.timedelta(days=programme.frequency_days - 1)
    assert f'value="{start.isoformat()}"' in response.text
