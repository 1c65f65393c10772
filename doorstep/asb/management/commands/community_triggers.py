"""`community_triggers --on YYYY-MM-DD [--format json]` (CONTRACTS.md): people and places
meeting the ASB Case Review threshold on that date, across the whole landlord.

JSON: {"on": "YYYY-MM-DD", "people": [{"person_ref": "...", "reports": 3}],
"places": [{"place": "block or estate name", "reporters": 5}]}, people sorted by reference and
places by name. `reports` is the number of different ASB cases the person reported on in the
window (docs/decisions/0004-community-trigger-counting.md). Without --format json a readable
table. A missing or malformed date, or an unknown format, is an error with exit status 1.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from doorstep.asb import selectors, trigger

FORMATS = ("json", "table")
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Command(BaseCommand):
    help = "People and places meeting the ASB Case Review (Community Trigger) threshold on a date."

    def add_arguments(self, parser: CommandParser) -> None:
        # Checked in handle() rather than by argparse so every bad input exits with status 1.
        parser.add_argument("--on", metavar="YYYY-MM-DD", help="the date T of the rule")
        parser.add_argument("--format", default="table", help="json, or table (the default)")

    def handle(self, *args: Any, **options: Any) -> None:
        on = _parse_date(options.get("on"))
        output_format = (options.get("format") or "table").lower()
        if output_format not in FORMATS:
            raise CommandError(f"--format must be json or table, not {options['format']!r}.")
        found = selectors.triggers_on(on=on)
        if output_format == "json":
            self.stdout.write(json.dumps(as_json(found)))
        else:
            self.stdout.write(as_table(found))


def _parse_date(value: str | None) -> dt.date:
    if not value:
        raise CommandError("--on YYYY-MM-DD is required: the date to check.")
    try:
        if not DATE_RE.fullmatch(value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--on must be a real date as YYYY-MM-DD, not {value!r}.") from None


def as_json(found: selectors.Triggers) -> dict[str, Any]:
    return {
        "on": found.on.isoformat(),
        "people": [{"person_ref": p.reference, "reports": p.cases} for p in found.people],
        "places": [{"place": p.name, "reporters": p.reporters} for p in found.places],
    }


def as_table(found: selectors.Triggers) -> str:
    start, end = trigger.window(found.on)
    lines = [
        f"ASB Case Review threshold on {end:%Y-%m-%d} "
        f"(reports after {start:%Y-%m-%d} up to and including {end:%Y-%m-%d})",
        "",
        f"People ({trigger.PERSON_THRESHOLD} or more different ASB cases reported): "
        f"{len(found.people)}",
    ]
    if found.people:
        lines.append(f"  {'person_ref':<20} {'cases':>5}")
        lines += [f"  {p.reference:<20} {p.cases:>5}" for p in found.people]
    lines += [
        "",
        f"Places ({trigger.PLACE_THRESHOLD} or more different people reporting): "
        f"{len(found.places)}",
    ]
    if found.places:
        width = max(20, *(len(_place_label(p)) for p in found.places))
        lines.append(f"  {'place':<{width}} {'reporters':>9}")
        lines += [f"  {_place_label(p):<{width}} {p.reporters:>9}" for p in found.places]
    return "\n".join(lines)


def _place_label(place: selectors.PlaceTrigger) -> str:
    if place.kind == "block":
        return f"{place.name} (block, {place.estate_name})"
    return f"{place.name} (estate)"
