from django.db import migrations

from observations.committees import TREATY_BODIES


def add_committees(apps, schema_editor):
    Committee = apps.get_model("observations", "Committee")
    for info in TREATY_BODIES:
        Committee.objects.update_or_create(
            code=info.code,
            defaults={
                "name": info.name,
                "treaty": info.treaty,
                "symbol_prefix": info.symbol_prefix,
                "follow_up_months": info.follow_up_months,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("observations", "0001_initial")]

    operations = [migrations.RunPython(add_committees, migrations.RunPython.noop)]
