"""Letters and reports from residents at the demo landlord.

The demo officer's fly-tipping letter has gone to every household of one of their blocks (a
finished run: its PDF to print and one contact per household), and a few residents have used
the public report page, one of them anonymously, so the officer's My day has reports waiting.
Both go through the real services; the demo never emails anyone (a dummy mailer stands in).
"""

from __future__ import annotations

import datetime as dt
from importlib import import_module

from django.apps import apps as django_apps
from django.test import override_settings

from doorstep.demo.builder.common import Build, demo_officer
from doorstep.letters.models import LetterTemplate
from doorstep.letters.services import letter_run_start
from doorstep.places.models import Block, Estate
from doorstep.resident_reports.models import ReportKind
from doorstep.resident_reports.services import report_submit

DEMO_PUBLIC_URL = "http://127.0.0.1:8000"
FLY_TIPPING_LETTER = "Fly-tipping: please report it in confidence"
NO_EMAIL = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}

# (kind, what they saw, where exactly, anonymous, name, phone, email, hours ago)
REPORTS: tuple[tuple[str, str, str, bool, str, str, str, int], ...] = (
    (ReportKind.FLY_TIPPING,
     "Someone has dumped a mattress, a broken wardrobe and about ten black bags by the bin "
     "store. It was not there on Sunday. The bags are split and there are rats.",
     "Behind the bin store at the back of the block", True, "", "", "", 3),
    (ReportKind.ASB,
     "A group of young people have been sitting on the stairs between the second and third "
     "floors most evenings after 10pm, smoking and playing music. Residents feel "
     "intimidated going past them.",
     "Stairwell, second floor landing", False, "Margaret Doyle", "07911 123456", "", 20),
    (ReportKind.COMMUNAL_REPAIR,
     "The light in the entrance hall has been out for a week, so it is pitch dark when you "
     "come in at night.",
     "Main entrance hall", False, "Imran Saleem", "", "imran.saleem@example.com", 28),
)  # fmt: skip


def _demo_block(build: Build) -> Block | None:
    """The demo officer's smallest block with at least six homes (a quick PDF to build)."""
    officer = demo_officer(build)
    blocks = [
        block
        for (_, _), block in sorted(build.blocks.items())
        if block.estate.patch is not None and block.estate.patch.officer_id == officer.pk
    ]
    sized = [(block.homes.count(), block.pk, block) for block in blocks]
    sized = [entry for entry in sized if entry[0] >= 6]
    return min(sized)[2] if sized else None


def build_letters(build: Build) -> None:
    officer = demo_officer(build)
    block = _demo_block(build)
    runs = 0
    if block is not None:
        # A flushed test database has lost the migration's templates: put them back (idempotent).
        import_module("doorstep.letters.migrations.0002_seed_templates").seed(django_apps, None)
        template = LetterTemplate.objects.get(name=FLY_TIPPING_LETTER)
        with override_settings(MAILERS=NO_EMAIL):
            letter_run_start(
                actor=officer,
                template=template,
                base_url=DEMO_PUBLIC_URL,
                block=block,
                at_once=True,
            )
        runs = 1
    build.counts["letter runs"] = runs

    estates = [
        estate
        for estate in Estate.objects.filter(patch__officer=officer).order_by("name")
        if estate.blocks.exists()
    ]
    reports = 0
    for index, (kind, text, where, anonymous, name, phone, email, hours) in enumerate(REPORTS):
        if not estates:
            break
        estate = estates[index % len(estates)]
        report_submit(
            kind=kind,
            description=text,
            estate=estate,
            block=estate.blocks.order_by("name").first(),
            location=where,
            anonymous=anonymous,
            name=name,
            phone=phone,
            email=email,
            submitted_at=build.now - dt.timedelta(hours=hours),
        )
        reports += 1
    build.counts["reports from residents"] = reports
