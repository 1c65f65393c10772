"""Recompute Person.name_key after the key learnt that "Th" and "mps" sound like "T" and "ms"."""

from django.db import migrations

BATCH = 2000


def refresh(apps, schema_editor):
    from doorstep.people.search_keys import name_key

    Person = apps.get_model("people", "Person")
    changed = []
    for person in Person.objects.only("id", "last_name", "name_key").iterator(chunk_size=BATCH):
        key = name_key(person.last_name)
        if key != person.name_key:
            person.name_key = key
            changed.append(person)
        if len(changed) >= BATCH:
            Person.objects.bulk_update(changed, ["name_key"])
            changed = []
    if changed:
        Person.objects.bulk_update(changed, ["name_key"])


class Migration(migrations.Migration):
    dependencies = [("people", "0002_flagreview")]

    operations = [migrations.RunPython(refresh, migrations.RunPython.noop)]
