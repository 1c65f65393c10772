"""Subject access export (UK GDPR art. 15): everything held about one person, in one archive.

A **registry** of sections. Each app's records about a person come from a `SarSection`
registered once at start-up (see `sar_sections.register_all`, called from this app's
`AppConfig.ready()`); a later app adds its own in its `AppConfig.ready()`:

    from doorstep.dataprotection.sar import SarSection, register_section
    register_section(SarSection(
        name="repairs", title="Repairs", collect=repairs_for_sar,
        covers=("repairs.repair",),
    ))

`collect(person)` returns a list of JSON-ready dicts (use `record()` to turn a model instance
into one: it applies the third-party rule below). `covers` names the models (`app.model`,
lower case) holding a foreign key to Person that the section reports, so a test can prove no
such model is left out of the export.

**Third parties** (the rule, also printed in the summary): the export is about the subject.
- A foreign key to another person is replaced by "[another person]" (their reference too).
- A record *about* another person (its `person` or `victim` field names them: their risk
  assessment, their safeguarding referral, a contact they made) is withheld from a case the
  subject is a party to; the summary counts what was withheld, by kind.
- The names of other people the record knows (the other parties of a case, the other members
  of a household) are replaced by "[another person]" wherever they appear in free text.
- Staff are named (they act in a professional capacity); agencies are named.
Free text can still name people the system does not know are in it; the DPO reads the
summary before release (the summary says so).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from doorstep.core.audit import _plain

OTHER_PERSON = "[another person]"
# A person foreign key with one of these names says whose record it is: a record about
# someone else is withheld, not just redacted.
ABOUT_FIELDS = frozenset({"person", "victim"})
# Search keys and secrets: never part of an export.
SKIP_FIELDS = frozenset({"search_text", "name_key", "password"})

STYLESHEET = Path(__file__).resolve().parent / "pdf" / "sar.css"


@dataclass(frozen=True)
class SarSection:
    name: str  # the JSON key and file name, e.g. "contacts"
    title: str  # the heading in the summary
    collect: Callable[[Any], list[dict[str, Any]]]
    covers: tuple[str, ...] = ()  # model labels (lower case) with a person FK it reports
    order: int = 100


_sections: dict[str, SarSection] = {}


def register_section(section: SarSection) -> None:
    _sections[section.name] = section


def sections() -> list[SarSection]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.name))


# --- turning records into dicts --------------------------------------------------------------


@dataclass
class Redactor:
    """Knows the subject and the names of the other people in view, and redacts them."""

    subject_id: int
    names: set[str] = field(default_factory=set)
    withheld: dict[str, int] = field(default_factory=dict)

    def add_people(self, people: Iterable[Any]) -> None:
        for other in people:
            if other.pk == self.subject_id:
                continue
            for name in (
                f"{other.first_name} {other.last_name}",
                f"{getattr(other, 'preferred_name', '')} {other.last_name}".strip(),
                other.first_name,
                other.last_name,
                getattr(other, "preferred_name", ""),
                other.reference,
            ):
                if name and len(name) >= 3:
                    self.names.add(name)

    def text(self, value: str) -> str:
        if not self.names or not value:
            return value
        pattern = "|".join(re.escape(n) for n in sorted(self.names, key=len, reverse=True))
        return re.sub(rf"\b(?:{pattern})\b", OTHER_PERSON, value, flags=re.IGNORECASE)

    def withhold(self, label: str) -> None:
        self.withheld[label] = self.withheld.get(label, 0) + 1


def _person_model() -> type[models.Model]:
    from doorstep.people.models import Person

    return Person


def _user_model() -> type[models.Model]:
    from django.contrib.auth import get_user_model

    return get_user_model()


def reverse_relations(model: type[models.Model]) -> list[Any]:
    """Every relation pointing at `model`, hidden ones (`related_name="+"`) included, but not
    the tables Django makes for a many-to-many field (their rows are the field's values)."""
    return [
        f
        for f in model._meta.get_fields(include_hidden=True)
        if isinstance(f, models.ForeignObjectRel) and not f.related_model._meta.auto_created
    ]


def person_fields(model: type[models.Model]) -> list[models.ForeignKey[Any, Any]]:
    person = _person_model()
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.ForeignKey) and f.related_model is person
    ]


def is_about_someone_else(instance: models.Model, subject_id: int) -> bool:
    for f in person_fields(type(instance)):
        value = getattr(instance, f.attname)
        if f.name in ABOUT_FIELDS and value is not None and value != subject_id:
            return True
    return False


def record(
    instance: models.Model,
    *,
    redactor: Redactor,
    staff: dict[int, str] | None = None,
    exclude: Iterable[str] = (),
) -> dict[str, Any]:
    """One record as a JSON-ready dict: its label, then every concrete field by name, with the
    third-party rule applied (see the module docstring)."""
    person = _person_model()
    user = _user_model()
    skip = SKIP_FIELDS | set(exclude)
    out: dict[str, Any] = {"record": instance._meta.verbose_name, "id": instance.pk}
    for f in instance._meta.concrete_fields:
        if f.name in skip or f.primary_key:
            continue
        value = getattr(instance, f.attname)
        if isinstance(f, models.ForeignKey) and f.related_model is person:
            if value is None:
                out[f.name] = None
            else:
                out[f.name] = "the subject" if value == redactor.subject_id else OTHER_PERSON
            continue
        if isinstance(f, models.ForeignKey) and f.related_model is user and value is not None:
            out[f.name] = (staff or {}).get(value, f"staff #{value}")
            continue
        if getattr(f, "choices", None) and value not in (None, ""):
            display = dict(f.flatchoices).get(value, value)
            out[f.name] = str(display)
            continue
        plain = _plain(value)
        out[f.name] = redactor.text(plain) if isinstance(plain, str) else plain
    return out


def owned_children(
    instance: models.Model, *, redactor: Redactor, staff: dict[int, str], skip: Iterable[str] = ()
) -> dict[str, list[dict[str, Any]]]:
    """Rows hanging off `instance` by a required foreign key (its attempts, reviews, jobs...),
    found generically so a new child model is exported without changing this module. Rows about
    someone else are withheld and counted."""
    children: dict[str, list[dict[str, Any]]] = {}
    skipped = set(skip)
    for rel in reverse_relations(type(instance)):
        if not (rel.one_to_many or rel.one_to_one) or rel.field.null:
            continue
        model = rel.related_model
        label = model._meta.label_lower
        if label in skipped or label.startswith("dataprotection.") or model is _person_model():
            continue
        rows = list(model._default_manager.filter(**{rel.field.name: instance.pk}))
        kept = []
        for row in rows:
            if is_about_someone_else(row, redactor.subject_id):
                redactor.withhold(str(model._meta.verbose_name_plural))
                continue
            kept.append(record(row, redactor=redactor, staff=staff, exclude=[rel.field.name]))
        if kept:
            children[str(model._meta.verbose_name_plural)] = kept
    return children


def staff_names() -> dict[int, str]:
    return {
        pk: name or email
        for pk, name, email in _user_model()._default_manager.values_list(
            "pk", "full_name", "email"
        )
    }


# --- the export ------------------------------------------------------------------------------


@dataclass
class SarExport:
    person_reference: str
    generated_at: dt.datetime
    sections: dict[str, list[dict[str, Any]]]
    titles: dict[str, str]
    withheld: dict[str, int]

    def as_json(self) -> dict[str, Any]:
        return {
            "person_reference": self.person_reference,
            "generated_at": self.generated_at.isoformat(),
            "third_party_rule": THIRD_PARTY_NOTE,
            "withheld_about_other_people": self.withheld,
            "sections": self.sections,
        }


THIRD_PARTY_NOTE = (
    "Other people's personal data has been redacted: other people named in a record are shown "
    "as '[another person]', and records about another person (their risk assessment, their "
    "referral, a contact they made) are withheld and counted below. Staff and agencies are "
    "named. Free text may still name someone the system does not know about: the data "
    "protection officer reads this export before it is released."
)


def build_export(person: Any, *, now: dt.datetime | None = None) -> SarExport:
    """Collect every registered section for `person`. Read-only; the caller audits."""
    collected: dict[str, list[dict[str, Any]]] = {}
    titles: dict[str, str] = {}
    withheld: dict[str, int] = {}
    for section in sections():
        rows = section.collect(person)
        collected[section.name] = rows
        titles[section.name] = section.title
        for row in rows:
            for label, count in row.pop("_withheld", {}).items():
                withheld[label] = withheld.get(label, 0) + count
    return SarExport(
        person_reference=person.reference,
        generated_at=now or timezone.now(),
        sections=collected,
        titles=titles,
        withheld=withheld,
    )


def _html(value: Any) -> str:
    """A JSON value as escaped HTML: a dict as a table, a list one item per line."""
    if isinstance(value, dict):
        rows = "".join(
            f'<tr><th scope="row">{escape(str(key).replace("_", " "))}</th>'
            f"<td>{_html(item)}</td></tr>"
            for key, item in value.items()
        )
        return f"<table>{rows}</table>"
    if isinstance(value, list):
        return "".join(f"<div>{_html(item)}</div>" for item in value) or "none"
    if value is None or value == "":
        return "—"
    if value is True or value is False:
        return "yes" if value else "no"
    return escape(str(value))


def summary_html(export: SarExport, *, landlord: str) -> str:
    return render_to_string(
        "dataprotection/sar_summary.html",
        {
            "export": export,
            "landlord": landlord,
            "sections": [
                (name, export.titles[name], [mark_safe(_html(row)) for row in rows])  # noqa: S308
                for name, rows in export.sections.items()
            ],
            "note": THIRD_PARTY_NOTE,
        },
    )


def summary_pdf(html: str) -> bytes:
    import weasyprint  # imported here: it loads Pango, which only exports need

    pdf: bytes = weasyprint.HTML(string=html).write_pdf(
        stylesheets=[weasyprint.CSS(filename=str(STYLESHEET))]
    )
    return pdf


def export_zip_bytes(export: SarExport, *, landlord: str, with_pdf: bool = True) -> bytes:
    """The archive: `summary.html`, `summary.pdf`, `data.json` (everything) and one
    `sections/<name>.json` per section (an empty list when the app holds nothing)."""
    buffer = io.BytesIO()
    html = summary_html(export, landlord=landlord)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("summary.html", html)
        if with_pdf:
            archive.writestr("summary.pdf", summary_pdf(html))
        archive.writestr("data.json", json.dumps(export.as_json(), indent=2, ensure_ascii=False))
        for name, rows in export.sections.items():
            archive.writestr(
                f"sections/{name}.json", json.dumps(rows, indent=2, ensure_ascii=False)
            )
    return buffer.getvalue()
