from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("observations", "0011_notifications")]

    operations = []
