"""Reads for people. Each returns only what the user may see, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from doorstep.contacts.selectors import visible_contacts_q
from doorstep.core.permissions import (
    can_edit_person,
    can_read_special_category,
    editable_patch_ids,
)
from doorstep.core.validators import normalise_phone
from doorstep.people.arrangements import Arrangement, arrangements_for, open_flag_codes
from doorstep.people.models import (
    SPECIAL_CATEGORY_FLAGS,
    ConsentToShare,
    EmergencyContact,
    EqualityInformation,
    FlagReview,
    Person,
    Vulnerability,
    VulnerabilityFlag,
)
from doorstep.people.search_keys import name_key

# Shown on the person page; older contacts are on the contacts pages.
TIMELINE_LENGTH = 25
_REFERENCE_RE = re.compile(r"^p[0-9]{1,6}$", re.IGNORECASE)


def _current_membership_q(today: dt.date, prefix: str = "") -> Q:
    """Memberships of tenancies running on `today` (started, and not yet ended)."""
    return Q(**{f"{prefix}tenancy__start_date__lte": today}) & (
        Q(**{f"{prefix}tenancy__end_date__isnull": True})
        | Q(**{f"{prefix}tenancy__end_date__gte": today})
    )


def _current_memberships(today: dt.date) -> QuerySet[Any]:
    from doorstep.tenancies.models import TenancyMember

    return TenancyMember.objects.filter(_current_membership_q(today))


def _open_flags() -> QuerySet[VulnerabilityFlag]:
    return VulnerabilityFlag.objects.filter(end_date__isnull=True)


def flag_choices_for(user: Any) -> list[tuple[str, str]]:
    """Flag codes `user` may see (and so filter by or record): health flags need the role."""
    if can_read_special_category(user):
        return list(Vulnerability.choices)
    return [
        (code, label) for code, label in Vulnerability.choices if code not in SPECIAL_CATEGORY_FLAGS
    ]


def person_get(*, reference: str) -> Person:
    """The person with this reference, or 404. Anyone signed in may read a person."""
    return get_object_or_404(Person, reference=reference)


def people_list(*, user: Any, filters: dict[str, Any]) -> QuerySet[Person]:
    """People matching `q` (name, misspelt surname, reference or phone), a flag code, and
    optionally only those on the user's patches; current flags and homes prefetched."""
    today = timezone.localdate()
    people = Person.objects.all()
    query = (filters.get("q") or "").strip()
    if query:
        people = people.filter(_search_q(query))
    code = filters.get("flag") or ""
    if code:
        if code not in dict(flag_choices_for(user)):
            # Never confirm a health flag to someone who may not read it.
            return Person.objects.none()
        people = people.filter(pk__in=_open_flags().filter(code=code).values("person_id"))
    if filters.get("mine"):
        people = people.filter(
            pk__in=_current_memberships(today)
            .filter(tenancy__home__patch_id__in=editable_patch_ids(user))
            .values("person_id")
        )
    from doorstep.tenancies.models import TenancyMember

    return people.order_by("last_name", "first_name", "id").prefetch_related(
        Prefetch("flags", queryset=_open_flags(), to_attr="current_flags"),
        Prefetch(
            "tenancy_memberships",
            queryset=TenancyMember.objects.filter(_current_membership_q(today))
            .select_related("tenancy__home")
            .order_by("-tenancy__start_date"),
            to_attr="current_memberships",
        ),
    )


def _search_q(query: str) -> Q:
    if _REFERENCE_RE.match(query):
        return Q(reference__iexact=query)
    if re.fullmatch(r"[+0-9 ()-]{7,}", query):
        try:
            phone = normalise_phone(query)
        except ValidationError:
            return Q(pk__in=[])
        return Q(phone=phone) | Q(phone_other=phone)
    condition = Q()
    for word in query.lower().split():
        word_q = Q(search_text__contains=word)
        key = name_key(word)
        if key:
            # A misspelt surname still finds the person ("Tomson" finds "Thompson").
            word_q |= Q(name_key=key)
        condition &= word_q
    return condition


def patch_ids_of_person(*, person: Person) -> set[int]:
    """Patches of the homes on the person's current tenancies (one query)."""
    today = timezone.localdate()
    ids = (
        _current_memberships(today)
        .filter(person=person, tenancy__home__patch_id__isnull=False)
        .values_list("tenancy__home__patch_id", flat=True)
    )
    return {int(pid) for pid in ids}


@dataclass
class HouseholdTenancy:
    """One current tenancy of the person, with the other people on it."""

    tenancy: Any
    home: Any
    role_label: str
    others: list[Any] = field(default_factory=list)


@dataclass
class PersonPage:
    person: Person
    age: int | None
    arrangements: list[Arrangement]
    flags: list[VulnerabilityFlag]
    restricted_flag_count: int
    special_category_shown: bool
    can_edit: bool
    can_read_special: bool
    tenancies: list[HouseholdTenancy]
    emergency_contacts: list[EmergencyContact]
    consents: list[ConsentToShare]
    contacts: list[Any]
    more_contacts: bool
    callbacks: list[Any]
    today: dt.date


def person_page(*, user: Any, person: Person) -> PersonPage:
    """Everything on the person page, in a fixed number of queries whatever the history.

    Health flags show only to roles that may read special-category data; others see how many
    are recorded. Special arrangements always show: they keep staff and the person safe.
    """
    from doorstep.contacts.models import CallBack, CallBackStatus, Contact
    from doorstep.tenancies.models import TenancyMember

    today = timezone.localdate()
    reader = can_read_special_category(user)
    current_flags = list(_open_flags().filter(person=person).order_by("code"))
    person.current_flags = current_flags  # type: ignore[attr-defined]
    visible = [f for f in current_flags if reader or not f.is_special_category]

    # Every member of every current tenancy the person is on, the person included.
    members = list(
        TenancyMember.objects.filter(
            tenancy__in=_current_memberships(today).filter(person=person).values("tenancy_id")
        )
        .select_related("tenancy__home", "person")
        .order_by("-tenancy__start_date", "tenancy_id", "role", "person__last_name")
    )
    tenancies: dict[int, HouseholdTenancy] = {}
    for member in members:
        if member.person_id == person.pk:
            tenancies[member.tenancy_id] = HouseholdTenancy(
                tenancy=member.tenancy,
                home=member.tenancy.home,
                role_label=member.get_role_display(),
            )
    for member in members:
        if member.person_id != person.pk and member.tenancy_id in tenancies:
            tenancies[member.tenancy_id].others.append(member)
    patch_ids = {t.home.patch_id for t in tenancies.values() if t.home.patch_id is not None}

    contacts = list(
        Contact.objects.filter(visible_contacts_q(user), person=person)
        .select_related("logged_by")
        .order_by("-happened_at", "-id")[: TIMELINE_LENGTH + 1]
    )
    callbacks = list(
        CallBack.objects.filter(person=person, status=CallBackStatus.OPEN)
        .select_related("for_officer", "for_team")
        .order_by("due_at", "id")
    )
    return PersonPage(
        person=person,
        age=person.age_on(today),
        arrangements=arrangements_for(person),
        flags=visible,
        restricted_flag_count=len(current_flags) - len(visible),
        special_category_shown=any(f.is_special_category for f in visible),
        can_edit=can_edit_person(user, person, patch_ids=patch_ids),
        can_read_special=reader,
        tenancies=list(tenancies.values()),
        emergency_contacts=list(EmergencyContact.objects.filter(person=person)),
        consents=list(ConsentToShare.objects.filter(person=person)),
        contacts=contacts[:TIMELINE_LENGTH],
        more_contacts=len(contacts) > TIMELINE_LENGTH,
        callbacks=callbacks,
        today=today,
    )


def flag_get(*, user: Any, person: Person, pk: int) -> VulnerabilityFlag:
    """One of the person's flags; a health flag is 404 to a role that may not read it."""
    flag = get_object_or_404(VulnerabilityFlag, person=person, pk=pk)
    if flag.is_special_category and not can_read_special_category(user):
        from django.http import Http404

        raise Http404("No such flag.")
    return flag


def flag_reviews_of(*, flag: VulnerabilityFlag) -> list[FlagReview]:
    return list(flag.reviews.select_related("reviewed_by"))


def emergency_contact_get(*, person: Person, pk: int) -> EmergencyContact:
    return get_object_or_404(EmergencyContact, person=person, pk=pk)


def consent_get(*, person: Person, pk: int) -> ConsentToShare:
    return get_object_or_404(ConsentToShare, person=person, pk=pk)


def equality_of(*, person: Person) -> EqualityInformation | None:
    return EqualityInformation.objects.filter(person=person).first()


def flag_reviews_due(*, user: Any, today: dt.date) -> QuerySet[VulnerabilityFlag]:
    """Open flags due for review by `today` for people housed on the user's patches.

    Health flags are left out for roles that may not read them.
    """
    patch_ids = editable_patch_ids(user)
    if not patch_ids:
        return VulnerabilityFlag.objects.none()
    people_on_patches = (
        _current_memberships(today)
        .filter(tenancy__home__patch_id__in=patch_ids)
        .values("person_id")
    )
    flags = _open_flags().filter(review_date__lte=today, person_id__in=people_on_patches)
    if not can_read_special_category(user):
        flags = flags.exclude(code__in=SPECIAL_CATEGORY_FLAGS)
    # The person's open flag codes come with each row (`person_flag_codes`): one query.
    return (
        flags.select_related("person")
        .annotate(person_flag_codes=open_flag_codes())
        .order_by("review_date", "id")
    )
