from django.db import migrations

from observations.committees import sync_committees


def add_committees(apps, schema_editor):
    sync_committees(apps.get_model("observations", "Committee"))


class Migration(migrations.Migration):
    dependencies = [("observations", "0001_initial")]

    operations = [migrations.RunPython(add_committees, migrations.RunPython.noop)]
