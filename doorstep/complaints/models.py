"""Complaints under the Housing Ombudsman's Complaint Handling Code (DOMAIN.md §4, §6, §11).

A complaint is a `cases.Case` of type `complaint`. The complainant is the case's reporter
(a `CaseParty`); what the complaint is about sits on `ComplaintDetails`. Each stage keeps its
own dates, so the Tenant Satisfaction Measures are plain queries:

- CH01(1)/(2): stages 1 / 2 with `received_on` in the reporting year;
- CH02(1)/(2): stages 1 / 2 with `responded_on` in the year, within the Code timescale when
  `responded_on <= respond_by`.

`acknowledge_by` and `respond_by` are the clock due dates of `clocks.py`, stored by the
services whenever a date they depend on changes, so lists, My day and reports can filter and
sort on them in the database.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from doorstep.complaints.clocks import MAX_EXTENSION
from doorstep.core.models import TimeStampedModel


class Stage(models.IntegerChoices):
    ONE = 1, "Stage 1"
    TWO = 2, "Stage 2"


class Outcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"


class ComplaintAbout(models.TextChoices):
    REPAIRS = "repairs", "Repairs and maintenance"
    DAMP_MOULD = "damp_mould", "Damp and mould"
    ASB = "asb", "How anti-social behaviour was handled"
    NEIGHBOURHOOD = "neighbourhood", "Estate and neighbourhood services"
    STAFF = "staff", "Staff conduct"
    COMMUNICATION = "communication", "Communication and information"
    RENT = "rent", "Rent and service charges"
    OTHER = "other", "Something else"


class ComplaintDetails(TimeStampedModel):
    """What a complaint is about, and what the complainant wants to put it right."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, related_name="complaint_details"
    )
    about = models.CharField(max_length=20, choices=ComplaintAbout.choices)
    desired_outcome = models.TextField(
        "what the complainant wants to happen", max_length=2000, blank=True
    )

    class Meta:
        verbose_name_plural = "complaint details"

    def __str__(self) -> str:
        return f"Complaint details for {self.case_id}"


class ComplaintStage(TimeStampedModel):
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="complaint_stages"
    )
    stage = models.PositiveSmallIntegerField(choices=Stage.choices)
    # Stage 2: the date the complainant asked to escalate.
    received_on = models.DateField(db_index=True)
    acknowledged_on = models.DateField(null=True, blank=True)
    responded_on = models.DateField(null=True, blank=True, db_index=True)
    extension_working_days = models.PositiveSmallIntegerField(default=0)
    extension_reason = models.TextField(max_length=1000, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    response_summary = models.TextField(max_length=4000, blank=True)
    # Clock due dates (clocks.py), kept by the services. respond_by is empty until the stage is
    # acknowledged, because the response clock starts at acknowledgement.
    acknowledge_by = models.DateField(db_index=True)
    respond_by = models.DateField(null=True, blank=True, db_index=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["case", "stage"]
        indexes = [
            models.Index(fields=["stage", "received_on"]),
            models.Index(fields=["stage", "responded_on"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["case", "stage"], name="one_complaint_stage_each"),
            models.CheckConstraint(
                condition=models.Q(stage__in=[1, 2]), name="complaint_stage_1_or_2"
            ),
            models.CheckConstraint(
                condition=models.Q(stage=1, extension_working_days__lte=MAX_EXTENSION[1])
                | models.Q(stage=2, extension_working_days__lte=MAX_EXTENSION[2]),
                name="complaint_extension_within_cap",
            ),
            models.CheckConstraint(
                condition=models.Q(acknowledged_on__isnull=True)
                | models.Q(acknowledged_on__gte=models.F("received_on")),
                name="complaint_acknowledged_after_received",
            ),
            models.CheckConstraint(
                condition=models.Q(responded_on__isnull=True)
                | models.Q(
                    acknowledged_on__isnull=False,
                    responded_on__gte=models.F("acknowledged_on"),
                ),
                name="complaint_responded_after_acknowledged",
            ),
            models.CheckConstraint(
                condition=models.Q(responded_on__isnull=True) | ~models.Q(outcome=""),
                name="complaint_response_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} of {self.case_id}"

    @property
    def max_extension(self) -> int:
        return MAX_EXTENSION[self.stage]

    @property
    def is_responded(self) -> bool:
        return self.responded_on is not None
