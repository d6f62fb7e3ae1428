import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import observations.models.calendars


class Migration(migrations.Migration):
    dependencies = [
        ("observations", "0011_notifications"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CalendarFeed",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(default=observations.models.calendars.new_token, editable=False,
                                           max_length=64, unique=True)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("regenerated_at", models.DateTimeField(blank=True, null=True)),
                ("last_read_at", models.DateTimeField(blank=True, null=True)),
                ("organization", models.OneToOneField(blank=True, null=True,
                                                      on_delete=django.db.models.deletion.CASCADE,
                                                      related_name="calendar_feed", to="observations.organization")),
                ("regenerated_by", models.ForeignKey(blank=True, null=True,
                                                     on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                                                     to=settings.AUTH_USER_MODEL)),
                ("user", models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE,
                                              related_name="calendar_feed", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "verbose_name": "calendar feed",
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("user__isnull", False), ("organization__isnull", True)),
                            models.Q(("user__isnull", True), ("organization__isnull", False)),
                            _connector="OR",
                        ),
                        name="calendar_feed_user_or_organization",
                    )
                ],
            },
        ),
    ]
