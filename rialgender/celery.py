"""The Celery application. Workers run `celery -A rialgender worker`, beat runs with
django-celery-beat's database scheduler so staff can see and move schedules in the admin."""

import os

from celery import Celery
from django.db import transaction

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rialgender.settings.dev")

app = Celery("rialgender")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def queue(name: str, **kwargs) -> None:
    """Queue the task registered as `name`, with keyword arguments, once the current
    transaction commits (at once outside one).

    Services queue tasks this way, by name, and never import a `tasks` module: tasks are
    leaves (a task fetches and calls a service; lint-imports checks it). An unknown name fails
    here, in the caller, not later in a worker.
    """
    if name not in app.tasks:
        # The web process imports no tasks module of its own accord: autodiscovery does.
        app.loader.import_default_modules()
    task = app.tasks[name]
    transaction.on_commit(lambda: task.delay(**kwargs))
