# The alert fan-out moved here from the push app. The table (push_alertbroadcast) was made
# by push's first migration and is kept as it is: this only tells Django that cms owns it.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("push", "0002_alertbroadcast_moves_to_cms"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AlertBroadcast",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("started_at", models.DateTimeField(auto_now_add=True)),
                        ("cursor", models.BigIntegerField(default=0, help_text="Last subscription id queued.")),
                        ("queued", models.PositiveIntegerField(default=0)),
                        ("finished_at", models.DateTimeField(blank=True, null=True)),
                        ("alert", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="cms.alert")),
                    ],
                    options={
                        "verbose_name": "rozesłanie ostrzeżenia",
                        "verbose_name_plural": "rozesłania ostrzeżeń",
                        "db_table": "push_alertbroadcast",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
