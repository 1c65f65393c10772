"""What a `fly_tipping` case records beyond the shared case core (DOMAIN.md §6): where it is,
what was dumped, the inspection asked of the estates team, who did it (or that no one was
identified), removal and recharge, signage and the letter to the block.

One record per case (`FlyTipping`). Workflows live in services.py; the rules in rules.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from doorstep.core.models import TimeStampedModel


class LocationKind(models.TextChoices):
    ESTATE = "estate", "On the estate (open ground, paths, verges, car parks)"
    BLOCK = "block", "At a block"
    COMMUNAL_AREA = "communal_area", "In a communal area (bin store, stairwell, drying area)"


class Waste(models.TextChoices):
    BLACK_BAGS = "black_bags", "Black bags"
    FURNITURE = "furniture", "Furniture"
    MATTRESS = "mattress", "Mattress"
    WHITE_GOODS = "white_goods", "White goods (fridges, washing machines)"
    BUILDERS_RUBBLE = "builders_rubble", "Builders' rubble"
    GARDEN_WASTE = "garden_waste", "Garden waste"
    TYRES = "tyres", "Tyres"
    OTHER = "other", "Something else"


class Perpetrator(models.TextChoices):
    IDENTIFIED = "identified", "Identified"
    NOT_IDENTIFIED = "not_identified", "Not identified"


class RechargeStatus(models.TextChoices):
    NOT_APPLICABLE = "not_applicable", "Not applicable"
    RAISED = "raised", "Raised"
    PAID = "paid", "Paid"
    WRITTEN_OFF = "written_off", "Written off"


class FlyTipping(TimeStampedModel):
    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="fly_tipping")

    # Where.
    location_kind = models.CharField(max_length=16, choices=LocationKind.choices)
    estate = models.ForeignKey("places.Estate", on_delete=models.PROTECT, related_name="+")
    block = models.ForeignKey(
        "places.Block", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    where_exactly = models.CharField(max_length=300)

    # What: codes of `Waste`, in the order of its choices.
    waste = models.JSONField(default=list)
    waste_description = models.CharField(max_length=1000, blank=True)

    # The inspection asked of the estates team: a case action on the estates officer's My day.
    inspection_action = models.ForeignKey(
        "cases.CaseAction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fly_tipping_inspections",
    )
    # The estate inspection started to answer the request ("Start the inspection" on the case
    # or the estates officer's My day: services.fly_tipping_inspection_started). When it is
    # completed, the inspections work calls services.fly_tipping_inspection_linked, which sets
    # `inspected_on` and marks the action done.
    inspection = models.ForeignKey(
        "inspections.Inspection",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fly_tipping_requests",
    )
    # An inspection recorded by reference only (made outside Doorstep); empty until then.
    inspection_reference = models.CharField(max_length=40, blank=True)
    inspected_on = models.DateField(null=True, blank=True)

    # Who did it. An identified person is also on the case as an alleged perpetrator.
    perpetrator_status = models.CharField(max_length=16, choices=Perpetrator.choices, blank=True)
    perpetrator = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # Removal.
    removal_arranged_on = models.DateField(null=True, blank=True)
    removed_on = models.DateField(null=True, blank=True)
    removed_by = models.CharField(max_length=150, blank=True)

    # Recharge of the removal cost.
    recharge_status = models.CharField(
        max_length=16, choices=RechargeStatus.choices, default=RechargeStatus.NOT_APPLICABLE
    )
    recharge_amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    recharge_to = models.CharField(max_length=150, blank=True)

    # Signs put up ("fly-tipping here is a crime", CCTV in use, …).
    signage_on = models.DateField(null=True, blank=True)
    signage_where = models.CharField(max_length=300, blank=True)

    # Letter to every household of the block, set by the letters work (services.fly_tipping_
    # letter_sent) when the bulk letter goes out.
    letter_sent_on = models.DateField(null=True, blank=True)

    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "fly-tipping details"
        verbose_name_plural = "fly-tipping details"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(location_kind="block") | models.Q(block__isnull=False),
                name="fly_tipping_at_a_block_names_it",
            ),
            models.CheckConstraint(
                condition=~models.Q(perpetrator_status="identified")
                | models.Q(perpetrator__isnull=False),
                name="fly_tipping_identified_perpetrator_named",
            ),
            models.CheckConstraint(
                condition=models.Q(recharge_status="not_applicable")
                | models.Q(recharge_amount__gt=0),
                name="fly_tipping_recharge_has_amount",
            ),
            models.CheckConstraint(
                condition=models.Q(removed_on__isnull=True)
                | models.Q(removal_arranged_on__isnull=True)
                | models.Q(removed_on__gte=models.F("removal_arranged_on")),
                name="fly_tipping_removed_after_arranged",
            ),
        ]

    def __str__(self) -> str:
        return f"Fly-tipping details of case #{self.case_id}"

    @property
    def waste_labels(self) -> list[str]:
        return [Waste(code).label for code in Waste.values if code in (self.waste or [])]
