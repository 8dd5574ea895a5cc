"""The one test settings module: real PostgreSQL and Redis (database 2 for the broker, so a
development worker never takes test tasks), mail kept in memory unless a test says otherwise."""

from .base import *  # noqa: F403
from .base import REDIS_SOCKET, VAR_DIR, env_str

SECRET_KEY = "test-only-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
CELERY_BROKER_URL = f"redis+socket://{REDIS_SOCKET}?virtual_host=2"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Unit tests read messages from django.core.mail.outbox; tests of the Celery path switch
# EMAIL_BACKEND back to the Celery backend and run a real worker.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The worker started by the integration tests delivers to files the test can read.
EMAIL_DELIVERY_BACKEND = env_str(
    "EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.locmem.EmailBackend"
)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "test-mail"))
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = VAR_DIR / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests serve static files from the finders; there is no collected folder.
STATIC_ROOT = None
# A tiny publishable model, installed only here, that tests the shared workflow on its own.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.workflow_app"]  # noqa: F405
