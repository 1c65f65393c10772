"""Households of the demo landlord: people, tenancies, flags, emergency contacts, consents."""

from __future__ import annotations

import datetime as dt

from doorstep.accounts.models import User
from doorstep.core.working_days import LONDON
from doorstep.demo import data
from doorstep.demo.builder.common import (
    BATCH_SIZE,
    Build,
    Household,
    bulk,
    demo_officer,
    next_phone,
    on_patch_of,
)
from doorstep.people.models import (
    ConsentToShare,
    ContactMethod,
    EmergencyContact,
    Person,
    VulnerabilityFlag,
)
from doorstep.people.search_keys import name_key, person_search_text
from doorstep.places.models import EstateKind, Tenure
from doorstep.tenancies.models import MemberRole, Tenancy, TenancyMember, TenancyType


def _group(build: Build, office: str) -> data.NameGroup:
    weights = data.GROUP_WEIGHTS[office]
    keys = [group.key for group in data.NAME_GROUPS]
    key = build.rng.choices(keys, weights=[weights[k] for k in keys])[0]
    return next(group for group in data.NAME_GROUPS if group.key == key)


def _ascii(value: str) -> str:
    return "".join(ch for ch in value.lower() if ch.isascii() and ch.isalpha())


def _dob(build: Build, age: int) -> dt.date:
    return build.today - dt.timedelta(days=365 * age + build.rng.randrange(365))


def _person(
    build: Build,
    group: data.NameGroup,
    *,
    female: bool,
    age: int,
    surname: str,
    tenant: bool,
    office: str,
    interpreter_boost: float = 1.0,
) -> Person:
    rng = build.rng
    first = rng.choice(group.first_names(female=female, age=age))
    adult = age >= 18
    if not adult:
        title = ""
    elif not female:
        title = "Mr"
    else:
        title = rng.choice(("Mrs", "Ms", "Miss") if age < 60 else ("Mrs", "Mrs", "Ms", "Miss"))
    phone = ""
    if adult and rng.random() < (0.88 if tenant else 0.45):
        phone = next_phone(build, office)
    email = ""
    if adult and age < 75 and rng.random() < 0.35:
        email = f"{_ascii(first)}.{_ascii(surname)}{len(build.people) + 1}@example.com"
    share = group.interpreter_share * interpreter_boost * (1.8 if age >= 60 else 1.0)
    interpreter = adult and bool(group.language) and rng.random() < share
    method = ContactMethod.PHONE
    if not phone:
        method = ContactMethod.EMAIL if email else ContactMethod.LETTER
    elif email and rng.random() < 0.25:
        method = ContactMethod.EMAIL
    person = Person(
        reference=f"P{len(build.people) + 1:06d}",
        title=title,
        first_name=first,
        last_name=surname,
        date_of_birth=_dob(build, age),
        phone=phone,
        email=email,
        preferred_contact_method=method,
        language=group.language if interpreter else "",
        interpreter_needed=interpreter,
    )
    person.search_text = person_search_text(person)
    person.name_key = name_key(person.last_name)
    build.people.append(person)
    return person


def _household_shape(build: Build, tenure: str, bedrooms: int) -> list[tuple[str, int, bool]]:
    """(relationship, age, female) for each person; the first is the lead tenant."""
    rng = build.rng
    lead_female = rng.random() < 0.62

    def kids(n: int, parent_age: int) -> list[tuple[str, int, bool]]:
        out = []
        for _ in range(n):
            female = rng.random() < 0.5
            age = max(0, min(17, parent_age - 18 - rng.randrange(12)))
            out.append(("Daughter" if female else "Son", age, female))
        return out

    if tenure == Tenure.OLDER_PERSONS:
        age = rng.randint(62, 94)
        shape = [("", age, lead_female)]
        if rng.random() < 0.22:
            shape.append(("Partner", age + rng.randint(-4, 4), not lead_female))
        return shape
    if tenure == Tenure.TEMPORARY:
        age = rng.randint(19, 48)
        roll = rng.random()
        if roll < 0.5:
            return [("", age, True), *kids(rng.randint(1, 3), age)]
        if roll < 0.75:
            shape = [("", age, lead_female), ("Partner", age + rng.randint(-5, 5), not lead_female)]
            return shape + kids(rng.randint(1, 3), age)
        return [("", age, lead_female)]
    if tenure in (Tenure.LEASEHOLD, Tenure.SHARED_OWNERSHIP):
        age = rng.randint(26, 70)
        shape = [("", age, lead_female)]
        if rng.random() < 0.5:
            shape.append(("Partner", age + rng.randint(-5, 5), not lead_female))
        return shape
    roll = rng.random()
    space = max(1, bedrooms)
    if roll < 0.18:
        return [("", rng.randint(66, 92), lead_female)]  # older, on their own
    if roll < 0.42 or space == 1:
        return [("", rng.randint(18, 64), lead_female)]
    if roll < 0.58:
        age = rng.randint(25, 80)
        return [("", age, lead_female), ("Partner", age + rng.randint(-6, 6), not lead_female)]
    if roll < 0.78:
        age = rng.randint(21, 50)
        return [("", age, True), *kids(rng.randint(1, min(3, space)), age)]
    if roll < 0.93:
        age = rng.randint(25, 52)
        shape = [("", age, lead_female), ("Partner", age + rng.randint(-5, 5), not lead_female)]
        return shape + kids(rng.randint(1, min(4, space + 1)), age)
    age = rng.randint(48, 75)
    child_female = rng.random() < 0.5
    return [("", age, True), ("Daughter" if child_female else "Son", age - 24, child_female)]


def _tenancy_start(build: Build, tenure: str) -> tuple[str, dt.date]:
    rng = build.rng
    today = build.today
    if tenure == Tenure.TEMPORARY:
        return TenancyType.LICENCE, today - dt.timedelta(days=rng.randint(10, 700))
    if tenure == Tenure.LEASEHOLD:
        return TenancyType.LEASEHOLD, today - dt.timedelta(days=rng.randint(700, 9000))
    if tenure == Tenure.SHARED_OWNERSHIP:
        return TenancyType.SHARED_OWNERSHIP, today - dt.timedelta(days=rng.randint(150, 2800))
    days = int(rng.triangular(20, 11000, 2500))
    start = today - dt.timedelta(days=days)
    if tenure == Tenure.GENERAL_NEEDS and days < 365:
        return TenancyType.STARTER, start
    if start < dt.date(2001, 4, 1):
        return TenancyType.SECURE, start  # transferred with the council's homes
    if start >= dt.date(2013, 4, 1) and rng.random() < 0.06:
        return TenancyType.FLEXIBLE, start
    return TenancyType.ASSURED, start


def add_flag(
    build: Build, person: Person, code: str, *, started: dt.date, officer: User | None
) -> None:
    rng = build.rng
    roll = rng.random()
    if roll < 0.03:
        review = build.today - dt.timedelta(days=rng.randint(1, 40))  # overdue
    elif roll < 0.04:
        review = build.today
    else:
        review = build.today + dt.timedelta(days=rng.randint(1, 200))
    build.flags.append(
        VulnerabilityFlag(
            person=person,
            code=code,
            start_date=started,
            review_date=review,
            note=rng.choice(data.FLAG_NOTES[code]),
            recorded_by=officer,
        )
    )
    build.flag_codes.setdefault(id(person), []).append(code)


def _flags_for(
    build: Build,
    person: Person,
    *,
    age: int,
    alone: bool,
    scheme: bool,
    household: Household,
    lone_parent: bool,
    officer: User | None,
) -> None:
    rng = build.rng
    if age < 18:
        return
    started_at = max(
        household.tenancy.start_date if household.tenancy else build.today,
        build.today - dt.timedelta(days=2000),
    )
    span = max(1, (build.today - started_at).days)

    def started() -> dt.date:
        return started_at + dt.timedelta(days=rng.randrange(span))

    codes: list[str] = []
    older = age >= 75 or (scheme and age >= 60)
    if older:
        codes.append("older_person")
        if alone:
            codes.append("lives_alone")
        if rng.random() < 0.14:
            codes.append("shielding")
        if rng.random() < 0.07:
            codes.append("hearing_impairment")
        if rng.random() < 0.03:
            codes.append("sight_impairment")
    elif alone and age >= 60 and rng.random() < 0.3:
        codes.append("lives_alone")
    if rng.random() < (0.12 if older else 0.05):
        codes.append("disability")
        if "shielding" not in codes and rng.random() < 0.2:
            codes.append("shielding")
    if age < 65 and rng.random() < 0.06:
        codes.append("mental_health")
    if rng.random() < 0.012:
        codes.append("learning_disability")
    if age >= 40 and rng.random() < 0.008:
        codes.append("hoarding")
    if (older or alone) and rng.random() < 0.006:
        codes.append("self_neglect")
    if lone_parent and person.title != "Mr" and rng.random() < 0.06:
        codes.append("domestic_abuse")
    if 20 <= age <= 60 and rng.random() < 0.015:
        codes.append("substance_misuse")
    if alone and age <= 25 and rng.random() < 0.35:
        codes.append("care_leaver")
    if not older and age < 80 and rng.random() < 0.006:
        codes.append("risk_to_staff")
    if not older and rng.random() < 0.005:
        codes.append("hearing_impairment")
    for code in codes:
        add_flag(build, person, code, started=started(), officer=officer)
    needs = [data.COMMUNICATION_NEEDS[c] for c in codes if c in data.COMMUNICATION_NEEDS]
    person.communication_needs = "; ".join(needs)
    if "hearing_impairment" in codes:
        if not person.email:
            person.email = (
                f"{_ascii(person.first_name)}.{_ascii(person.last_name)}"
                f"{person.reference[1:]}@example.org"
            )
        person.preferred_contact_method = ContactMethod.EMAIL
    needs_contact = bool({"older_person", "shielding"} & set(codes)) and rng.random() < 0.8
    if needs_contact or (codes and rng.random() < 0.25):
        _emergency_contact(build, person, household)
    if codes and rng.random() < 0.4:
        _consents(build, person, household.plan.office)


def _emergency_contact(build: Build, person: Person, household: Household) -> None:
    rng = build.rng
    relationship = rng.choice(data.RELATIONS_FOR_EMERGENCY)
    female = relationship in {"Daughter", "Niece", "Sister", "Granddaughter"} or (
        relationship in {"Neighbour", "Friend"} and rng.random() < 0.6
    )
    group = next(
        (g for g in data.NAME_GROUPS if person.last_name in g.surnames), data.NAME_GROUPS[0]
    )
    first = rng.choice(group.women if female else group.men)
    family = relationship not in {"Neighbour", "Friend"}
    surname = person.last_name if family and rng.random() < 0.6 else rng.choice(group.surnames)
    build.emergency_contacts.append(
        EmergencyContact(
            person=person,
            name=f"{first} {surname}",
            relationship=relationship,
            # Relatives live all over: numbers from outside the office's own area.
            phone=next_phone(build, household.plan.office, local=relationship == "Neighbour"),
            note=rng.choice(data.EMERGENCY_NOTES),
        )
    )


def _consents(build: Build, person: Person, office: str) -> None:
    rng = build.rng
    agencies = rng.sample(data.CONSENT_AGENCIES[office], rng.randint(1, 2))
    for agency in agencies:
        given = build.today - dt.timedelta(days=rng.randint(10, 900))
        withdrawn = given + dt.timedelta(days=rng.randint(5, 200)) if rng.random() < 0.07 else None
        if withdrawn and withdrawn > build.today:
            withdrawn = None
        build.consents.append(
            ConsentToShare(
                person=person,
                agency=agency,
                given_on=given,
                withdrawn_on=withdrawn,
                note="Signed form scanned to the file" if rng.random() < 0.5 else "",
            )
        )


def build_households(build: Build) -> None:
    """A household for nearly every home (a few are empty, between lets), some with the
    tenancy before this one: tenants, household members, their flags and support."""
    rng = build.rng
    tenancy_number = 0
    tenancies: list[Tenancy] = []
    for household in build.households:
        home = household.home
        plan = household.plan
        officer = home.patch.officer if home.patch else None
        scheme = plan.kind != EstateKind.ESTATE
        occupiable = home.tenure not in (Tenure.LEASEHOLD, Tenure.SHARED_OWNERSHIP)
        void = occupiable and rng.random() < 0.02
        # A former tenancy, for some homes: the household before this one.
        if void or rng.random() < 0.1:
            group = _group(build, plan.office)
            shape = _household_shape(build, home.tenure, home.bedrooms or 1)
            tenancy_type, start = _tenancy_start(build, home.tenure)
            if tenancy_type == TenancyType.STARTER:
                tenancy_type = TenancyType.ASSURED
            if void:
                ended = build.today - dt.timedelta(days=rng.randint(3, 40))
            else:
                ended = start - dt.timedelta(days=rng.randint(7, 90))
            began = ended - dt.timedelta(days=rng.randint(400, 6000))
            tenancy_number += 1
            former = Tenancy(
                reference=f"T{tenancy_number:06d}",
                home=home,
                tenancy_type=tenancy_type,
                start_date=began,
                end_date=ended,
            )
            tenancies.append(former)
            lead_age = min(99, shape[0][1] + (build.today - ended).days // 365)
            person = _person(
                build,
                group,
                female=shape[0][2],
                age=lead_age,
                surname=rng.choice(group.surnames),
                tenant=True,
                office=plan.office,
            )
            build.members.append(TenancyMember(tenancy=former, person=person))
        if void:
            continue
        group = _group(build, plan.office)
        shape = _household_shape(build, home.tenure, home.bedrooms or 1)
        tenancy_type, start = _tenancy_start(build, home.tenure)
        tenancy_number += 1
        tenancy = Tenancy(
            reference=f"T{tenancy_number:06d}",
            home=home,
            tenancy_type=tenancy_type,
            start_date=start,
        )
        tenancies.append(tenancy)
        household.tenancy = tenancy
        surname = rng.choice(group.surnames)
        alone = len(shape) == 1
        kids = [entry for entry in shape if entry[1] < 18]
        lone_parent = bool(kids) and not any(rel == "Partner" for rel, _, _ in shape)
        boost = 1.6 if home.tenure == Tenure.TEMPORARY else 1.0
        joint = len(shape) > 1 and shape[1][0] == "Partner" and rng.random() < 0.6
        for index, (relationship, age, female) in enumerate(shape):
            is_tenant = index == 0 or (joint and relationship == "Partner")
            own_surname = surname
            if relationship == "Partner" and rng.random() < 0.25:
                own_surname = rng.choice(group.surnames)
            person = _person(
                build,
                group,
                female=female,
                age=age,
                surname=own_surname,
                tenant=is_tenant,
                office=plan.office,
                interpreter_boost=boost,
            )
            household.people.append(person)
            if is_tenant:
                household.tenants.append(person)
            build.members.append(
                TenancyMember(
                    tenancy=tenancy,
                    person=person,
                    role=MemberRole.TENANT if is_tenant else MemberRole.MEMBER,
                    relationship=relationship,
                )
            )
            _flags_for(
                build,
                person,
                age=age,
                alone=alone,
                scheme=scheme,
                household=household,
                lone_parent=lone_parent,
                officer=officer,
            )
            if age >= 70:
                household.older = True
            if age < 18:
                household.family = True
    build.counts["tenancies"] = len(tenancies)
    build.counts["temporary accommodation placements"] = sum(
        1 for t in tenancies if t.tenancy_type == TenancyType.LICENCE and t.end_date is None
    )
    build.tenancies = tenancies


def save_people(build: Build) -> None:
    """Save people, tenancies and their members in bulk."""
    # bulk_create fills each row's foreign key from the related object saved just before.
    bulk(Person, build.people)
    bulk(Tenancy, build.tenancies)
    bulk(TenancyMember, build.members)
    build.counts["people"] = len(build.people)


def save_flags_and_support(build: Build) -> None:
    """Save flags, emergency contacts and consents in bulk."""
    bulk(VulnerabilityFlag, build.flags)
    bulk(EmergencyContact, build.emergency_contacts)
    bulk(ConsentToShare, build.consents)
    # The record's own dates, not the moment of the load.
    for flag in build.flags:
        flag.created_at = dt.datetime.combine(flag.start_date, dt.time(10, 0), tzinfo=LONDON)
    VulnerabilityFlag.objects.bulk_update(build.flags, ["created_at"], batch_size=BATCH_SIZE)
    build.counts["vulnerability flags"] = len(build.flags)
    build.counts["emergency contacts"] = len(build.emergency_contacts)
    build.counts["consents to share"] = len(build.consents)


def _age(build: Build, person: Person) -> int:
    return person.age_on(build.today) or 0


def make_demo_officer_reviews_due(build: Build) -> None:
    """Flag reviews on the demo officer's patch: some overdue, some due today, whatever the
    seed, so My day has them from the first sign-in."""
    officer = demo_officer(build)
    on_patch = {
        id(person)
        for household in build.households
        if on_patch_of(household, officer)
        for person in household.people
    }
    tenants = [
        person
        for household in build.households
        if on_patch_of(household, officer) and household.tenancy is not None
        for person in household.tenants
    ]
    # Whatever the seed, the patch has someone never visited alone and someone shielding.
    for code, older in (("risk_to_staff", False), ("shielding", True)):
        if any(code in build.flag_codes.get(id(person), []) for person in tenants):
            continue
        fits = [p for p in tenants if p.date_of_birth and (_age(build, p) >= 75) == older]
        if fits:
            person = build.rng.choice(fits)
            started = build.today - dt.timedelta(days=build.rng.randint(30, 400))
            add_flag(build, person, code, started=started, officer=officer)
    patch_flags = [flag for flag in build.flags if id(flag.person) in on_patch]
    for flag in patch_flags:
        if flag.review_date is not None and flag.review_date <= build.today:
            flag.review_date = build.today + dt.timedelta(days=build.rng.randint(14, 120))
    chosen = build.rng.sample(patch_flags, min(5, len(patch_flags)))
    offsets = (-12, -5, -1, 0, 0)
    for flag, offset in zip(chosen, offsets, strict=False):
        flag.review_date = build.today + dt.timedelta(days=offset)
