from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """The PostgreSQL extensions that search relies on (accent-insensitive, typo-tolerant)."""

    dependencies = [("rialgender", "0001_initial")]

    operations = [UnaccentExtension(), TrigramExtension()]
