"""Development: works with no configuration at all. E-mail is written to var/mail/."""

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool, env_list, env_secret, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_secret("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
EMAIL_DELIVERY_BACKEND = env_str(
    "EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Templates change under a running development server: pages are drawn at every request.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", False)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
