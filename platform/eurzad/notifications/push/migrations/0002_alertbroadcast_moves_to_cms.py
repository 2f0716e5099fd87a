# The alert fan-out moved to the cms app, next to the alerts. Only Django's idea of which
# app owns the model changes; the table (push_alertbroadcast) and its rows stay.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("push", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AlertBroadcast")],
            database_operations=[],
        ),
    ]
