"""The standard case statuses, so every town (new or existing) has them."""

from django.db import migrations

STATUSES = [
    ("zlozona", "złożona", False, False, ""),
    ("w-toku", "w toku", False, False, ""),
    ("wezwanie", "wezwanie do uzupełnienia", True, False,
     "Uzupełnij braki wskazane w wezwaniu w podanym w nim terminie."),
    ("zawieszona", "zawieszona", False, False, ""),
    ("zakonczona", "zakończona", False, True, ""),
    ("umorzona", "umorzona", False, True, ""),
]  # fmt: skip


def create_statuses(apps, schema_editor):
    CaseStatus = apps.get_model("cases", "CaseStatus")
    for order, (code, name, waiting, final, hint) in enumerate(STATUSES):
        CaseStatus.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "waiting_for_resident": waiting,
                "final": final,
                "resident_hint": hint,
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(create_statuses, migrations.RunPython.noop)]
