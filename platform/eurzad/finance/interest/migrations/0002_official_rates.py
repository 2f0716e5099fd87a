from django.db import migrations


def load(apps, schema_editor):
    from eurzad.finance.interest.rates import load_official_rates

    load_official_rates(apps.get_model("interest", "InterestRate"), apps.get_model("interest", "InterestThreshold"))


class Migration(migrations.Migration):
    dependencies = [("interest", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
