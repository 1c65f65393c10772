"""Tenant Satisfaction Measures (DOMAIN.md §11) as aggregate queries.

`tsm_report(year=Y)` gives the figures for reporting year Y (1 April Y to 31 March Y+1,
Europe/London) in four aggregate queries whatever the size of the landlord — one each on homes,
cases, repairs and complaint stages; no Python loop over rows. Each `Measure` also carries the
querysets of the records counted in its numerator and denominator (lazy: nothing runs until a
drill-down page reads one), so the page lists exactly what the figure counted.

The choices (see docs/reports.md):

- **Relevant homes**: tenure `general_needs`, `older_persons`, `supported` or
  `shared_ownership`, whose record existed at the end of 31 March Y+1 (created before 1 April
  Y+1 00:00 London). Doorstep has no disposals: a home sold or demolished is deleted, so a home
  in the database and created by then is "existing". Temporary and leasehold homes never count.
- **NM01(1)** ASB cases (`asb`) with `opened_on` in the year, per 1,000 relevant homes;
  **NM01(2)** those whose ASB details carry the hate incident flag. Restricted cases count.
- **RP02(1)** urgent and routine repairs completed (status completed) with `completed_at` in the
  year, the share stored `within_target` (completed at or before the target moment);
  **RP02(2)** the same for emergency repairs. Planned repairs are left out; cancelled repairs
  were never completed.
- **CH01(1)/(2)** complaint stages 1 / 2 with `received_on` in the year (a stage 2's is the date
  escalation was asked for), per 1,000 relevant homes.
- **CH02(1)/(2)** stages 1 / 2 with `responded_on` in the year, the share responded on or before
  `respond_by` — the response clock of `complaints/clocks.py` with the agreed extension,
  stored by the complaint services.

Rates are per 1,000 homes to 2 decimal places, percentages to 1 decimal place, halves rounded
up (`Decimal`, ROUND_HALF_UP — never float rounding); a zero denominator gives None (null).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from django.db.models import Count, F, Q, QuerySet

from doorstep.cases.models import Case, CaseType
from doorstep.complaints.models import ComplaintStage
from doorstep.core.working_days import LONDON
from doorstep.places.models import Home, Tenure
from doorstep.repairs.models import Priority, Repair, RepairStatus

RELEVANT_TENURES = (
    Tenure.GENERAL_NEEDS,
    Tenure.OLDER_PERSONS,
    Tenure.SUPPORTED,
    Tenure.SHARED_OWNERSHIP,
)
NON_EMERGENCY = (Priority.URGENT, Priority.ROUTINE)
# The years a report may be asked for: the TSMs began in 2023/24; older years are allowed for
# landlords who imported history, but not nonsense.
FIRST_YEAR = 2000
LAST_YEAR = 2099
YEAR_RE = re.compile(r"\d{4}")

Kind = Literal["rate", "percent"]
RecordKind = Literal["homes", "cases", "repairs", "stages"]
RATE_PLACES = Decimal("0.01")
PERCENT_PLACES = Decimal("0.1")


class BadYear(ValueError):
    """A reporting year that is not a four-digit year in range."""


@dataclass(frozen=True)
class ReportingYear:
    """Reporting year Y: 1 April Y to 31 March Y+1 (Europe/London)."""

    year: int

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 4, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.year + 1, 3, 31)

    @property
    def starts_at(self) -> dt.datetime:
        """1 April Y 00:00 London (inclusive)."""
        return dt.datetime(self.year, 4, 1, tzinfo=LONDON)

    @property
    def ends_at(self) -> dt.datetime:
        """1 April Y+1 00:00 London (exclusive): the year ends at the end of 31 March."""
        return dt.datetime(self.year + 1, 4, 1, tzinfo=LONDON)

    @property
    def label(self) -> str:
        """2025/26."""
        return f"{self.year}/{(self.year + 1) % 100:02d}"

    @property
    def previous(self) -> ReportingYear:
        return ReportingYear(self.year - 1)


def parse_year(value: Any) -> ReportingYear:
    """A reporting year from user input ("2025"), or BadYear saying what is wrong."""
    text = str(value if value is not None else "").strip()
    if not YEAR_RE.fullmatch(text):
        raise BadYear(
            f"The year must be the four-digit year the reporting year starts in, like 2025 "
            f"for 2025/26, not {text!r}."
        )
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise BadYear(f"The year must be between {FIRST_YEAR} and {LAST_YEAR}, not {year}.")
    return ReportingYear(year)


def year_containing(day: dt.date) -> ReportingYear:
    """The reporting year a date falls in (1 April to 31 March)."""
    return ReportingYear(day.year if day.month >= 4 else day.year - 1)


# --- rounding --------------------------------------------------------------------------------


def per_thousand(numerator: int, denominator: int) -> Decimal | None:
    """numerator per 1,000 of denominator, 2 dp, halves up; None when denominator is 0."""
    if not denominator:
        return None
    return (Decimal(numerator) * 1000 / Decimal(denominator)).quantize(
        RATE_PLACES, rounding=ROUND_HALF_UP
    )


def percentage(numerator: int, denominator: int) -> Decimal | None:
    """numerator as a percentage of denominator, 1 dp, halves up; None when denominator is 0."""
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(
        PERCENT_PLACES, rounding=ROUND_HALF_UP
    )


# --- the measures ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureInfo:
    code: str
    title: str
    kind: Kind
    counts: str  # what the numerator counts, e.g. "ASB cases opened"
    records: RecordKind


MEASURES: tuple[MeasureInfo, ...] = (
    MeasureInfo("NM01_1", "Anti-social behaviour cases per 1,000 homes", "rate",
                "ASB cases opened", "cases"),
    MeasureInfo("NM01_2", "Anti-social behaviour cases that involve hate incidents per 1,000 homes",
                "rate", "ASB cases with the hate incident flag opened", "cases"),
    MeasureInfo("RP02_1", "Non-emergency responsive repairs completed within target", "percent",
                "urgent and routine repairs completed within target", "repairs"),
    MeasureInfo("RP02_2", "Emergency responsive repairs completed within target", "percent",
                "emergency repairs completed within target", "repairs"),
    MeasureInfo("CH01_1", "Stage 1 complaints received per 1,000 homes", "rate",
                "stage 1 complaints received", "stages"),
    MeasureInfo("CH01_2", "Stage 2 complaints received per 1,000 homes", "rate",
                "stage 2 complaints received", "stages"),
    MeasureInfo("CH02_1", "Stage 1 complaints responded to within the Code timescales",
                "percent", "stage 1 complaints responded to within the Code timescale",
                "stages"),
    MeasureInfo("CH02_2", "Stage 2 complaints responded to within the Code timescales",
                "percent", "stage 2 complaints responded to within the Code timescale",
                "stages"),
)  # fmt: skip
MEASURE_CODES = tuple(m.code for m in MEASURES)
INFO = {m.code: m for m in MEASURES}


@dataclass(frozen=True)
class Measure:
    info: MeasureInfo
    numerator: int
    denominator: int
    value: Decimal | None
    # The records counted: for a rate, the numerator's (the denominator is the relevant homes);
    # for a percentage, the denominator's, with `numerator_records` the ones that met it.
    numerator_records: QuerySet[Any]
    denominator_records: QuerySet[Any]

    @property
    def code(self) -> str:
        return self.info.code

    @property
    def is_rate(self) -> bool:
        return self.info.kind == "rate"

    @property
    def value_text(self) -> str:
        if self.value is None:
            return "No figure (nothing to count)"
        return f"{self.value}" if self.is_rate else f"{self.value}%"


@dataclass(frozen=True)
class TsmReport:
    year: ReportingYear
    relevant_homes: int
    measures: tuple[Measure, ...]
    relevant_home_records: QuerySet[Home]

    def measure(self, code: str) -> Measure:
        return next(m for m in self.measures if m.code == code)

    def as_dict(self) -> dict[str, Any]:
        """The CONTRACTS.md object; values are Decimals (or None)."""
        out: dict[str, Any] = {"year": self.year.label, "relevant_homes": self.relevant_homes}
        for measure in self.measures:
            out[measure.code] = measure.value
        return out


def relevant_homes(year: ReportingYear) -> QuerySet[Home]:
    return Home.objects.filter(tenure__in=RELEVANT_TENURES, created_at__lt=year.ends_at)


def asb_cases(year: ReportingYear) -> QuerySet[Case]:
    return Case.objects.filter(
        case_type=CaseType.ASB, opened_on__gte=year.first_day, opened_on__lte=year.last_day
    )


HATE_Q = Q(asb_details__hate_incident=True)


def completed_repairs(year: ReportingYear, priorities: tuple[str, ...]) -> QuerySet[Repair]:
    return Repair.objects.filter(
        priority__in=priorities,
        status=RepairStatus.COMPLETED,
        completed_at__gte=year.starts_at,
        completed_at__lt=year.ends_at,
    )


def received_stages(year: ReportingYear, stage: int) -> QuerySet[ComplaintStage]:
    return ComplaintStage.objects.filter(
        stage=stage, received_on__gte=year.first_day, received_on__lte=year.last_day
    )


def responded_stages(year: ReportingYear, stage: int) -> QuerySet[ComplaintStage]:
    return ComplaintStage.objects.filter(
        stage=stage, responded_on__gte=year.first_day, responded_on__lte=year.last_day
    )


WITHIN_TARGET_Q = Q(within_target=True)
# respond_by is the response clock with the agreed extension (complaints/clocks.py); a
# response can only exist once acknowledged, so respond_by is set for every responded stage.
WITHIN_CODE_Q = Q(respond_by__isnull=False, responded_on__lte=F("respond_by"))


def tsm_report(*, year: ReportingYear) -> TsmReport:
    """The measures for `year`: four aggregate queries."""
    homes = relevant_homes(year)
    home_count = homes.count()

    cases = asb_cases(year)
    case_counts = cases.order_by().aggregate(all=Count("id"), hate=Count("id", filter=HATE_Q))

    emergency = Q(priority=Priority.EMERGENCY)
    non_emergency = Q(priority__in=NON_EMERGENCY)
    repairs = completed_repairs(year, (Priority.EMERGENCY, *NON_EMERGENCY))
    repair_counts = repairs.order_by().aggregate(
        ne_all=Count("id", filter=non_emergency),
        ne_within=Count("id", filter=non_emergency & WITHIN_TARGET_Q),
        em_all=Count("id", filter=emergency),
        em_within=Count("id", filter=emergency & WITHIN_TARGET_Q),
    )

    in_year = {"first": year.first_day, "last": year.last_day}
    received = Q(received_on__gte=in_year["first"], received_on__lte=in_year["last"])
    responded = Q(responded_on__gte=in_year["first"], responded_on__lte=in_year["last"])
    stage_counts = (
        ComplaintStage.objects.filter(received | responded)
        .order_by()
        .aggregate(
            received_1=Count("id", filter=received & Q(stage=1)),
            received_2=Count("id", filter=received & Q(stage=2)),
            responded_1=Count("id", filter=responded & Q(stage=1)),
            responded_2=Count("id", filter=responded & Q(stage=2)),
            within_1=Count("id", filter=responded & Q(stage=1) & WITHIN_CODE_Q),
            within_2=Count("id", filter=responded & Q(stage=2) & WITHIN_CODE_Q),
        )
    )

    def rate(code: str, count: int, records: QuerySet[Any]) -> Measure:
        return Measure(
            info=INFO[code],
            numerator=count,
            denominator=home_count,
            value=per_thousand(count, home_count),
            numerator_records=records,
            denominator_records=homes,
        )

    def share(code: str, met: int, out_of: int, records: QuerySet[Any], met_q: Q) -> Measure:
        return Measure(
            info=INFO[code],
            numerator=met,
            denominator=out_of,
            value=percentage(met, out_of),
            numerator_records=records.filter(met_q),
            denominator_records=records,
        )

    measures = (
        rate("NM01_1", case_counts["all"], cases),
        rate("NM01_2", case_counts["hate"], cases.filter(HATE_Q)),
        share(
            "RP02_1",
            repair_counts["ne_within"],
            repair_counts["ne_all"],
            completed_repairs(year, NON_EMERGENCY),
            WITHIN_TARGET_Q,
        ),
        share(
            "RP02_2",
            repair_counts["em_within"],
            repair_counts["em_all"],
            completed_repairs(year, (Priority.EMERGENCY,)),
            WITHIN_TARGET_Q,
        ),
        rate("CH01_1", stage_counts["received_1"], received_stages(year, 1)),
        rate("CH01_2", stage_counts["received_2"], received_stages(year, 2)),
        share(
            "CH02_1",
            stage_counts["within_1"],
            stage_counts["responded_1"],
            responded_stages(year, 1),
            WITHIN_CODE_Q,
        ),
        share(
            "CH02_2",
            stage_counts["within_2"],
            stage_counts["responded_2"],
            responded_stages(year, 2),
            WITHIN_CODE_Q,
        ),
    )
    return TsmReport(
        year=year, relevant_homes=home_count, measures=measures, relevant_home_records=homes
    )


# --- output (the tsm_report command and downloads) ------------------------------------------


def _number(value: Decimal | None) -> str:
    return "null" if value is None else str(value)


def as_json(report: TsmReport) -> str:
    """The CONTRACTS.md JSON object. Decimals are written as they are rounded (96.0 stays
    96.0, 3.20 stays 3.20) — a float conversion could not promise that."""
    import json

    data = report.as_dict()
    parts = [f"{json.dumps('year')}: {json.dumps(data['year'])}"]
    parts.append(f'"relevant_homes": {data["relevant_homes"]}')
    parts += [f"{json.dumps(code)}: {_number(data[code])}" for code in MEASURE_CODES]
    return "{" + ", ".join(parts) + "}"


def as_csv(report: TsmReport) -> str:
    """`measure,value` and one row per measure; a null is an empty cell."""
    lines = ["measure,value"]
    for measure in report.measures:
        lines.append(f"{measure.code},{'' if measure.value is None else measure.value}")
    return "\n".join(lines) + "\n"
