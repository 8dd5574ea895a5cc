from django.db import migrations

RESUME = "Mailings: resume interrupted sendings"


def create_schedule(apps, schema_editor):
    """Every 15 seconds, each mailing being sent that has no live worker (one died) gets one:
    communications, newsletter editions and event reminders resume within a minute."""
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_15s, _ = IntervalSchedule.objects.get_or_create(every=15, period="seconds")
    PeriodicTask.objects.get_or_create(
        name=RESUME, defaults={"task": "rialgender.resume_mailings", "interval": every_15s}
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=RESUME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("rialgender", "0004_text_search"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
