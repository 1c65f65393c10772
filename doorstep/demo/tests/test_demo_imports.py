"""The Imports page at the demo: one refused repairs file in the manager's history."""

import pytest
from django.urls import reverse

from doorstep.demo import data
from doorstep.demo.tests.test_load_demo import demo, frozen, load  # noqa: F401
from doorstep.imports.models import ImportRun, RunStatus

pytestmark = pytest.mark.django_db


def test_the_manager_sees_a_refused_file_and_its_problems(demo, client):  # noqa: F811
    run = ImportRun.objects.get()
    assert (run.kind, run.status, run.problem_count) == ("repairs", RunStatus.PROBLEMS, 5)
    assert run.problems.count() == 5
    assert not run.file  # refused files are not kept
    assert run.uploaded_by.full_name == data.DEMO_MANAGER

    client.force_login(run.uploaded_by)
    page = client.get(run.get_absolute_url()).content.decode()
    assert "5 problems" in page
    assert "REP-2025-000311 is also on row 22" in page
    assert "Has problems" in client.get(reverse("imports:run_list")).content.decode()
