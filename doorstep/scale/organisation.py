"""The plan of a synthetic landlord: offices, teams, staff, patches, estates, blocks and
contractors, all decided from the seed and the number of homes before a row is written.

Sizes follow what a large landlord looks like: estates of about 150 homes but a long tail of
big ones (Pareto), one neighbourhood officer per about 600 homes with estates dealt to patches
at random (so a few officers carry much more than others), a handful of ASB officers per
office who lead every ASB case there, and an office per 25,000 homes.

`plan_landlord` is pure: the same seed and homes give the same plan, so a resumed run rebuilds
it exactly and carries on with the chunks still to load.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from doorstep.accounts.roles import Role
from doorstep.demo import data as demo_data
from doorstep.scale import words

HOMES_PER_ESTATE = 150
HOMES_PER_OFFICER = 600
HOMES_PER_OFFICE = 25_000
HOMES_PER_ASB_OFFICER = 6_000
OFFICERS_PER_TEAM = 8
HOMES_PER_POSTCODE = 12
STAFF_DOMAIN = "scale.doorstep.invalid"
# Every generated member of staff signs in with this password (benchmarks and load tests).
SCALE_PASSWORD = "scale-bench-2026"  # noqa: S105 - synthetic benchmark users only
CONTRACTORS = 30


@dataclass
class StaffPlan:
    id: int
    full_name: str
    email: str
    role: str
    office: int  # index
    team_id: int
    job_title: str


@dataclass
class TeamPlan:
    id: int
    name: str
    office: int
    leader_id: int = 0
    officer_ids: list[int] = field(default_factory=list)


@dataclass
class BlockPlan:
    id: int
    name: str
    first: int  # position of its first flat in the estate
    size: int


@dataclass
class EstatePlan:
    id: int
    index: int
    name: str
    kind: str
    office: int
    patch_id: int
    officer_id: int
    team_id: int
    town: str
    district: str
    sector: int
    unit_start: int
    start: int  # global index of its first home
    size: int
    streets: list[str]
    blocks: list[BlockPlan]
    flats: int


@dataclass
class OfficePlan:
    id: int
    name: str
    town: str
    districts: tuple[str, ...]
    manager_id: int = 0
    asb_officer_ids: list[int] = field(default_factory=list)
    estates_officer_id: int = 0
    asb_team_id: int = 0
    officer_ids: list[int] = field(default_factory=list)  # neighbourhood officers


@dataclass
class Bases:
    """First ids of the setup tables (one more than the highest in use when planned)."""

    office: int
    team: int
    user: int
    patch: int
    estate: int
    block: int
    contractor: int
    uprn: int


@dataclass
class Landlord:
    seed: int
    homes: int
    today: dt.date
    bases: Bases
    offices: list[OfficePlan]
    teams: list[TeamPlan]
    staff: list[StaffPlan]
    patches: list[tuple[int, str, int, int]]  # (id, name, team_id, officer_id)
    estates: list[EstatePlan]
    contractor_ids: list[int]
    password_hash: str
    team_of: dict[int, int] = field(default_factory=dict)  # officer id -> team id

    def estate_at(self, index: int) -> EstatePlan:
        """The estate of the home at global `index` (estates are contiguous ranges)."""
        low, high = 0, len(self.estates) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.estates[middle].start <= index:
                low = middle
            else:
                high = middle - 1
        return self.estates[low]


def _sizes(rng: random.Random, total: int, parts: int) -> list[int]:
    """`parts` positive sizes summing to `total`, Pareto-distributed (a few large ones)."""
    weights = [min(rng.paretovariate(1.6), 12.0) for _ in range(parts)]
    scale = total / sum(weights)
    sizes = [max(1, int(weight * scale)) for weight in weights]
    difference = total - sum(sizes)
    order = sorted(range(parts), key=lambda i: -weights[i])
    step = 0
    while difference != 0:
        i = order[step % parts]
        if difference > 0:
            sizes[i] += 1
            difference -= 1
        elif sizes[i] > 1:
            sizes[i] -= 1
            difference += 1
        step += 1
    return sizes


def _unique(name: str, taken: set[str]) -> str:
    candidate, number = name, 2
    while candidate in taken:
        candidate = f"{name} {number}"
        number += 1
    taken.add(candidate)
    return candidate


def plan_landlord(
    *,
    seed: int,
    homes: int,
    today: dt.date,
    bases: Bases,
    taken_names: dict[str, set[str]],
) -> Landlord:
    rng = random.Random(f"doorstep-scale:{seed}:{homes}:organisation")
    office_count = min(len(words.TOWNS), max(1, math.ceil(homes / HOMES_PER_OFFICE)))
    estate_count = max(2, round(homes / HOMES_PER_ESTATE))
    estate_sizes = _sizes(rng, homes, estate_count)
    office_homes = [0] * office_count
    for i, size in enumerate(estate_sizes):
        office_homes[i % office_count] += size

    ids = {"office": bases.office, "team": bases.team, "user": bases.user, "patch": bases.patch}

    def take(kind: str) -> int:
        value = ids[kind]
        ids[kind] += 1
        return value

    offices: list[OfficePlan] = []
    teams: list[TeamPlan] = []
    staff: list[StaffPlan] = []
    patches: list[tuple[int, str, int, int]] = []
    used_emails: set[str] = set()
    names = demo_data.NAME_GROUPS[0]

    def person_name() -> tuple[str, str]:
        female = rng.random() < 0.6
        first = rng.choice(names.women if female else names.men)
        return first, rng.choice(names.surnames)

    def hire(role: str, office: int, team_id: int, title: str) -> StaffPlan:
        first, last = person_name()
        stem = f"{first}.{last}".lower()
        email, number = f"{stem}@{STAFF_DOMAIN}", 2
        while email in used_emails:
            email = f"{stem}{number}@{STAFF_DOMAIN}"
            number += 1
        used_emails.add(email)
        plan = StaffPlan(take("user"), f"{first} {last}", email, role, office, team_id, title)
        staff.append(plan)
        return plan

    office_names = taken_names.setdefault("office", set())
    team_names: set[str] = set()
    patch_names = taken_names.setdefault("patch", set())
    for index in range(office_count):
        town, districts = words.TOWNS[index]
        office = OfficePlan(take("office"), _unique(town, office_names), town, districts)
        offices.append(office)
        office.manager_id = hire(
            Role.HOUSING_SERVICES_MANAGER, index, 0, "Housing Services Manager"
        ).id
        officers = max(1, round(office_homes[index] / HOMES_PER_OFFICER))
        team_count = math.ceil(officers / OFFICERS_PER_TEAM)
        for number in range(team_count):
            name = _unique(f"Neighbourhood Team {number + 1}", team_names)
            team = TeamPlan(take("team"), name, index)
            teams.append(team)
            team.leader_id = hire(Role.TEAM_LEADER, index, team.id, "Team Leader").id
            for _ in range(min(OFFICERS_PER_TEAM, officers - number * OFFICERS_PER_TEAM)):
                officer = hire(Role.NEIGHBOURHOOD_OFFICER, index, team.id, "Neighbourhood Officer")
                team.officer_ids.append(officer.id)
                office.officer_ids.append(officer.id)
                patch_name = _unique(f"{office.town} {len(office.officer_ids)}", patch_names)
                patches.append((take("patch"), patch_name, team.id, officer.id))
        asb_team = TeamPlan(take("team"), "Estates and ASB Team", index)
        teams.append(asb_team)
        office.asb_team_id = asb_team.id
        asb_team.leader_id = hire(Role.TEAM_LEADER, index, asb_team.id, "Team Leader").id
        for _ in range(max(1, round(office_homes[index] / HOMES_PER_ASB_OFFICER))):
            officer = hire(Role.ASB_OFFICER, index, asb_team.id, "ASB Officer")
            asb_team.officer_ids.append(officer.id)
            office.asb_officer_ids.append(officer.id)
        office.estates_officer_id = hire(
            Role.ESTATES_OFFICER, index, asb_team.id, "Estates Officer"
        ).id
        asb_team.officer_ids.append(office.estates_officer_id)

    patch_by_officer = {officer: (pid, team) for pid, _, team, officer in patches}
    estate_names = taken_names.setdefault("estate", set())
    estates: list[EstatePlan] = []
    sectors: dict[tuple[str, int], int] = {}
    start = 0
    block_id = bases.block
    for index, size in enumerate(estate_sizes):
        office_index = index % office_count
        office = offices[office_index]
        roll = rng.random()
        kind = (
            "sheltered"
            if roll < 0.04
            else "older_persons"
            if roll < 0.07
            else "supported"
            if roll < 0.09
            else "estate"
        )
        word = words.ESTATE_WORDS[rng.randrange(len(words.ESTATE_WORDS))]
        name = _unique(f"{word} {words.ESTATE_KINDS_NAMES[kind]}", estate_names)
        officer_id = rng.choice(office.officer_ids)
        patch_id, team_id = patch_by_officer[officer_id]
        district = rng.choice(office.districts)
        sector = rng.randrange(10)
        unit_start = sectors.get((district, sector), 0)
        sectors[(district, sector)] = unit_start + math.ceil(size / HOMES_PER_POSTCODE)
        streets = rng.sample(words.STREET_WORDS, k=min(len(words.STREET_WORDS), 3 + size // 60))
        streets = [f"{street} {rng.choice(words.STREET_SUFFIXES)}" for street in streets]
        flats = size if kind != "estate" else int(size * rng.uniform(0.2, 0.6))
        blocks: list[BlockPlan] = []
        position = 0
        block_names: set[str] = set()
        while position < flats:
            block_size = min(flats - position, rng.randint(24, 60))
            word = rng.choice(words.STREET_WORDS)
            block_name = _unique(f"{word} {rng.choice(words.BLOCK_WORDS)}", block_names)
            blocks.append(BlockPlan(block_id, block_name, position, block_size))
            block_id += 1
            position += block_size
        estates.append(
            EstatePlan(
                id=bases.estate + index,
                index=index,
                name=name,
                kind=kind,
                office=office_index,
                patch_id=patch_id,
                officer_id=officer_id,
                team_id=team_id,
                town=office.town,
                district=district,
                sector=sector,
                unit_start=unit_start,
                start=start,
                size=size,
                streets=streets,
                blocks=blocks,
                flats=flats,
            )
        )
        start += size
    landlord = Landlord(
        seed=seed,
        homes=homes,
        today=today,
        bases=bases,
        offices=offices,
        teams=teams,
        staff=staff,
        patches=patches,
        estates=estates,
        contractor_ids=[bases.contractor + i for i in range(CONTRACTORS)],
        # A fixed salt keeps the load deterministic; these are synthetic benchmark users.
        password_hash=make_password(SCALE_PASSWORD, salt=f"doorstepscale{seed}"),
    )
    landlord.team_of = {member.id: member.team_id for member in staff}
    return landlord
