# What the public searches read (cms.models.search, cms.search): Wagtail's search index
# gets a tsvector column that PostgreSQL computes from the plain texts Wagtail stores, in
# the platform's configuration (public.eurzad_pl, core 0001), with a GIN index; the texts
# get trigram indexes (folded: lower case, no diacritics) and statistics for the fallback
# that forgives typos. Existing rows get their column when it is added; Django never
# writes it.

import django.contrib.postgres.search
from django.db import migrations, models

TABLE = "wagtailsearch_indexentry"
DOCUMENT = f"""
ALTER TABLE {TABLE} ADD COLUMN eurzad_document tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('public.eurzad_pl'::regconfig, title_text), 'A')
    || setweight(to_tsvector('public.eurzad_pl'::regconfig, body_text), 'D')
) STORED
"""
# fastupdate off: with GIN's pending list, every search would read all of it until a
# vacuum empties it (and the planner, seeing that, reads the whole table instead).
INDEXES = [
    f"CREATE INDEX cms_search_document ON {TABLE} USING gin (eurzad_document) "
    "WITH (fastupdate = off)",
    f"CREATE INDEX cms_search_title_trgm ON {TABLE} "
    "USING gin (public.eurzad_fold(title_text) gin_trgm_ops) WITH (fastupdate = off)",
    f"CREATE INDEX cms_search_body_trgm ON {TABLE} "
    "USING gin (public.eurzad_fold(body_text) gin_trgm_ops) WITH (fastupdate = off)",
    # ANALYZE keeps none on a GIN index's expressions (eurzad.core.postgresql.statistics).
    "CREATE STATISTICS cms_search_text_stats "
    f"ON (public.eurzad_fold(title_text)), (public.eurzad_fold(body_text)) FROM {TABLE}",
]
DROP = [
    "DROP STATISTICS IF EXISTS cms_search_text_stats",
    "DROP INDEX IF EXISTS cms_search_body_trgm",
    "DROP INDEX IF EXISTS cms_search_title_trgm",
    "DROP INDEX IF EXISTS cms_search_document",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS eurzad_document",
]


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_alertbroadcast"),
        ("core", "0001_text_search"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("object_id", models.CharField(max_length=50)),
                ("title_text", models.TextField()),
                ("body_text", models.TextField()),
                ("document", django.contrib.postgres.search.SearchVectorField(db_column="eurzad_document")),
            ],
            options={
                "db_table": TABLE,
                "managed": False,
            },
        ),
        migrations.RunSQL([DOCUMENT, *INDEXES], reverse_sql=DROP),
    ]
