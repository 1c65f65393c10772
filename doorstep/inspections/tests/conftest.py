import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import UserFactory
from doorstep.inspections import services
from doorstep.inspections.defaults import install_checklist
from doorstep.inspections.models import ChecklistItem, Result


@pytest.fixture(autouse=True)
def checklist(db):
    """The checklist migration's items (a transactional test elsewhere may have flushed
    them)."""
    install_checklist(ChecklistItem)
    return list(ChecklistItem.objects.order_by("order"))


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return settings.MEDIA_ROOT


@pytest.fixture
def estates_officer(team):
    return UserFactory(
        email="estates@doorstep.test",
        full_name="Dave Lloyd",
        team=team,
        roles=[Role.ESTATES_OFFICER],
    )


@pytest.fixture
def other_estates_officer(other_team):
    return UserFactory(
        email="other.estates@doorstep.test",
        full_name="Tom Brennan",
        team=other_team,
        roles=[Role.ESTATES_OFFICER],
    )


@pytest.fixture
def asb_officer(team):
    return UserFactory(
        email="asb@doorstep.test", full_name="Marcus Grant", team=team, roles=[Role.ASB_OFFICER]
    )


@pytest.fixture
def inspection(estates_officer, estate):
    return services.inspection_start(actor=estates_officer, estate=estate)


def png_bytes(size=(8, 8), colour=(200, 30, 30)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def png_upload(name="IMG_0001.png"):
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def answer_all(inspection, actor, results, notes=None):
    """Answer the inspection's items in order with `results` (pass/fail/not_applicable)."""
    notes = notes or {}
    answers = list(inspection.answers.order_by("order"))
    for index, (answer, result) in enumerate(zip(answers, results, strict=False)):
        note = notes.get(index, "Broken and needs attention." if result == Result.FAIL else None)
        services.answer_record(actor=actor, answer=answer, result=result, note=note)
    return answers
