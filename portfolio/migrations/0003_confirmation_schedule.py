from django.db import migrations


def create_schedule(apps, schema_editor):
    """Every year on 15 January: ask the ministries to confirm their programs. The Secretariat
    sees and moves this schedule in the admin (Periodic tasks)."""
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="14", day_of_month="15", month_of_year="1", day_of_week="*",
        timezone="America/New_York",
    )  # fmt: skip
    PeriodicTask.objects.get_or_create(
        name="Portfolio: yearly confirmation reminders",
        defaults={"task": "portfolio.send_confirmation_reminders", "crontab": crontab},
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        name="Portfolio: yearly confirmation reminders"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0002_search"), ("django_celery_beat", "0019_alter_periodictasks_options")]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
