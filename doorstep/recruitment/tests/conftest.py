import datetime as dt

import pytest
from django.utils import timezone

from doorstep.recruitment import services
from doorstep.recruitment.models import CriterionKind


@pytest.fixture
def vacancy(manager, office):
    return services.vacancy_create(
        actor=manager,
        title="Lettings Advisor",
        office=office,
        closing_date=timezone.localdate() + dt.timedelta(days=14),
    )


@pytest.fixture
def criteria(manager, vacancy):
    return [
        services.criterion_add(
            actor=manager,
            vacancy=vacancy,
            name="Customer service",
            kind=CriterionKind.INTERVIEW,
            weight=40,
            max_score=10,
        ),
        services.criterion_add(
            actor=manager,
            vacancy=vacancy,
            name="Letter-writing test",
            kind=CriterionKind.TEST,
            weight=60,
            max_score=5,
        ),
    ]


@pytest.fixture
def candidates(manager, vacancy):
    return [
        services.candidate_add(
            actor=manager,
            vacancy=vacancy,
            full_name="Hannah Ellis",
            email="hannah.ellis@example.com",
            phone="07911 123456",
        ),
        services.candidate_add(
            actor=manager,
            vacancy=vacancy,
            full_name="Owen Pritchard",
            email="owen.p@example.com",
        ),
    ]


@pytest.fixture
def slots(manager, team_leader, vacancy, candidates):
    """Both candidates interviewed by the manager and the team leader."""
    start = timezone.now() + dt.timedelta(days=1)
    return [
        services.slot_add(
            actor=manager,
            vacancy=vacancy,
            candidate=candidate,
            starts_at=start + dt.timedelta(hours=i),
            location="Walsall interview room",
            panel=[manager, team_leader],
        )
        for i, candidate in enumerate(candidates)
    ]
