"""Writes for letters: templates, and letter runs from start to the printed PDF.

A run for a block or an estate is done by the task worker (`tasks.letter_run_task`); a letter
to one person is done at once. Either way `letter_run_process` does the work, and may be run
again at any point (a worker restart, "Resume" on the run page, `resume_letter_runs`):

1. plan — one LetterRunItem per household, written with the run's total in one transaction;
2. send — each pending item in its own transaction: the contact is logged, the item marked
   done and the run's counts moved together; an email goes as the last step, so a failed email
   rolls its contact back and is tried again next time. An item already done is skipped, so
   nothing is sent or logged twice;
3. print — the PDF of every printed letter, one A4 page per household, built again from the
   items (it sends nothing, so building it twice is harmless).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from doorstep.contacts.models import Channel, Direction
from doorstep.contacts.services import contact_log
from doorstep.core.audit import record_change, record_view, snapshot
from doorstep.core.concurrency import lock_unchanged
from doorstep.core.models import AuditAction
from doorstep.core.permissions import require
from doorstep.letters import hooks, merge, selectors
from doorstep.letters.addressing import Household
from doorstep.letters.compose import (
    compose_letter,
    landlord_name,
    office_of,
    sender_block,
)
from doorstep.letters.models import (
    Delivery,
    ItemStatus,
    LetterRun,
    LetterRunItem,
    LetterTemplate,
    RunScope,
    RunStatus,
    TemplateKind,
)
from doorstep.letters.pdf import LetterPage, Sender, fits_on_one_page, letters_pdf
from doorstep.letters.permissions import (
    can_manage_templates,
    can_see_run,
    can_send_to_person,
    can_send_to_place,
    can_use_letters,
)

logger = logging.getLogger(__name__)

NAME_MAX = 100
SUBJECT_MAX = 200
BODY_MAX = 4000
MESSAGE_MAX = 1200
# A run that has not moved for this long has lost its worker and may be resumed.
STALE_AFTER = dt.timedelta(minutes=5)
TEMPLATES_REFUSED = "Only housing services managers can change letter and sign templates."
TOO_LONG = "The letter is too long to fit on one A4 page. Shorten it."
PERSON_REFUSED = "You can only write to people on the patches you look after."
PLACE_REFUSED = "You can only write to blocks and estates on the patches you look after."


def _text(value: str, *, field: str, label: str, max_length: int, required: bool = True) -> str:
    cleaned = (value or "").replace("\r\n", "\n").strip()
    if required and not cleaned:
        raise ValidationError({field: f"Enter {label}."})
    if len(cleaned) > max_length:
        raise ValidationError(
            {field: f"{label[0].upper()}{label[1:]} must be {max_length:,} characters or fewer."}
        )
    return cleaned


# --- templates -------------------------------------------------------------------------------


def _sample_values() -> dict[str, str]:
    """Long but realistic merge values, to check a template still fits on one page."""
    return {
        "person.full_name": "Mrs Bernadette-Louise Worthington-Smythe and Mr Christopher "
        "Worthington-Smythe",
        "person.salutation": "Mrs Worthington-Smythe and Mr Worthington-Smythe",
        "home.address": "Flat 114, Marlborough Court, 2 Wednesbury Road, Walsall, WS10 8AB",
        "home.postcode": "WS10 8AB",
        "place.name": "Marlborough Court, Wednesbury Road Estate",
        "estate.name": "Wednesbury Road Estate",
        "block.name": "Marlborough Court",
        "officer.name": "Alexandra Featherstonehaugh",
        "officer.job_title": "Senior neighbourhood officer",
        "officer.phone": "01922 123 456",
        "officer.email": "alexandra.featherstonehaugh@example.org.uk",
        "landlord.name": landlord_name(),
        "today": "30 September 2026",
        "report_link": "https://homes.example.org.uk/report/wednesbury-road-estate",
        "message": "A message from the sender of about this length. " * 8,
    }


def _sample_page(*, subject: str, body: str) -> LetterPage:
    values = _sample_values()
    return LetterPage(
        addressee=values["person.full_name"],
        address_lines=[
            "Flat 114, Marlborough Court",
            "2 Wednesbury Road",
            "Walsall",
            "WS10 8AB",
        ],
        subject=merge.render(subject, values),
        body=merge.render(body, values),
        reference="letter run 1000, letter 1000",
    )


def _sample_sender() -> Sender:
    return Sender(
        landlord=landlord_name(),
        office_name="Walsall office",
        address_lines=["Civic Centre", "Darwall Street", "Walsall", "WS1 1TP"],
        phone="01922 650 000",
    )


def _clean_template(
    *, name: str, kind: str, subject: str, body: str, exclude_pk: int | None
) -> dict[str, str]:
    if kind not in TemplateKind.values:
        raise ValidationError({"kind": "Select whether this is a letter or a sign."})
    cleaned = {
        "name": _text(name, field="name", label="a name", max_length=NAME_MAX),
        "kind": kind,
        "subject": _text(
            subject,
            field="subject",
            label="a heading" if kind == TemplateKind.SIGN else "a subject",
            max_length=SUBJECT_MAX,
        ),
        "body": _text(body, field="body", label="the text", max_length=BODY_MAX),
    }
    if "\n" in cleaned["subject"]:
        raise ValidationError({"subject": "Keep the subject to one line."})
    taken = LetterTemplate.objects.filter(name__iexact=cleaned["name"])
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError({"name": "A template with this name already exists."})
    merge.check(subject=cleaned["subject"], body=cleaned["body"], kind=kind)
    if kind == TemplateKind.LETTER and not fits_on_one_page(
        _sample_page(subject=cleaned["subject"], body=cleaned["body"]),
        sender=_sample_sender(),
        day=timezone.localdate(),
    ):
        raise ValidationError({"body": TOO_LONG})
    return cleaned


@transaction.atomic
def template_create(*, actor: Any, name: str, kind: str, subject: str, body: str) -> LetterTemplate:
    """Add a letter or sign template. Its merge fields are checked (an unknown one is named)
    and a letter must fit on one A4 page with long names and addresses."""
    require(can_manage_templates(actor), TEMPLATES_REFUSED)
    cleaned = _clean_template(name=name, kind=kind, subject=subject, body=body, exclude_pk=None)
    template = LetterTemplate.objects.create(**cleaned, updated_by=actor)
    record_change(actor=actor, action=AuditAction.CREATE, instance=template)
    return template


@transaction.atomic
def template_update(
    *,
    actor: Any,
    template: LetterTemplate,
    name: str,
    subject: str,
    body: str,
    expected_version: str | None = None,
) -> LetterTemplate:
    """Change a template. The version goes up and the audit log keeps the old text; runs
    already made keep the text they sent. With `expected_version` (the time saved the form
    was opened on), refuses (EditConflict) if someone saved since: the audit log keeps old
    text, but the live template would silently lose the other change."""
    require(can_manage_templates(actor), TEMPLATES_REFUSED)
    locked = lock_unchanged(template, expected_version)
    cleaned = _clean_template(
        name=name, kind=locked.kind, subject=subject, body=body, exclude_pk=locked.pk
    )
    if all(getattr(locked, key) == value for key, value in cleaned.items()):
        return locked
    before = snapshot(locked)
    for key, value in cleaned.items():
        setattr(locked, key, value)
    locked.version += 1
    locked.updated_by = actor
    locked.save()
    record_change(actor=actor, action=AuditAction.UPDATE, instance=locked, before=before)
    return locked


@transaction.atomic
def template_archive(*, actor: Any, template: LetterTemplate, archived: bool) -> LetterTemplate:
    """Take a template out of use (or bring it back). Templates are never deleted: runs
    refer to them."""
    require(can_manage_templates(actor), TEMPLATES_REFUSED)
    locked = LetterTemplate.objects.select_for_update().get(pk=template.pk)
    if locked.archived == archived:
        return locked
    before = snapshot(locked)
    locked.archived = archived
    locked.updated_by = actor
    locked.save(update_fields=["archived", "updated_by", "updated_at"])
    record_change(actor=actor, action=AuditAction.UPDATE, instance=locked, before=before)
    return locked


# --- starting a run --------------------------------------------------------------------------


def _check_message(template: LetterTemplate, message: str) -> str:
    text = _text(
        message, field="message", label="your message", max_length=MESSAGE_MAX, required=False
    )
    uses_message = "message" in merge.used(template.subject + template.body)
    if uses_message and not text:
        raise ValidationError({"message": "Enter the message to go in the letter."})
    return text if uses_message else ""


def households_for(
    *, person: Any = None, block: Any = None, estate: Any = None, today: dt.date
) -> list[Household]:
    """Who a run writes to: the person (at their current home), or every household."""
    if person is not None:
        home = selectors.home_of_person(person=person, today=today)
        return [Household(home=home, people=(person,))]
    return selectors.households_of_place(block=block, estate=estate, today=today)


def letter_preview(
    *,
    actor: Any,
    template: LetterTemplate,
    household: Household,
    base_url: str,
    message: str = "",
    day: dt.date | None = None,
) -> Any:
    """A template as one household would get it (nothing is written or sent)."""
    require(can_use_letters(actor), "Your role does not include letters.")
    return compose_letter(
        subject=template.subject,
        body=template.body,
        household=household,
        sender=actor,
        day=day or timezone.localdate(),
        base_url=base_url,
        message=message,
    )


def _scope_of(*, person: Any, block: Any, estate: Any) -> str:
    given = [
        name
        for name, value in (("person", person), ("block", block), ("estate", estate))
        if value is not None
    ]
    if len(given) != 1:
        raise ValidationError("Choose one person, one block or one estate to write to.")
    return {"person": RunScope.PERSON, "block": RunScope.BLOCK, "estate": RunScope.ESTATE}[given[0]]


def letter_run_start(
    *,
    actor: Any,
    template: LetterTemplate,
    base_url: str,
    person: Any = None,
    block: Any = None,
    estate: Any = None,
    case: Any = None,
    message: str = "",
    at_once: bool = False,
) -> LetterRun:
    """Send `template` to one person, or to every household of a block or an estate.

    A letter to one person is sent at once; a block or an estate is handed to the task worker
    (unless `at_once`, for commands and the demo), and the run page shows its progress.
    Checks first: who may send, that the template is a letter in use, the message if the
    template has one, that there is someone to write to, and that the letter fits on one
    page."""
    scope = _scope_of(person=person, block=block, estate=estate)
    estate_of_place = block.estate if block is not None else estate
    if scope == RunScope.PERSON:
        require(can_send_to_person(actor, person), PERSON_REFUSED)
    else:
        require(can_send_to_place(actor, estate_of_place), PLACE_REFUSED)
    if template.kind != TemplateKind.LETTER or template.archived:
        raise ValidationError({"template": "Choose a letter template that is in use."})
    text = _check_message(template, message)
    if case is not None:
        from doorstep.cases.permissions import can_see_case

        require(can_see_case(actor, case), "You cannot see that case.")
    today = timezone.localdate()
    households = households_for(person=person, block=block, estate=estate, today=today)
    if scope != RunScope.PERSON and not households:
        raise ValidationError("There are no homes there to write to.")
    first = compose_letter(
        subject=template.subject,
        body=template.body,
        household=households[0],
        sender=actor,
        day=today,
        base_url=base_url,
        message=text,
    )
    home = households[0].home
    if scope == RunScope.PERSON and home is None and first.delivery != Delivery.EMAIL:
        raise ValidationError(
            "This person has no current home with us and does not take letters by email."
        )
    office = office_of(home=home, estate=estate_of_place, sender=actor)
    if not fits_on_one_page(first.page, sender=sender_block(office=office), day=today):
        raise ValidationError({"message": TOO_LONG} if text else TOO_LONG)
    if scope == RunScope.PERSON:
        patch_id = (home.patch_id or home.estate.patch_id) if home is not None else None
    else:
        patch_id = estate_of_place.patch_id

    with transaction.atomic():
        run = LetterRun.objects.create(
            template=template,
            template_version=template.version,
            subject=template.subject,
            body=template.body,
            message=text,
            scope=scope,
            person=person,
            block=block,
            estate=estate_of_place if scope != RunScope.PERSON else None,
            patch_id=patch_id,
            office=office,
            case=case,
            created_by=actor,
            base_url=base_url,
            sent_on=today,
        )
        record_change(
            actor=actor,
            action=AuditAction.CREATE,
            instance=run,
            person_id=person.pk if person is not None else None,
        )
    if scope == RunScope.PERSON or at_once:
        letter_run_process(run_id=run.pk)
    else:
        _enqueue(run)
    run.refresh_from_db()
    return run


def _enqueue(run: LetterRun) -> None:
    from doorstep.letters.tasks import letter_run_task

    result = letter_run_task.enqueue(run_id=run.pk)
    LetterRun.objects.filter(pk=run.pk).update(task_id=str(result.id)[:64])


def is_stale(run: LetterRun, now: dt.datetime | None = None) -> bool:
    """Unfinished and not moved for STALE_AFTER: its worker has gone."""
    moment = now or timezone.now()
    return not run.is_finished and run.updated_at < moment - STALE_AFTER


def letter_run_resume(*, actor: Any, run: LetterRun) -> LetterRun:
    """Start a stopped run again (it failed, or its worker went). Only households not yet
    done are sent; the PDF is built again."""
    require(can_see_run(actor, run), "You cannot see this letter run.")
    if run.status == RunStatus.DONE:
        raise ValidationError("This letter run is already done.")
    if run.status != RunStatus.FAILED and not is_stale(run):
        raise ValidationError("This letter run is still going. Wait for it to finish.")
    before = snapshot(run)
    LetterRun.objects.filter(pk=run.pk).update(
        status=RunStatus.QUEUED, error="", updated_at=timezone.now()
    )
    run.refresh_from_db()
    record_change(actor=actor, action=AuditAction.UPDATE, instance=run, before=before)
    if run.scope == RunScope.PERSON:
        letter_run_process(run_id=run.pk)
    else:
        _enqueue(run)
    run.refresh_from_db()
    return run


def pdf_viewed(*, actor: Any, run: LetterRun) -> None:
    """The printed letters hold names and addresses: record each download."""
    require(can_see_run(actor, run), "You cannot see this letter run.")
    record_view(actor=actor, instance=run, what="letters for printing (PDF)")


# --- doing a run (the worker) ----------------------------------------------------------------


def letter_run_process(*, run_id: int) -> LetterRun:
    """Plan, send and print a run; safe to call again at any point (see the module doc)."""
    run = LetterRun.objects.select_related(
        "created_by", "office", "case", "person", "block__estate", "estate"
    ).get(pk=run_id)
    if run.status == RunStatus.DONE:
        return run
    now = timezone.now()
    LetterRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, started_at=run.started_at or now, error="", updated_at=now
    )
    timings: dict[str, float] = {}
    try:
        with _timed(timings, "plan"):
            if run.planned_at is None:
                _plan(run)
        with _timed(timings, "send"):
            actor = run.created_by
            pending = run.items.filter(status=ItemStatus.PENDING).order_by("position")
            for item_id in list(pending.values_list("pk", flat=True)):
                _send(run, item_id, actor)
        with _timed(timings, "print"):
            _print(run)
    except Exception as exc:
        # References only in the log: the message may hold an email address.
        logger.error("letter run %s stopped: %s", run.pk, type(exc).__name__)
        LetterRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:500],
            updated_at=timezone.now(),
        )
        run.refresh_from_db()
        return run
    run.refresh_from_db()
    before = snapshot(run)
    LetterRun.objects.filter(pk=run.pk).update(
        status=RunStatus.DONE, finished_at=timezone.now(), updated_at=timezone.now()
    )
    run.refresh_from_db()
    record_change(
        actor=run.created_by,
        action=AuditAction.UPDATE,
        instance=run,
        before=before,
        source="worker",
    )
    logger.info(
        "letter run %s done: %s printed, %s emailed (%s)",
        run.pk,
        run.printed,
        run.emailed,
        ", ".join(f"{step} {seconds:.1f}s" for step, seconds in timings.items()),
    )
    hooks.run_finished(run=run)
    return run


@contextmanager
def _timed(timings: dict[str, float], step: str) -> Iterator[None]:
    started = time.monotonic()
    try:
        yield
    finally:
        timings[step] = time.monotonic() - started


def _plan(run: LetterRun) -> None:
    households = households_for(
        person=run.person, block=run.block, estate=run.estate, today=run.sent_on
    )
    items = []
    for position, household in enumerate(households, start=1):
        composed = compose_letter(
            subject=run.subject,
            body=run.body,
            household=household,
            sender=run.created_by,
            day=run.sent_on,
            base_url=run.base_url,
            message=run.message,
        )
        items.append(
            LetterRunItem(
                run=run,
                position=position,
                home=household.home,
                person=household.lead,
                addressee=composed.page.addressee[:300],
                address="\n".join(composed.page.address_lines)[:500],
                delivery=composed.delivery,
                email_to=", ".join(composed.email_to)[:500],
                subject=composed.page.subject[:300],
                body=composed.page.body,
            )
        )
    with transaction.atomic():
        # A second planner (two workers on one run) finds the rows there and adds none.
        LetterRunItem.objects.bulk_create(items, batch_size=500, ignore_conflicts=True)
        now = timezone.now()
        LetterRun.objects.filter(pk=run.pk).update(total=len(items), planned_at=now, updated_at=now)
    run.total = len(items)


def _send(run: LetterRun, item_id: int, actor: Any) -> None:
    with transaction.atomic():
        item = LetterRunItem.objects.select_for_update().get(pk=item_id)
        if item.status == ItemStatus.DONE:
            return  # sent before a restart, or by another worker
        emailed = item.delivery == Delivery.EMAIL
        how = "by email" if emailed else "by post"
        contact = contact_log(
            actor=actor,
            channel=Channel.EMAIL if emailed else Channel.LETTER,
            direction=Direction.OUTBOUND,
            summary=f"Letter sent {how}: {item.subject} (letter run {run.pk}, "
            f"letter {item.position}).",
            person=item.person,
            home=item.home,
            case=run.case,
        )
        now = timezone.now()
        item.status = ItemStatus.DONE
        item.contact = contact
        item.done_at = now
        item.save(update_fields=["status", "contact", "done_at"])
        counts: dict[str, Any] = {"done": F("done") + 1, "updated_at": now}
        counts["emailed" if emailed else "printed"] = F("emailed" if emailed else "printed") + 1
        LetterRun.objects.filter(pk=run.pk).update(**counts)
        if emailed:
            # Last, inside the transaction: if sending fails, the contact and the count roll
            # back and the next attempt tries this household again.
            _email(run, item, actor)


def _email(run: LetterRun, item: LetterRunItem, actor: Any) -> None:
    reply_to = [actor.email] if getattr(actor, "email", "") else []
    message = EmailMessage(
        subject=item.subject,
        body=item.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address.strip() for address in item.email_to.split(",") if address.strip()],
        reply_to=reply_to,
    )
    message.send()


def _print(run: LetterRun) -> None:
    items = list(run.items.filter(delivery=Delivery.PRINT).order_by("position"))
    old_name = run.pdf.name if run.pdf else ""
    if not items:
        if old_name:
            LetterRun.objects.filter(pk=run.pk).update(pdf="")
        return
    pages = [
        LetterPage(
            addressee=item.addressee,
            address_lines=item.address_lines,
            subject=item.subject,
            body=item.body,
            reference=f"letter run {run.pk}, letter {item.position}",
        )
        for item in items
    ]
    pdf = letters_pdf(
        pages,
        sender=sender_block(office=run.office),
        day=run.sent_on,
        title=f"Letter run {run.pk}",
    )
    run.pdf.save(f"run-{run.pk}.pdf", ContentFile(pdf), save=False)
    LetterRun.objects.filter(pk=run.pk).update(pdf=run.pdf.name)
    if old_name and old_name != run.pdf.name:
        run.pdf.storage.delete(old_name)
