"""Whether the demo is loaded, whether it may be, and flushing it for --reset."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError

from doorstep.accounts.models import User
from doorstep.cases.models import Case
from doorstep.contacts.models import (
    CallBack,
    Contact,
    DutyShift,
)
from doorstep.core.models import AuditEvent
from doorstep.demo import data
from doorstep.demo.builder.common import (
    BATCH_SIZE,
    DemoError,
    chunks,
    plan_named,
)
from doorstep.meetings.models import Meeting
from doorstep.people.models import (
    Person,
)
from doorstep.places.models import Block, Estate, Home, Office, Patch, Team
from doorstep.safeguarding.models import SafeguardingReferral
from doorstep.teams.models import CheckIn
from doorstep.tenancies.models import Tenancy


def demo_is_loaded() -> bool:
    """The demo's offices exist and its manager runs them."""
    return Office.objects.filter(
        name__in=[office.name for office in data.OFFICES],
        managers__email=plan_named(data.DEMO_MANAGER).email,
    ).exists()


def check_can_load() -> None:
    """Refuse to mix the demo into a database that already holds a landlord's homes."""
    homes = Home.objects.count()
    if homes:
        raise DemoError(
            f"This database already holds {homes:,} home{'' if homes == 1 else 's'}. The demo "
            "landlord loads into an empty database only (or use --reset on a database that "
            "holds the demo)."
        )
    clash = Office.objects.filter(name__in=[office.name for office in data.OFFICES]).first()
    if clash is not None:
        raise DemoError(f"This database already has an office named {clash.name}.")


def _delete(queryset: models.QuerySet[Any], depth: int = 0) -> int:
    """Delete rows, first deleting whatever else still protects them (records other apps made
    while someone tried the demo). The audit log is never touched."""
    for _ in range(20):
        try:
            return int(queryset.delete()[0])
        except (ProtectedError, RestrictedError) as exc:
            blockers = (
                exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
            )
            if depth > 10:
                raise
            by_model: dict[type[models.Model], list[Any]] = {}
            for obj in blockers:
                by_model.setdefault(type(obj), []).append(obj.pk)
            for model, pks in by_model.items():
                if model is AuditEvent:
                    raise DemoError(
                        "The audit log refers to demo records; it is never deleted."
                    ) from exc
                for chunk in chunks(pks, BATCH_SIZE):
                    _delete(model._default_manager.filter(pk__in=chunk), depth + 1)
    raise DemoError("Could not flush the demo data.")


@transaction.atomic
def delete_demo() -> int:
    """Remove the demo landlord's offices and everything under them, in an order the foreign
    keys allow. Staff accounts stay (the audit log refers to them) and are reset on reload."""
    # Only the demo's own offices: the ones its manager runs, never another landlord's.
    offices = list(
        Office.objects.filter(
            name__in=[office.name for office in data.OFFICES],
            managers__email=plan_named(data.DEMO_MANAGER).email,
        ).distinct()
    )
    if not offices:
        return 0
    staff_ids = list(
        User.objects.filter(email__in=[plan.email for plan in data.STAFF]).values_list(
            "pk", flat=True
        )
    )
    home_ids = list(Home.objects.filter(estate__office__in=offices).values_list("pk", flat=True))
    person_ids = list(
        Person.objects.filter(tenancy_memberships__tenancy__home_id__in=home_ids)
        .values_list("pk", flat=True)
        .distinct()
    )
    # People added while trying the demo (callers, applicants): on no tenancy, P-references.
    person_ids += list(
        Person.objects.filter(reference__regex=r"^P[0-9]{6}$", tenancy_memberships__isnull=True)
        .values_list("pk", flat=True)
        .distinct()
    )
    teams = Team.objects.filter(office__in=offices)
    deleted = 0
    # Meetings first (partnership ones are about no case or person), then cases: their
    # reports, ratings, stages and actions go with them.
    deleted += _delete(Meeting.objects.filter(chair_id__in=staff_ids))
    deleted += _delete(Case.objects.filter(team__in=teams))
    for chunk in chunks(home_ids, BATCH_SIZE):
        deleted += _delete(Case.objects.filter(home_id__in=chunk))
    deleted += _delete(Case.objects.filter(block__estate__office__in=offices))
    deleted += _delete(Case.objects.filter(estate__office__in=offices))
    for chunk in chunks(person_ids, BATCH_SIZE):
        deleted += _delete(SafeguardingReferral.objects.filter(person_id__in=chunk))
    for chunk in chunks(person_ids, BATCH_SIZE):
        deleted += _delete(CallBack.objects.filter(person_id__in=chunk))
        deleted += _delete(Contact.objects.filter(person_id__in=chunk))
    for chunk in chunks(home_ids, BATCH_SIZE):
        deleted += _delete(CallBack.objects.filter(home_id__in=chunk))
        deleted += _delete(Contact.objects.filter(home_id__in=chunk))
    deleted += _delete(CallBack.objects.filter(for_team__in=teams))
    deleted += _delete(CallBack.objects.filter(for_officer_id__in=staff_ids))
    deleted += _delete(DutyShift.objects.filter(team__in=teams))
    deleted += _delete(CheckIn.objects.filter(user_id__in=staff_ids))
    for chunk in chunks(home_ids, BATCH_SIZE):
        deleted += _delete(Tenancy.objects.filter(home_id__in=chunk))
    for chunk in chunks(person_ids, BATCH_SIZE):
        deleted += _delete(Person.objects.filter(pk__in=chunk))
    for chunk in chunks(home_ids, BATCH_SIZE):
        deleted += _delete(Home.objects.filter(pk__in=chunk))
    deleted += _delete(Block.objects.filter(estate__office__in=offices))
    deleted += _delete(Estate.objects.filter(office__in=offices))
    deleted += _delete(Patch.objects.filter(team__in=teams))
    deleted += _delete(teams)
    deleted += _delete(Office.objects.filter(pk__in=[office.pk for office in offices]))
    return deleted
