"""A document's public page (off until its State's coordinator switches it on), and the
names of an organization in several languages."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("observations", "0014_search")]

    operations = [
        migrations.AddField(
            model_name="document",
            name="public_page",
            field=models.BooleanField(
                default=False,
                help_text="Anyone may read the recommendations with their validated status and the Committee's grades.",
                verbose_name="public page",
            ),
        ),
        migrations.AddField(
            model_name="organization",
            name="names",
            field=models.JSONField(
                blank=True, default=dict,
                help_text='The name per language code, e.g. {"ar": "…", "fr": "…"}; the name above otherwise.',
                verbose_name="names in other languages",
            ),
        ),
    ]
