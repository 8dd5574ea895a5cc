"""Settings shared by every environment. Values that differ come from the environment
(see `.env.example`); `dev`, `test` and `prod` only change defaults and strictness."""

from pathlib import Path

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from rialgender.apps_list import PORTAL_APPS
from rialgender.countries import NETWORK_COUNTRIES
from rialgender.env import env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("RIALGENDER_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_secret("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
PRODUCTION = False  # True in rialgender.settings.prod only: what must never run there checks it
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "rialgender.admin_config.PortalAdminConfig",  # django.contrib.admin with the portal's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, for rialgender.forms.PortalFormRenderer
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_celery_beat",
    "django_countries",
    "simple_history",
    "import_export",
    # Django REST framework is used without being installed as an app: its Spanish catalog
    # would otherwise replace Django's own wording of the forms' errors.
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    *PORTAL_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "rialgender.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "rialgender.middleware.StaffTwoFactorMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "rialgender.urls"
FORM_RENDERER = "rialgender.forms.PortalFormRenderer"
WSGI_APPLICATION = "rialgender.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rialgender.context_processors.portal",
            ],
        },
    },
]

# PostgreSQL only. Development talks to the project-local cluster under var/ through its
# Unix socket; production names its server in the environment.
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": env_str("DB_NAME", "rialgender"),
        "USER": env_str("DB_USER", "rialgender"),
        "PASSWORD": env_secret("DB_PASSWORD", ""),
        "HOST": env_str("DB_HOST", str(VAR_DIR / "pg" / "run")),
        "PORT": env_str("DB_PORT", "5433"),
        "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
        # The portal's queries are short: PostgreSQL's JIT compiler, which the planner starts
        # on large tables, spends tens of milliseconds compiling and saves nothing here.
        "OPTIONS": {"application_name": "rialgender", "options": "-c jit=off"},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: broker for Celery (database 0) and the cache (database 1). Default is the
# project-local server's Unix socket.
REDIS_SOCKET = env_str("REDIS_SOCKET", str(VAR_DIR / "redis" / "redis.sock"))
REDIS_URL = env_str("REDIS_URL", f"unix://{REDIS_SOCKET}")
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", f"redis+socket://{REDIS_SOCKET}?virtual_host=0")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env_str("CACHE_URL", f"{REDIS_URL}?db=1"),
        "KEY_PREFIX": "rialgender",
    }
}

CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged after it ran, so a worker killed mid-task hands it to the next one.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Celery's Django fix-up otherwise closes the database connection around every task: a new
# PostgreSQL backend per task (connecting, cold caches, the text search dictionaries loaded
# again) costs more than most tasks. rialgender/celery.py closes old connections instead.
CELERY_DB_REUSE_MAX = 1000
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = "UTC"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Accounts (django-allauth). There is no public sign-up: the Secretariat invites members.
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
# One way to sign in: e-mail, password, then the code for accounts with an authenticator.
# A password reset signs nobody in; there is no log-in by e-mailed code and no passkey log-in
# that would skip the password. (Django's admin login is replaced: rialgender.views.admin_login.)
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGIN_BY_CODE_ENABLED = False
MFA_PASSKEY_LOGIN_ENABLED = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/5m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[RIAL/GENDER] "
LOGIN_REDIRECT_URL = "members:home"
LOGIN_URL = "account_login"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "RIAL/GENDER"
# Staff must have an authenticator before they reach the admin.
RIALGENDER_STAFF_REQUIRE_2FA = env_bool("RIALGENDER_STAFF_REQUIRE_2FA", True)
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14)

# The admin's exports (django-import-export): resources also put every cell through
# rialgender.exports.safe_cell (SafeExportMixin); these are the library's own safety nets.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
IMPORT_EXPORT_ESCAPE_ILLEGAL_CHARS_ON_EXPORT = True

# Internationalisation: English and Spanish, everywhere.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "America/New_York"  # The OAS in Washington, D.C.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "es")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "es"), "es": ("es", "en")}

# Countries of the network: the OAS member states and the observer states that take part.
COUNTRIES_ONLY = NETWORK_COUNTRIES
COUNTRIES_FIRST_REPEAT = False
# django-countries' Spanish catalog spells this one "Trinidad yTobago"; ours has it right.
COUNTRIES_OVERRIDE = {"TT": _("Trinidad and Tobago")}

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files live in MEDIA_ROOT and are never served from MEDIA_URL: each download goes
# through a view that asks the permission of the file's object (rialgender.files). In
# production that view answers with X-Accel-Redirect to this internal nginx location (see the
# README); empty, Django streams the file itself.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
PROTECTED_MEDIA_REDIRECT = env_str("PROTECTED_MEDIA_REDIRECT", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# E-mail: the portal hands every message to Celery; the worker delivers it with the
# backend named in EMAIL_DELIVERY_BACKEND (SMTP in production, files under var/ in dev).
EMAIL_BACKEND = "rialgender.mail.CeleryEmailBackend"
EMAIL_DELIVERY_BACKEND = env_str(
    "EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "RIAL/GENDER <rialgender@oas.org>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
SECRETARIAT_EMAIL = env_str("SECRETARIAT_EMAIL", "rialgender@oas.org")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "rialgender.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp), the same in every environment: scripts, styles,
# fonts, frames and connections from the portal itself only, never inline (templates keep
# script and style in static/); images also as data: URIs (the TOTP set-up's QR code); no
# plugins; forms post only to the portal; no page may be framed by another site. The admin
# works under it unchanged (Django 5.2's admin has no inline script; the few inline styles
# of the admin and of django-import-export and django-simple-history templates are replaced
# in templates/). Responses that need another policy set their own: downloaded files
# (rialgender.files.serve_file) and e-mail previews (rialgender.http.email_preview_response).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
AUTH_USER_MODEL = "members.User"
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 default, adopted now

# Mailings (rialgender.bulkmail: communications, newsletter, event reminders): messages per
# claimed batch; how long a batch's claim may go unrenewed before the batch is taken over (a
# worker renews it with every message, so this only has to outlast one message: keep it above
# EMAIL_TIMEOUT); and how many send tasks a mailing starts with (one per worker process that
# should share it).
BULK_MAIL_BATCH_SIZE = env_int("BULK_MAIL_BATCH_SIZE", 200)
BULK_MAIL_CLAIM_LEASE = env_int("BULK_MAIL_CLAIM_LEASE", 45)
BULK_MAIL_SENDERS = env_int("BULK_MAIL_SENDERS", 1)
# SMTP connections each sending worker keeps open: it sends a message on each in turn, and one
# commit records them all (a commit per message would make every message wait for the disk).
BULK_MAIL_CONNECTIONS = env_int("BULK_MAIL_CONNECTIONS", 8)
# A portfolio search that matches more programs than this counts, facets and ranks a random
# sample of this many (shown as estimates); below it, everything is exact.
PORTFOLIO_SEARCH_EXACT_LIMIT = env_int("PORTFOLIO_SEARCH_EXACT_LIMIT", 2000)
NEWSLETTER_SIGNUPS_PER_HOUR = env_int("NEWSLETTER_SIGNUPS_PER_HOUR", 10)
# The documentation center's search: as PORTFOLIO_SEARCH_EXACT_LIMIT, for resources.
DOCS_SEARCH_EXACT_LIMIT = env_int("DOCS_SEARCH_EXACT_LIMIT", 2000)
# OAI-PMH (/oai): the repository's identifier (a domain name the network controls), the
# address harvesters write to, records per response and how long a resumption token works.
OAI_REPOSITORY_IDENTIFIER = env_str("OAI_REPOSITORY_IDENTIFIER", "rialgender.oas.org")
OAI_ADMIN_EMAIL = env_str("OAI_ADMIN_EMAIL", SECRETARIAT_EMAIL)
OAI_PAGE_SIZE = env_int("OAI_PAGE_SIZE", 500)
OAI_TOKEN_MAX_AGE = env_int("OAI_TOKEN_MAX_AGE", 24 * 3600)

# Public pages for anonymous visitors and the API's answers come from the cache until what
# they show changes (rialgender.pagecache); an entry unused for this long is dropped.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_TIMEOUT = env_int("PAGE_CACHE_TIMEOUT", 86400)
# Changed by a release to start a new page cache (the code's own digest changes it too).
PAGE_CACHE_VERSION = env_str("PAGE_CACHE_VERSION", "")

# The open read API (/api/v1/, rialgender.api): public, read-only, JSON. Requests per client
# address ("<n>/second|minute|hour|day"; empty: no limit).
API_RATE_LIMIT = env_str("API_RATE_LIMIT", "300/minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    # Each view names its throttle (rialgender.api.ClientRateThrottle).
    "DEFAULT_THROTTLE_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "rialgender.api.exception_handler",
    "UNAUTHENTICATED_USER": None,
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "RIAL/GENDER open data API",
    "DESCRIPTION": _(
        "The public data of the Network of Gender Focal Points in the Ministries of Labor of "
        "the Americas (RIAL/GENDER): read-only, JSON, every text in English and Spanish side by "
        "side. Lists are paged with a cursor (follow `next`). Answers carry an ETag and a "
        "Last-Modified: ask again with If-None-Match or If-Modified-Since to get 304 when "
        "nothing changed. Rate limit: a number of requests per client address in a window (see "
        "the X-RateLimit-* headers; a 429 says when to come back in Retry-After). Errors are "
        "JSON with a `detail`, and `errors` naming each refused parameter."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Without deep links an operation's summary button holds no link: a control inside a
    # control is announced badly by screen readers (axe: nested-interactive).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
}
# Anyone may read the API from a web page of any site: GET only, no cookies.
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = [
    "ETag", "Last-Modified", "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
]  # fmt: skip
CORS_PREFLIGHT_MAX_AGE = 86400
# How many reverse proxies of ours stand in front of the application: the client's address is
# the Nth from the right of X-Forwarded-For (rialgender.http.client_ip); 0 ignores the header.
# Every rate limit (allauth's and ours) counts per client address through it.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
