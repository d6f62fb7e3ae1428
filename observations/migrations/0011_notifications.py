import django.db.models.deletion
import django.utils.timezone
import django_countries.fields
from django.conf import settings
from django.db import migrations, models

import observations.models.notifications


class Migration(migrations.Migration):
    dependencies = [
        ("observations", "0010_audit_log"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='NotificationSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('digest', models.CharField(choices=[('daily', 'Daily'), ('weekly', 'Weekly (Mondays)'), ('off', 'Off')], default='daily', help_text="Off still sends the Committee's deadlines to coordinators.", max_length=8, verbose_name='digest')),
                ('language', models.CharField(choices=[('en', 'English'), ('fr', 'Français'), ('es', 'Español'), ('ru', 'Русский'), ('ar', 'العربية'), ('zh-hans', '中文')], default='en', max_length=7, verbose_name='language of the e-mails')),
                ('unsubscribed_at', models.DateTimeField(blank=True, null=True)),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='notification_settings', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'notification settings',
                'verbose_name_plural': 'notification settings',
            },
        ),
        migrations.CreateModel(
            name='Notification',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField(verbose_name='day')),
                ('email', models.CharField(blank=True, max_length=254, verbose_name='address')),
                ('language', models.CharField(default='en', max_length=7)),
                ('items', observations.models.notifications.OutboxJSONField(default=list, help_text='The deadlines of the digest, grouped.')),
                ('keys', observations.models.notifications.OutboxJSONField(default=list, help_text='Keys of the reminders the digest carries.')),
                ('states', observations.models.notifications.OutboxJSONField(default=list, help_text='States whose deadlines the digest carries.')),
                ('status', models.CharField(choices=[('planned', 'Planned'), ('sending', 'Sending'), ('sent', 'Sent'), ('failed', 'Failed'), ('retrying', 'Retrying')], db_index=True, default='planned', max_length=10, verbose_name='status')),
                ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                ('last_error', models.TextField(blank=True, verbose_name='last error')),
                ('next_attempt_at', models.DateTimeField(blank=True, null=True)),
                ('claimed_at', models.DateTimeField(blank=True, null=True)),
                ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent at')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-day', 'recipient_id'],
                'indexes': [models.Index(fields=['day'], name='notification_day')],
                'constraints': [models.UniqueConstraint(fields=('recipient', 'day'), name='one_digest_per_person_and_day'), models.CheckConstraint(condition=models.Q(('status__in', ['planned', 'sending', 'sent', 'failed', 'retrying'])), name='notification_status_valid')],
            },
        ),
        migrations.CreateModel(
            name='ReminderSchedule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('state', django_countries.fields.CountryField(max_length=2)),
                ('kind', models.CharField(choices=[('follow_up', 'Follow-up information'), ('next_periodic_report', 'Next periodic report'), ('other', 'Other request of the Committee'), ('internal', 'Internal deadline')], max_length=24, verbose_name='kind of deadline')),
                ('days_before', models.JSONField(default=observations.models.notifications.default_days_before, help_text='Days before the deadline on which a reminder goes out; 0 is the day itself.', verbose_name='days before')),
                ('overdue_every_days', models.PositiveSmallIntegerField(default=7, help_text='0 stops reminders once the deadline has passed.', verbose_name='while overdue, every (days)')),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['state', 'kind'],
                'constraints': [models.UniqueConstraint(fields=('state', 'kind'), name='reminder_schedule_unique')],
            },
        ),
    ]
