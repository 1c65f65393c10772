"""Writes for estates, blocks and homes. Each is one transaction and writes its own audit row."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from doorstep.core.audit import record_change, snapshot
from doorstep.core.concurrency import lock_unchanged
from doorstep.core.models import AuditAction
from doorstep.core.validators import normalise_postcode, normalise_uprn
from doorstep.places.models import Block, Estate, EstateKind, Home, Patch, Tenure

HOME_FIELDS = frozenset(
    {
        "uprn",
        "address_line_1",
        "address_line_2",
        "town",
        "postcode",
        "estate",
        "block",
        "patch",
        "tenure",
        "bedrooms",
    }
)
ESTATE_FIELDS = frozenset({"name", "kind", "office", "patch", "inspection_frequency_days"})
BLOCK_FIELDS = frozenset({"name"})

DUPLICATE_UPRN = "A home with this UPRN already exists."


def _check_fields(fields: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")


def _clean_home(home: Home) -> None:
    """Normalise identifiers and check the rules a form, an import or the API must all obey."""
    errors: dict[str, str] = {}
    try:
        home.uprn = normalise_uprn(home.uprn)
    except ValidationError as exc:
        errors["uprn"] = exc.messages[0]
    try:
        home.postcode = normalise_postcode(home.postcode)
    except ValidationError as exc:
        errors["postcode"] = exc.messages[0]
    home.address_line_1 = (home.address_line_1 or "").strip()
    home.address_line_2 = (home.address_line_2 or "").strip()
    home.town = (home.town or "").strip()
    if not home.address_line_1:
        errors["address_line_1"] = "Enter the first line of the address."
    if not home.town:
        errors["town"] = "Enter the town."
    if home.tenure not in Tenure.values:
        errors["tenure"] = "Choose a tenure."
    if home.bedrooms is not None and not 0 <= home.bedrooms <= 15:
        errors["bedrooms"] = "Enter a number of bedrooms from 0 to 15."
    if home.block is not None and home.block.estate_id != home.estate_id:
        errors["block"] = "Choose a block on the estate you chose."
    if "uprn" not in errors:
        duplicates = Home.objects.filter(uprn=home.uprn)
        if home.pk:
            duplicates = duplicates.exclude(pk=home.pk)
        if duplicates.exists():
            errors["uprn"] = DUPLICATE_UPRN
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def home_create(*, actor: Any, source: str = "web", **fields: Any) -> Home:
    """Add a home. Its patch is the estate's unless `patch` is given (a loose home).

    Raises ValidationError (by field) for a bad or duplicate UPRN, a bad postcode, or a block
    on another estate.
    """
    _check_fields(fields, HOME_FIELDS)
    patch: Patch | None = fields.pop("patch", None)
    home = Home(**fields)
    home.patch = patch if patch is not None else home.estate.patch
    _clean_home(home)
    home.search_text = home.build_search_text()
    home.save()
    record_change(actor=actor, action=AuditAction.CREATE, instance=home, source=source)
    return home


@transaction.atomic
def home_update(
    *,
    actor: Any,
    home: Home,
    source: str = "web",
    expected_version: str | None = None,
    **fields: Any,
) -> Home:
    """Change a home's details. Giving `patch=None` (or moving estate without a patch) puts the
    home back on its estate's patch."""
    _check_fields(fields, HOME_FIELDS)
    home = lock_unchanged(home, expected_version)
    before = snapshot(home)
    old_estate_id = home.estate_id
    for name, value in fields.items():
        if name != "patch":
            setattr(home, name, value)
    if "patch" in fields:
        home.patch = fields["patch"] if fields["patch"] is not None else home.estate.patch
    elif home.estate_id != old_estate_id:
        home.patch = home.estate.patch
    _clean_home(home)
    home.search_text = home.build_search_text()
    home.save()
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=home, before=before, source=source
    )
    return home


def _clean_estate(estate: Estate) -> None:
    errors: dict[str, str] = {}
    estate.name = (estate.name or "").strip()
    if not estate.name:
        errors["name"] = "Enter the estate's name."
    elif Estate.objects.filter(name__iexact=estate.name).exclude(pk=estate.pk).exists():
        errors["name"] = "An estate or scheme with this name already exists."
    if estate.kind not in EstateKind.values:
        errors["kind"] = "Choose whether this is an estate or a kind of scheme."
    if estate.patch is not None and estate.patch.team.office_id != estate.office_id:
        errors["patch"] = "Choose a patch of a team in the estate's office."
    if not 1 <= (estate.inspection_frequency_days or 0) <= 365:
        errors["inspection_frequency_days"] = "Enter a number of days from 1 to 365."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def estate_create(*, actor: Any, source: str = "web", **fields: Any) -> Estate:
    """Add an estate or scheme to an office, optionally on a patch."""
    _check_fields(fields, ESTATE_FIELDS)
    estate = Estate(**fields)
    _clean_estate(estate)
    estate.save()
    record_change(actor=actor, action=AuditAction.CREATE, instance=estate, source=source)
    return estate


@transaction.atomic
def estate_update(
    *,
    actor: Any,
    estate: Estate,
    source: str = "web",
    expected_version: str | None = None,
    **fields: Any,
) -> Estate:
    """Change an estate. Moving it to another patch moves the homes that followed its patch;
    loose homes given their own patch stay where they are."""
    _check_fields(fields, ESTATE_FIELDS)
    estate = lock_unchanged(estate, expected_version)
    before = snapshot(estate)
    old_patch_id = estate.patch_id
    for name, value in fields.items():
        setattr(estate, name, value)
    _clean_estate(estate)
    estate.save()
    if estate.patch_id != old_patch_id:
        followers = Home.objects.filter(estate=estate)
        followers = (
            followers.filter(patch__isnull=True)
            if old_patch_id is None
            else followers.filter(patch_id=old_patch_id)
        )
        followers.update(patch_id=estate.patch_id)
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=estate, before=before, source=source
    )
    return estate


def _clean_block(block: Block) -> None:
    block.name = (block.name or "").strip()
    if not block.name:
        raise ValidationError({"name": "Enter the block's name."})
    duplicates = Block.objects.filter(estate_id=block.estate_id, name__iexact=block.name)
    if duplicates.exclude(pk=block.pk).exists():
        raise ValidationError({"name": "This estate already has a block with this name."})


@transaction.atomic
def block_create(*, actor: Any, estate: Estate, name: str, source: str = "web") -> Block:
    """Add a block to an estate or scheme."""
    block = Block(estate=estate, name=name)
    _clean_block(block)
    block.save()
    record_change(actor=actor, action=AuditAction.CREATE, instance=block, source=source)
    return block


@transaction.atomic
def block_update(
    *,
    actor: Any,
    block: Block,
    source: str = "web",
    expected_version: str | None = None,
    **fields: Any,
) -> Block:
    """Rename a block. A block never moves estate: its homes would be left on the old one."""
    _check_fields(fields, BLOCK_FIELDS)
    block = lock_unchanged(block, expected_version)
    before = snapshot(block)
    for name, value in fields.items():
        setattr(block, name, value)
    _clean_block(block)
    block.save()
    record_change(
        actor=actor, action=AuditAction.UPDATE, instance=block, before=before, source=source
    )
    return block
