from django.db import migrations

CLOCK = "Public pages: follow the clock"


def create_schedule(apps, schema_editor):
    """Every minute, the cached public pages that show a moment which has just passed (a call
    that opened or closed, an event that started or ended) are forgotten."""
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=CLOCK, defaults={"task": "rialgender.pages_follow_the_clock", "interval": minute}
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=CLOCK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("rialgender", "0005_resume_mailings_schedule"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
