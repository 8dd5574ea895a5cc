"""Production: strict. Refuses to start without a secret key, hosts, a database name and the
portal's address (SITE_URL)."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, env_bool, env_int, env_list, env_str

DEBUG = False
PRODUCTION = True
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY (or SECRET_KEY_FILE) of at least 50 characters is required."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is required in production.")
DATABASES["default"]["NAME"] = env_str("DB_NAME")  # noqa: F405
# The portal's public address, for the links in e-mails, the sitemap and hreflang: nothing
# else knows it when a task renders an e-mail.
SITE_URL = env_str("SITE_URL").rstrip("/")
if not SITE_URL.startswith(("https://", "http://")) or "/" in SITE_URL.split("://", 1)[1]:
    raise ImproperlyConfigured(
        "SITE_URL must be the portal's address, like https://rialgender.oas.org"
    )

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
