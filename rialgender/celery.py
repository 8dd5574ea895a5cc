"""The Celery application. Workers run `celery -A rialgender worker`, beat runs with
django-celery-beat's database scheduler so staff can see and move schedules in the admin."""

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun
from django.db import close_old_connections

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rialgender.settings.dev")

app = Celery("rialgender")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


# With CELERY_DB_REUSE_MAX set, Celery keeps the database connection across tasks; it is
# closed, as after a web request, when older than CONN_MAX_AGE or unusable.
@task_prerun.connect
@task_postrun.connect
def _close_old_connections(**kwargs):
    close_old_connections()
