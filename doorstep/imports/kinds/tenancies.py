"""`import_csv tenancies`: tenancies by reference, in homes and with people already imported.

`tenant_refs` lists the tenants; `member_refs` the other household members. Re-importing a
tenancy makes its tenants exactly those listed, and its members exactly those listed when the
file has a `member_refs` column (left out, the members are left alone).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from doorstep.core.models import AuditAction
from doorstep.imports.kinds.base import AuditRows, BatchResult, ImportKind, apply_changes, touch
from doorstep.imports.parsing import (
    Cells,
    Problem,
    code,
    parse_date,
    parse_uprn,
    reference,
    reference_list,
)
from doorstep.people.models import Person
from doorstep.places.models import Home, Tenure
from doorstep.tenancies.models import MemberRole, Tenancy, TenancyMember, TenancyType

TENANCY_TYPE_CODES = code(TenancyType)
UPDATE_FIELDS = ["home", "tenancy_type", "start_date", "end_date", "updated_at"]


class TenancyRow(NamedTuple):
    reference: str
    uprn: str
    tenancy_type: str
    start_date: dt.date | None  # None only on a row with problems, never written
    end_date: dt.date | None
    tenant_refs: tuple[str, ...]
    member_refs: tuple[str, ...]


class CheckedTenancy(NamedTuple):
    reference: str
    home_id: int
    tenancy_type: str
    start_date: dt.date
    end_date: dt.date | None
    tenant_ids: tuple[int, ...]
    member_ids: tuple[int, ...]


class TenanciesKind(ImportKind[TenancyRow, CheckedTenancy]):
    name = "tenancies"
    reference_column = "tenancy_ref"
    columns = (
        "tenancy_ref",
        "uprn",
        "tenancy_type",
        "start_date",
        "end_date",
        "tenant_refs",
        "member_refs",
    )
    required = ("tenancy_ref", "uprn", "tenancy_type", "start_date", "tenant_refs")

    def validate_row(self, cells: Cells) -> TenancyRow:
        ref = cells.required("tenancy_ref", reference(30))
        uprn = cells.required("uprn", parse_uprn)
        tenancy_type = cells.required("tenancy_type", TENANCY_TYPE_CODES)
        start = cells.required("start_date", parse_date)
        end = cells.optional("end_date", parse_date)
        tenants = cells.required("tenant_refs", reference_list(20))
        members = cells.optional("member_refs", reference_list(20)) or ()
        if start and end and end < start:
            cells.add("end_date", "the tenancy ends before its start_date")
        if tenants is not None and not tenants:
            cells.add("tenant_refs", "a value is required")
        for ref_in_both in [ref for ref in members if tenants and ref in tenants]:
            cells.add("member_refs", f"{ref_in_both} is also listed in tenant_refs")
        return TenancyRow(
            reference=ref or "",
            uprn=uprn or "",
            tenancy_type=tenancy_type or "",
            start_date=start,
            end_date=end,
            tenant_refs=tenants or (),
            member_refs=members,
        )

    def check_chunk(
        self, rows: Sequence[tuple[int, TenancyRow]]
    ) -> tuple[list[Problem], list[CheckedTenancy]]:
        homes = {
            uprn: (home_id, tenure)
            for uprn, home_id, tenure in Home.objects.filter(
                uprn__in={row.uprn for _, row in rows if row.uprn}
            )
            .order_by()
            .values_list("uprn", "id", "tenure")
        }
        refs = {ref for _, row in rows for ref in (*row.tenant_refs, *row.member_refs)}
        people = dict(
            Person.objects.filter(reference__in=refs).order_by().values_list("reference", "id")
        )
        problems: list[Problem] = []
        checked: list[CheckedTenancy] = []
        for number, row in rows:
            found = len(problems)
            home = homes.get(row.uprn)
            if home is None and row.uprn:
                problems.append(
                    Problem(number, "uprn", "no home has this UPRN; import homes first")
                )
            elif (
                home is not None
                and row.tenancy_type == TenancyType.LICENCE
                and home[1] != Tenure.TEMPORARY
            ):
                problems.append(
                    Problem(
                        number,
                        "tenancy_type",
                        f"a licence must be in a home with tenure {Tenure.TEMPORARY.value}; "
                        f"this home's tenure is {home[1]}",
                    )
                )
            for column, listed in (
                ("tenant_refs", row.tenant_refs),
                ("member_refs", row.member_refs),
            ):
                for ref in listed:
                    if ref not in people:
                        problems.append(
                            Problem(
                                number,
                                column,
                                f"no person has reference {ref}; import people first",
                            )
                        )
            if len(problems) > found or home is None or row.start_date is None:
                continue  # not written: the run has problems
            checked.append(
                CheckedTenancy(
                    reference=row.reference,
                    home_id=home[0],
                    tenancy_type=row.tenancy_type,
                    start_date=row.start_date,
                    end_date=row.end_date,
                    tenant_ids=tuple(people[ref] for ref in row.tenant_refs),
                    member_ids=tuple(people[ref] for ref in row.member_refs),
                )
            )
        return problems, checked

    def write_batch(self, rows: Sequence[CheckedTenancy]) -> BatchResult:
        existing = Tenancy.objects.order_by().in_bulk(
            [row.reference for row in rows], field_name="reference"
        )
        result = BatchResult()
        audit = AuditRows(self.actor)
        created: list[Tenancy] = []
        updated: list[tuple[Tenancy, dict[str, list[Any]]]] = []
        tenancies: list[tuple[Tenancy, CheckedTenancy]] = []
        unchanged: set[str] = set()
        for row in rows:
            tenancy = existing.get(row.reference)
            values: dict[str, Any] = {
                "home_id": row.home_id,
                "tenancy_type": row.tenancy_type,
                "start_date": row.start_date,
            }
            if tenancy is None or self.has("end_date"):
                values["end_date"] = row.end_date
            if tenancy is None:
                tenancy = Tenancy(reference=row.reference, **values)
                created.append(tenancy)
            else:
                changes = apply_changes(tenancy, values)
                if changes:
                    updated.append((tenancy, changes))
                else:
                    unchanged.add(row.reference)
            tenancies.append((tenancy, row))
        Tenancy.objects.bulk_create(created, batch_size=500)
        touch(tenancy for tenancy, _ in updated)
        Tenancy.objects.bulk_update(
            [tenancy for tenancy, _ in updated], UPDATE_FIELDS, batch_size=500
        )
        for tenancy in created:
            audit.add(action=AuditAction.CREATE, instance=tenancy, label=tenancy.reference)
        for tenancy, changes in updated:
            audit.add(
                action=AuditAction.UPDATE,
                instance=tenancy,
                label=tenancy.reference,
                changes=changes,
            )
        household_changed = self._sync_households(tenancies, audit)
        audit.save()
        result.created = len(created)
        result.updated = len(updated) + len(unchanged & household_changed)
        result.unchanged = len(unchanged - household_changed)
        return result

    def _sync_households(
        self, tenancies: list[tuple[Tenancy, CheckedTenancy]], audit: AuditRows
    ) -> set[str]:
        """Make each tenancy's tenants (and members, when given) those of its row.

        Returns the references of tenancies whose household changed.
        """
        current: dict[int, dict[int, TenancyMember]] = {}
        for member in TenancyMember.objects.filter(
            tenancy_id__in=[tenancy.pk for tenancy, _ in tenancies]
        ).order_by():
            current.setdefault(member.tenancy_id, {})[member.person_id] = member
        to_create: list[TenancyMember] = []
        to_update: list[TenancyMember] = []
        to_delete: list[TenancyMember] = []
        changed: set[str] = set()
        manage_members = self.has("member_refs")
        for tenancy, row in tenancies:
            wanted = {person_id: MemberRole.TENANT.value for person_id in row.tenant_ids}
            if manage_members:
                wanted.update({person_id: MemberRole.MEMBER.value for person_id in row.member_ids})
            held = current.get(tenancy.pk, {})
            for person_id, member in held.items():
                role = wanted.get(person_id)
                if role is None:
                    if member.role == MemberRole.TENANT or manage_members:
                        to_delete.append(member)
                        changed.add(tenancy.reference)
                elif role != member.role:
                    audit.add(
                        action=AuditAction.UPDATE,
                        instance=member,
                        label=tenancy.reference,
                        changes={"role": [member.role, role]},
                        person_id=person_id,
                    )
                    member.role = role
                    to_update.append(member)
                    changed.add(tenancy.reference)
            for person_id, role in wanted.items():
                if person_id not in held:
                    to_create.append(
                        TenancyMember(tenancy_id=tenancy.pk, person_id=person_id, role=role)
                    )
                    changed.add(tenancy.reference)
        references = {tenancy.pk: tenancy.reference for tenancy, _ in tenancies}
        for member in to_delete:
            audit.add(
                action=AuditAction.DELETE,
                instance=member,
                label=references[member.tenancy_id],
                person_id=member.person_id,
            )
        TenancyMember.objects.filter(pk__in=[member.pk for member in to_delete]).delete()
        TenancyMember.objects.bulk_update(to_update, ["role"], batch_size=500)
        TenancyMember.objects.bulk_create(to_create, batch_size=500)
        for member in to_create:
            audit.add(
                action=AuditAction.CREATE,
                instance=member,
                label=references[member.tenancy_id],
                person_id=member.person_id,
            )
        return changed
