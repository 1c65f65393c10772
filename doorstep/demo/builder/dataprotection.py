"""Subject access requests and possible duplicate people at the demo landlord.

Three residents were keyed in twice at the duty desk, with the surname misspelt (same date of
birth and phone): the duplicate finder runs once, so "Possible duplicates" has them to review
(among any pairs the household data itself throws up). The data protection officer has three
subject access requests: one overdue (on their My day), one received this week, one completed.
"""

from __future__ import annotations

import datetime as dt

from doorstep.accounts.roles import Role
from doorstep.dataprotection.deadlines import sar_due_on
from doorstep.dataprotection.models import RequestStatus, SubjectAccessRequest
from doorstep.demo import data
from doorstep.demo.builder.common import Build
from doorstep.duplicates.services import candidates_refresh
from doorstep.people.models import Person
from doorstep.people.search_keys import name_key, person_search_text

DUPLICATES = 3


def _misspelt(surname: str, index: int) -> str:
    """A typing slip an officer makes: a dropped or a doubled letter."""
    if len(surname) > 4 and index % 2 == 0:
        return surname[:3] + surname[4:]
    return surname[:2] + surname[2] + surname[2:]


def build_dataprotection(build: Build) -> None:
    people = [p for p in build.people if p.date_of_birth and p.phone]
    chosen = build.rng.sample(people, DUPLICATES)
    copies = []
    for index, original in enumerate(chosen):
        copy = Person(
            reference=f"P{870001 + index:06d}",
            title=original.title,
            first_name=original.first_name,
            last_name=_misspelt(original.last_name, index),
            date_of_birth=original.date_of_birth,
            phone=original.phone,
        )
        copy.search_text = person_search_text(copy)
        copy.name_key = name_key(copy.last_name)
        copies.append(copy)
    Person.objects.bulk_create(copies)
    build.counts["possible duplicate people"] = candidates_refresh()

    dpo = build.users[
        next(p.full_name for p in data.STAFF if p.role == Role.DATA_PROTECTION_OFFICER)
    ]
    subjects = build.rng.sample(build.people, 3)
    plans = [
        (40, RequestStatus.IN_PROGRESS, None, "The tenant, by email"),
        (3, RequestStatus.RECEIVED, None, "Solicitor acting for the tenant (signed authority)"),
        (75, RequestStatus.COMPLETED, 20, "The tenant, by letter"),
    ]
    requests = []
    for subject, (days_ago, status, answered_after, requester) in zip(subjects, plans, strict=True):
        received: dt.date = build.today - dt.timedelta(days=days_ago)
        requests.append(
            SubjectAccessRequest(
                person=subject,
                received_on=received,
                requester=requester,
                identity_checked=status != RequestStatus.RECEIVED,
                identity_checked_on=received + dt.timedelta(days=2)
                if status != RequestStatus.RECEIVED
                else None,
                due_on=sar_due_on(received),
                status=status,
                completed_on=received + dt.timedelta(days=answered_after)
                if answered_after
                else None,
                created_by=dpo,
            )
        )
    SubjectAccessRequest.objects.bulk_create(requests)
    build.counts["subject access requests"] = len(requests)
