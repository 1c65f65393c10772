"""Offices, teams, staff, patches, estates, blocks and homes of the demo landlord."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from doorstep.accounts.models import User
from doorstep.accounts.roles import Role
from doorstep.demo import data
from doorstep.demo.builder.common import (
    Build,
    DemoError,
    Household,
    audit_create,
    bulk,
)
from doorstep.places.models import Block, Estate, EstateKind, Home, Office, Patch, Team, Tenure

# Inward codes use these letters only (BS 7666).
_POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_HOMES_PER_POSTCODE = 16


def _staff_phone(index: int) -> str:
    number = f"{data.STAFF_PHONE_PREFIX}{data.STAFF_PHONE_START + index:03d}"
    return "+44" + number[1:]


def build_organisation(build: Build) -> None:
    """Offices, their two teams each, every member of staff (one sign-in per role), team
    leaders, the manager of all three offices, patches, estates and blocks."""
    for office_plan in data.OFFICES:
        office = Office.objects.create(
            name=office_plan.name, address=office_plan.address, phone=office_plan.phone
        )
        build.offices[office_plan.name] = office
        audit_create(office)
        for team_name in (data.NEIGHBOURHOOD, data.ESTATES):
            slug = team_name.split()[0].lower()
            team = Team.objects.create(
                name=f"{office_plan.name} {team_name}",
                office=office,
                email=f"{office_plan.name.lower()}.{slug}@{data.STAFF_DOMAIN}",
            )
            build.teams[(office_plan.name, team_name)] = team

    groups = {group.name: group for group in Group.objects.filter(name__in=Role.values)}
    missing = sorted(set(Role.values) - set(groups))
    if missing:
        raise DemoError(f"Run migrate first: the role groups are missing ({', '.join(missing)}).")
    # One Argon2 hash for every demo login: hashing is slow on purpose.
    login_hash = make_password(data.DEMO_PASSWORD)
    memberships = []
    for index, plan in enumerate(data.STAFF):
        home_team = build.teams[(plan.office, plan.team)] if plan.office and plan.team else None
        user, _ = User.objects.update_or_create(
            email=plan.email,
            defaults={
                "full_name": plan.full_name,
                "job_title": plan.job_title,
                "phone": _staff_phone(index + 10),
                "team": home_team,
                "is_active": True,
                "is_staff": False,
                "is_superuser": False,
                # Colleagues who make the landlord real but are not demo sign-ins.
                "password": login_hash if plan.login else make_password(None),
            },
        )
        user.groups.clear()
        memberships.append(User.groups.through(user_id=user.pk, group_id=groups[plan.role].pk))
        build.users[plan.full_name] = user
        audit_create(user)
    User.groups.through.objects.bulk_create(memberships)

    for plan in data.STAFF:
        user = build.users[plan.full_name]
        if plan.leads and plan.office and plan.team:
            team = build.teams[(plan.office, plan.team)]
            team.leader = user
            team.save(update_fields=["leader", "updated_at"])
        if plan.role == Role.HOUSING_SERVICES_MANAGER:
            for office in build.offices.values():
                office.managers.add(user)
    for team in build.teams.values():
        audit_create(team)
    for plan in data.STAFF:
        if plan.patch and plan.office and plan.team:
            patch = Patch.objects.create(
                name=plan.patch,
                team=build.teams[(plan.office, plan.team)],
                officer=build.users[plan.full_name],
            )
            build.patches[plan.patch] = patch
            audit_create(patch)
    for estate_plan in data.ESTATES_PLAN:
        estate = Estate.objects.create(
            name=estate_plan.name,
            kind=estate_plan.kind,
            office=build.offices[estate_plan.office],
            patch=build.patches[estate_plan.patch],
        )
        build.estates[estate_plan.name] = estate
        audit_create(estate)
        for block_plan in estate_plan.blocks:
            build.blocks[(estate_plan.name, block_plan.name)] = Block.objects.create(
                name=block_plan.name, estate=estate
            )
    build.counts["offices"] = len(build.offices)
    build.counts["teams"] = len(build.teams)
    build.counts["staff"] = len(build.users)


def _allocate(total: int) -> list[int]:
    """Homes per estate: by weight, at least each estate's minimum, summing to `total`."""
    plans = data.ESTATES_PLAN
    weight = sum(plan.weight for plan in plans)
    counts = [max(plan.minimum, total * plan.weight // weight) for plan in plans]
    # The largest ordinary estates take up (or give back) the difference.
    order = sorted(
        (i for i, plan in enumerate(plans) if plan.kind == EstateKind.ESTATE),
        key=lambda i: -plans[i].weight,
    )
    step = 0
    while sum(counts) != total:
        i = order[step % len(order)]
        if sum(counts) < total:
            counts[i] += 1
        elif counts[i] > plans[i].minimum:
            counts[i] -= 1
        step += 1
    return counts


def _postcode(build: Build, sector: str) -> str:
    unit = build.postcode_units.get(sector, 0)
    build.postcode_units[sector] = unit + 1
    outward, digit = sector.split(" ")
    letters = _POSTCODE_LETTERS
    # Start a few units in so the first estate's codes don't all read "AA".
    unit += 7
    first, second = letters[unit // len(letters) % len(letters)], letters[unit % len(letters)]
    return f"{outward} {digit}{first}{second}"


def build_homes(build: Build, total: int) -> None:
    """`total` homes across the estates: flats in blocks, houses along streets, the schemes'
    flats for older people, and some general needs homes used as temporary accommodation."""
    rng = build.rng
    rows: list[Home] = []
    uprn = 990_000_001_000
    for plan, count in zip(data.ESTATES_PLAN, _allocate(total), strict=True):
        estate = build.estates[plan.name]
        town = plan.office
        scheme = plan.kind != EstateKind.ESTATE
        flats = count if scheme else round(count * plan.flat_share) if plan.blocks else 0
        houses = count - flats
        estate_homes: list[tuple[Home, data.BlockPlan | None]] = []
        # Flats, shared round the blocks; a block has one postcode per 16 flats or so.
        per_block = [flats // len(plan.blocks) if plan.blocks else 0] * len(plan.blocks)
        for i in range(flats - sum(per_block)):
            per_block[i] += 1
        for block_plan, flat_count in zip(plan.blocks, per_block, strict=True):
            block = build.blocks[(plan.name, block_plan.name)]
            postcode = ""
            for number in range(1, flat_count + 1):
                if (number - 1) % _HOMES_PER_POSTCODE == 0:
                    postcode = _postcode(build, plan.outward)
                uprn += 1
                if scheme:
                    tenure, bedrooms = Tenure.OLDER_PERSONS, 2 if rng.random() < 0.15 else 1
                else:
                    tenure = Tenure.LEASEHOLD if rng.random() < 0.1 else Tenure.GENERAL_NEEDS
                    bedrooms = 1 if rng.random() < 0.55 else 2
                home = Home(
                    uprn=str(uprn),
                    address_line_1=f"Flat {number}, {block_plan.name}",
                    address_line_2=block_plan.street,
                    town=town,
                    postcode=postcode,
                    estate=estate,
                    block=block,
                    patch=estate.patch,
                    tenure=tenure,
                    bedrooms=bedrooms,
                )
                estate_homes.append((home, block_plan))
        # Houses, numbered along the estate's streets.
        street_counts = [0] * len(plan.streets)
        street_postcode = [""] * len(plan.streets)
        for i in range(houses):
            s = i % len(plan.streets)
            street = plan.streets[s]
            street_counts[s] += 1
            if (street_counts[s] - 1) % _HOMES_PER_POSTCODE == 0:
                street_postcode[s] = _postcode(build, plan.outward)
            uprn += 1
            shared = street == plan.shared_ownership_street
            roll = rng.random()
            home = Home(
                uprn=str(uprn),
                address_line_1=f"{street_counts[s]} {street}",
                town=town,
                postcode=street_postcode[s],
                estate=estate,
                patch=estate.patch,
                tenure=Tenure.SHARED_OWNERSHIP if shared else Tenure.GENERAL_NEEDS,
                bedrooms=2 if roll < 0.3 else 3 if roll < 0.9 else 4,
            )
            estate_homes.append((home, None))
        # Temporary accommodation: a share of the estate's general needs homes, at least one.
        if plan.temporary_share:
            candidates = [
                i for i, (home, _) in enumerate(estate_homes) if home.tenure == Tenure.GENERAL_NEEDS
            ]
            wanted = max(1, round(count * plan.temporary_share))
            for i in sorted(rng.sample(candidates, min(wanted, len(candidates)))):
                estate_homes[i][0].tenure = Tenure.TEMPORARY
        for home, in_block in estate_homes:
            home.search_text = home.build_search_text()
            rows.append(home)
            build.households.append(Household(home=home, plan=plan, block=in_block))
    bulk(Home, rows)
    build.counts["homes"] = len(rows)
