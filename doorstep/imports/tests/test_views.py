"""The Imports page: upload, check, "Import these N rows", history, progress, permissions."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from doorstep.core.models import AuditEvent
from doorstep.imports import services
from doorstep.imports.models import ImportProblem, ImportRun, RunStatus
from doorstep.people.models import Person

pytestmark = pytest.mark.django_db

LIST = reverse("imports:run_list")
PEOPLE = "person_ref,first_name,last_name\nP1,Edna,Thompson\nP2,Ray,Castle\n"


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(client, text: str | bytes, *, kind: str = "people", name: str = "people.csv"):
    data = text.encode() if isinstance(text, str) else text
    return client.post(
        LIST, {"kind": kind, "file": SimpleUploadedFile(name, data, content_type="text/csv")}
    )


def test_a_manager_sees_the_upload_form_and_the_nav_entry(client, manager):
    client.force_login(manager)

    response = client.get(LIST)

    assert response.status_code == 200
    assert b"Check the file" in response.content
    # Imports is on the "More" index of every area the manager may reach.
    index = client.get(reverse("core:all_services"))
    assert f'href="{LIST}"'.encode() in index.content


@pytest.mark.parametrize("who", ["officer", "team_leader", "dpo", "safeguarding_lead"])
def test_others_are_refused_every_imports_page(client, request, who, manager):
    run = ImportRun.objects.create(
        kind="people", file_name="p.csv", size_bytes=1, uploaded_by=manager
    )
    client.force_login(request.getfixturevalue(who))

    assert client.get(LIST).status_code == 403
    assert upload(client, PEOPLE).status_code == 403
    assert client.get(run.get_absolute_url()).status_code == 403
    assert client.get(reverse("imports:run_progress", args=[run.pk])).status_code == 403
    assert client.post(reverse("imports:run_confirm", args=[run.pk])).status_code == 403
    assert Person.objects.count() == 0
    assert ImportRun.objects.count() == 1


def test_a_superuser_may_import(client, django_user_model):
    admin = django_user_model.objects.create_superuser(email="root@example.com", password="x")
    client.force_login(admin)

    assert client.get(LIST).status_code == 200


def test_a_missing_run_is_404(client, manager):
    client.force_login(manager)

    assert client.get(reverse("imports:run_detail", args=[999])).status_code == 404


def test_a_clean_file_is_checked_and_nothing_written_until_confirmed(client, manager):
    client.force_login(manager)

    response = upload(client, PEOPLE)

    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == run.get_absolute_url()
    assert (run.status, run.rows, run.problem_count) == (RunStatus.CHECKED, 2, 0)
    assert Person.objects.count() == 0
    page = client.get(run.get_absolute_url())
    assert b"Import these 2 rows" in page.content
    assert b"No problems found" in page.content

    response = client.post(reverse("imports:run_confirm", args=[run.pk]))

    run.refresh_from_db()
    assert response.status_code == 302
    assert run.status == RunStatus.IMPORTED
    assert (run.created_count, run.updated_count, run.rows_written) == (2, 0, 2)
    assert run.imported_by == manager
    assert not run.file  # the file is deleted once imported
    assert sorted(Person.objects.values_list("reference", flat=True)) == ["P1", "P2"]
    # The people are audited as an import by the manager; the run itself is audited too.
    assert (
        AuditEvent.objects.filter(
            object_type="people.person", source="import", actor=manager
        ).count()
        == 2
    )
    assert AuditEvent.objects.filter(object_type="imports.importrun", actor=manager).count() >= 3


def test_a_file_with_problems_shows_them_by_row_and_column_and_cannot_be_imported(client, manager):
    client.force_login(manager)

    upload(client, "person_ref,first_name,last_name,phone\nP1,,Thompson,123\nP1,Ray,Castle,\n")

    run = ImportRun.objects.get()
    assert (run.status, run.rows, run.problem_count) == (RunStatus.PROBLEMS, 2, 3)
    assert not run.file  # refused: the file is deleted at once
    assert [str(p) for p in ImportProblem.objects.filter(run=run)] == [
        "1: a value is required",
        "1: not a real phone number (like 0121 496 0000 or +44 121 496 0000)",
        "2: P1 is also on row 1",
    ]
    page = client.get(run.get_absolute_url()).content.decode()
    assert "3 problems" in page
    assert '<td class="govuk-table__cell">first_name</td>' in page
    assert "Import these" not in page

    response = client.post(reverse("imports:run_confirm", args=[run.pk]), follow=True)

    assert b"cannot be imported" in response.content
    assert Person.objects.count() == 0


def test_header_problems_name_the_column(client, manager):
    client.force_login(manager)

    upload(client, "person_ref,first_name,colour\nP1,Edna,red\n")

    problems = ImportProblem.objects.order_by("id")
    assert [(p.where, p.column, p.message[:14]) for p in problems] == [
        ("header", "colour", "unknown column"),
        ("header", "last_name", "required colum"),
    ]


def test_the_problems_table_is_paginated_with_a_fixed_number_of_queries(
    client, manager, django_assert_max_num_queries
):
    client.force_login(manager)
    rows = "".join(f"P{n},,Castle\n" for n in range(120))
    upload(client, "person_ref,first_name,last_name\n" + rows)
    run = ImportRun.objects.get()
    assert run.problem_count == 120

    with django_assert_max_num_queries(12):
        first = client.get(run.get_absolute_url())
    with django_assert_max_num_queries(12):
        third = client.get(run.get_absolute_url() + "?page=3")

    assert "Page 1 of 3" in first.content.decode()
    assert '<td class="govuk-table__cell">101</td>' in third.content.decode()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The selected file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "The file is not CSV text"),
        ("person_ref,first_name\nP1,Zoë\n".encode("latin-1"), "The file is not UTF-8 text"),
        (b"   \n\n", "The file is empty; it needs a header row"),
    ],
)
def test_a_file_that_is_not_utf8_csv_is_refused_on_the_form(client, manager, content, message):
    client.force_login(manager)

    response = upload(client, content)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'href="#id_file"' in response.content.decode()
    assert ImportRun.objects.count() == 0


def test_kind_and_file_are_required(client, manager):
    client.force_login(manager)

    response = client.post(LIST, {"kind": ""})

    page = response.content.decode()
    assert "Choose what the file holds" in page
    assert "Select a CSV file" in page


def test_a_file_over_the_size_limit_is_refused(client, manager, monkeypatch):
    monkeypatch.setattr(services, "UPLOAD_MAX_BYTES", 20)
    client.force_login(manager)

    response = upload(client, PEOPLE)

    assert "The file must be smaller than" in response.content.decode()
    assert ImportRun.objects.count() == 0


def test_a_large_file_is_checked_and_imported_by_the_task_worker(client, manager, monkeypatch):
    monkeypatch.setattr(services, "INLINE_MAX_BYTES", 10)
    queued: list[tuple[str, int]] = []
    from doorstep.imports import tasks

    real_check, real_import = tasks.check_upload, tasks.import_upload

    class Queue:  # stands in for the task: records what was enqueued, runs nothing
        def __init__(self, name: str) -> None:
            self.name = name

        def enqueue(self, pk: int) -> None:
            queued.append((self.name, pk))

    monkeypatch.setattr(tasks, "check_upload", Queue("check"))
    monkeypatch.setattr(tasks, "import_upload", Queue("import"))
    client.force_login(manager)

    upload(client, PEOPLE)

    run = ImportRun.objects.get()
    assert (run.in_worker, run.status, queued) == (True, RunStatus.CHECKING, [("check", run.pk)])
    page = client.get(run.get_absolute_url()).content.decode()
    assert "Checking the file" in page
    assert f'hx-get="{reverse("imports:run_progress", args=[run.pk])}"' in page

    polled = client.get(reverse("imports:run_progress", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert polled.status_code == 200
    assert "Checking the file: 0% read." in polled.content.decode()

    real_check.call(run.pk)  # what the worker does
    run.refresh_from_db()
    assert run.status == RunStatus.CHECKED
    # Once the work is done, the polled panel asks the page to reload.
    done = client.get(reverse("imports:run_progress", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert (done.status_code, done["HX-Refresh"]) == (204, "true")
    plain = client.get(reverse("imports:run_progress", args=[run.pk]))
    assert (plain.status_code, plain["Location"]) == (302, run.get_absolute_url())

    client.post(reverse("imports:run_confirm", args=[run.pk]))
    run.refresh_from_db()
    assert (run.status, queued[-1]) == (RunStatus.IMPORTING, ("import", run.pk))
    assert "Importing: 0 of 2 rows written" in client.get(run.get_absolute_url()).content.decode()
    assert Person.objects.count() == 0

    real_import.call(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.IMPORTED
    assert Person.objects.count() == 2


def test_the_immediate_task_backend_runs_a_large_file_end_to_end(client, manager, monkeypatch):
    # In tests TASKS uses the immediate backend: enqueue runs the task at once.
    monkeypatch.setattr(services, "INLINE_MAX_BYTES", 10)
    client.force_login(manager)

    upload(client, PEOPLE)
    run = ImportRun.objects.get()
    client.post(reverse("imports:run_confirm", args=[run.pk]))

    run.refresh_from_db()
    assert (run.in_worker, run.status) == (True, RunStatus.IMPORTED)
    assert Person.objects.count() == 2


def test_progress_is_saved_while_checking(manager, monkeypatch, tmp_path):
    monkeypatch.setattr(services, "PROGRESS_INTERVAL", 0)
    run = ImportRun.objects.create(
        kind="people", file_name="p.csv", size_bytes=100, uploaded_by=manager
    )
    saver = services._ProgressSaver(run)

    saver("checking", 40, 100)
    run.refresh_from_db()
    assert (run.bytes_checked, run.check_percent) == (40, 40)

    run.status, run.rows = RunStatus.IMPORTING, 10
    saver("writing", 4, 10)
    assert services.write_progress(run) == 4


def test_importing_again_refuses_a_run_already_imported(client, manager):
    client.force_login(manager)
    upload(client, PEOPLE)
    run = ImportRun.objects.get()
    client.post(reverse("imports:run_confirm", args=[run.pk]))

    response = client.post(reverse("imports:run_confirm", args=[run.pk]), follow=True)

    assert b"cannot be imported" in response.content
    assert Person.objects.count() == 2


def test_references_to_missing_rows_are_problems_on_the_page(client, manager):
    client.force_login(manager)
    upload(
        client,
        "tenancy_ref,uprn,tenancy_type,start_date,tenant_refs\nT1,1,secure,2020-01-01,P1\n",
        kind="tenancies",
    )
    run = ImportRun.objects.get()
    assert run.status == RunStatus.PROBLEMS  # no such home or person
    assert {p.column for p in run.problems.all()} == {"uprn", "tenant_refs"}


def test_the_history_lists_who_when_what_and_the_result_with_fixed_queries(
    client, manager, django_assert_max_num_queries
):
    client.force_login(manager)
    for n in range(3):
        upload(client, PEOPLE.replace("P1", f"Q{n}"))
    with django_assert_max_num_queries(12):
        few = client.get(LIST)
    for n in range(30):
        upload(client, f"person_ref,first_name,last_name\nR{n},,X\n")
    with django_assert_max_num_queries(12):
        many = client.get(LIST)

    assert few.content.decode().count("Ready to import") == 3
    page = many.content.decode()
    assert "Has problems" in page
    assert manager.get_full_name() in page
    assert "Page 1 of" in page


def test_rows_are_checked_again_when_imported(client, manager, home, person):
    client.force_login(manager)
    upload(
        client,
        "tenancy_ref,uprn,tenancy_type,start_date,tenant_refs\n"
        f"T1,{home.uprn},secure,2020-01-01,{person.reference}\n",
        kind="tenancies",
    )
    run = ImportRun.objects.get()
    assert run.status == RunStatus.CHECKED
    Person.objects.filter(pk=person.pk).update(reference="MOVED1")  # changed meanwhile

    client.post(reverse("imports:run_confirm", args=[run.pk]))

    run.refresh_from_db()
    assert (run.status, run.problem_count) == (RunStatus.FAILED, 1)
    assert run.problems.get().column == "tenant_refs"
    assert "so nothing was imported" in client.get(run.get_absolute_url()).content.decode()
