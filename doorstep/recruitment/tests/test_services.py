import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from doorstep.core.models import AuditEvent
from doorstep.recruitment import selectors, services
from doorstep.recruitment.models import Candidate, Score, Vacancy
from doorstep.recruitment.tests.factories import CandidateFactory, VacancyFactory

pytestmark = pytest.mark.django_db


def score_all(user, candidates, criteria, marks):
    for candidate, (interview, test) in zip(candidates, marks, strict=True):
        services.scores_save(
            actor=user,
            candidate=candidate,
            scores={criteria[0].pk: interview, criteria[1].pk: test},
        )


# --- vacancies, criteria, candidates, slots --------------------------------------------------


def test_only_managers_of_the_office_open_a_vacancy(team_leader, manager, office, other_office):
    closing = timezone.localdate()
    with pytest.raises(PermissionDenied):
        services.vacancy_create(actor=team_leader, title="X", office=office, closing_date=closing)
    with pytest.raises(ValidationError) as caught:
        services.vacancy_create(actor=manager, title="X", office=other_office, closing_date=closing)
    assert "office" in caught.value.message_dict


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"name": ""}, "name"),
        ({"kind": "quiz"}, "kind"),
        ({"weight": 0}, "weight"),
        ({"weight": 101}, "weight"),
        ({"max_score": 0}, "max_score"),
        ({"name": "Customer service"}, "name"),  # already there
    ],
)
def test_criterion_bad_input_names_the_field(manager, vacancy, criteria, kwargs, field):
    values = {"name": "Teamwork", "kind": "interview", "weight": 10, "max_score": 5, **kwargs}
    with pytest.raises(ValidationError) as caught:
        services.criterion_add(actor=manager, vacancy=vacancy, **values)
    assert field in caught.value.message_dict


def test_criteria_are_fixed_once_scoring_starts(manager, vacancy, criteria, candidates, slots):
    services.scores_save(actor=manager, candidate=candidates[0], scores={criteria[0].pk: 5})
    with pytest.raises(ValidationError, match="Scoring has started"):
        services.criterion_add(
            actor=manager,
            vacancy=vacancy,
            name="Teamwork",
            kind="interview",
            weight=1,
            max_score=5,
        )


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"full_name": ""}, "full_name"),
        ({"email": "not-an-email"}, "email"),
        ({"email": "hannah.ellis@example.com"}, "email"),  # already applied
        ({"phone": "123"}, "phone"),
    ],
)
def test_candidate_bad_input_names_the_field(manager, vacancy, candidates, kwargs, field):
    values = {"full_name": "Ruth Jones", "email": "ruth@example.com", "phone": "", **kwargs}
    with pytest.raises(ValidationError) as caught:
        services.candidate_add(actor=manager, vacancy=vacancy, **values)
    assert field in caught.value.message_dict


def test_candidates_phone_is_stored_e164_and_audited_without_values(manager, candidates):
    assert candidates[0].phone == "+447911123456"
    event = AuditEvent.objects.get(object_type="recruitment.candidate", object_id=candidates[0].pk)
    assert "Hannah" not in str(event.changes)
    assert "example.com" not in str(event.changes)
    assert event.person_id is None  # never in a resident's subject access export


def test_a_slot_needs_a_panel_and_one_slot_per_candidate(manager, dpo, vacancy, candidates, slots):
    start = timezone.now()
    with pytest.raises(ValidationError) as caught:
        services.slot_add(actor=manager, vacancy=vacancy, starts_at=start, panel=[])
    assert "panel" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.slot_add(actor=manager, vacancy=vacancy, starts_at=start, panel=[dpo])
    assert "panel" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.slot_add(
            actor=manager,
            vacancy=vacancy,
            starts_at=start,
            panel=[manager],
            candidate=candidates[0],
        )
    assert "candidate" in caught.value.message_dict


# --- scoring ---------------------------------------------------------------------------------


def test_scores_are_validated_from_0_to_the_criterions_maximum(
    manager, criteria, candidates, slots
):
    with pytest.raises(ValidationError) as caught:
        services.scores_save(
            actor=manager,
            candidate=candidates[0],
            scores={criteria[0].pk: 11, criteria[1].pk: -1},
        )
    errors = caught.value.message_dict
    assert errors[f"score_{criteria[0].pk}"] == ["Customer service: enter a score from 0 to 10."]
    assert f"score_{criteria[1].pk}" in errors
    assert not Score.objects.exists()


def test_only_the_candidates_panel_scores_them(officer, criteria, candidates, slots):
    with pytest.raises(PermissionDenied):
        services.scores_save(actor=officer, candidate=candidates[0], scores={criteria[0].pk: 5})


def test_submitting_needs_every_candidate_fully_scored_then_locks(
    manager, criteria, candidates, slots
):
    services.scores_save(actor=manager, candidate=candidates[0], scores={criteria[0].pk: 5})
    with pytest.raises(ValidationError, match="Score every criterion for"):
        services.scores_submit(actor=manager, vacancy=candidates[0].vacancy)
    score_all(manager, candidates, criteria, [(8, 4), (6, 5)])
    services.scores_submit(actor=manager, vacancy=candidates[0].vacancy)
    with pytest.raises(ValidationError, match="can no longer change"):
        services.scores_save(actor=manager, candidate=candidates[0], scores={criteria[0].pk: 1})


def test_panel_members_see_only_their_own_scores_until_they_submit(
    manager, team_leader, vacancy, criteria, candidates, slots
):
    score_all(manager, candidates, criteria, [(8, 4), (10, 3)])
    score_all(team_leader, candidates, criteria, [(6, 5), (10, 4)])
    page = selectors.vacancy_page(user=team_leader, vacancy=vacancy)
    assert not page.sees_totals
    assert all(row.result is None for row in page.rows)
    assert page.rows[0].my_scores == {criteria[0].pk: 6, criteria[1].pk: 5}

    services.scores_submit(actor=team_leader, vacancy=vacancy)
    page = selectors.vacancy_page(user=team_leader, vacancy=vacancy)
    assert page.sees_totals
    totals = {row.candidate.full_name: (row.result.total, row.result.rank) for row in page.rows}
    # Hannah: (80 + 84) / 2 = 82. Owen: (76 + 88) / 2 = 82. A tie, ranked equal.
    assert totals == {"Hannah Ellis": (82, 1), "Owen Pritchard": (82, 1)}


def test_a_manager_on_no_panel_sees_totals_throughout(
    team_leader, vacancy, criteria, candidates, office
):
    from doorstep.accounts.roles import Role
    from doorstep.accounts.tests.factories import UserFactory

    start = timezone.now()
    services.slot_add(
        actor=vacancy.created_by,
        vacancy=vacancy,
        candidate=candidates[0],
        starts_at=start,
        panel=[team_leader],
    )
    other_manager = UserFactory(roles=[Role.HOUSING_SERVICES_MANAGER])
    office.managers.add(other_manager)
    score_all(team_leader, candidates[:1], criteria, [(10, 5)])
    page = selectors.vacancy_page(user=other_manager, vacancy=vacancy)
    assert page.sees_totals
    assert page.rows[0].result.total == 100


# --- decisions and HR ------------------------------------------------------------------------


def test_a_rejection_needs_a_reason(manager, candidates):
    with pytest.raises(ValidationError) as caught:
        services.decision_record(actor=manager, candidate=candidates[1], decision="reject")
    assert "reason" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.decision_record(actor=manager, candidate=candidates[1], decision="maybe")
    assert "decision" in caught.value.message_dict


def test_hr_is_emailed_the_outcome(
    manager, team_leader, vacancy, criteria, candidates, slots, mailoutbox, settings
):
    settings.RECRUITMENT_HR_EMAIL = "people.team@forgeandcanal.example.org"
    with pytest.raises(ValidationError, match="Record a decision"):
        services.hr_notify(actor=manager, vacancy=vacancy)
    score_all(manager, candidates, criteria, [(9, 5), (5, 2)])
    services.decision_record(actor=manager, candidate=candidates[0], decision="appoint")
    services.decision_record(
        actor=manager,
        candidate=candidates[1],
        decision="reject",
        reason="Less experience of lettings.",
    )
    assert services.hr_notify(actor=manager, vacancy=vacancy) == 1
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["people.team@forgeandcanal.example.org"]
    assert message.subject == "Interview outcome: Lettings Advisor, Walsall"
    # 9/10 x 40 + 5/5 x 60 = 96; 5/10 x 40 + 2/5 x 60 = 44.
    assert (
        "- Appoint: Hannah Ellis (hannah.ellis@example.com, +447911123456); "
        "score 96.0 of 100, rank 1" in message.body
    )
    assert (
        "- Reject: Owen Pritchard (owen.p@example.com); score 44.0 of 100, rank 2. "
        "Reason: Less experience of lettings." in message.body
    )
    vacancy.refresh_from_db()
    assert vacancy.hr_notified_at is not None


def test_only_the_offices_manager_emails_hr(team_leader, vacancy):
    with pytest.raises(PermissionDenied):
        services.hr_notify(actor=team_leader, vacancy=vacancy)


# --- retention -------------------------------------------------------------------------------


def test_purge_candidates_deletes_applicants_after_the_retention_period(settings, db):
    settings.RECRUITMENT_CANDIDATE_RETENTION_DAYS = 180
    today = dt.date(2026, 9, 1)
    old = VacancyFactory(closing_date=today - dt.timedelta(days=181))
    edge = VacancyFactory(closing_date=today - dt.timedelta(days=180))
    recent = VacancyFactory(closing_date=today - dt.timedelta(days=10))
    for vacancy in (old, old, edge, recent):
        CandidateFactory(vacancy=vacancy)

    with time_machine.travel(dt.datetime(2026, 9, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        out = StringIO()
        call_command("purge_candidates", "--dry-run", stdout=out)
        assert out.getvalue().strip() == (
            "would delete 2 candidates of 1 vacancy closed before 2026-03-05 (180 days)"
        )
        assert Candidate.objects.count() == 4

        out = StringIO()
        call_command("purge_candidates", stdout=out)
        assert out.getvalue().startswith("deleted 2 candidates of 1 vacancy")
    assert not Candidate.objects.filter(vacancy=old).exists()
    assert Candidate.objects.filter(vacancy__in=[edge, recent]).count() == 2
    old.refresh_from_db()
    assert old.candidates_purged_at is not None
    assert Vacancy.objects.filter(pk=old.pk).exists()  # the vacancy itself stays
    event = AuditEvent.objects.get(object_type="recruitment.candidate", action="delete")
    assert event.changes == {"candidates_deleted": 2}


def test_the_retention_period_is_a_setting(settings, db):
    settings.RECRUITMENT_CANDIDATE_RETENTION_DAYS = 30
    vacancy = VacancyFactory(closing_date=timezone.localdate() - dt.timedelta(days=31))
    CandidateFactory(vacancy=vacancy)
    result = services.candidates_purge(today=timezone.localdate())
    assert (result.vacancies, result.candidates) == (1, 1)
    assert not Candidate.objects.exists()
