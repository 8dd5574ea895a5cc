from django.db import migrations


class Migration(migrations.Migration):
    """No change: states that the portfolio's search (0002) relies on the core's text search
    configurations, now created by rialgender 0004. 0002 cannot name that dependency itself,
    since databases where it ran already would then refuse to migrate (inconsistent history)."""

    dependencies = [
        ("portfolio", "0008_protected_files"),
        ("rialgender", "0004_text_search"),
    ]

    operations = []
