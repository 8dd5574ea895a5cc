"""The RIAL/GENDER portal: project package (settings, URLs, Celery app, shared core)."""

from .celery import app as celery_app

__all__ = ["celery_app"]
