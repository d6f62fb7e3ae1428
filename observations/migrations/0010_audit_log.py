import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def name_the_recommendations(apps, schema_editor):
    """Entries written before the log was general are about their recommendation."""
    HistoryEntry = apps.get_model("observations", "HistoryEntry")
    if not HistoryEntry.objects.exists():
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    recommendation_type, _ = ContentType.objects.get_or_create(app_label="observations", model="recommendation")
    for entry in HistoryEntry.objects.filter(content_type__isnull=True, recommendation__isnull=False).select_related(
        "recommendation__document", "recommendation__paragraph", "recommendation__subparagraph"
    ).iterator():
        rec = entry.recommendation
        code = f"{rec.paragraph.number}({rec.subparagraph.letter})" if rec.subparagraph_id else str(rec.paragraph.number)
        entry.content_type = recommendation_type
        entry.object_id = rec.pk
        entry.object_repr = f"{rec.document.symbol}, para. {code}"[:300]
        entry.document_id = rec.document_id
        entry.save(update_fields=["content_type", "object_id", "object_repr", "document"])


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('observations', '0009_deadline_life'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='historyentry',
            options={'ordering': ['-at', '-id'], 'verbose_name': 'history entry', 'verbose_name_plural': 'history entries'},
        ),
        migrations.AddField(
            model_name='historyentry',
            name='content_type',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype', verbose_name='kind of object'),
        ),
        migrations.AddField(
            model_name='historyentry',
            name='document',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='history', to='observations.document', verbose_name='document'),
        ),
        migrations.AddField(
            model_name='historyentry',
            name='object_id',
            field=models.PositiveBigIntegerField(blank=True, null=True, verbose_name='object id'),
        ),
        migrations.AddField(
            model_name='historyentry',
            name='object_repr',
            field=models.CharField(blank=True, help_text="The object's name when the change was made.", max_length=300, verbose_name='object'),
        ),
        migrations.AlterField(
            model_name='historyentry',
            name='action',
            field=models.CharField(choices=[('assigned', 'Assigned'), ('assignment_changed', 'Assignment changed'), ('status_changed', 'Official status changed'), ('update_submitted', 'Update submitted'), ('update_validated', 'Update validated'), ('update_returned', 'Update returned'), ('assessment_recorded', 'Committee assessment recorded'), ('deadline_met', 'Deadline met'), ('deadline_extended', 'Deadline extended'), ('created', 'Created'), ('changed', 'Changed'), ('deleted', 'Deleted'), ('imported', 'Imported')], max_length=24, verbose_name='action'),
        ),
        migrations.AlterField(
            model_name='historyentry',
            name='actor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='who'),
        ),
        migrations.AlterField(
            model_name='historyentry',
            name='after',
            field=models.JSONField(blank=True, null=True, verbose_name='after'),
        ),
        migrations.AlterField(
            model_name='historyentry',
            name='at',
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='when'),
        ),
        migrations.AlterField(
            model_name='historyentry',
            name='before',
            field=models.JSONField(blank=True, null=True, verbose_name='before'),
        ),
        migrations.AlterField(
            model_name='historyentry',
            name='comment',
            field=models.TextField(blank=True, verbose_name='comment'),
        ),
        migrations.AlterField(
            model_name='historyentry',
            name='recommendation',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='history', to='observations.recommendation', verbose_name='recommendation'),
        ),
        migrations.AddIndex(
            model_name='historyentry',
            index=models.Index(fields=['content_type', 'object_id'], name='history_object_idx'),
        ),
        migrations.RunPython(name_the_recommendations, migrations.RunPython.noop),
    ]
