"""Repairs from failed items: each checklist item says what priority such a repair usually has
(fire doors and lighting urgent, the rest routine), and the answer's plain `repair_id` goes —
the repair now points at the item (repairs migration 0002 copied the links across)."""

from django.db import migrations, models

from doorstep.inspections.defaults import repair_priority_for


def set_priorities(apps, schema_editor):
    ChecklistItem = apps.get_model("inspections", "ChecklistItem")
    for item in ChecklistItem.objects.all():
        priority = repair_priority_for(item.text)
        if item.repair_priority != priority:
            item.repair_priority = priority
            item.save(update_fields=["repair_priority"])


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0002_seed_checklist"),
        ("repairs", "0002_source_inspection_item"),
    ]

    operations = [
        migrations.AddField(
            model_name="checklistitem",
            name="repair_priority",
            field=models.CharField(
                choices=[
                    ("emergency", "Emergency"),
                    ("urgent", "Urgent"),
                    ("routine", "Routine"),
                    ("planned", "Planned"),
                ],
                default="routine",
                max_length=10,
            ),
        ),
        migrations.RunPython(set_priorities, migrations.RunPython.noop),
        migrations.RemoveField(model_name="inspectionanswer", name="repair_id"),
    ]
