"""`import_csv homes`: homes by UPRN, creating their estates and blocks when missing.

A new estate takes its office from the patch officer's team (the first row naming it with a
`patch_officer_email`), or the landlord's only office when there is exactly one. A home's patch
is its patch officer's first patch when one is given, otherwise its estate's patch.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from doorstep.accounts.models import User
from doorstep.core.models import AuditAction
from doorstep.imports.kinds.base import (
    AuditRows,
    BatchResult,
    ImportKind,
    apply_changes,
    chunked,
    touch,
)
from doorstep.imports.parsing import (
    Cells,
    Problem,
    code,
    count,
    parse_email,
    parse_postcode,
    parse_uprn,
    text,
)
from doorstep.places.models import Block, Estate, Home, Office, Patch, Tenure

MAX_BEDROOMS = 50
TENURE_CODES = code(Tenure)
# The fields an import may change on an existing home (bulk_update needs them named).
UPDATE_FIELDS = [
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "estate",
    "block",
    "patch",
    "tenure",
    "bedrooms",
    "search_text",
    "updated_at",
]


class HomeRow(NamedTuple):
    uprn: str
    address_line_1: str
    address_line_2: str
    town: str
    postcode: str
    estate: str
    block: str
    tenure: str
    bedrooms: int | None
    officer_email: str
    # Filled in by check_chunk: the patch of the row's patch officer, when one was given.
    patch_id: int | None = None


class EstateInfo(NamedTuple):
    id: int | None  # None until before_write creates it
    office_id: int
    patch_id: int | None


class OfficerInfo(NamedTuple):
    active: bool
    office_id: int | None  # the officer's team's office, else their patch's team's office
    patch_id: int | None  # the officer's first patch


class HomesKind(ImportKind[HomeRow, HomeRow]):
    name = "homes"
    reference_column = "uprn"
    columns = (
        "uprn",
        "address_line_1",
        "address_line_2",
        "town",
        "postcode",
        "estate",
        "block",
        "tenure",
        "bedrooms",
        "patch_officer_email",
    )
    required = ("uprn", "address_line_1", "town", "postcode", "estate", "tenure")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # Estates known so far: existing ones (with id) and ones this import will create.
        self.estates: dict[str, EstateInfo] = {}
        self.missing_estates: set[str] = set()
        self.officers: dict[str, OfficerInfo | None] = {}  # None: no such staff member
        self.pending_estates: dict[str, list[int]] = {}  # unknown estate -> rows naming it
        self.blocks_wanted: set[tuple[str, str]] = set()
        self.block_ids: dict[tuple[int, str], int] = {}
        self._only_office: int | None = None
        self._only_office_known = False

    def validate_row(self, cells: Cells) -> HomeRow:
        uprn = cells.required("uprn", parse_uprn)
        line_1 = cells.required("address_line_1", text(150))
        line_2 = cells.optional("address_line_2", text(150))
        town = cells.required("town", text(80))
        postcode = cells.required("postcode", parse_postcode)
        estate = cells.required("estate", text(100))
        block = cells.optional("block", text(100))
        tenure = cells.required("tenure", TENURE_CODES)
        bedrooms = cells.optional("bedrooms", count(MAX_BEDROOMS))
        email = cells.optional("patch_officer_email", parse_email)
        return HomeRow(
            uprn=uprn or "",
            address_line_1=line_1 or "",
            address_line_2=line_2 or "",
            town=town or "",
            postcode=postcode or "",
            estate=estate or "",
            block=block or "",
            tenure=tenure or "",
            bedrooms=bedrooms,
            officer_email=email or "",
        )

    # -- checking ------------------------------------------------------------------------

    def check_chunk(
        self, rows: Sequence[tuple[int, HomeRow]]
    ) -> tuple[list[Problem], list[HomeRow]]:
        self._load_estates({row.estate for _, row in rows if row.estate})
        self._load_officers({row.officer_email for _, row in rows if row.officer_email})
        problems: list[Problem] = []
        checked: list[HomeRow] = []
        for number, row in rows:
            officer: OfficerInfo | None = None
            if row.officer_email:
                officer = self.officers.get(row.officer_email)
                message = _officer_problem(officer)
                if message:
                    problems.append(Problem(number, "patch_officer_email", message))
                    continue
            if row.estate and row.estate not in self.estates:
                self._new_estate(number, row.estate, officer)
            if row.estate and row.block:
                self.blocks_wanted.add((row.estate, row.block))
            checked.append(row._replace(patch_id=officer.patch_id if officer else None))
        return problems, checked

    def finish_check(self) -> list[Problem]:
        return [
            Problem(
                number,
                "estate",
                f"unknown estate {name}; create it first or give patch_officer_email",
            )
            for name, numbers in self.pending_estates.items()
            for number in numbers
        ]

    def _load_estates(self, names: set[str]) -> None:
        unseen = names - self.estates.keys() - self.missing_estates
        if not unseen:
            return
        found = (
            Estate.objects.filter(name__in=unseen)
            .order_by()
            .values_list("name", "id", "office_id", "patch_id")
        )
        for name, estate_id, office_id, patch_id in found:
            self.estates[name] = EstateInfo(estate_id, office_id, patch_id)
        self.missing_estates |= unseen - self.estates.keys()

    def _load_officers(self, emails: set[str]) -> None:
        unseen = emails - self.officers.keys()
        if not unseen:
            return
        for email in unseen:
            self.officers[email] = None
        users = (
            User.objects.filter(email__in=unseen)
            .order_by()
            .values_list("id", "email", "is_active", "team__office_id")
        )
        by_id: dict[int, tuple[str, bool, int | None]] = {
            user_id: (email, active, office_id) for user_id, email, active, office_id in users
        }
        first_patch: dict[int, tuple[int, int]] = {}
        patches = (
            Patch.objects.filter(officer_id__in=by_id)
            .order_by("name", "id")
            .values_list("officer_id", "id", "team__office_id")
        )
        for officer_id, patch_id, patch_office_id in patches:
            if officer_id is not None:
                first_patch.setdefault(officer_id, (patch_id, patch_office_id))
        for user_id, (email, active, team_office_id) in by_id.items():
            patch = first_patch.get(user_id)
            self.officers[email] = OfficerInfo(
                active=active,
                office_id=team_office_id or (patch[1] if patch else None),
                patch_id=patch[0] if patch else None,
            )

    def _new_estate(self, number: int, name: str, officer: OfficerInfo | None) -> None:
        """Decide the office (and patch) of an estate this import creates."""
        if officer is not None and officer.office_id is not None:
            self.estates[name] = EstateInfo(None, officer.office_id, officer.patch_id)
            self.pending_estates.pop(name, None)
            return
        only_office = self._single_office()
        if only_office is not None:
            self.estates[name] = EstateInfo(None, only_office, None)
            return
        # A later row may still name this estate with a patch officer; decide at the end.
        self.pending_estates.setdefault(name, []).append(number)

    def _single_office(self) -> int | None:
        if not self._only_office_known:
            ids = list(Office.objects.order_by().values_list("id", flat=True)[:2])
            self._only_office = ids[0] if len(ids) == 1 else None
            self._only_office_known = True
        return self._only_office

    # -- writing -------------------------------------------------------------------------

    def before_write(self) -> None:
        audit = AuditRows(self.actor)
        new = [
            Estate(name=name, office_id=info.office_id, patch_id=info.patch_id)
            for name, info in self.estates.items()
            if info.id is None
        ]
        Estate.objects.bulk_create(new, batch_size=500)
        for estate in new:
            self.estates[estate.name] = EstateInfo(estate.pk, estate.office_id, estate.patch_id)
            audit.add(action=AuditAction.CREATE, instance=estate, label=estate.name)

        wanted_ids = {self._estate_id(estate) for estate, _ in self.blocks_wanted}
        for estate_ids in chunked(sorted(wanted_ids)):
            for block_id, estate_id, block_name in (
                Block.objects.filter(estate_id__in=estate_ids)
                .order_by()
                .values_list("id", "estate_id", "name")
            ):
                self.block_ids[(estate_id, block_name)] = block_id
        new_blocks = [
            Block(name=block, estate_id=self._estate_id(estate))
            for estate, block in sorted(self.blocks_wanted)
            if (self._estate_id(estate), block) not in self.block_ids
        ]
        Block.objects.bulk_create(new_blocks, batch_size=500)
        for block in new_blocks:
            self.block_ids[(block.estate_id, block.name)] = block.pk
            audit.add(action=AuditAction.CREATE, instance=block, label=block.name)
        audit.save()

    def _estate_id(self, name: str) -> int:
        estate_id = self.estates[name].id
        assert estate_id is not None  # before_write created every new estate
        return estate_id

    def write_batch(self, rows: Sequence[HomeRow]) -> BatchResult:
        existing = Home.objects.order_by().in_bulk([row.uprn for row in rows], field_name="uprn")
        result = BatchResult()
        audit = AuditRows(self.actor)
        created: list[Home] = []
        updated: list[tuple[Home, dict[str, list[Any]]]] = []
        for row in rows:
            home = existing.get(row.uprn)
            values = self._values(row, home)
            if home is None:
                home = Home(uprn=row.uprn, **values)
                home.search_text = home.build_search_text()
                created.append(home)
                continue
            changes = apply_changes(home, values)
            home.search_text = home.build_search_text()
            if changes:
                updated.append((home, changes))
            else:
                result.unchanged += 1
        Home.objects.bulk_create(created, batch_size=500)
        touch(home for home, _ in updated)
        Home.objects.bulk_update([home for home, _ in updated], UPDATE_FIELDS, batch_size=500)
        for home in created:
            audit.add(action=AuditAction.CREATE, instance=home, label=home.uprn)
        for home, changes in updated:
            audit.add(action=AuditAction.UPDATE, instance=home, label=home.uprn, changes=changes)
        audit.save()
        result.created = len(created)
        result.updated = len(updated)
        return result

    def _values(self, row: HomeRow, home: Home | None) -> dict[str, Any]:
        estate = self.estates[row.estate]
        estate_id = self._estate_id(row.estate)
        values: dict[str, Any] = {
            "address_line_1": row.address_line_1,
            "town": row.town,
            "postcode": row.postcode,
            "estate_id": estate_id,
            "tenure": row.tenure,
        }
        # An optional column left out of the file leaves that field alone on an existing home;
        # an empty cell clears it.
        if home is None or self.has("address_line_2"):
            values["address_line_2"] = row.address_line_2
        if home is None or self.has("block"):
            values["block_id"] = self.block_ids[(estate_id, row.block)] if row.block else None
        elif home.estate_id != estate_id:
            values["block_id"] = None  # the old block belongs to the old estate
        if home is None or self.has("bedrooms"):
            values["bedrooms"] = row.bedrooms
        if row.patch_id is not None:
            values["patch_id"] = row.patch_id
        elif home is None or self.has("patch_officer_email") or home.estate_id != estate_id:
            values["patch_id"] = estate.patch_id
        return values


def _officer_problem(officer: OfficerInfo | None) -> str:
    if officer is None:
        return "no staff member has this email address"
    if not officer.active:
        return "this staff member's account is not active"
    if officer.patch_id is None:
        return "this staff member has no patch"
    return ""
