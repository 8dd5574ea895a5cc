from django.db import migrations

COMPOSE = "Newsletter: compose the biweekly edition"
DISPATCH = "Newsletter: send approved editions"


def create_schedules(apps, schema_editor):
    """Every 14 days a draft edition is composed (the Secretariat sees and moves this in the
    admin, Periodic tasks: change its interval or set its start time); every minute, editions
    whose time has come are sent, and an interrupted send is resumed."""
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    fortnight, _ = IntervalSchedule.objects.get_or_create(every=14, period="days")
    minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=COMPOSE, defaults={"task": "newsletter.compose_edition", "interval": fortnight}
    )
    PeriodicTask.objects.get_or_create(
        name=DISPATCH, defaults={"task": "newsletter.dispatch", "interval": minute}
    )


def remove_schedules(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        name__in=[COMPOSE, DISPATCH]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0001_news_subscribers_editions"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
