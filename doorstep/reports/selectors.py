"""Reads for the reports pages: the Tenant Satisfaction Measures with last year's beside them,
and the drill-down to the records a figure counted. A fixed number of queries whatever the
rows (the figures: four per year; a drill-down page: a count, the page, at most one audit
insert).

Restricted cases are counted like any other, but a reader who may not see one gets a stub
row — its reference and whom to ask, nothing more (DOMAIN.md §1) — and every restricted case a
reader does see is audited, as the case lists do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet, Value, When
from django.db.models import Case as DbCase

from doorstep.cases.permissions import annotate_visibility, visible_case_q, who_to_ask
from doorstep.cases.selectors import audit_restricted_views, place_of, rows_for
from doorstep.core.working_days import LONDON
from doorstep.reports import tsm

AUDIT_WHAT = "case counted in a Tenant Satisfaction Measure"


# --- the measures page -----------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureLine:
    measure: tsm.Measure
    previous: tsm.Measure
    counts_text: str
    change_text: str

    @property
    def code(self) -> str:
        return self.measure.code


@dataclass(frozen=True)
class TsmPage:
    report: tsm.TsmReport
    previous: tsm.TsmReport
    lines: list[MeasureLine]
    homes_change_text: str


def _signed(diff: Decimal, unit: str) -> str:
    return f"{abs(diff)}{unit}"


def change_text(
    current: Decimal | None, previous: Decimal | None, *, kind: str, previous_label: str
) -> str:
    """The change from last year in words (never colour alone)."""
    if current is None and previous is None:
        return f"No figure this year or in {previous_label}"
    if previous is None:
        return f"Not comparable: no figure in {previous_label}"
    if current is None:
        return "Not comparable: no figure this year"
    unit = " per 1,000 homes" if kind == "rate" else " percentage points"
    shown = f"{previous}" if kind == "rate" else f"{previous}%"
    diff = current - previous
    if diff == 0:
        return f"No change from {shown} in {previous_label}"
    direction = "Up" if diff > 0 else "Down"
    return f"{direction} {_signed(diff, unit)} from {shown} in {previous_label}"


def counts_text(measure: tsm.Measure) -> str:
    info = measure.info
    if info.kind == "rate":
        return (
            f"{measure.numerator:,} {info.counts} per {measure.denominator:,} relevant "
            f"home{'' if measure.denominator == 1 else 's'}"
        )
    return f"{measure.numerator:,} of {measure.denominator:,} {info.counts.split(' within')[0]}"


def tsm_page(*, year: tsm.ReportingYear) -> TsmPage:
    """The year's measures and the year before's: eight queries."""
    report = tsm.tsm_report(year=year)
    previous = tsm.tsm_report(year=year.previous)
    label = year.previous.label
    lines = [
        MeasureLine(
            measure=measure,
            previous=previous.measure(measure.code),
            counts_text=counts_text(measure),
            change_text=change_text(
                measure.value,
                previous.measure(measure.code).value,
                kind=measure.info.kind,
                previous_label=label,
            ),
        )
        for measure in report.measures
    ]
    homes_diff = report.relevant_homes - previous.relevant_homes
    if homes_diff == 0:
        homes_change = f"No change from {previous.relevant_homes:,} in {label}"
    else:
        direction = "Up" if homes_diff > 0 else "Down"
        homes_change = (
            f"{direction} {abs(homes_diff):,} from {previous.relevant_homes:,} in {label}"
        )
    return TsmPage(report=report, previous=previous, lines=lines, homes_change_text=homes_change)


# --- drill-down ------------------------------------------------------------------------------

DRILL_CODES = (*tsm.MEASURE_CODES, "relevant_homes")
RecordKind = Literal["homes", "cases", "repairs", "stages"]

COLUMNS: dict[str, list[str]] = {
    "homes": ["UPRN", "Address", "Tenure", "Added"],
    "cases": ["Case", "Opened", "Status", "Hate incident", "Place"],
    "repairs": ["Repair", "Priority", "Place", "Reported", "Target", "Completed", "Within target"],
    "stages": [
        "Complaint",
        "Stage",
        "Received",
        "Acknowledged",
        "Responded",
        "Respond by",
        "Extension",
        "Within the Code timescale",
    ],
}


@dataclass(frozen=True)
class Drill:
    """What a drill-down lists: `records` (a queryset to page, counted by the paginator) of
    `kind`."""

    code: str
    title: str
    kind: RecordKind
    description: str
    records: QuerySet[Any]
    columns: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RecordRow:
    reference: str
    url: str
    cells: list[str]
    # None: the reader may not see this restricted case; `ask` says whom to ask.
    visible: bool = True
    ask: str = ""
    met: bool | None = None

    @property
    def restricted_text(self) -> str:
        return f"Restricted case — ask {self.ask}"


def _moment(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    local = value.astimezone(LONDON)
    return f"{local.day} {local:%b %Y %H:%M}"


def _day(value: dt.date | None) -> str:
    return "" if value is None else f"{value.day} {value:%b %Y}"


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("Yes" if value else "No")


def drill(*, user: Any, year: tsm.ReportingYear, code: str) -> Drill | None:
    """The records behind one figure of `year` (None for an unknown code). The count is of the
    records listed: for a rate, those in the numerator; for a percentage, the denominator's,
    each marked whether it met the target."""
    if code not in DRILL_CODES:
        return None
    if code == "relevant_homes":
        homes = tsm.relevant_homes(year).order_by("postcode", "address_line_1", "id")
        return Drill(
            code=code,
            title=f"Relevant homes on 31 March {year.year + 1}",
            kind="homes",
            description=(
                "Homes of general needs, older persons, supported or shared ownership tenure "
                f"added on or before 31 March {year.year + 1}."
            ),
            records=homes,
            columns=COLUMNS["homes"],
        )
    measure_info = tsm.INFO[code]
    if measure_info.kind == "rate":
        description = f"The {measure_info.counts} in {year.label}, each counted once."
    else:
        description = (
            f"Every record in the denominator for {year.label}; the ones marked Yes are the "
            "numerator."
        )
    records = _measure_records(year, code)
    kind: RecordKind = measure_info.records
    if kind == "cases":
        ordered: QuerySet[Any] = annotate_visibility(
            records.select_related(
                "lead_officer", "team", "team__leader", "home", "block", "block__estate", "estate"
            ).order_by("opened_on", "reference"),
            user,
        ).annotate(
            hate=ExpressionWrapper(Q(asb_details__hate_incident=True), output_field=BooleanField())
        )
    elif kind == "repairs":
        ordered = records.select_related("home", "block", "block__estate", "estate").order_by(
            "completed_at", "reference"
        )
    else:
        ordered = _stages_with_visibility(
            records.select_related("case", "case__lead_officer", "case__team__leader"), user
        ).order_by("received_on" if measure_info.kind == "rate" else "responded_on", "id")
    return Drill(
        code=code,
        title=f"{code.replace('_', '(')}): {measure_info.title}",
        kind=kind,
        description=description,
        records=ordered,
        columns=COLUMNS[kind],
    )


def _measure_records(year: tsm.ReportingYear, code: str) -> QuerySet[Any]:
    """The records a drill-down lists, without computing the whole report."""
    if code == "NM01_1":
        return tsm.asb_cases(year)
    if code == "NM01_2":
        return tsm.asb_cases(year).filter(tsm.HATE_Q)
    if code == "RP02_1":
        return tsm.completed_repairs(year, tsm.NON_EMERGENCY)
    if code == "RP02_2":
        return tsm.completed_repairs(year, ("emergency",))
    stage = int(code[-1])
    if code.startswith("CH01"):
        return tsm.received_stages(year, stage)
    return tsm.responded_stages(year, stage)


def _stages_with_visibility(stages: QuerySet[Any], user: Any) -> QuerySet[Any]:
    q = visible_case_q(user, prefix="case__")
    if not q:
        return stages.annotate(can_see=Value(True, output_field=BooleanField()))
    return stages.annotate(
        can_see=DbCase(When(q, then=Value(True)), default=Value(False), output_field=BooleanField())
    )


def drill_rows(*, user: Any, drill: Drill, records: list[Any]) -> list[RecordRow]:
    """Rows for one page of a drill-down; restricted cases the reader may not see are stubs,
    the ones they may see are audited (one insert)."""
    if drill.kind == "homes":
        return [
            RecordRow(
                reference=home.uprn,
                url=home.get_absolute_url(),
                cells=[home.short_address, home.get_tenure_display(), _moment(home.created_at)],
            )
            for home in records
        ]
    if drill.kind == "repairs":
        return [
            RecordRow(
                reference=repair.reference,
                url=repair.get_absolute_url(),
                cells=[
                    repair.get_priority_display(),
                    repair.place,
                    _moment(repair.reported_at),
                    _moment(repair.target_at),
                    _moment(repair.completed_at),
                    _yes_no(repair.within_target),
                ],
                met=repair.within_target,
            )
            for repair in records
        ]
    if drill.kind == "cases":
        rows = []
        for case_row in rows_for(user=user, cases=records, what=AUDIT_WHAT):
            case = case_row.case
            if case is None:
                rows.append(
                    RecordRow(
                        reference=case_row.reference,
                        url="",
                        cells=[],
                        visible=False,
                        ask=case_row.ask,
                    )
                )
                continue
            rows.append(
                RecordRow(
                    reference=case.reference,
                    url=case.get_absolute_url(),
                    cells=[
                        _day(case.opened_on),
                        case.get_status_display(),
                        _yes_no(getattr(case, "hate", None)),
                        place_of(case),
                    ],
                )
            )
        return rows
    # complaint stages
    rows = []
    seen_restricted = []
    for stage in records:
        case = stage.case
        if not stage.can_see:
            rows.append(
                RecordRow(
                    reference=case.reference, url="", cells=[], visible=False, ask=who_to_ask(case)
                )
            )
            continue
        if case.restricted:
            seen_restricted.append(case)
        met = (
            None
            if stage.responded_on is None
            else (stage.respond_by is not None and stage.responded_on <= stage.respond_by)
        )
        rows.append(
            RecordRow(
                reference=case.reference,
                url=case.get_absolute_url(),
                cells=[
                    f"Stage {stage.stage}",
                    _day(stage.received_on),
                    _day(stage.acknowledged_on),
                    _day(stage.responded_on),
                    _day(stage.respond_by),
                    (
                        f"{stage.extension_working_days} working days"
                        if stage.extension_working_days
                        else "None"
                    ),
                    _yes_no(met),
                ],
                met=met,
            )
        )
    audit_restricted_views(user=user, cases=seen_restricted, what=AUDIT_WHAT)
    return rows
