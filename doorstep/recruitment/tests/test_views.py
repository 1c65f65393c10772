import pytest
from django.urls import reverse

from doorstep.recruitment import services
from doorstep.recruitment.models import Candidate, Criterion, InterviewSlot, Score, Vacancy
from doorstep.recruitment.tests.factories import CandidateFactory, VacancyFactory

pytestmark = pytest.mark.django_db


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("recruitment:vacancy_list"))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/sign-in/")


def test_the_list_shows_a_managers_vacancies_only(client, manager, vacancy, other_office):
    VacancyFactory(title="Income Officer", office=other_office)
    client.force_login(manager)
    response = client.get(reverse("recruitment:vacancy_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lettings Advisor" in html
    assert "Income Officer" not in html


def test_the_list_is_paginated_in_a_fixed_number_of_queries(
    client, manager, office, django_assert_max_num_queries
):
    for _ in range(40):
        CandidateFactory(vacancy=VacancyFactory(office=office))
    client.force_login(manager)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("recruitment:vacancy_list"))
    assert response.context["page_obj"].paginator.count == 40
    assert len(response.context["page_obj"]) == 25


def test_officers_see_no_vacancies_and_cannot_open_one(client, officer, vacancy):
    client.force_login(officer)
    response = client.get(reverse("recruitment:vacancy_list"))
    assert "Lettings Advisor" not in response.content.decode()
    assert client.get(reverse("recruitment:vacancy_create")).status_code == 403
    assert client.get(reverse("recruitment:vacancy_detail", args=[vacancy.pk])).status_code == 404


def test_a_manager_opens_a_vacancy(client, manager, office):
    client.force_login(manager)
    response = client.post(
        reverse("recruitment:vacancy_create"),
        {"title": "Lettings Advisor", "office": office.pk, "closing_date": "2026-07-31"},
    )
    vacancy = Vacancy.objects.get()
    assert response.status_code == 302
    assert response.url == vacancy.get_absolute_url()


def test_vacancy_form_bad_input_names_the_field(client, manager, office):
    client.force_login(manager)
    response = client.post(
        reverse("recruitment:vacancy_create"),
        {"title": "", "office": office.pk, "closing_date": "end of July"},
    )
    errors = response.context["form"].errors
    assert "title" in errors
    assert errors["closing_date"] == ["Enter the closing date as YYYY-MM-DD, like 2026-07-31."]


def test_manager_adds_criteria_candidates_and_slots(client, manager, team_leader, vacancy):
    client.force_login(manager)
    response = client.post(
        reverse("recruitment:criterion_add", args=[vacancy.pk]),
        {"name": "Excel test", "kind": "test", "weight": "30", "max_score": "10"},
    )
    assert response.status_code == 302
    assert Criterion.objects.get().name == "Excel test"
    response = client.post(
        reverse("recruitment:criterion_add", args=[vacancy.pk]),
        {"name": "Teamwork", "kind": "interview", "weight": "0", "max_score": "abc"},
    )
    errors = response.context["form"].errors
    assert "weight" in errors
    assert errors["max_score"] == ["Enter the top score as a whole number, like 10."]
    response = client.post(
        reverse("recruitment:candidate_add", args=[vacancy.pk]),
        {"full_name": "Hannah Ellis", "email": "hannah@example.com", "phone": ""},
    )
    assert response.status_code == 302
    candidate = Candidate.objects.get()
    response = client.post(
        reverse("recruitment:slot_add", args=[vacancy.pk]),
        {
            "candidate": candidate.pk,
            "starts_at": "2026-06-10 10:00",
            "location": "Walsall interview room",
            "panel": [manager.pk, team_leader.pk],
        },
    )
    assert response.status_code == 302
    assert set(InterviewSlot.objects.get().panel.all()) == {manager, team_leader}


def test_team_leaders_cannot_manage_a_vacancy(client, team_leader, vacancy):
    client.force_login(team_leader)
    for name in ("criterion_add", "candidate_add", "slot_add"):
        assert client.get(reverse(f"recruitment:{name}", args=[vacancy.pk])).status_code == 404


def test_a_panel_member_scores_only_their_candidates(
    client, team_leader, officer, vacancy, criteria, candidates, slots
):
    url = reverse("recruitment:score", args=[vacancy.pk, candidates[0].pk])
    client.force_login(officer)
    assert client.get(url).status_code == 404  # not on the panel: cannot see the vacancy
    client.force_login(team_leader)
    assert client.get(reverse("recruitment:vacancy_detail", args=[vacancy.pk])).status_code == 200
    response = client.post(url, {f"score_{criteria[0].pk}": "11", f"score_{criteria[1].pk}": "4"})
    assert response.context["form"].errors[f"score_{criteria[0].pk}"] == [
        "Customer service: enter a score from 0 to 10."
    ]
    response = client.post(url, {f"score_{criteria[0].pk}": "8", f"score_{criteria[1].pk}": "4"})
    assert response.status_code == 302
    assert Score.objects.filter(panel_member=team_leader).count() == 2


def test_panel_sees_totals_only_after_submitting(
    client, team_leader, manager, vacancy, criteria, candidates, slots
):
    for candidate, marks in zip(candidates, [(8, 4), (5, 2)], strict=True):
        services.scores_save(
            actor=manager,
            candidate=candidate,
            scores={criteria[0].pk: marks[0], criteria[1].pk: marks[1]},
        )
    client.force_login(manager)
    detail = reverse("recruitment:vacancy_detail", args=[vacancy.pk])
    assert "Total of 100" not in client.get(detail).content.decode()
    response = client.post(reverse("recruitment:scores_submit", args=[vacancy.pk]), follow=True)
    html = response.content.decode()
    assert "Total of 100" in html
    assert "Hannah Ellis: 80.0 (rank 1" in html
    assert "Owen Pritchard: 44.0 (rank 2" in html
    # The team leader, still scoring, sees no totals.
    client.force_login(team_leader)
    assert "Total of 100" not in client.get(detail).content.decode()


def test_decision_and_hr_email(client, manager, vacancy, candidates, mailoutbox):
    client.force_login(manager)
    url = reverse("recruitment:decision", args=[vacancy.pk, candidates[1].pk])
    response = client.post(url, {"decision": "reject", "reason": ""})
    assert response.context["form"].errors["reason"] == [
        "Enter the reason for not appointing the candidate."
    ]
    client.post(url, {"decision": "reject", "reason": "Less experience"})
    client.post(
        reverse("recruitment:decision", args=[vacancy.pk, candidates[0].pk]),
        {"decision": "appoint"},
    )
    response = client.post(reverse("recruitment:hr_notify", args=[vacancy.pk]), follow=True)
    assert "The outcome has been emailed to HR." in response.content.decode()
    assert len(mailoutbox) == 1


def test_the_dpo_reads_but_cannot_change(client, dpo, vacancy, candidates):
    client.force_login(dpo)
    assert client.get(reverse("recruitment:vacancy_detail", args=[vacancy.pk])).status_code == 200
    assert client.get(reverse("recruitment:candidate_add", args=[vacancy.pk])).status_code == 403
    assert client.post(reverse("recruitment:hr_notify", args=[vacancy.pk])).status_code == 403


def test_the_vacancy_page_is_a_fixed_number_of_queries(client, manager, vacancy, criteria, slots):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(manager)
    url = reverse("recruitment:vacancy_detail", args=[vacancy.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(10):
        CandidateFactory(vacancy=vacancy)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["page"].rows) == 12
    assert len(many.captured_queries) == len(few.captured_queries)


def test_panel_members_find_todays_interview_on_my_day(client, team_leader, vacancy, slots):
    client.force_login(team_leader)
    html = client.get("/").content.decode()
    assert "Interview for Lettings Advisor" in html
    assert "Hannah Ellis" not in html


def test_candidates_are_never_found_by_the_header_search(client, manager, candidates):
    client.force_login(manager)
    response = client.get(reverse("search:search"), {"q": "Pritchard"})
    assert response.status_code == 200
    assert "Owen Pritchard" not in response.content.decode()
