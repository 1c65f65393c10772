"""The rules that build the demo landlord behind `make run` (see the `load_demo` command).

A fictional landlord with offices in Walsall, Birmingham and Nottingham: teams, patches, estates,
blocks, sheltered schemes, temporary accommodation, households with the needs an officer meets
every week, a few weeks of contacts and call-backs, a duty rota, flag reviews coming due, the
partner agency directory and about ninety cases of every type (`builder.cases`).

Everything is drawn from fixed lists (`doorstep.demo.data`) with `random.Random(seed)`, so a seed
and a date always give the same landlord. Rows are bulk-created in one transaction; the audit
log gets one row per office, team, patch, estate and member of staff, and one row for the bulk
load, which keeps a 2,400-home load to a few seconds on SQLite. The cases go through the real
services (they are few), so their audit rows and timelines are an officer's.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction

from doorstep.accounts.roles import Role
from doorstep.core.models import AuditAction, AuditEvent
from doorstep.core.working_days import LONDON
from doorstep.demo import data
from doorstep.demo.builder.activity import build_callbacks, build_contacts, build_rota
from doorstep.demo.builder.cases import build_cases
from doorstep.demo.builder.casetypes import build_casetypes
from doorstep.demo.builder.common import SOURCE, Build, DemoError
from doorstep.demo.builder.dataprotection import build_dataprotection
from doorstep.demo.builder.households import (
    build_households,
    make_demo_officer_reviews_due,
    save_flags_and_support,
    save_people,
)
from doorstep.demo.builder.imports import build_imports
from doorstep.demo.builder.inspections import build_inspections
from doorstep.demo.builder.letters import build_letters
from doorstep.demo.builder.organisation import build_homes, build_organisation
from doorstep.demo.builder.repairs import build_repairs
from doorstep.demo.builder.reset import check_can_load, delete_demo, demo_is_loaded
from doorstep.demo.builder.support import build_support
from doorstep.demo.builder.teams import build_teams
from doorstep.demo.builder.welfare import build_welfare

__all__ = [
    "DEFAULT_HOMES",
    "DEFAULT_SEED",
    "MIN_HOMES",
    "DemoError",
    "Login",
    "Summary",
    "build_demo",
    "check_can_load",
    "delete_demo",
    "demo_is_loaded",
    "demo_logins",
]

DEFAULT_SEED = 2026
DEFAULT_HOMES = 2400
MIN_HOMES = sum(plan.minimum for plan in data.ESTATES_PLAN)


@dataclass(frozen=True)
class Login:
    role: str
    name: str
    email: str
    password: str


def demo_logins() -> list[Login]:
    """One sign-in per role, in the order of the roles."""
    by_role = {plan.role: plan for plan in data.STAFF if plan.login}
    return [
        Login(
            role=Role(role).label,
            name=by_role[role].full_name,
            email=by_role[role].email,
            password=data.DEMO_PASSWORD,
        )
        for role in Role.values
    ]


@dataclass
class Summary:
    seed: int
    today: dt.date
    counts: dict[str, int]


def build_demo(
    *, seed: int = DEFAULT_SEED, homes: int = DEFAULT_HOMES, now: dt.datetime
) -> Summary:
    """Build the whole demo landlord as it stands at `now`, in one transaction, so a failure
    leaves nothing behind. The same seed, homes and date always give the same landlord."""
    if homes < MIN_HOMES:
        raise DemoError(f"The demo needs at least {MIN_HOMES} homes.")
    local_now = now.astimezone(LONDON)
    build = Build(rng=random.Random(seed), now=now, today=local_now.date())
    with transaction.atomic():
        build_organisation(build)
        build_homes(build, homes)
        build_households(build)
        save_people(build)
        make_demo_officer_reviews_due(build)
        save_flags_and_support(build)
        build_contacts(build)
        build_callbacks(build)
        build_rota(build)
        build_cases(build)
        build_casetypes(build)
        build_support(build)
        build_inspections(build)
        build_welfare(build)
        build_teams(build)
        build_repairs(build)
        build_dataprotection(build)
        build_letters(build)
        build_imports(build)
        AuditEvent.objects.create(
            action=AuditAction.CREATE,
            object_type="demo.landlord",
            object_id=str(seed),
            object_label=data.LANDLORD,
            changes={key: [None, value] for key, value in sorted(build.counts.items())},
            source=SOURCE,
        )
    return Summary(seed=seed, today=build.today, counts=build.counts)
