from django.db import migrations

# Search over the metadata of both languages and the text of every page.
#
# - Each page's vector is built in the configuration of its file's language (rg_spanish,
#   rg_english: accent-insensitive and stemmed; rg_simple for Portuguese and French:
#   accent-insensitive, unstemmed).
# - Each resource's `search_document` holds its titles (weight A), abstracts (B), authors,
#   organization and the like (C) in both languages, and every page of its files (D), so
#   that one GIN index finds resources by metadata or full text, whatever the language of
#   the query. A trigger keeps it current when a text column changes or the files' text does
#   (`text_version` is bumped), whatever writes the row.
# - A very long document whose vector would pass PostgreSQL's 1 MB limit keeps its words
#   without positions (phrases then match its metadata only).
RESOURCE_TEXT = [
    "title_en", "title_es", "abstract_en", "abstract_es", "authors", "organization",
    "publisher", "provider", "legislation_number", "duration_en", "duration_es", "text_version",
]  # fmt: skip

SQL = f"""
CREATE TEXT SEARCH CONFIGURATION rg_simple (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION rg_simple
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;

CREATE FUNCTION docs_center_config(language text) RETURNS regconfig AS $$
    SELECT CASE language
        WHEN 'es' THEN 'rg_spanish'::regconfig
        WHEN 'en' THEN 'rg_english'::regconfig
        ELSE 'rg_simple'::regconfig
    END
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE docs_center_tsvector_agg(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector);

CREATE FUNCTION docs_center_filepage_search() RETURNS trigger AS $$
BEGIN
    NEW.search := to_tsvector(docs_center_config(NEW.language), coalesce(NEW.text, ''));
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER docs_center_filepage_search
    BEFORE INSERT OR UPDATE OF text, language ON docs_center_filepage
    FOR EACH ROW EXECUTE FUNCTION docs_center_filepage_search();

CREATE FUNCTION docs_center_resource_search() RETURNS trigger AS $$
DECLARE
    pages tsvector;
BEGIN
    BEGIN
        SELECT docs_center_tsvector_agg(p.search ORDER BY p.file_id, p.number) INTO pages
        FROM docs_center_filepage p WHERE p.resource_id = NEW.id;
    EXCEPTION WHEN program_limit_exceeded THEN
        SELECT docs_center_tsvector_agg(strip(p.search) ORDER BY p.file_id, p.number) INTO pages
        FROM docs_center_filepage p WHERE p.resource_id = NEW.id;
    END;
    NEW.search_document :=
        setweight(to_tsvector('rg_english', coalesce(NEW.title_en, '')), 'A') ||
        setweight(to_tsvector('rg_spanish', coalesce(NEW.title_es, '')), 'A') ||
        setweight(to_tsvector('rg_english', coalesce(NEW.abstract_en, '')), 'B') ||
        setweight(to_tsvector('rg_spanish', coalesce(NEW.abstract_es, '')), 'B') ||
        setweight(to_tsvector('rg_simple', concat_ws(' ', NEW.authors, NEW.organization,
            NEW.publisher, NEW.provider, NEW.legislation_number, NEW.duration_en,
            NEW.duration_es)), 'C') ||
        setweight(coalesce(pages, ''::tsvector), 'D');
    RETURN NEW;
EXCEPTION WHEN program_limit_exceeded THEN
    NEW.search_document :=
        setweight(to_tsvector('rg_english', coalesce(NEW.title_en, '')), 'A') ||
        setweight(to_tsvector('rg_spanish', coalesce(NEW.title_es, '')), 'A') ||
        setweight(to_tsvector('rg_english', coalesce(NEW.abstract_en, '')), 'B') ||
        setweight(to_tsvector('rg_spanish', coalesce(NEW.abstract_es, '')), 'B') ||
        strip(coalesce(pages, ''::tsvector));
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER docs_center_resource_search
    BEFORE INSERT OR UPDATE OF {", ".join(RESOURCE_TEXT)} ON docs_center_resource
    FOR EACH ROW EXECUTE FUNCTION docs_center_resource_search();
"""

REVERSE = """
DROP TRIGGER IF EXISTS docs_center_resource_search ON docs_center_resource;
DROP FUNCTION IF EXISTS docs_center_resource_search();
DROP TRIGGER IF EXISTS docs_center_filepage_search ON docs_center_filepage;
DROP FUNCTION IF EXISTS docs_center_filepage_search();
DROP AGGREGATE IF EXISTS docs_center_tsvector_agg(tsvector);
DROP FUNCTION IF EXISTS docs_center_config(text);
DROP TEXT SEARCH CONFIGURATION IF EXISTS rg_simple;
"""


class Migration(migrations.Migration):
    # rg_english and rg_spanish, the portal's accent-insensitive configurations.
    dependencies = [("docs_center", "0001_initial"), ("portfolio", "0002_search")]

    operations = [migrations.RunSQL(SQL, REVERSE)]
