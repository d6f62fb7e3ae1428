"""Settings for Follow-up Tracker, read from the environment.

With nothing set, the tracker runs on an embedded default: SQLite in ``data/`` and
Celery tasks executed in-process. Set DATABASE_URL and REDIS_URL to use PostgreSQL
and Redis. With DEBUG off, SECRET_KEY is required.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env file (not committed) may hold development settings such as DEBUG=1;
# variables set in the environment win over it.
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# The local demonstration (bin/serve): DEBUG off, so that readers see exactly the pages users
# see (the site's own error pages, never Django's debug page), but served over plain HTTP on
# 127.0.0.1 only, with a development key. Never set it on a server.
LOCAL_DEMO = env.bool("LOCAL_DEMO", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG and not LOCAL_DEMO:
        # One clear sentence on standard error and exit status 1, with no traceback before it.
        raise SystemExit(
            "SECRET_KEY is not set: set the SECRET_KEY environment variable to a long random "
            "string (python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=1 for local development only."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
if LOCAL_DEMO:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost"]  # loopback only, whatever the environment says
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Folder for the embedded database and uploaded evidence (outside the web root).
DATA_DIR = Path(env.str("DATA_DIR", default=str(BASE_DIR / "data")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_countries",
    "django_filters",
    "django_tables2",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "observations",
]

MIDDLEWARE = [
    # /healthz first: probes reach it whatever the host name and without the HTTPS redirect.
    "observations.views.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this sign-in entered a two-factor code.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Asks for the two-factor code after the password, and sends roles that must use it to
    # set it up (observations.two_factor).
    "observations.two_factor.TwoFactorMiddleware",
    # Last: refuses sign-ins to locked accounts with the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tracker.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "observations.views.home.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "tracker.wsgi.application"

DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'tracker.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)  # the embedded default lives in DATA_DIR
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if env.str("TEST_DATABASE_NAME", default=""):
    # Lets several test runs share one PostgreSQL server without colliding.
    DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_DATABASE_NAME")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
# After signing in, each role lands on its own work (observations.views.home.landing).
LOGIN_REDIRECT_URL = "observations:landing"
LOGOUT_REDIRECT_URL = "observations:document_list"

# The six UN languages, for the interface and the documents.
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="en")
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ru", "Русский"),
    ("ar", "العربية"),
    ("zh-hans", "中文"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploaded files (evidence) live outside the web root and are served by views that
# check permissions; MEDIA_URL is deliberately not routed.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "uploads")))

# Redis: cache and Celery broker. Without REDIS_URL, a local-memory cache and
# in-process tasks.
REDIS_URL = env.str("REDIS_URL", default="")
# Each parallel test worker (pytest-xdist names it gw0, gw1, ...) keeps to its own keys; a
# process it starts with the worker's prefixes in its environment keeps them as they are.
TEST_WORKER = env.str("PYTEST_XDIST_WORKER", default="")
_cache_key_prefix = env.str("CACHE_KEY_PREFIX", default="tracker")
_broker_key_prefix = env.str("CELERY_KEY_PREFIX", default="")
if TEST_WORKER and not _cache_key_prefix.endswith(f"-{TEST_WORKER}"):
    _cache_key_prefix += f"-{TEST_WORKER}"
if TEST_WORKER and not _broker_key_prefix.endswith(f"{TEST_WORKER}:"):
    _broker_key_prefix += f"{TEST_WORKER}:"
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": _cache_key_prefix,
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
    CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
if _broker_key_prefix:
    CELERY_BROKER_TRANSPORT_OPTIONS["global_keyprefix"] = _broker_key_prefix
# Deadline reminders: the day's digests are planned early every morning; the sweeper
# puts back digests whose sender stopped (see observations.tasks.notifications).
CELERY_BEAT_SCHEDULE = {
    "plan-reminders": {
        "task": "observations.plan_reminders",
        "schedule": crontab(hour=env.int("REMINDER_HOUR", default=6), minute=0),
    },
    "sweep-outbox": {"task": "observations.sweep_outbox", "schedule": 300.0},
    "remove-expired-uploads": {"task": "observations.remove_expired_uploads", "schedule": 3600.0},
}
# A digest left in "sending" longer than this (seconds) is sent again.
REMINDER_SENDING_TIMEOUT = env.int("REMINDER_SENDING_TIMEOUT", default=900)
# Absolute links in e-mails start with this address.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# E-mail: EMAIL_URL (smtp://user:pass@host:587, submission://…, consolemail://) or console.
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = env.str(
        "EMAIL_BACKEND",
        default="django.core.mail.backends.console.EmailBackend"
        if DEBUG or LOCAL_DEMO
        else "django.core.mail.backends.smtp.EmailBackend",
    )
    EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
    EMAIL_PORT = env.int("EMAIL_PORT", default=25)
    EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Follow-up Tracker <tracker@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security: secure by default when DEBUG is off (HTTPS terminated in front of the app).
if not DEBUG and not LOCAL_DEMO:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"
if LOCAL_DEMO:
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# A sign-in lasts this many seconds (default 8 hours, a working day), then the person
# signs in again.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)

# Sign-in throttling (django-axes) on every login page, the admin's included: after
# AXES_FAILURE_LIMIT wrong passwords in a row the account is locked for
# AXES_COOLOFF_MINUTES (0: until staff unlock it in the admin, "Access attempts", or with
# `manage.py axes_reset_username NAME`). A right password resets the count.
AUTHENTICATION_BACKENDS = [
    "tracker.auth_backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = (
    timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
    if env.int("AXES_COOLOFF_MINUTES", default=30)
    else None
)
# The account is locked, not the address: behind the TLS proxy every request comes from
# the proxy's address, and locking it would lock everyone out.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_LOCKOUT_CALLABLE = "tracker.auth_backends.lockout_response"
AXES_VERBOSE = False

# Two-factor sign-in (django-otp): anyone may add an authenticator app on
# /account/two-factor/, and then enters one of its codes (or a backup code) after the
# password at every sign-in. With TWO_FACTOR_REQUIRED on, staff, superusers and coordinators
# cannot use any page before they have set one up and entered a code. Wrong codes wait
# 1, 2, 4, 8... seconds before the next try (per device, whatever the session).
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=False)
OTP_TOTP_ISSUER = "Follow-up Tracker"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Content-Security-Policy (django-csp): scripts, styles, images and fonts from this site
# only; no inline scripts. Inline style attributes stay allowed (progress bars' widths).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The REST API (/api/v1/): personal tokens or the site's session, the same permissions
# as the pages, cursor pagination, and rate limits per anonymous address and per user.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "observations.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "observations.api.pagination.Cursor",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": [
        "observations.api.throttling.AnonymousRate",
        "observations.api.throttling.UserRate",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "observations.api.exceptions.handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
API_RATE_ANONYMOUS = env.str("API_RATE_ANONYMOUS", default="60/minute")
API_RATE_USER = env.str("API_RATE_USER", default="600/minute")
SPECTACULAR_SETTINGS = {
    "TITLE": "Follow-up Tracker API",
    "DESCRIPTION": "Concluding observations of the UN treaty bodies and the follow-up of their recommendations.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        f"{name}Enum": f"observations.choices.{name}"
        for name in ("HeadingKind", "ParagraphKind", "DeadlineKind", "ReferenceKind", "CitationKind", "MeasureKind",
                     "OrganizationKind")
    },
}

# Largest file accepted by the importer (a concluding observations .docx is ~100 KB).
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
# The search page counts hits up to this many (past it: "more than …", the best first).
SEARCH_MAX_COUNTED = env.int("SEARCH_MAX_COUNTED", default=1000)
# Rules of the follow-up work, adjustable per installation.
# Internal deadlines fall this many days before the Committee's date.
FOLLOW_UP_LEAD_DAYS = env.int("FOLLOW_UP_LEAD_DAYS", default=60)
# Largest evidence file a focal point may upload.
EVIDENCE_MAX_BYTES = env.int("EVIDENCE_MAX_BYTES", default=10 * 1024 * 1024)
# Word limits: follow-up information (treaty bodies usually ask for 3,500 words), the
# periodic report under the simplified procedure (21,200) and NGO submissions (10,700).
FOLLOW_UP_REPORT_WORD_LIMIT = env.int("FOLLOW_UP_REPORT_WORD_LIMIT", default=3500)
PERIODIC_REPORT_WORD_LIMIT = env.int("PERIODIC_REPORT_WORD_LIMIT", default=21200)
SHADOW_REPORT_WORD_LIMIT = env.int("SHADOW_REPORT_WORD_LIMIT", default=10700)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Tables scroll inside their own box on a phone; the page itself never scrolls sideways.
DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
