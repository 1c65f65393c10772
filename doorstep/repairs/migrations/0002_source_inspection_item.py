"""The repair's failed inspection item becomes a real link (one repair per item).

The plain `source_inspection_item_id` integer is kept aside while the link is added and
filled from it (and from the item's old `repair_id`, which inspections migration 0003 removes),
then dropped."""

from django.db import migrations, models
import django.db.models.deletion


def copy_links(apps, schema_editor):
    Repair = apps.get_model("repairs", "Repair")
    Answer = apps.get_model("inspections", "InspectionAnswer")
    taken: set[int] = set()
    for repair in Repair.objects.filter(legacy_inspection_item_id__isnull=False).order_by("pk"):
        answer_id = repair.legacy_inspection_item_id
        if answer_id in taken or not Answer.objects.filter(pk=answer_id).exists():
            continue
        repair.source_inspection_item_id = answer_id
        repair.save(update_fields=["source_inspection_item"])
        taken.add(answer_id)
    for answer in Answer.objects.filter(repair_id__isnull=False).order_by("pk"):
        if answer.pk in taken:
            continue
        updated = Repair.objects.filter(
            pk=answer.repair_id, source_inspection_item__isnull=True
        ).update(source_inspection_item_id=answer.pk)
        if updated:
            taken.add(answer.pk)


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0002_seed_checklist"),
        ("repairs", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(
            model_name="repair",
            old_name="source_inspection_item_id",
            new_name="legacy_inspection_item_id",
        ),
        migrations.AddField(
            model_name="repair",
            name="source_inspection_item",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="repair",
                to="inspections.inspectionanswer",
            ),
        ),
        migrations.RunPython(copy_links, migrations.RunPython.noop),
        migrations.RemoveField(model_name="repair", name="legacy_inspection_item_id"),
    ]
