"""The estate inspection checklist of DOMAIN.md §8 as first installed (by migration 0002);
from then on it is data a manager changes on the checklist page."""

from __future__ import annotations

from typing import Any

# (text, hint, what a failure usually needs: a FollowUp value)
CHECKLIST: tuple[tuple[str, str, str], ...] = (
    (
        "Communal areas clean",
        "Stairs, landings, lifts and entrances swept, no litter or graffiti.",
        "asb",
    ),
    (
        "Fire doors closed",
        "Self-closing doors shut fully and are not wedged or propped open.",
        "repair",
    ),
    ("Escape routes clear", "Nothing stored or dumped on stairs, landings or corridors.", "asb"),
    ("Lighting working", "Communal, stairwell and outside lights all working.", "repair"),
    (
        "No fly-tipping",
        "No dumped furniture, mattresses or rubbish anywhere on the estate.",
        "fly_tipping",
    ),
    (
        "Bin stores",
        "Clean, doors shut, bins not overflowing, no waste left outside.",
        "fly_tipping",
    ),
    ("Grounds", "Grass cut, paths clear and safe, fences and walls sound.", "repair"),
    ("Play area", "Equipment safe and undamaged, surface sound, gates closing.", "repair"),
    ("Signage", "Block names, fire safety and estate signs in place and readable.", "repair"),
)


# The priority a repair raised from a failed item usually has, where it is not routine: a fire
# door that will not close and dark stairs put residents at risk, so they are urgent.
URGENT_REPAIRS: frozenset[str] = frozenset({"Fire doors closed", "Lighting working"})


def repair_priority_for(text: str) -> str:
    return "urgent" if text in URGENT_REPAIRS else "routine"


def install_checklist(model: Any) -> int:
    """Install the default checklist into an empty checklist table; returns how many were
    added (none when the checklist already has items). `model` is ChecklistItem (or the
    migration's historical model)."""
    if model.objects.exists():
        return 0
    # Migration 0002's historical model predates the repair priority (0003 sets it there).
    has_priority = any(f.name == "repair_priority" for f in model._meta.get_fields())
    model.objects.bulk_create(
        model(
            text=text,
            hint=hint,
            follow_up=follow_up,
            order=order,
            **({"repair_priority": repair_priority_for(text)} if has_priority else {}),
        )
        for order, (text, hint, follow_up) in enumerate(CHECKLIST, start=1)
    )
    return len(CHECKLIST)
