from django.db import migrations

# A resource published, or withdrawn (archived, returned), changes what harvesters see: its
# record appears, or becomes a deleted one. Its datestamp (updated_at) moves then, so that a
# harvest of what changed since a date (OAI-PMH `from`) finds it.
SQL = """
CREATE FUNCTION docs_center_resource_publication_datestamp() RETURNS trigger AS $$
BEGIN
    IF (OLD.state = 'published') IS DISTINCT FROM (NEW.state = 'published') THEN
        NEW.updated_at := greatest(NEW.updated_at, clock_timestamp());
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER docs_center_resource_publication_datestamp
    BEFORE UPDATE OF state ON docs_center_resource
    FOR EACH ROW EXECUTE FUNCTION docs_center_resource_publication_datestamp();
"""
REVERSE_SQL = """
DROP TRIGGER IF EXISTS docs_center_resource_publication_datestamp ON docs_center_resource;
DROP FUNCTION IF EXISTS docs_center_resource_publication_datestamp();
"""


class Migration(migrations.Migration):
    dependencies = [("docs_center", "0006_compiled_oai_records")]

    operations = [migrations.RunSQL(SQL, REVERSE_SQL)]
