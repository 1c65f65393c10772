import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from doorstep.dataprotection.models import SubjectAccessRequest
from doorstep.duplicates.models import DuplicateCandidate
from doorstep.people.models import Person

pytestmark = pytest.mark.django_db


def test_the_demo_has_duplicates_to_review_and_subject_access_requests():
    call_command("load_demo", homes=150, stdout=StringIO())
    copies = Person.objects.filter(reference__startswith="P8700")
    assert copies.count() == 3
    for copy in copies:
        assert DuplicateCandidate.objects.filter(person_b=copy).exists() or (
            DuplicateCandidate.objects.filter(person_a=copy).exists()
        )
    requests = SubjectAccessRequest.objects.all()
    assert requests.count() == 3
    today = max(r.received_on for r in requests) + dt.timedelta(days=3)
    assert sum(1 for r in requests if r.is_overdue_on(today)) == 1
