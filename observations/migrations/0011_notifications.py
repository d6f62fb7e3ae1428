from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("observations", "0010_audit_log")]

    operations = []
