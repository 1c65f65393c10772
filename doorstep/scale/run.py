"""`generate_scale`: plan a synthetic landlord, write its organisation, then load its homes in
chunks, each in its own transaction.

- Refuses a database that holds homes it did not generate (a real landlord, or the demo)
  unless forced; forced, it adds alongside them (new ids, UPRNs past the highest, references
  from the sequences).
- Resumable: the plan and each loaded chunk are recorded in the audit log (`scale.landlord`,
  `scale.chunk`); running the same command again skips what is loaded and carries on.
- Deterministic: the checksum printed at the end is a SHA-256 of every row's values, the same
  for the same seed, homes and day on any database that started empty.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import time
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import Group
from django.db import connections, transaction
from django.db.models import Max

from doorstep.accounts.models import User
from doorstep.accounts.roles import Role
from doorstep.asb.models import AsbDetails, IncidentReport
from doorstep.cases.models import Case, CaseAction, CaseEvent, CaseParty, CaseSequence
from doorstep.complaints.models import ComplaintDetails, ComplaintStage
from doorstep.contacts.models import CallBack, Contact
from doorstep.core.models import AuditAction, AuditEvent
from doorstep.core.working_days import LONDON
from doorstep.people.models import Person, VulnerabilityFlag
from doorstep.places.models import Block, Estate, Home, Office, Patch, Team
from doorstep.repairs.models import Contractor, Repair, RepairSequence
from doorstep.scale.chunk import CHUNK_HOMES, Chunk, Ids
from doorstep.scale.organisation import Bases, Landlord, plan_landlord
from doorstep.scale.writer import Writer, next_id
from doorstep.tenancies.models import Tenancy, TenancyMember

SOURCE = "scale"
LANDLORD_TYPE = "scale.landlord"
INDEXES_TYPE = "scale.indexes"
# From this many chunks to load, PostgreSQL drops the secondary indexes of the tables being
# loaded and builds them again at the end: one sort per index instead of millions of inserts.
DROP_INDEXES_FROM_CHUNKS = 5
CHUNK_TYPE = "scale.chunk"
TRADES = (
    "general",
    "plumbing",
    "heating",
    "electrical",
    "roofing",
    "damp",
    "glazing",
    "carpentry",
    "grounds",
    "cleaning",
    "pest_control",
)
CHUNK_TABLES: dict[str, Any] = {
    "home": Home,
    "person": Person,
    "tenancy": Tenancy,
    "member": TenancyMember,
    "flag": VulnerabilityFlag,
    "case": Case,
    "party": CaseParty,
    "event": CaseEvent,
    "action": CaseAction,
    "asb_details": AsbDetails,
    "incident": IncidentReport,
    "complaint_details": ComplaintDetails,
    "stage": ComplaintStage,
    "contact": Contact,
    "repair": Repair,
    "callback": CallBack,
}


class ScaleError(Exception):
    """The synthetic landlord cannot be generated into this database."""


@dataclasses.dataclass
class Result:
    checksum: str
    counts: dict[str, int]
    chunks_loaded: int
    chunks_skipped: int
    seconds: float
    landlord: Landlord


def run_key(*, seed: int, homes: int, today: dt.date) -> str:
    return f"{seed}:{homes}:{today.isoformat()}"


def _existing_landlord() -> AuditEvent | None:
    return AuditEvent.objects.filter(object_type=LANDLORD_TYPE).order_by("id").last()


def check_can_generate(*, seed: int, homes: int, today: dt.date, force: bool) -> bool:
    """Whether to resume a run of these settings. Raises ScaleError when the database holds
    homes this generator did not make (a landlord's, or the demo's) and `force` is off."""
    key = run_key(seed=seed, homes=homes, today=today)
    marker = _existing_landlord()
    if marker is not None and marker.object_id == key:
        return True
    if force:
        return False
    if marker is not None:
        raise ScaleError(
            f"This database already holds a synthetic landlord ({marker.object_id}, as "
            "seed:homes:day). Use an empty database, or --force to add another beside it."
        )
    count = Home.objects.count()
    if count:
        raise ScaleError(
            f"This database holds {count:,} home{'' if count == 1 else 's'} of a landlord. "
            "generate_scale writes synthetic data for benchmarks into an empty database only; "
            "use --force to add it anyway."
        )
    return False


def _taken_names() -> dict[str, set[str]]:
    return {
        "office": set(Office.objects.values_list("name", flat=True)),
        "patch": set(Patch.objects.values_list("name", flat=True)),
        "estate": set(Estate.objects.values_list("name", flat=True)),
    }


def _uprn_base() -> int:
    highest = 0
    for uprn in Home.objects.values_list("uprn", flat=True).iterator(chunk_size=10_000):
        if uprn.isdigit():
            highest = max(highest, int(uprn))
    return max(10_000_000_000, highest + 1)


def _advance_sequences_past_existing() -> None:
    """A landlord's imported references may be ahead of the counters: step the counters past
    them first, so generated references never clash."""
    pattern = re.compile(r"^([A-Z]+)-(\d{4})-(\d{6})$")
    highest: dict[tuple[str, int], int] = {}
    for reference in Case.objects.values_list("reference", flat=True).iterator(chunk_size=10_000):
        if match := pattern.match(reference):
            key = (match[1], int(match[2]))
            highest[key] = max(highest.get(key, 0), int(match[3]))
    for (prefix, year), number in highest.items():
        sequence, _ = CaseSequence.objects.get_or_create(prefix=prefix, year=year)
        if sequence.last_number < number:
            sequence.last_number = number
            sequence.save(update_fields=["last_number"])
    repairs: dict[int, int] = {}
    for reference in Repair.objects.values_list("reference", flat=True).iterator(chunk_size=10_000):
        if (match := pattern.match(reference)) and match[1] == "REP":
            repairs[int(match[2])] = max(repairs.get(int(match[2]), 0), int(match[3]))
    for year, number in repairs.items():
        repair_sequence, _ = RepairSequence.objects.get_or_create(year=year)
        if repair_sequence.last_number < number:
            repair_sequence.last_number = number
            repair_sequence.save(update_fields=["last_number"])


def _write_organisation(landlord: Landlord, writer: Writer) -> None:
    created = dt.datetime.combine(
        landlord.today - dt.timedelta(days=365 * 5), dt.time(9), tzinfo=LONDON
    ).astimezone(dt.UTC)
    writer.write(
        Office,
        ("id", "name", "address", "phone", "created_at", "updated_at"),
        [(o.id, o.name, f"Civic Centre, {o.town}", "", created, created) for o in landlord.offices],
    )
    writer.write(
        Team,
        ("id", "name", "office_id", "leader_id", "email", "created_at", "updated_at"),
        [
            (t.id, t.name, landlord.offices[t.office].id, t.leader_id, "", created, created)
            for t in landlord.teams
        ],
    )
    writer.write(
        User,
        (
            "id",
            "password",
            "last_login",
            "is_superuser",
            "email",
            "full_name",
            "job_title",
            "phone",
            "team_id",
            "is_active",
            "is_staff",
            "date_joined",
        ),
        [
            (
                s.id,
                landlord.password_hash,
                None,
                False,
                s.email,
                s.full_name,
                s.job_title,
                "",
                s.team_id or None,
                True,
                False,
                created,
            )
            for s in landlord.staff
        ],
    )
    groups = {name: Group.objects.get_or_create(name=name)[0].pk for name in Role.values}
    through = User.groups.through
    first = next_id(writer.connection, through)
    writer.write(
        through,
        ("id", "user_id", "group_id"),
        [(first + i, s.id, groups[s.role]) for i, s in enumerate(landlord.staff)],
    )
    managers = Office.managers.through
    first = next_id(writer.connection, managers)
    writer.write(
        managers,
        ("id", "office_id", "user_id"),
        [(first + i, o.id, o.manager_id) for i, o in enumerate(landlord.offices)],
    )
    writer.write(
        Patch,
        ("id", "name", "team_id", "officer_id", "created_at", "updated_at"),
        [
            (pid, name, team, officer, created, created)
            for pid, name, team, officer in landlord.patches
        ],
    )
    writer.write(
        Estate,
        (
            "id",
            "name",
            "kind",
            "office_id",
            "patch_id",
            "inspection_frequency_days",
            "created_at",
            "updated_at",
        ),
        [
            (e.id, e.name, e.kind, landlord.offices[e.office].id, e.patch_id, 28, created, created)
            for e in landlord.estates
        ],
    )
    writer.write(
        Block,
        ("id", "name", "estate_id", "created_at", "updated_at"),
        [(b.id, b.name, e.id, created, created) for e in landlord.estates for b in e.blocks],
    )
    taken = set(Contractor.objects.values_list("name", flat=True))
    rows = []
    for i, contractor_id in enumerate(landlord.contractor_ids):
        name = f"Contractor {i + 1} ({TRADES[i % len(TRADES)].replace('_', ' ')})"
        while name in taken:
            name += " (scale)"
        rows.append((contractor_id, name, TRADES[i % len(TRADES)], "", "", True, created, created))
    writer.write(
        Contractor,
        ("id", "name", "trade", "phone", "email", "active", "created_at", "updated_at"),
        rows,
    )


def _bases() -> Bases:
    connection = connections["default"]
    return Bases(
        office=next_id(connection, Office),
        team=next_id(connection, Team),
        user=next_id(connection, User),
        patch=next_id(connection, Patch),
        estate=next_id(connection, Estate),
        block=next_id(connection, Block),
        contractor=next_id(connection, Contractor),
        uprn=_uprn_base(),
    )


def _next_person_number() -> int:
    top = Person.objects.filter(reference__regex=r"^P[0-9]{6}$").aggregate(top=Max("reference"))
    return int(top["top"][1:]) + 1 if top["top"] else 1


def _secondary_indexes(connection: Any) -> list[tuple[str, str]]:
    """(name, definition) of the non-unique indexes of the tables chunks load."""
    tables = [model._meta.db_table for model in CHUNK_TABLES.values()]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = ANY(%s) AND indexdef NOT LIKE 'CREATE UNIQUE%%' ORDER BY indexname",
            [tables],
        )
        return [(row[0], row[1]) for row in cursor.fetchall()]


def _drop_indexes(key: str, progress: Callable[[str], None]) -> None:
    connection = connections["default"]
    indexes = _secondary_indexes(connection)
    if not indexes:
        return
    with transaction.atomic():
        recorded = AuditEvent.objects.filter(object_type=INDEXES_TYPE, object_id=key).last()
        known = {
            name: definition
            for name, definition in (recorded.changes["indexes"] if recorded else [])
        }
        known.update(indexes)
        AuditEvent.objects.create(
            action=AuditAction.UPDATE,
            object_type=INDEXES_TYPE,
            object_id=key,
            object_label="secondary indexes dropped for the bulk load",
            changes={"indexes": sorted(known.items())},
            source=SOURCE,
        )
        with connection.cursor() as cursor:
            for name, _definition in indexes:
                cursor.execute(f"DROP INDEX IF EXISTS {connection.ops.quote_name(name)}")
    progress(f"Dropped {len(indexes)} secondary indexes for the load.")


def _restore_indexes(key: str, progress: Callable[[str], None]) -> None:
    """Build again every index a load of this run dropped and that is still missing."""
    connection = connections["default"]
    recorded = AuditEvent.objects.filter(object_type=INDEXES_TYPE, object_id=key).last()
    if recorded is None:
        return
    present = {name for name, _ in _secondary_indexes(connection)}
    missing = [(n, d) for n, d in recorded.changes["indexes"] if n not in present]
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for _name, definition in missing:
            cursor.execute(definition.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1))
    if missing:
        progress(f"Built {len(missing)} indexes in {time.monotonic() - started:.1f} s.")


def _is_superuser(connection: Any) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])


def _load_chunk(landlord: Landlord, index: int) -> tuple[str, dict[str, int]]:
    connection = connections["default"]
    first = index * CHUNK_HOMES
    last = min(landlord.homes, first + CHUNK_HOMES)
    with transaction.atomic():
        ids = Ids(
            values={name: next_id(connection, model) for name, model in CHUNK_TABLES.items()},
            person_number=_next_person_number(),
            case_numbers={(s.prefix, s.year): s.last_number for s in CaseSequence.objects.all()},
            repair_numbers={s.year: s.last_number for s in RepairSequence.objects.all()},
        )
        if connection.vendor == "postgresql" and _is_superuser(connection):
            # The generator gives every id itself and the same rows pass the foreign keys on
            # SQLite (tests): skip PostgreSQL's per-row foreign-key triggers for this load.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
        before_cases = dict(ids.case_numbers)
        before_repairs = dict(ids.repair_numbers)
        writer = Writer(connection)
        Chunk(landlord=landlord, index=index, ids=ids, writer=writer).build(first, last)
        for (prefix, year), number in ids.case_numbers.items():
            if before_cases.get((prefix, year)) != number:
                CaseSequence.objects.update_or_create(
                    prefix=prefix, year=year, defaults={"last_number": number}
                )
        for year, number in ids.repair_numbers.items():
            if before_repairs.get(year) != number:
                RepairSequence.objects.update_or_create(year=year, defaults={"last_number": number})
        writer.reset_sequences()
        checksum = writer.checksum()
        AuditEvent.objects.create(
            action=AuditAction.CREATE,
            object_type=CHUNK_TYPE,
            object_id=f"{run_key(seed=landlord.seed, homes=landlord.homes, today=landlord.today)}"
            f":{index}",
            object_label=f"homes {first + 1} to {last}",
            changes={"checksum": checksum, "counts": writer.counts},
            source=SOURCE,
        )
    return checksum, writer.counts


def generate(
    *,
    seed: int,
    homes: int,
    today: dt.date,
    force: bool = False,
    progress: Callable[[str], None] = lambda line: None,
) -> Result:
    if homes < 1:
        raise ScaleError("--homes must be at least 1.")
    connection = connections["default"]
    if connection.vendor not in ("postgresql", "sqlite"):
        raise ScaleError(f"generate_scale does not support the {connection.vendor} database.")
    started = time.monotonic()
    key = run_key(seed=seed, homes=homes, today=today)
    resume = check_can_generate(seed=seed, homes=homes, today=today, force=force)
    if resume:
        marker = _existing_landlord()
        assert marker is not None
        bases = Bases(**marker.changes["bases"])
        setup_checksum = marker.changes["checksum"]
        taken = {k: set(v) for k, v in marker.changes.get("taken_names", {}).items()}
        landlord = plan_landlord(
            seed=seed, homes=homes, today=today, bases=bases, taken_names=taken
        )
        progress(f"Resuming {key}: the organisation is loaded.")
    else:
        with transaction.atomic():
            _advance_sequences_past_existing()
            bases = _bases()
            taken = _taken_names()
            landlord = plan_landlord(
                seed=seed,
                homes=homes,
                today=today,
                bases=bases,
                taken_names={k: set(v) for k, v in taken.items()},
            )
            writer = Writer(connection)
            _write_organisation(landlord, writer)
            writer.reset_sequences()
            setup_checksum = writer.checksum()
            AuditEvent.objects.create(
                action=AuditAction.CREATE,
                object_type=LANDLORD_TYPE,
                object_id=key,
                object_label=f"Synthetic landlord of {homes:,} homes",
                changes={
                    "bases": dataclasses.asdict(bases),
                    "checksum": setup_checksum,
                    "taken_names": {k: sorted(v) for k, v in taken.items()},
                },
                source=SOURCE,
            )
        progress(
            f"Organisation: {len(landlord.offices)} offices, {len(landlord.teams)} teams, "
            f"{len(landlord.staff)} staff, {len(landlord.estates)} estates."
        )
    done = {
        event.object_id.rsplit(":", 1)[1]: event.changes
        for event in AuditEvent.objects.filter(
            object_type=CHUNK_TYPE, object_id__startswith=f"{key}:"
        )
    }
    chunk_count = (homes + CHUNK_HOMES - 1) // CHUNK_HOMES
    drop = connection.vendor == "postgresql" and chunk_count - len(done) >= DROP_INDEXES_FROM_CHUNKS
    if drop:
        _drop_indexes(key, progress)
    checksums = [setup_checksum]
    counts: dict[str, int] = {}
    loaded = skipped = 0
    for index in range(chunk_count):
        if str(index) in done:
            checksum, chunk_counts = done[str(index)]["checksum"], done[str(index)]["counts"]
            skipped += 1
        else:
            chunk_started = time.monotonic()
            checksum, chunk_counts = _load_chunk(landlord, index)
            loaded += 1
            rows = sum(chunk_counts.values())
            seconds = time.monotonic() - chunk_started
            progress(
                f"Chunk {index + 1}/{chunk_count}: {rows:,} rows in {seconds:.1f} s "
                f"({rows / max(seconds, 0.001):,.0f} rows/s)"
            )
        checksums.append(checksum)
        for table, count in chunk_counts.items():
            counts[table] = counts.get(table, 0) + count
    if connection.vendor == "postgresql":
        _restore_indexes(key, progress)
    if connection.vendor == "postgresql" and loaded:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    final = hashlib.sha256("".join(checksums).encode()).hexdigest()
    return Result(
        checksum=final,
        counts=counts,
        chunks_loaded=loaded,
        chunks_skipped=skipped,
        seconds=time.monotonic() - started,
        landlord=landlord,
    )
