"""The retention run of DOMAIN.md §12 (`apply_retention [--dry-run]`).

Rules (docs/data-protection.md explains them for the DPO):
- A closed case is **anonymised** once `RETENTION_CLOSED_CASE_YEARS` (default 6) whole years
  have passed since it closed: on the anniversary of closure, not the day before. Safeguarding
  and domestic abuse cases wait `RETENTION_SAFEGUARDING_YEARS` (default 15). Open cases are
  never touched. The case row stays (type, dates, status, outcome, team: the statistics), so
  references and counts still add up.
- Anonymising a case, found generically from the models that point at it so a new case-type
  app is covered without changing this module:
  * its summary is replaced; links to other cases are removed;
  * its parties are unlinked (the CaseParty rows are deleted);
  * rows owned by the case (a required foreign key to it) that name a person in a required
    field are deleted (incident reports, victim and DASH risk assessments); a person in an
    optional field is unlinked (a fly-tipping perpetrator);
  * the free text of the other owned rows (every text field, and every free-text field of
    100 characters or more) is replaced: notes and the timeline, actions, costs' notes,
    complaint stages, clutter ratings ...;
  * owned rows holding a file (photos) are deleted, and the file removed from storage;
  * records in their own right that only point at the case (contacts, support referrals,
    meetings, welfare calls, repairs, safeguarding referrals) are unlinked from it and kept
    under their own rules.
- Safeguarding referrals are deleted `RETENTION_SAFEGUARDING_YEARS` after the concern was
  recorded, unless linked to a case still open or still inside its own retention.
- Draft safeguarding referrals (`safeguarding.ReferralDraft`) untouched for 30 days are
  deleted: a draft is personal data nobody but its author has seen.
- Form submission keys (`core.FormSubmission`) older than a day are deleted; job applicants
  past their retention are purged (the `purge_candidates` rule).
The run is idempotent: an anonymised case is logged in `AnonymisedCase` and skipped after.
Each batch of cases is one transaction; every anonymised case and deleted referral writes an
audit row holding counts only (never the text it removed).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from doorstep.core.models import AuditAction, AuditEvent, FormSubmission
from doorstep.dataprotection.deadlines import add_calendar_months
from doorstep.dataprotection.sar import reverse_relations

REMOVED = "Removed under the retention policy."
BATCH_SIZE = 100
LONG_RETENTION_TYPES = frozenset({"safeguarding", "domestic_abuse"})
FREE_TEXT_MIN_LENGTH = 100


def cutoff(today: dt.date, years: int) -> dt.date:
    """Cases closed on or before this date have passed `years` years of retention."""
    return add_calendar_months(today, -12 * years)


@dataclass
class RetentionReport:
    today: dt.date
    dry_run: bool
    case_cutoff: dt.date
    safeguarding_cutoff: dt.date
    cases: list[tuple[str, str, dt.date]] = field(default_factory=list)  # ref, type, closed
    changes: Counter[str] = field(default_factory=Counter)
    referrals: list[str] = field(default_factory=list)
    form_submissions: int = 0
    referral_drafts: int = 0
    candidates: int = 0
    vacancies: int = 0

    def lines(self) -> list[str]:
        verb = "would" if self.dry_run else "did"
        by_type = Counter(case_type for _ref, case_type, _closed in self.cases)
        state = "dry run: nothing changed" if self.dry_run else "applied"
        out = [
            f"retention run on {self.today.isoformat()} ({state})",
            f"cases closed on or before {self.case_cutoff.isoformat()} "
            f"({settings.RETENTION_CLOSED_CASE_YEARS} years); safeguarding and domestic abuse "
            f"on or before {self.safeguarding_cutoff.isoformat()} "
            f"({settings.RETENTION_SAFEGUARDING_YEARS} years)",
            f"{verb} anonymise {len(self.cases)} case{'s' if len(self.cases) != 1 else ''}",
        ]
        for case_type, count in sorted(by_type.items()):
            out.append(f"  {case_type}: {count}")
        for reference, _case_type, closed_on in self.cases:
            out.append(f"  {reference} (closed {closed_on.isoformat()})")
        for what, count in sorted(self.changes.items()):
            out.append(f"  {what}: {count}")
        out.append(f"{verb} delete {len(self.referrals)} safeguarding referral(s)")
        for reference in self.referrals:
            out.append(f"  {reference}")
        out.append(
            f"{verb} delete {self.referral_drafts} draft safeguarding referral(s) untouched for "
            "30 days"
        )
        out.append(f"{verb} delete {self.form_submissions} form submission key(s) over a day old")
        out.append(
            f"{verb} delete {self.candidates} job applicant(s) of {self.vacancies} vacanc"
            f"{'y' if self.vacancies == 1 else 'ies'} (purge_candidates)"
        )
        return out


def cases_due(today: dt.date) -> models.QuerySet[Any]:
    """Closed cases past retention that have not been anonymised, oldest first."""
    from doorstep.cases.models import Case, CaseStatus
    from doorstep.dataprotection.models import AnonymisedCase

    normal = cutoff(today, settings.RETENTION_CLOSED_CASE_YEARS)
    long = cutoff(today, settings.RETENTION_SAFEGUARDING_YEARS)
    due = models.Q(closed_on__lte=normal) & ~models.Q(case_type__in=LONG_RETENTION_TYPES)
    due |= models.Q(closed_on__lte=long, case_type__in=LONG_RETENTION_TYPES)
    done = AnonymisedCase.objects.values("case_id")
    return (
        Case.objects.filter(status=CaseStatus.CLOSED, closed_on__isnull=False)
        .filter(due)
        .exclude(pk__in=done)
        .order_by("closed_on", "pk")
    )


def referrals_due(today: dt.date) -> models.QuerySet[Any]:
    from doorstep.cases.models import CaseStatus
    from doorstep.safeguarding.models import SafeguardingReferral

    long = cutoff(today, settings.RETENTION_SAFEGUARDING_YEARS)
    kept_by_case = models.Q(case__isnull=False) & (
        ~models.Q(case__status=CaseStatus.CLOSED) | models.Q(case__closed_on__gt=long)
    )
    return (
        SafeguardingReferral.objects.filter(concern_recorded_at__date__lte=long)
        .exclude(kept_by_case)
        .order_by("concern_recorded_at", "pk")
    )


def _person_model() -> type[models.Model]:
    from doorstep.people.models import Person

    return Person


def _free_text_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    fields: list[models.Field[Any, Any]] = []
    for f in model._meta.concrete_fields:
        if f.choices or f.primary_key:
            continue
        if isinstance(f, models.TextField) or (
            isinstance(f, models.CharField)
            and (f.max_length or 0) >= FREE_TEXT_MIN_LENGTH
            and not f.unique
        ):
            fields.append(f)
    return fields


def anonymise_case(case: Any, *, dry_run: bool) -> Counter[str]:
    """Anonymise one closed case (the rules above). Counts what changed, by kind; with
    `dry_run` counts what would change and writes nothing. Call inside a transaction."""
    from doorstep.cases.models import Case
    from doorstep.dataprotection.models import AnonymisedCase

    person = _person_model()
    counts: Counter[str] = Counter()
    counts["case summaries replaced"] += 1
    linked = case.linked_cases.count()
    if linked:
        counts["links between cases removed"] += linked
    for rel in reverse_relations(Case):
        if rel.many_to_many or not (rel.one_to_many or rel.one_to_one):
            continue
        model = rel.related_model
        label = model._meta.label_lower
        if label.startswith("dataprotection."):
            continue
        rows = model._default_manager.filter(**{rel.field.name: case.pk})
        name = str(model._meta.verbose_name_plural)
        if rel.field.null:
            n = rows.count()
            if n:
                counts[f"{name} unlinked from the case"] += n
                if not dry_run:
                    rows.update(**{rel.field.name: None})
            continue
        required_person = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.ForeignKey) and f.related_model is person and not f.null
        ]
        optional_person = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.ForeignKey) and f.related_model is person and f.null
        ]
        file_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        if label == "cases.caseparty" or required_person or file_fields:
            items = list(rows)
            if not items:
                continue
            kind = (
                "parties unlinked"
                if label == "cases.caseparty"
                else f"{name} deleted (with their files)"
                if file_fields
                else f"{name} deleted"
            )
            counts[kind] += len(items)
            if not dry_run:
                for item in items:
                    for f in file_fields:
                        stored = getattr(item, f.attname)
                        if stored:
                            getattr(item, f.name).delete(save=False)
                rows.delete()
            continue
        text_fields = _free_text_fields(model)
        updates: dict[str, Any] = {f.name: None for f in optional_person}
        n = rows.count()
        if not n:
            continue
        if optional_person:
            counts[f"people unlinked from {name}"] += rows.filter(
                models.Q(
                    *[models.Q(**{f"{f.name}__isnull": False}) for f in optional_person],
                    _connector=models.Q.OR,
                )
            ).count()
        if text_fields:
            counts[f"{name}: text replaced"] += n
            for text_field in text_fields:
                if isinstance(text_field, models.CharField):
                    updates[text_field.name] = (
                        "" if text_field.blank else REMOVED[: text_field.max_length]
                    )
                else:
                    updates[text_field.name] = REMOVED
        if updates and not dry_run:
            rows.update(**updates)
    if not dry_run:
        case.linked_cases.clear()
        Case.objects.filter(pk=case.pk).update(summary=REMOVED[:300])
        AnonymisedCase.objects.create(
            case=case, reference=case.reference, closed_on=case.closed_on, counts=dict(counts)
        )
        AuditEvent.objects.create(
            actor=None,
            action=AuditAction.UPDATE,
            object_type="cases.case",
            object_id=str(case.pk),
            object_label=case.reference,
            changes={"anonymised under retention": [None, dict(counts)]},
            source="retention",
        )
    return counts


def retention_run(*, today: dt.date | None = None, dry_run: bool) -> RetentionReport:
    """Apply (or, with `dry_run`, report) every retention rule. Idempotent."""
    from doorstep.cases.models import Case
    from doorstep.recruitment.services import candidates_purge

    today = today or timezone.localdate()
    report = RetentionReport(
        today=today,
        dry_run=dry_run,
        case_cutoff=cutoff(today, settings.RETENTION_CLOSED_CASE_YEARS),
        safeguarding_cutoff=cutoff(today, settings.RETENTION_SAFEGUARDING_YEARS),
    )
    case_ids = list(cases_due(today).values_list("pk", flat=True))
    for start in range(0, len(case_ids), BATCH_SIZE):
        batch = case_ids[start : start + BATCH_SIZE]
        with transaction.atomic():
            for case in Case.objects.filter(pk__in=batch).order_by("closed_on", "pk"):
                report.changes.update(anonymise_case(case, dry_run=dry_run))
                report.cases.append((case.reference, case.case_type, case.closed_on or today))
            if dry_run:
                transaction.set_rollback(True)
    with transaction.atomic():
        for referral in referrals_due(today):
            report.referrals.append(referral.reference)
            if not dry_run:
                AuditEvent.objects.create(
                    actor=None,
                    action=AuditAction.DELETE,
                    object_type="safeguarding.safeguardingreferral",
                    object_id=str(referral.pk),
                    object_label=referral.reference,
                    changes={},
                    person_id=referral.person_id,
                    source="retention",
                )
                referral.delete()
    report.referral_drafts = referral_drafts_purge(dry_run=dry_run)
    old_keys = FormSubmission.objects.filter(created_at__lt=timezone.now() - dt.timedelta(days=1))
    report.form_submissions = old_keys.count()
    if not dry_run:
        old_keys.delete()
    purged = candidates_purge(today=today, dry_run=dry_run)
    report.candidates, report.vacancies = purged.candidates, purged.vacancies
    return report


def referral_drafts_purge(*, dry_run: bool) -> int:
    """Delete draft referrals untouched for DRAFT_RETENTION_DAYS; how many (would) go."""
    from doorstep.safeguarding.models import DRAFT_RETENTION_DAYS, ReferralDraft

    stale = ReferralDraft.objects.filter(
        updated_at__lt=timezone.now() - dt.timedelta(days=DRAFT_RETENTION_DAYS)
    )
    count = stale.count()
    if not dry_run:
        stale.delete()
    return count
