from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("observations", "0013_api_tokens")]

    operations = []
