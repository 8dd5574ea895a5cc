from django.db import migrations

REMINDERS = "Cooperation: remind ministries before a call closes"


def create_schedule(apps, schema_editor):
    """Every hour, ministries with a draft request they have not confirmed in a call closing
    within a week (and again within a day) are reminded, once each. The Secretariat sees and
    moves this in the admin, Periodic tasks."""
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    hour, _ = IntervalSchedule.objects.get_or_create(every=1, period="hours")
    PeriodicTask.objects.get_or_create(
        name=REMINDERS, defaults={"task": "cooperation.send_closing_reminders", "interval": hour}
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=REMINDERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0001_calls_requests_review_follow_up"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
