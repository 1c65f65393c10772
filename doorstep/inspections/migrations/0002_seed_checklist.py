"""The estate inspection checklist of DOMAIN.md §8, as data a manager can then change."""

from django.db import migrations

from doorstep.inspections.defaults import install_checklist


def seed(apps, schema_editor):
    install_checklist(apps.get_model("inspections", "ChecklistItem"))


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
