from django.db import migrations


class Migration(migrations.Migration):
    """Kept OAI-PMH records stay uncompressed in their rows: a record is about 2.3 kB, just
    over the 2 kB at which PostgreSQL compresses a row, and decompressing a page of 500 cost
    1.7 ms of the 3.6 ms its query took. With the target at a whole page (8160 bytes) a row
    is compressed only when it would not fit; records kept before are rewritten uncompressed
    the next time they are kept (a release changes their key)."""

    dependencies = [("docs_center", "0007_datestamp_follows_publication")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE docs_center_compiledrecord SET (toast_tuple_target = 8160)",
            "ALTER TABLE docs_center_compiledrecord RESET (toast_tuple_target)",
        ),
    ]
