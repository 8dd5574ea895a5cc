import django.db.models.deletion
from django.db import migrations, models

# What a compiled record is written from (docs_center.dublin_core.FIELDS, and the header's
# datestamp, status, type and areas), in the resource's row, and its files' rows.
RESOURCE_COLUMNS = [
    "title_en", "title_es", "abstract_en", "abstract_es", "authors", "organization",
    "publisher", "year", "resource_type", "document_languages", "area_ids", "countries",
    "legislation_country", "domestic_work_areas", "ilo_conventions", "licence", "external_url",
    "updated_at", "state", "published_at",
]  # fmt: skip

SQL = f"""
CREATE FUNCTION docs_center_forget_compiled_record() RETURNS trigger AS $$
BEGIN
    IF TG_TABLE_NAME = 'docs_center_resource' THEN
        DELETE FROM docs_center_compiledrecord WHERE resource_id = OLD.id;
    ELSE
        -- A file added, removed or replaced changes the record (its formats and relations):
        -- its datestamp moves too, so that harvesters asking for changes since a date see it
        -- (updating the row also deletes its compiled record, through the trigger above).
        UPDATE docs_center_resource SET updated_at = clock_timestamp()
        WHERE id IN (NEW.resource_id, OLD.resource_id);  -- the one that is NULL matches none
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER docs_center_resource_forget_compiled_record
    AFTER UPDATE OF {", ".join(RESOURCE_COLUMNS)} ON docs_center_resource
    FOR EACH ROW EXECUTE FUNCTION docs_center_forget_compiled_record();
CREATE TRIGGER docs_center_resourcefile_forget_compiled_record
    AFTER INSERT OR DELETE OR UPDATE OF resource_id, file, content_type
    ON docs_center_resourcefile
    FOR EACH ROW EXECUTE FUNCTION docs_center_forget_compiled_record();
"""
REVERSE_SQL = """
DROP TRIGGER IF EXISTS docs_center_resourcefile_forget_compiled_record ON docs_center_resourcefile;
DROP TRIGGER IF EXISTS docs_center_resource_forget_compiled_record ON docs_center_resource;
DROP FUNCTION IF EXISTS docs_center_forget_compiled_record();
"""


class Migration(migrations.Migration):

    dependencies = [
        ('docs_center', '0005_filepage_indexes_and_order'),
    ]

    operations = [
        migrations.CreateModel(
            name='CompiledRecord',
            fields=[
                ('resource', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='docs_center.resource')),
                ('key', models.CharField(max_length=16)),
                ('xml', models.TextField()),
            ],
        ),
        migrations.RunSQL(SQL, REVERSE_SQL),
    ]
