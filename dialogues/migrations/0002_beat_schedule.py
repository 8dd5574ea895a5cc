from django.db import migrations

DISPATCH = "Dialogues: reminders and mailings to registrants"


def create_schedule(apps, schema_editor):
    """Every minute, the reminders that are due (a week and a day before each event) are
    created, and mailings to registrants whose time has come are started."""
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=DISPATCH, defaults={"task": "dialogues.dispatch", "interval": minute}
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=DISPATCH).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dialogues", "0001_events_registrations_outcomes"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
