from django.db import migrations

from rialgender.search import CREATE_SQL, DROP_SQL


class Migration(migrations.Migration):
    """The text search configurations every tool uses (rialgender.search), and the IMMUTABLE
    unaccent. Portfolio's 0002 created the configurations before they had a home here: on a
    database where it ran, this finds them and only adds what is missing."""

    dependencies = [("rialgender", "0003_workflow_transition")]

    operations = [migrations.RunSQL(CREATE_SQL, DROP_SQL)]
