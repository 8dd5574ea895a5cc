"""Text search shared by every tool: per-language, accent-insensitive PostgreSQL configurations
and an IMMUTABLE `unaccent`, created by the core's migration 0004_text_search.

- `CONFIGS[language]` names the configuration for a language's text: copies of PostgreSQL's
  `english` and `spanish` that pass every word through `unaccent` before stemming, so that
  "domesticas" finds "domésticas". Use it for `to_tsvector`, `SearchVector(config=...)`,
  `SearchQuery(config=...)`.
- `rg_unaccent(text)` is `unaccent` declared IMMUTABLE (`unaccent()` itself is only STABLE),
  so it may appear in an index expression or a generated column; `Unaccent` is its ORM form,
  e.g. for a trigram index on a title that ignores accents.
"""

from django.db.models import Func, TextField

CONFIGS = {"en": "rg_english", "es": "rg_spanish"}

# Idempotent: run by rialgender 0004 and by portfolio 0002 (which created the configurations
# before they had a home here; it must still work on a fresh database, where it runs first).
CREATE_SQL = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'rg_english') THEN
        CREATE TEXT SEARCH CONFIGURATION rg_english (COPY = english);
        ALTER TEXT SEARCH CONFIGURATION rg_english
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'rg_spanish') THEN
        CREATE TEXT SEARCH CONFIGURATION rg_spanish (COPY = spanish);
        ALTER TEXT SEARCH CONFIGURATION rg_spanish
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
    END IF;
END
$$;

-- The dictionary is named, so the result does not depend on the search_path: that is what
-- makes declaring it IMMUTABLE honest.
CREATE OR REPLACE FUNCTION rg_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
"""

DROP_SQL = """
DROP FUNCTION IF EXISTS rg_unaccent(text);
DROP TEXT SEARCH CONFIGURATION IF EXISTS rg_english;
DROP TEXT SEARCH CONFIGURATION IF EXISTS rg_spanish;
"""


class Unaccent(Func):
    """`rg_unaccent(expression)`: usable in indexes (see the module's docstring)."""

    function = "rg_unaccent"
    output_field = TextField()
