"""The text-search objects every town's searches use (eurzad.core.postgresql.search):
created once per database in the public schema, which every town's search path ends in.

``unaccent`` and ``pg_trgm`` are trusted extensions: the database owner may create them,
no superuser needed. When an extension is already installed in another schema, the
functions and the configuration name that schema. A ``public.eurzad_pl`` an operator
has already set up (e.g. with a dictionary of their own, docs/operators/search.md) is
kept as it is.
"""

from django.db import migrations

EXTENSIONS = [
    "CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public",
]

FUNCTIONS = """
DO $do$
DECLARE
    home text := (SELECT extnamespace::regnamespace::text FROM pg_extension
                   WHERE extname = 'unaccent');
BEGIN
    EXECUTE format($sql$
        CREATE OR REPLACE FUNCTION public.eurzad_fold(text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
            AS $body$ SELECT lower(%1$s.unaccent('%1$s.unaccent'::regdictionary, $1)) $body$
    $sql$, home);
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config
                    WHERE cfgname = 'eurzad_pl' AND cfgnamespace = 'public'::regnamespace) THEN
        CREATE TEXT SEARCH CONFIGURATION public.eurzad_pl (COPY = pg_catalog.simple);
        EXECUTE format(
            'ALTER TEXT SEARCH CONFIGURATION public.eurzad_pl '
            'ALTER MAPPING FOR hword, hword_part, word WITH %s.unaccent, pg_catalog.simple',
            home);
    END IF;
END
$do$
"""

JSONB_TEXT = """
CREATE OR REPLACE FUNCTION public.eurzad_jsonb_text(jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $body$
        SELECT CASE jsonb_typeof($1)
            WHEN 'object' THEN coalesce(
                (SELECT string_agg(value, ' ') FROM jsonb_each_text($1)), '')
            ELSE coalesce($1 #>> '{}', '')
        END
    $body$
"""

DROP = [
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS public.eurzad_pl",
    "DROP FUNCTION IF EXISTS public.eurzad_jsonb_text(jsonb)",
    "DROP FUNCTION IF EXISTS public.eurzad_fold(text)",
]


class Migration(migrations.Migration):
    initial = True
    dependencies: list[tuple[str, str]] = []

    operations = [
        # Backwards the extensions stay: other objects (Wagtail's fuzzy search) may use them.
        migrations.RunSQL(EXTENSIONS, reverse_sql=migrations.RunSQL.noop),
        migrations.RunSQL([FUNCTIONS, JSONB_TEXT], reverse_sql=DROP),
    ]
