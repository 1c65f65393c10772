"""find_duplicates: recompute the possible duplicate people (doorstep/duplicates/matching.py)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from doorstep.duplicates.services import candidates_refresh


class Command(BaseCommand):
    help = "Recompute the list of possible duplicate people for review."

    def handle(self, *args: Any, **options: Any) -> None:
        found = candidates_refresh()
        self.stdout.write(f"found {found} possible duplicate pair{'' if found == 1 else 's'}")
