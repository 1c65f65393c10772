"""Shared state and small helpers for building the demo landlord."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from doorstep.accounts.models import User
from doorstep.accounts.roles import Role
from doorstep.core.audit import record_change
from doorstep.core.models import AuditAction
from doorstep.core.working_days import LONDON, is_working_day
from doorstep.demo import data
from doorstep.people.models import (
    ConsentToShare,
    EmergencyContact,
    Person,
    VulnerabilityFlag,
)
from doorstep.places.models import Block, Estate, Home, Office, Patch, Team
from doorstep.tenancies.models import Tenancy, TenancyMember

BATCH_SIZE = 500
SOURCE = "demo"


class DemoError(Exception):
    """The demo cannot be loaded into this database."""


@dataclass
class Household:
    home: Home
    plan: data.EstatePlan
    block: data.BlockPlan | None
    tenancy: Tenancy | None = None
    people: list[Person] = field(default_factory=list)
    tenants: list[Person] = field(default_factory=list)
    older: bool = False
    family: bool = False


@dataclass
class Build:
    rng: random.Random
    now: dt.datetime
    today: dt.date
    users: dict[str, User] = field(default_factory=dict)  # by full name
    offices: dict[str, Office] = field(default_factory=dict)
    teams: dict[tuple[str, str], Team] = field(default_factory=dict)
    patches: dict[str, Patch] = field(default_factory=dict)
    estates: dict[str, Estate] = field(default_factory=dict)
    blocks: dict[tuple[str, str], Block] = field(default_factory=dict)
    households: list[Household] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    tenancies: list[Tenancy] = field(default_factory=list)
    flags: list[VulnerabilityFlag] = field(default_factory=list)
    flag_codes: dict[int, list[str]] = field(default_factory=dict)  # id(person) -> codes
    members: list[TenancyMember] = field(default_factory=list)
    emergency_contacts: list[EmergencyContact] = field(default_factory=list)
    consents: list[ConsentToShare] = field(default_factory=list)
    phones: dict[str, int] = field(default_factory=dict)  # range -> next free number
    postcode_units: dict[str, int] = field(default_factory=dict)  # sector -> next unit
    counts: dict[str, int] = field(default_factory=dict)


def chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def bulk[M: models.Model](model: type[M], rows: list[M]) -> list[M]:
    return model._default_manager.bulk_create(rows, batch_size=BATCH_SIZE)


def audit_create(instance: models.Model) -> None:
    record_change(actor=None, action=AuditAction.CREATE, instance=instance, source=SOURCE)


def plan_named(full_name: str) -> data.StaffPlan:
    return next(plan for plan in data.STAFF if plan.full_name == full_name)


def working_days_before(today: dt.date, count: int) -> list[dt.date]:
    """The `count` working days before `today`, most recent first."""
    days: list[dt.date] = []
    day = today
    while len(days) < count:
        day -= dt.timedelta(days=1)
        if is_working_day(day):
            days.append(day)
    return days


def moment_on(
    day: dt.date, rng: random.Random, start: int = 8 * 60 + 45, end: int = 17 * 60
) -> dt.datetime:
    """A time in office hours (minutes after midnight, London) on `day`."""
    minute = rng.randint(start, end)
    return dt.datetime.combine(day, dt.time(minute // 60, minute % 60), tzinfo=LONDON)


def next_phone(build: Build, office: str, *, local: bool = True) -> str:
    """The next unused example number, from the office's own area first when `local`."""
    ranges = list(data.LOCAL_PHONE_RANGES[office]) if local else []
    ranges += [r for r in data.PHONE_RANGES if r not in ranges]
    for prefix in ranges:
        used = build.phones.get(prefix, 0)
        limit = data.STAFF_PHONE_START if prefix in data.STAFF_PHONE_PREFIXES else 1000
        if used < limit:
            build.phones[prefix] = used + 1
            return f"+44{prefix[1:]}{used:03d}"
    # Every example number is taken (a very large demo): numbers repeat from here on.
    return f"+44{data.PHONE_RANGES[-1][1:]}{build.rng.randrange(1000):03d}"


def demo_officer(build: Build) -> User:
    return build.users[data.DEMO_OFFICER]


def on_patch_of(household: Household, user: User) -> bool:
    patch = household.home.patch
    return patch is not None and patch.officer_id == user.pk


def duty_officers(build: Build, office: str, team: str) -> list[User]:
    """Who takes a turn on the duty desk: the team's officers, not its leader, and in the
    neighbourhood team not the tenancy sustainment officer."""
    return [
        build.users[plan.full_name]
        for plan in data.STAFF
        if plan.office == office
        and plan.team == team
        and not plan.leads
        and plan.role != Role.TENANCY_SUSTAINMENT_OFFICER
    ]


def duty_colleagues(build: Build, office: str) -> list[User]:
    """The neighbourhood officers who take duty calls at an office."""
    return duty_officers(build, office, data.NEIGHBOURHOOD)
