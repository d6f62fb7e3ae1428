from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("observations", "0009_deadline_life")]

    operations = []
