"""Doorstep settings. Every setting comes from the environment (12-factor).

Variables: DEBUG, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, DATABASE_REPLICA_URL, DATABASE_POOL,
REDIS_URL,
EMAIL_URL-style settings (EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD,
EMAIL_USE_TLS, DEFAULT_FROM_EMAIL), SESSION_MINUTES, SECURE_SSL (true behind TLS),
RECRUITMENT_HR_EMAIL, RECRUITMENT_CANDIDATE_RETENTION_DAYS, RETENTION_CLOSED_CASE_YEARS,
RETENTION_SAFEGUARDING_YEARS.
DOORSTEP_LANDLORD_NAME and DOORSTEP_PUBLIC_URL (the name and address printed on letters and
signs).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
TESTING = env_bool("DOORSTEP_TESTING", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105
    else:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if (DEBUG or TESTING) else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_htmx",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks_db",
    "doorstep.core",
    "doorstep.accounts",
    "doorstep.places",
    "doorstep.people",
    "doorstep.tenancies",
    "doorstep.contacts",
    "doorstep.myday",
    "doorstep.search",
    "doorstep.imports",
    "doorstep.cases",
    "doorstep.asb",
    "doorstep.complaints",
    "doorstep.partners",
    "doorstep.safeguarding",
    "doorstep.hoarding",
    "doorstep.flytipping",
    "doorstep.domestic_abuse",
    "doorstep.sustainment",
    "doorstep.meetings",
    "doorstep.inspections",
    "doorstep.welfare",
    "doorstep.ta_reviews",
    "doorstep.teams",
    "doorstep.recruitment",
    "doorstep.community",
    "doorstep.repairs",
    "doorstep.hazards",
    "doorstep.reports",
    "doorstep.dataprotection",
    "doorstep.duplicates",
    "doorstep.resident_reports",
    "doorstep.letters",
    "doorstep.demo",
    "doorstep.api",
    "doorstep.scale",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
    "doorstep.accounts.middleware.TwoFactorMiddleware",
    "doorstep.core.nul.RefuseNulMiddleware",
    "doorstep.core.submissions.SubmissionOnceMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "doorstep" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["doorstep.core.templatetags.submissions"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "doorstep.core.context_processors.doorstep",
            ],
        },
    }
]

# Database: SQLite (WAL) embedded by default; PostgreSQL via DATABASE_URL in production.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "var" / "doorstep.sqlite3")),
            "OPTIONS": {
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                    " PRAGMA busy_timeout=5000;"
                ),
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: Doorstep's queries are short, and PostgreSQL's cost estimates for
    # list pages (correlated counts) start a JIT that takes longer than the query itself
    # (1.6 s of a 1.8 s case list count at 20,000 homes; docs/performance.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DATABASE_NAME") or None}
# Connection pooling (psycopg 3's pool, Django 5.1+), PostgreSQL only: DATABASE_POOL=N keeps up
# to N connections in each process (`true` means 4). Persistent connections (CONN_MAX_AGE) are
# off then: the pool reuses connections instead. See docs/scaling.md for gunicorn workers.
DATABASE_POOL = os.environ.get("DATABASE_POOL", "").strip().lower()


def pooled(database: Any) -> Any:
    if not DATABASE_POOL or DATABASE_POOL in {"0", "false", "no", "off"}:
        return database
    if database.get("ENGINE") != "django.db.backends.postgresql":
        return database
    size = int(DATABASE_POOL) if DATABASE_POOL.isdigit() else 4
    options = dict(database.get("OPTIONS") or {})
    options["pool"] = {"min_size": 1, "max_size": size, "timeout": 10}
    return {**database, "CONN_MAX_AGE": 0, "CONN_HEALTH_CHECKS": False, "OPTIONS": options}


DATABASES["default"] = pooled(DATABASES["default"])
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = pooled(dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=60))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["doorstep.core.db_router.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware"),
        "doorstep.core.db_router.PinPrimaryMiddleware",
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "myday:my_day"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions: 180 minutes of inactivity, renewed on every request.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_MINUTES", "180")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL = env_bool("SECURE_SSL", not DEBUG and not TESTING)
SESSION_COOKIE_SECURE = SECURE_SSL
CSRF_COOKIE_SECURE = SECURE_SSL
SECURE_SSL_REDIRECT = SECURE_SSL and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000 if SECURE_SSL else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_SSL
SECURE_HSTS_PRELOAD = SECURE_SSL
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

# Lock-out after repeated sign-in failures (django-axes).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# Content Security Policy: no inline script or style anywhere.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if (DEBUG or TESTING)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING

# Cache and sessions: Redis when REDIS_URL is set, else local memory + database sessions.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Background tasks: Django's built-in framework with the database backend and worker.
TASKS = {
    "default": {
        "BACKEND": (
            "django.tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

# Email (Django 6.1 MAILERS): console in development, SMTP when EMAIL_HOST is set.
_EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if _EMAIL_HOST:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _EMAIL_HOST,
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
            },
        }
    }
elif DEBUG or TESTING:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    # Production without EMAIL_HOST: a local mail transfer agent on port 25.
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Doorstep <no-reply@doorstep.invalid>")

# The REST API (docs/api.md). API_RATE: requests per token, e.g. 600/minute or 20/second.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "doorstep.api.pagination.IdCursorPagination",
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["doorstep.api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api": os.environ.get("API_RATE", "600/minute")},
    "EXCEPTION_HANDLER": "doorstep.api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Doorstep API",
    "DESCRIPTION": (
        "Housing and neighbourhood management for UK social landlords. Authenticate with "
        "`Authorization: Token <key>` (issued on your profile page); see docs/api.md."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Choice sets that share a field name get names of their own.
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "doorstep.cases.models.CaseStatus",
        "CallBackStatusEnum": "doorstep.contacts.models.CallBackStatus",
        "CallBackDoneEnum": ["done"],
        "AttemptOutcomeEnum": "doorstep.contacts.models.AttemptOutcome",
        "ComplaintOutcomeEnum": "doorstep.complaints.models.Outcome",
        "FullAccessEnum": ["full"],
        "StubAccessEnum": ["stub"],
    },
}

# Logging: structured, no personal data (references and ids only; see docs/architecture.md).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # WeasyPrint logs every page it lays out at INFO: a 500-letter run would flood the log.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

DOORSTEP_NAME = os.environ.get("DOORSTEP_NAME", "Doorstep")
# Recruitment: where interview outcomes are emailed, and how many days after a vacancy closes
# its candidates' details are deleted (purge_candidates).
RECRUITMENT_HR_EMAIL = os.environ.get("RECRUITMENT_HR_EMAIL", "hr@doorstep.invalid")
RECRUITMENT_CANDIDATE_RETENTION_DAYS = int(
    os.environ.get("RECRUITMENT_CANDIDATE_RETENTION_DAYS", "180")
)
# The landlord's name on letters, signs and printed forms (DOORSTEP_NAME when empty).
DOORSTEP_LANDLORD_NAME = os.environ.get("DOORSTEP_LANDLORD_NAME", "")
# The public address residents are given on letters and signs (e.g. https://homes.example.org);
# empty: the address the page was reached at. A letter run keeps the one it began with.
DOORSTEP_PUBLIC_URL = os.environ.get("DOORSTEP_PUBLIC_URL", "").rstrip("/")
DOORSTEP_PAGE_SIZE = 25

# Two-factor sign-in (django-otp): the name authenticator apps show for the account.
OTP_TOTP_ISSUER = DOORSTEP_NAME

# Data protection (DOMAIN.md §12): closed cases are anonymised this many years after closure;
# safeguarding and domestic abuse cases (and safeguarding referrals) are kept longer.
RETENTION_CLOSED_CASE_YEARS = int(os.environ.get("RETENTION_CLOSED_CASE_YEARS", "6"))
RETENTION_SAFEGUARDING_YEARS = int(os.environ.get("RETENTION_SAFEGUARDING_YEARS", "15"))
