"""The Celery application. Workers run `celery -A rialgender worker`, beat runs with
django-celery-beat's database scheduler so staff can see and move schedules in the admin."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rialgender.settings.dev")

app = Celery("rialgender")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
