"""Every background task (django.tasks) may be delivered twice — a retry after a worker crash,
or a duplicate — with no duplicate effect. Each test runs a task twice, as the worker would.

The letter run's task has its own tests of a rerun after a crash mid-run and of running a
finished run again (doorstep/letters/tests/test_runs.py: one letter and contact per household,
one PDF, no email sent twice).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from doorstep.core.models import AuditEvent
from doorstep.dataprotection.deadlines import sar_due_on
from doorstep.dataprotection.models import SubjectAccessRequest
from doorstep.dataprotection.tasks import generate_sar_export
from doorstep.duplicates.models import DuplicateCandidate
from doorstep.duplicates.tasks import refresh_duplicate_candidates
from doorstep.imports import services as import_services
from doorstep.imports.models import ImportProblem, ImportRun, RunStatus
from doorstep.imports.tasks import check_upload, import_upload
from doorstep.people.models import Person
from doorstep.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

PEOPLE = b"person_ref,first_name,last_name\nP1,Edna,Thompson\nP2,Ray,Castle\nP3,Ann,Lee\n"
BAD = b"person_ref,first_name,last_name\nP1,,Thompson\nP2,Ray,\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _run(manager, content: bytes, **values) -> ImportRun:
    run = ImportRun(
        kind="people", file_name="people.csv", size_bytes=len(content), uploaded_by=manager
    )
    run.file.save("upload.csv", ContentFile(content), save=False)
    for name, value in values.items():
        setattr(run, name, value)
    run.save()
    return run


def test_checking_an_upload_twice_stores_each_problem_once(manager):
    run = _run(manager, BAD)
    check_upload.call(run.pk)
    check_upload.call(run.pk)
    run.refresh_from_db()
    assert (run.status, run.problem_count) == (RunStatus.PROBLEMS, 2)
    assert ImportProblem.objects.filter(run=run).count() == 2


def test_a_check_that_died_half_way_is_done_again_from_the_start(manager):
    run = _run(manager, BAD)
    # The first attempt saved one problem, then the worker died (the run is still checking).
    ImportProblem.objects.create(run=run, row=1, column="first_name", message="left over")
    check_upload.call(run.pk)
    assert ImportProblem.objects.filter(run=run).count() == 2
    assert not ImportProblem.objects.filter(message="left over").exists()


def test_importing_twice_writes_one_record_per_row(manager):
    run = _run(manager, PEOPLE, status=RunStatus.IMPORTING, imported_by=manager)
    import_upload.call(run.pk)
    import_upload.call(run.pk)  # delivered again after it finished: nothing to do
    run.refresh_from_db()
    assert (run.status, run.created_count, run.rows_written) == (RunStatus.IMPORTED, 3, 3)
    assert Person.objects.filter(reference__in=["P1", "P2", "P3"]).count() == 3
    assert not run.file


def test_an_import_retried_after_dying_before_it_finished_adds_no_second_row(manager, monkeypatch):
    run = _run(manager, PEOPLE, status=RunStatus.IMPORTING, imported_by=manager)
    name = run.file.name

    def die(*args, **kwargs):
        raise SystemError("worker killed")

    # The rows are written and committed, then the worker dies while finishing the run.
    monkeypatch.setattr(import_services, "record_change", die)
    with pytest.raises(SystemError):
        import_upload.call(run.pk)
    monkeypatch.undo()
    assert default_storage.exists(name)  # the file is kept until the run is finished
    import_upload.call(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.IMPORTED
    assert (run.created_count, run.unchanged_count) == (0, 3)  # found, not added again
    assert Person.objects.filter(reference__in=["P1", "P2", "P3"]).count() == 3
    assert not default_storage.exists(name)


def test_a_subject_access_export_delivered_twice_is_built_once(dpo, person):
    sar = SubjectAccessRequest.objects.create(
        person=person,
        received_on=dt.date(2026, 3, 2),
        requester="The tenant herself",
        due_on=sar_due_on(dt.date(2026, 3, 2)),
        created_by=dpo,
        export_queued_at=timezone.now(),
    )
    generate_sar_export.call(sar.pk, dpo.pk)
    sar.refresh_from_db()
    first_file, built_at = sar.export_file.name, sar.export_generated_at
    audit_rows = AuditEvent.objects.count()
    generate_sar_export.call(sar.pk, dpo.pk)
    sar.refresh_from_db()
    assert (sar.export_file.name, sar.export_generated_at) == (first_file, built_at)
    assert default_storage.exists(first_file)
    assert AuditEvent.objects.count() == audit_rows  # no second disclosure recorded
    # Asked for again (a new export), it is built again and replaces the old archive.
    SubjectAccessRequest.objects.filter(pk=sar.pk).update(export_queued_at=timezone.now())
    generate_sar_export.call(sar.pk, dpo.pk)
    sar.refresh_from_db()
    assert sar.export_file.name != first_file and not default_storage.exists(first_file)


def test_refreshing_duplicate_candidates_twice_gives_the_same_pairs_once():
    born = dt.date(1948, 2, 9)
    PersonFactory(first_name="Edna", last_name="Thompson", date_of_birth=born)
    PersonFactory(first_name="Edna", last_name="Thomson", date_of_birth=born)
    first = refresh_duplicate_candidates.call()
    pairs = list(DuplicateCandidate.objects.values_list("person_a", "person_b"))
    second = refresh_duplicate_candidates.call()
    assert first == second == 1
    assert list(DuplicateCandidate.objects.values_list("person_a", "person_b")) == pairs
