from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("observations", "0014_search")]

    operations = []
