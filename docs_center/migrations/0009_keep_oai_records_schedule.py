from django.db import migrations

KEEP = "Documentation center: keep the OAI-PMH records"


def create_schedule(apps, schema_editor):
    """Every ten minutes the worker keeps the OAI-PMH records that published resources lack
    (docs_center.oai.keep_missing_records), so that after a release or a change of the areas
    harvests read kept records rather than write them. The Secretariat sees and moves this in
    the admin, Periodic tasks."""
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every, _ = IntervalSchedule.objects.get_or_create(every=10, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=KEEP, defaults={"task": "docs_center.keep_oai_records", "interval": every}
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=KEEP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("docs_center", "0008_compiled_records_uncompressed"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
