"""Reads for the Imports page (managers only; the views check)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from doorstep.imports.models import ImportProblem, ImportRun


def runs() -> QuerySet[ImportRun]:
    """The history of uploads, newest first, with who uploaded and imported them."""
    return ImportRun.objects.select_related("uploaded_by", "imported_by").order_by(
        "-created_at", "-id"
    )


def run_get(*, pk: int) -> ImportRun:
    return get_object_or_404(runs(), pk=pk)


def problems_of(run: ImportRun) -> QuerySet[ImportProblem]:
    return ImportProblem.objects.filter(run=run).order_by("id")
