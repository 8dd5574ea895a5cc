from django.db import migrations

from rialgender.search import CREATE_SQL as TEXT_SEARCH_CONFIGURATIONS

# Accent-insensitive, stemmed text search per language, with the core's configurations
# (rialgender.search; this migration created them before they had a home there, and still
# does, idempotently, on a fresh database where it runs before rialgender's 0004). A trigger
# keeps each program's two search vectors current (title weighs most, then the summary, then
# the rest), whatever writes the row: a form, the admin, an import or raw SQL.
FIELDS_C = [
    "objectives", "target_population", "description", "results", "lessons", "partners",
    "evaluation_findings",
]  # fmt: skip


def _vector(config: str, lang: str) -> str:
    rest = ", ".join(f"NEW.{f}_{lang}" for f in FIELDS_C)
    return (
        f"setweight(to_tsvector('{config}', coalesce(NEW.title_{lang}, '')), 'A') || "
        f"setweight(to_tsvector('{config}', coalesce(NEW.summary_{lang}, '')), 'B') || "
        f"setweight(to_tsvector('{config}', concat_ws(' ', {rest})), 'C')"
    )


SQL = f"""
{TEXT_SEARCH_CONFIGURATIONS}

CREATE FUNCTION portfolio_program_search_update() RETURNS trigger AS $$
BEGIN
    NEW.search_en := {_vector("rg_english", "en")};
    NEW.search_es := {_vector("rg_spanish", "es")};
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER portfolio_program_search
    BEFORE INSERT OR UPDATE ON portfolio_program
    FOR EACH ROW EXECUTE FUNCTION portfolio_program_search_update();
"""

REVERSE = """
DROP TRIGGER IF EXISTS portfolio_program_search ON portfolio_program;
DROP FUNCTION IF EXISTS portfolio_program_search_update();
"""


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0001_initial"), ("rialgender", "0002_extensions")]

    operations = [
        migrations.RunSQL("CREATE INDEX program_title_en_trgm ON portfolio_program USING gin (title_en gin_trgm_ops)", "DROP INDEX program_title_en_trgm"),
        migrations.RunSQL("CREATE INDEX program_title_es_trgm ON portfolio_program USING gin (title_es gin_trgm_ops)", "DROP INDEX program_title_es_trgm"),
        migrations.RunSQL(SQL, REVERSE),
    ]
