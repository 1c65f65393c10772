"""Rows for one chunk of homes and everything about them.

Per home, on average (CONTRACTS.md): 2.4 people, 1.1 tenancies, 40 contacts, 8 cases (1 of
them ASB), 20 repairs and 1 complaint, spread over the five years up to `today`. Work is not
spread evenly: each home and each person gets a Pareto weight, so a few homes have many
repairs and cases and a long tail of people have many contacts, as in a real landlord.

A chunk uses its own `random.Random(seed:chunk)`, so a chunk's rows depend only on the seed,
the chunk and the ids it starts from: chunks can be loaded (and reloaded) one at a time.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import dataclass, field
from typing import Any

from doorstep.asb.models import AsbDetails, IncidentReport
from doorstep.cases.models import (
    REFERENCE_PREFIX,
    Case,
    CaseAction,
    CaseEvent,
    CaseParty,
)
from doorstep.complaints.models import ComplaintDetails, ComplaintStage
from doorstep.contacts.models import CallBack, Contact
from doorstep.core.working_days import LONDON, add_working_days, end_of_day
from doorstep.demo import data as demo_data
from doorstep.people.models import Person, VulnerabilityFlag
from doorstep.people.search_keys import name_key
from doorstep.places.models import Home
from doorstep.repairs.models import REFERENCE_PREFIX as REPAIR_PREFIX
from doorstep.repairs.models import Repair
from doorstep.scale import words
from doorstep.scale.organisation import HOMES_PER_POSTCODE, EstatePlan, Landlord
from doorstep.scale.writer import Writer
from doorstep.tenancies.models import Tenancy, TenancyMember

CHUNK_HOMES = 2000
YEARS = 5
CONTACTS_PER_HOME = 40
OTHER_CASES_PER_HOME = {  # 7 per home, plus 1 ASB = 8 cases; complaints are counted apart
    "neighbour_dispute": 1.5,
    "fly_tipping": 1.0,
    "hoarding": 0.4,
    "self_neglect": 0.5,
    "safeguarding": 0.5,
    "domestic_abuse": 0.4,
    "damp_mould": 2.7,
}
REPAIRS_PER_HOME = 20
CALLBACKS_PER_HOME = 0.3
HOUSEHOLD_SIZES = (1, 2, 3, 4, 5, 6)
HOUSEHOLD_WEIGHTS = (0.36, 0.28, 0.15, 0.12, 0.06, 0.03)  # mean 2.33; former tenants add 0.1
FORMER_TENANCY_SHARE = 0.1
PRIORITY_WEIGHTS = {"emergency": 0.1, "urgent": 0.25, "routine": 0.55, "planned": 0.1}
WORKING_DAYS = {"urgent": 5, "routine": 20, "planned": 60}
# Numbers kept for drama and examples (Ofcom): never a real resident's. They repeat at scale.
PHONE_RANGES = demo_data.PHONE_RANGES
OPEN_STATUSES = ("open", "investigating", "action", "monitoring")
CLOSURE_REASONS = ("resolved", "no_further_action", "insufficient_evidence", "reporter_withdrew")
FLAG_CODES = (
    "lives_alone",
    "disability",
    "mental_health",
    "hearing_impairment",
    "substance_misuse",
    "care_leaver",
    "risk_to_staff",
    "learning_disability",
)
CHANNELS = ("phone", "phone", "phone", "email", "visit", "letter", "text", "portal")
CATEGORIES = {
    "noise": "nuisance",
    "harassment": "personal",
    "hate": "personal",
    "drugs": "nuisance",
    "vandalism": "environmental",
    "violence": "personal",
    "animal": "nuisance",
    "other": "nuisance",
}
CHARACTERISTICS = ("race", "religion_or_belief", "sexual_orientation", "disability")
COMPLAINT_ABOUT = ("repairs", "damp_mould", "asb", "neighbourhood", "staff", "communication")


@dataclass
class Ids:
    """Next free id per table, and the next free reference numbers."""

    values: dict[str, int]
    person_number: int
    case_numbers: dict[tuple[str, int], int] = field(default_factory=dict)
    repair_numbers: dict[int, int] = field(default_factory=dict)

    def take(self, table: str) -> int:
        value = self.values[table]
        self.values[table] = value + 1
        return value


@dataclass
class HomeRow:
    id: int
    estate: EstatePlan
    block_id: int | None
    tenure: str
    people: list[int] = field(default_factory=list)  # current household, tenants first
    cases: list[int] = field(default_factory=list)


class Chunk:
    def __init__(self, *, landlord: Landlord, index: int, ids: Ids, writer: Writer) -> None:
        self.landlord = landlord
        self.index = index
        self.ids = ids
        self.writer = writer
        self.rng = random.Random(f"doorstep-scale:{landlord.seed}:{landlord.homes}:{index}")
        self.today = landlord.today
        self.first_day = self.today - dt.timedelta(days=365 * YEARS)
        self.now = dt.datetime.combine(self.today, dt.time(12, 0), tzinfo=LONDON)
        self.homes: list[HomeRow] = []
        self.person_home: dict[int, HomeRow] = {}
        self.person_phone: dict[int, str] = {}
        self.person_names: dict[int, str] = {}
        self._targets: dict[tuple[str, dt.date], dt.datetime] = {}
        self._working: dict[tuple[dt.date, int], dt.date] = {}
        self._estate_tenants: dict[int, list[int]] = {}

    # --- helpers ----------------------------------------------------------------------------

    def day(self, since: dt.date | None = None, until: dt.date | None = None) -> dt.date:
        start = since or self.first_day
        end = until or self.today
        return start + dt.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def moment(self, day: dt.date) -> dt.datetime:
        minute = self.rng.randint(8 * 60 + 30, 17 * 60 + 30)
        return dt.datetime.combine(
            day, dt.time(minute // 60, minute % 60), tzinfo=LONDON
        ).astimezone(dt.UTC)

    def working(self, day: dt.date, count: int) -> dt.date:
        key = (day, count)
        if key not in self._working:
            self._working[key] = add_working_days(day, count)
        return self._working[key]

    def target(self, priority: str, reported_at: dt.datetime) -> dt.datetime:
        if priority == "emergency":
            return reported_at + dt.timedelta(hours=24)
        day = reported_at.astimezone(LONDON).date()
        key = (priority, day)
        if key not in self._targets:
            self._targets[key] = end_of_day(self.working(day, WORKING_DAYS[priority])).astimezone(
                dt.UTC
            )
        return self._targets[key]

    def phone(self) -> str:
        prefix = PHONE_RANGES[self.rng.randrange(len(PHONE_RANGES))]
        return f"+44{prefix[1:]}{self.rng.randrange(1000):03d}"

    def neighbours(self, home: HomeRow) -> list[int]:
        """Up to three other tenants of the same estate in this chunk, who report too."""
        estate_id = home.estate.id
        if estate_id not in self._estate_tenants:
            self._estate_tenants[estate_id] = [
                other.people[0] for other in self.homes if other.estate.id == estate_id
            ]
        tenants = self._estate_tenants[estate_id]
        return self.rng.sample(tenants, min(3, len(tenants)))

    def busy(self, officers: list[int]) -> int:
        """One of `officers`, the first few far more often (Zipf-like)."""
        weights = [1 / (rank + 1) for rank in range(len(officers))]
        return self.rng.choices(officers, weights=weights)[0]

    # --- the chunk --------------------------------------------------------------------------

    def build(self, first: int, last: int) -> None:
        self.build_homes(first, last)
        self.build_households()
        self.build_cases()
        self.build_contacts()
        self.build_repairs()
        self.build_callbacks()

    def build_homes(self, first: int, last: int) -> None:
        rows: list[Any] = []
        created = dt.datetime.combine(self.first_day, dt.time(9), tzinfo=LONDON).astimezone(dt.UTC)
        for index in range(first, last):
            estate = self.landlord.estate_at(index)
            position = index - estate.start
            block_id = None
            block_name = ""
            if position < estate.flats:
                block = next(b for b in estate.blocks if b.first <= position < b.first + b.size)
                block_id = block.id
                block_name = block.name
                line_1 = f"Flat {position - block.first + 1}"
                line_2 = f"{block_name}, {estate.streets[0]}"
            else:
                house = position - estate.flats
                street = estate.streets[house % len(estate.streets)]
                line_1 = f"{house // len(estate.streets) + 1} {street}"
                line_2 = ""
            unit = estate.unit_start + position // HOMES_PER_POSTCODE
            sector = (estate.sector + unit // 400) % 10
            letters = words.INWARD_LETTERS
            postcode = f"{estate.district} {sector}{letters[unit // 20 % 20]}{letters[unit % 20]}"
            if estate.kind in ("sheltered", "older_persons"):
                tenure = "older_persons"
            elif estate.kind == "supported":
                tenure = "supported"
            else:
                roll = self.rng.random()
                tenure = (
                    "general_needs"
                    if roll < 0.84
                    else "temporary"
                    if roll < 0.88
                    else "leasehold"
                    if roll < 0.95
                    else "shared_ownership"
                )
            bedrooms = (
                1 if block_id and estate.kind != "estate" else self.rng.choice((1, 2, 2, 3, 3, 4))
            )
            home_id = self.ids.take("home")
            uprn = str(self.landlord.bases.uprn + index)
            search_text = " ".join(
                part
                for part in (line_1, line_2, estate.town, postcode, postcode.replace(" ", ""), uprn)
                if part
            ).lower()
            rows.append(
                (
                    home_id,
                    uprn,
                    line_1,
                    line_2,
                    estate.town,
                    postcode,
                    estate.id,
                    block_id,
                    estate.patch_id,
                    tenure,
                    bedrooms,
                    search_text,
                    created,
                    created,
                )
            )
            self.homes.append(HomeRow(home_id, estate, block_id, tenure))
        self.writer.write(
            Home,
            (
                "id",
                "uprn",
                "address_line_1",
                "address_line_2",
                "town",
                "postcode",
                "estate_id",
                "block_id",
                "patch_id",
                "tenure",
                "bedrooms",
                "search_text",
                "created_at",
                "updated_at",
            ),
            rows,
        )

    def _person(
        self, rows: list[Any], group: Any, *, age: int, female: bool, surname: str, adult: bool
    ) -> int:
        rng = self.rng
        first = rng.choice(group.first_names(female=female, age=age))
        person_id = self.ids.take("person")
        reference = f"P{self.ids.person_number:06d}"
        if self.ids.person_number > 999_999:
            raise ValueError("No person references are left (P999999 reached).")
        self.ids.person_number += 1
        born = self.today - dt.timedelta(days=age * 365 + rng.randrange(365))
        phone = self.phone() if adult and rng.random() < 0.75 else ""
        email = ""
        if adult and rng.random() < 0.3:
            email = f"{first}.{surname}{person_id % 1000}@example.com".lower().replace("'", "")
        search_text = f"{first} {surname} {reference}".lower()
        created = self.moment(self.day())
        rows.append(
            (
                person_id,
                reference,
                "",
                first,
                surname,
                "",
                born,
                phone,
                "",
                email,
                "phone" if phone else ("email" if email else "letter"),
                "",
                False,
                "",
                search_text,
                self._key(surname),
                created,
                created,
            )
        )
        self.person_phone[person_id] = phone
        self.person_names[person_id] = f"{first} {surname}"
        return person_id

    _keys: dict[str, str] = {}

    def _key(self, surname: str) -> str:
        if surname not in self._keys:
            self._keys[surname] = name_key(surname)
        return self._keys[surname]

    def build_households(self) -> None:
        rng = self.rng
        people: list[Any] = []
        tenancies: list[Any] = []
        members: list[Any] = []
        flags: list[Any] = []
        groups = demo_data.NAME_GROUPS
        group_weights = [6.0] + [1.0] * (len(groups) - 1)
        for home in self.homes:
            group = rng.choices(groups, weights=group_weights)[0]
            surname = rng.choice(group.surnames)
            older = home.tenure == "older_persons"
            size = (
                rng.choice((1, 1, 2))
                if older
                else rng.choices(HOUSEHOLD_SIZES, weights=HOUSEHOLD_WEIGHTS)[0]
            )
            age = rng.randint(66, 94) if older else rng.randint(19, 80)
            female = rng.random() < 0.55
            ids = [self._person(people, group, age=age, female=female, surname=surname, adult=True)]
            if size >= 2:
                partner_age = max(18, age + rng.randint(-6, 6))
                ids.append(
                    self._person(
                        people,
                        group,
                        age=partner_age,
                        female=not female,
                        surname=surname,
                        adult=True,
                    )
                )
            for _ in range(size - 2):
                child_age = rng.randint(0, 17) if age < 60 else rng.randint(18, 40)
                ids.append(
                    self._person(
                        people,
                        group,
                        age=child_age,
                        female=rng.random() < 0.5,
                        surname=surname,
                        adult=child_age >= 18,
                    )
                )
            home.people = ids
            for person_id in ids:
                self.person_home[person_id] = home
            tenancy_type = {
                "leasehold": "leasehold",
                "shared_ownership": "shared_ownership",
                "temporary": "licence",
            }.get(home.tenure) or rng.choices(
                ("secure", "assured", "starter", "flexible"), weights=(60, 30, 7, 3)
            )[0]
            start = self.today - dt.timedelta(
                days=rng.randint(30, 365 * (2 if home.tenure == "temporary" else 25))
            )
            if rng.random() < FORMER_TENANCY_SHARE:
                former_start = start - dt.timedelta(days=rng.randint(400, 4000))
                former_end = start - dt.timedelta(days=rng.randint(1, 60))
                former_group = rng.choice(groups)
                former_surname = rng.choice(former_group.surnames)
                former = self._person(
                    people,
                    former_group,
                    age=rng.randint(25, 85),
                    female=rng.random() < 0.5,
                    surname=former_surname,
                    adult=True,
                )
                self.person_home[former] = home
                tenancy_id = self.ids.take("tenancy")
                created = self.moment(former_start)
                tenancies.append(
                    (
                        tenancy_id,
                        f"TEN-{former_start.year}-{tenancy_id:06d}",
                        home.id,
                        tenancy_type,
                        former_start,
                        former_end,
                        created,
                        created,
                    )
                )
                members.append((self.ids.take("member"), tenancy_id, former, "tenant", ""))
            tenancy_id = self.ids.take("tenancy")
            created = self.moment(start)
            tenancies.append(
                (
                    tenancy_id,
                    f"TEN-{start.year}-{tenancy_id:06d}",
                    home.id,
                    tenancy_type,
                    start,
                    None,
                    created,
                    created,
                )
            )
            for position, person_id in enumerate(ids):
                tenant = position == 0 or (position == 1 and rng.random() < 0.6)
                relationship = "" if tenant else ("Partner" if position == 1 else "Child")
                members.append(
                    (
                        self.ids.take("member"),
                        tenancy_id,
                        person_id,
                        "tenant" if tenant else "member",
                        relationship,
                    )
                )
            for person_id in ids:
                if rng.random() < 0.12:
                    code = "older_person" if older else rng.choice(FLAG_CODES)
                    since = self.day()
                    # Reviews are kept up: most fall due in the coming year, a few are late.
                    review = max(
                        since + dt.timedelta(days=30),
                        self.today + dt.timedelta(days=rng.randint(-14, 330)),
                    )
                    created = self.moment(since)
                    flags.append(
                        (
                            self.ids.take("flag"),
                            person_id,
                            code,
                            since,
                            review,
                            None,
                            "",
                            None,
                            created,
                            created,
                        )
                    )
        self.writer.write(
            Person,
            (
                "id",
                "reference",
                "title",
                "first_name",
                "last_name",
                "preferred_name",
                "date_of_birth",
                "phone",
                "phone_other",
                "email",
                "preferred_contact_method",
                "language",
                "interpreter_needed",
                "communication_needs",
                "search_text",
                "name_key",
                "created_at",
                "updated_at",
            ),
            people,
        )
        self.writer.write(
            Tenancy,
            (
                "id",
                "reference",
                "home_id",
                "tenancy_type",
                "start_date",
                "end_date",
                "created_at",
                "updated_at",
            ),
            tenancies,
        )
        self.writer.write(
            TenancyMember, ("id", "tenancy_id", "person_id", "role", "relationship"), members
        )
        self.writer.write(
            VulnerabilityFlag,
            (
                "id",
                "person_id",
                "code",
                "start_date",
                "review_date",
                "end_date",
                "note",
                "recorded_by_id",
                "created_at",
                "updated_at",
            ),
            flags,
        )
        self.people = list(self.person_home)

    def _reference(self, case_type: str, year: int) -> str:
        prefix = REFERENCE_PREFIX[case_type]
        number = self.ids.case_numbers.get((prefix, year), 0) + 1
        self.ids.case_numbers[(prefix, year)] = number
        return f"{prefix}-{year}-{number:06d}"

    def _lead(self, case_type: str, home: HomeRow) -> int:
        office = self.landlord.offices[home.estate.office]
        if case_type == "asb":
            return self.busy(office.asb_officer_ids)
        if case_type == "fly_tipping":
            return office.estates_officer_id
        if self.rng.random() < 0.8:
            return home.estate.officer_id
        return self.busy(office.officer_ids)

    def build_cases(self) -> None:
        rng = self.rng
        n = len(self.homes)
        weights = list(itertools.accumulate(min(rng.paretovariate(1.3), 50.0) for _ in range(n)))
        kinds: list[str] = ["asb"] * n + ["complaint"] * n
        for case_type, per_home in OTHER_CASES_PER_HOME.items():
            whole = int(per_home * n)
            kinds += [case_type] * (whole + (1 if rng.random() < per_home * n - whole else 0))
        homes = rng.choices(self.homes, cum_weights=weights, k=len(kinds))
        cases: list[Any] = []
        parties: list[Any] = []
        events: list[Any] = []
        actions: list[Any] = []
        asb_details: list[Any] = []
        incidents: list[Any] = []
        complaint_details: list[Any] = []
        stages: list[Any] = []
        team_of = self.landlord.team_of
        for case_type, home in zip(kinds, homes, strict=True):
            case_id = self.ids.take("case")
            opened = self.day()
            age = (self.today - opened).days
            # Most cases close within weeks; a few run on (about 3% of five years' are open).
            close_chance = 0.99 if age > 90 else 0.8 if age > 30 else 0.3
            lead = self._lead(case_type, home)
            closed_on = None
            status = rng.choice(OPEN_STATUSES)
            reason = ""
            if case_type != "complaint" and rng.random() < close_chance:
                status = "closed"
                closed_on = min(self.today, opened + dt.timedelta(days=rng.randint(5, 300)))
                reason = rng.choice(CLOSURE_REASONS)
            home_id: int | None = home.id
            block_id: int | None = None
            estate_id: int | None = None
            if case_type == "fly_tipping":
                home_id = None
                if home.block_id:
                    block_id = home.block_id
                else:
                    estate_id = home.estate.id
            restricted = case_type in ("safeguarding", "domestic_abuse")
            risk = rng.choices(("standard", "medium", "high"), weights=(70, 22, 8))[0]
            review = None
            if status != "closed":
                review = opened + dt.timedelta(days=28 * rng.randint(1, 8))
            opened_at = self.moment(opened)
            complaint_stage_rows: list[Any] = []
            if case_type == "complaint":
                status, closed_on, reason = self._complaint(
                    case_id, opened, lead, complaint_stage_rows
                )
                stages.extend(complaint_stage_rows)
                complaint_details.append(
                    (
                        self.ids.take("complaint_details"),
                        case_id,
                        rng.choice(COMPLAINT_ABOUT),
                        "",
                        opened_at,
                        opened_at,
                    )
                )
                review = None
            updated = self.moment(closed_on) if closed_on else opened_at
            summary = rng.choice(words.CASE_SUMMARIES[case_type])
            cases.append(
                (
                    case_id,
                    self._reference(case_type, opened.year),
                    case_type,
                    status,
                    summary,
                    opened,
                    closed_on,
                    reason,
                    risk,
                    restricted,
                    lead,
                    team_of.get(lead),
                    home_id,
                    block_id,
                    estate_id,
                    home.estate.patch_id,
                    review,
                    "",
                    "",
                    opened_at,
                    updated,
                )
            )
            home.cases.append(case_id)
            # People on the case.
            household = home.people
            reporter = household[0]
            case_parties: list[tuple[int, str]] = []
            if case_type in ("asb", "neighbour_dispute"):
                case_parties.append((reporter, "reporter"))
                if case_type == "asb" and rng.random() < 0.6:
                    case_parties.append((reporter, "victim"))
                neighbour = self.homes[rng.randrange(n)].people[0]
                if neighbour != reporter:
                    case_parties.append((neighbour, "alleged_perpetrator"))
            elif case_type in ("fly_tipping",):
                if rng.random() < 0.5:
                    case_parties.append((reporter, "reporter"))
            elif case_type in ("damp_mould", "complaint"):
                case_parties.append((reporter, "reporter"))
            else:
                case_parties.append((rng.choice(household), "subject"))
            for person_id, role in case_parties:
                parties.append((self.ids.take("party"), case_id, person_id, role, ""))
            events.append(
                (
                    self.ids.take("event"),
                    case_id,
                    "note",
                    f"Case opened: {summary}",
                    opened_at,
                    lead,
                )
            )
            if closed_on:
                events.append(
                    (
                        self.ids.take("event"),
                        case_id,
                        "status",
                        f"Closed: {reason.replace('_', ' ')}",
                        updated,
                        lead,
                    )
                )
                actions.append(
                    (
                        self.ids.take("action"),
                        case_id,
                        rng.choice(words.ACTION_TITLES),
                        lead,
                        opened + dt.timedelta(days=7),
                        self.moment(min(closed_on, opened + dt.timedelta(days=7))),
                        lead,
                        opened_at,
                        opened_at,
                    )
                )
            elif case_type != "complaint":
                for _ in range(2):
                    due = self.today + dt.timedelta(days=rng.randint(-20, 30))
                    due = max(due, opened)
                    actions.append(
                        (
                            self.ids.take("action"),
                            case_id,
                            rng.choice(words.ACTION_TITLES),
                            lead,
                            due,
                            None,
                            None,
                            opened_at,
                            opened_at,
                        )
                    )
            if case_type == "asb":
                subtype = rng.choice(tuple(CATEGORIES))
                hate = subtype == "hate" or rng.random() < 0.03
                asb_details.append(
                    (
                        self.ids.take("asb_details"),
                        case_id,
                        CATEGORIES[subtype],
                        subtype,
                        hate,
                        rng.choice(CHARACTERISTICS) if hate else "",
                        opened_at,
                        opened_at,
                    )
                )
                last = closed_on or self.today
                reporters = [reporter] + [p for p in self.neighbours(home) if p != reporter]
                for _ in range(1 + min(int(rng.paretovariate(1.4)) - 1, 8)):
                    who = reporters[0] if rng.random() < 0.7 else rng.choice(reporters)
                    on = self.day(opened, last)
                    at = self.moment(on)
                    incidents.append(
                        (
                            self.ids.take("incident"),
                            case_id,
                            who,
                            on,
                            "Reported by phone",
                            lead,
                            home_id,
                            home.block_id,
                            home.estate.id,
                            at,
                            at,
                        )
                    )
        self.writer.write(
            Case,
            (
                "id",
                "reference",
                "case_type",
                "status",
                "summary",
                "opened_on",
                "closed_on",
                "closure_reason",
                "risk_level",
                "restricted",
                "lead_officer_id",
                "team_id",
                "home_id",
                "block_id",
                "estate_id",
                "patch_id",
                "next_review_on",
                "satisfaction",
                "satisfaction_method",
                "created_at",
                "updated_at",
            ),
            cases,
        )
        self.writer.write(CaseParty, ("id", "case_id", "person_id", "role", "note"), parties)
        self.writer.write(CaseEvent, ("id", "case_id", "kind", "text", "at", "by_id"), events)
        self.writer.write(
            CaseAction,
            (
                "id",
                "case_id",
                "title",
                "owner_id",
                "due_on",
                "done_at",
                "done_by_id",
                "created_at",
                "updated_at",
            ),
            actions,
        )
        self.writer.write(
            AsbDetails,
            (
                "id",
                "case_id",
                "category",
                "subtype",
                "hate_incident",
                "protected_characteristic",
                "created_at",
                "updated_at",
            ),
            asb_details,
        )
        self.writer.write(
            IncidentReport,
            (
                "id",
                "case_id",
                "reporter_id",
                "reported_on",
                "description",
                "recorded_by_id",
                "about_home_id",
                "about_block_id",
                "about_estate_id",
                "created_at",
                "updated_at",
            ),
            incidents,
        )
        self.writer.write(
            ComplaintDetails,
            ("id", "case_id", "about", "desired_outcome", "created_at", "updated_at"),
            complaint_details,
        )
        self.writer.write(
            ComplaintStage,
            (
                "id",
                "case_id",
                "stage",
                "received_on",
                "acknowledged_on",
                "responded_on",
                "extension_working_days",
                "extension_reason",
                "outcome",
                "response_summary",
                "acknowledge_by",
                "respond_by",
                "acknowledged_by_id",
                "responded_by_id",
                "created_at",
                "updated_at",
            ),
            stages,
        )

    def _complaint(
        self, case_id: int, received: dt.date, lead: int, rows: list[Any]
    ) -> tuple[str, dt.date | None, str]:
        """Stage 1 (and for some a stage 2) with the Code's clocks; returns the case's status,
        closed date and closure reason."""
        rng = self.rng
        stage, status, closed_on = 1, "open", None
        while True:
            limits = {1: (5, 10, 10), 2: (5, 20, 20)}[stage]
            acknowledge_by = self.working(received, limits[0])
            acknowledged = self.working(received, rng.randint(1, limits[0] + 2))
            acknowledged_on = acknowledged if acknowledged <= self.today else None
            extension = rng.randint(1, limits[2]) if rng.random() < 0.1 else 0
            respond_by = (
                self.working(acknowledged_on, limits[1] + extension) if acknowledged_on else None
            )
            responded_on = None
            if acknowledged_on:
                responded = self.working(acknowledged_on, rng.randint(3, limits[1] + extension + 6))
                responded_on = responded if responded <= self.today else None
            outcome = rng.choice(("upheld", "partly_upheld", "not_upheld")) if responded_on else ""
            at = self.moment(received)
            rows.append(
                (
                    self.ids.take("stage"),
                    case_id,
                    stage,
                    received,
                    acknowledged_on,
                    responded_on,
                    extension,
                    "Awaiting a contractor's report" if extension else "",
                    outcome,
                    "Response sent" if responded_on else "",
                    acknowledge_by,
                    respond_by,
                    lead if acknowledged_on else None,
                    lead if responded_on else None,
                    at,
                    at,
                )
            )
            if responded_on is None:
                return status, None, ""
            escalate = stage == 1 and rng.random() < 0.15
            if not escalate:
                closed_on = responded_on
                return "closed", closed_on, "resolved"
            received = responded_on + dt.timedelta(days=rng.randint(1, 20))
            if received > self.today:
                return "closed", responded_on, "resolved"
            stage = 2

    def build_contacts(self) -> None:
        rng = self.rng
        people = self.people
        weights = list(itertools.accumulate(min(rng.paretovariate(1.16), 200.0) for _ in people))
        count = CONTACTS_PER_HOME * len(self.homes)
        chosen = rng.choices(people, cum_weights=weights, k=count)
        rows: list[Any] = []
        summaries = words.CONTACT_SUMMARIES
        recent = self.today - dt.timedelta(days=60)
        for person_id in chosen:
            home = self.person_home[person_id]
            office = self.landlord.offices[home.estate.office]
            logged_by = (
                home.estate.officer_id if rng.random() < 0.6 else self.busy(office.officer_ids)
            )
            day = self.day()
            at = self.moment(day)
            case_id = None
            if home.cases and rng.random() < 0.15:
                case_id = rng.choice(home.cases)
            follow_up_on = None
            follow_up_done = None
            if day >= recent and rng.random() < 0.05:
                follow_up_on = day + dt.timedelta(days=rng.randint(1, 14))
                if follow_up_on < self.today - dt.timedelta(days=3) and rng.random() < 0.8:
                    follow_up_done = self.moment(follow_up_on)
            channel = CHANNELS[rng.randrange(len(CHANNELS))]
            direction = "inbound" if rng.random() < 0.6 else "outbound"
            rows.append(
                (
                    0,
                    channel,
                    direction,
                    person_id,
                    home.id,
                    case_id,
                    summaries[rng.randrange(len(summaries))],
                    logged_by,
                    at,
                    follow_up_on,
                    follow_up_done,
                    at,
                    at,
                )
            )
        rows.sort(key=lambda row: row[8])  # logged in time order, as a real system fills up
        self.writer.write(
            Contact,
            (
                "id",
                "channel",
                "direction",
                "person_id",
                "home_id",
                "case_id",
                "summary",
                "logged_by_id",
                "happened_at",
                "follow_up_on",
                "follow_up_done_at",
                "created_at",
                "updated_at",
            ),
            # Ids follow time order, as they would have been given.
            [(self.ids.take("contact"), *row[1:]) for row in rows],
        )

    def build_repairs(self) -> None:
        rng = self.rng
        n = len(self.homes)
        weights = list(itertools.accumulate(min(rng.paretovariate(1.5), 30.0) for _ in range(n)))
        homes = rng.choices(self.homes, cum_weights=weights, k=REPAIRS_PER_HOME * n)
        priorities = rng.choices(
            tuple(PRIORITY_WEIGHTS), weights=tuple(PRIORITY_WEIGHTS.values()), k=len(homes)
        )
        drafts = []
        for home, priority in zip(homes, priorities, strict=True):
            reported_at = self.moment(self.day())
            drafts.append((reported_at, home, priority))
        drafts.sort(key=lambda draft: draft[0])
        rows: list[Any] = []
        contractors = self.landlord.contractor_ids
        now = self.now.astimezone(dt.UTC)
        for reported_at, home, priority in drafts:
            target_at = self.target(priority, reported_at)
            home_id: int | None = home.id
            block_id: int | None = None
            estate_id: int | None = None
            if rng.random() < 0.08:
                home_id = None
                if home.block_id:
                    block_id = home.block_id
                else:
                    estate_id = home.estate.id
            status, completed_at, within, cancel = "reported", None, None, ""
            roll = rng.random()
            if roll < 0.04:
                status, cancel = "cancelled", "Tenant fixed it themselves"
            else:
                if rng.random() < 0.85:
                    span = (target_at - reported_at).total_seconds()
                    finished = reported_at + dt.timedelta(seconds=rng.uniform(0.05, 1.0) * span)
                else:
                    finished = target_at + dt.timedelta(hours=rng.randint(2, 24 * 30))
                if finished <= now:
                    status, completed_at, within = "completed", finished, finished <= target_at
                else:
                    status = rng.choice(("reported", "ordered", "in_progress"))
            year = reported_at.astimezone(LONDON).year
            number = self.ids.repair_numbers.get(year, 0) + 1
            self.ids.repair_numbers[year] = number
            owner = home.estate.officer_id
            rows.append(
                (
                    self.ids.take("repair"),
                    f"{REPAIR_PREFIX}-{year}-{number:06d}",
                    home_id,
                    block_id,
                    estate_id,
                    priority,
                    words.REPAIR_DESCRIPTIONS[rng.randrange(len(words.REPAIR_DESCRIPTIONS))],
                    reported_at,
                    target_at,
                    status,
                    contractors[rng.randrange(len(contractors))] if status != "reported" else None,
                    completed_at,
                    within,
                    cancel,
                    owner,
                    owner,
                    None,
                    None,
                    None,
                    reported_at,
                    completed_at or reported_at,
                )
            )
        self.writer.write(
            Repair,
            (
                "id",
                "reference",
                "home_id",
                "block_id",
                "estate_id",
                "priority",
                "description",
                "reported_at",
                "target_at",
                "status",
                "contractor_id",
                "completed_at",
                "within_target",
                "cancel_reason",
                "owner_id",
                "raised_by_id",
                "source_contact_id",
                "source_case_id",
                "source_inspection_item_id",
                "created_at",
                "updated_at",
            ),
            rows,
        )

    def build_callbacks(self) -> None:
        rng = self.rng
        count = int(CALLBACKS_PER_HOME * len(self.homes))
        rows: list[Any] = []
        for _ in range(count):
            home = self.homes[rng.randrange(len(self.homes))]
            person_id = home.people[0]
            office = self.landlord.offices[home.estate.office]
            officer = home.estate.officer_id
            recent = rng.random() < 0.1
            day = (
                self.day(self.today - dt.timedelta(days=5), self.today + dt.timedelta(days=2))
                if recent
                else self.day()
            )
            created_at = self.moment(day - dt.timedelta(days=1))
            due_at = self.moment(day)
            done = not recent or rng.random() < 0.3
            for_team = None
            for_officer: int | None = officer
            if rng.random() < 0.2:
                for_officer, for_team = None, home.estate.team_id
            completer = officer if done else None
            phone = self.person_phone.get(person_id) or self.phone()
            rows.append(
                (
                    self.ids.take("callback"),
                    for_officer,
                    for_team,
                    person_id,
                    home.id,
                    None,
                    self.person_names[person_id],
                    phone,
                    "Wants an update on their case",
                    due_at,
                    "done" if done else "open",
                    self.busy(office.officer_ids),
                    due_at if done else None,
                    completer,
                    "Spoke to them" if done else "",
                    created_at,
                    due_at if done else created_at,
                )
            )
        self.writer.write(
            CallBack,
            (
                "id",
                "for_officer_id",
                "for_team_id",
                "person_id",
                "home_id",
                "contact_id",
                "caller_name",
                "phone",
                "reason",
                "due_at",
                "status",
                "created_by_id",
                "completed_at",
                "completed_by_id",
                "outcome",
                "created_at",
                "updated_at",
            ),
            rows,
        )
