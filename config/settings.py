"""Methodflow settings, read from the environment.

DATABASE_URL  PostgreSQL in production and tests; without it, SQLite in var/ (the zero-setup demo).
SECRET_KEY    required unless DEBUG is on.
DEBUG         "1"/"true" turns on debug pages, the console e-mail backend and demo passwords.
ALLOWED_HOSTS comma-separated.
EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, DEFAULT_FROM_EMAIL.
"""
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp import constants as csp
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DEBUG")

# Without DEBUG an empty key is refused when the site starts (config.database checks), while commands
# that need no key, such as `makemigrations --check`, still run.
SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-methodflow-development-only" if DEBUG else "")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "rest_framework",
    "knox",
    "axes",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "simple_history",
    "viewflow",
    "viewflow.workflow",
    "django_tasks",
    "django_tasks_db",
    "config",
    "accounts",
    "workflows",
    "routes",
    "scoring",
    "materials",
    "competitions",
    "orders",
    "platforms",
    "events",
    "courses",
    "associations",
    "visits",
    "workplan",
    "mentoring",
    "demo",
    "jobs",
]

MIDDLEWARE = [
    # First, so that the time it logs covers everything below (config.request_log).
    "config.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Early, so that every page, the error pages of the middleware below included, carries the policy.
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # With DEBUG on (the demo) a missing page is the site's Russian 404, not Django's technical page.
    "config.errors.SiteNotFoundMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "viewflow.middleware.SiteMiddleware",
    "viewflow.middleware.HotwireTurboMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into a 429 answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "workflows.context_processors.notifications",
            ],
        },
    },
]

if "DATABASE_URL" in os.environ:
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    VAR_DIR.mkdir(exist_ok=True)
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3",
                             "NAME": os.environ.get("SQLITE_PATH", VAR_DIR / "methodflow.sqlite3")}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# "shared" is seen by every app server and worker: a table in the database (created after `migrate`,
# config/cache.py), for counts that must not be per process (accounts.throttling). The default cache holds
# only what a process may work out again (Viewflow's avatar URL on every page), so a page reads no table for
# it. Sessions are in the database (Django's default engine).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": os.environ.get("CACHE_TABLE", "methodflow_cache"),
    },
}

AUTH_USER_MODEL = "accounts.User"
# Django asks the backends in turn until one grants: roles first, as they answer from the assignments
# read once per request, before guardian's object grants, which it queries for every check.
AUTHENTICATION_BACKENDS = [
    # First: refuses a sign-in while the account or the address is locked out (accounts.throttling).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "accounts.permissions.ScopedRoleBackend",
    "guardian.backends.ObjectPermissionBackend",
]
ANONYMOUS_USER_NAME = None  # guardian: anonymous visitors hold no object permissions
GUARDIAN_MONKEY_PATCH_USER = False
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

# The service speaks Russian whatever the browser prefers; LANGUAGE_CODE=en switches an installation.
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "ru")
LANGUAGES = [("ru", _("Russian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tomsk"
# Dates read the same everywhere: 08.12.2026 and 08.12.2026 14:30 (config/formats), not the locale's long form.
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# collectstatic writes here; the production web server (or WhiteNoise) serves it under STATIC_URL.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
# The project's own stylesheet (static/methodflow/site.css), beside the apps' static folders.
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Uploaded files are never served from MEDIA_ROOT by URL: workflows.files checks the case's permissions,
# then streams the file ("django") or lets the web server send it: "x-accel-redirect" (nginx, an internal
# location at FILE_SERVING_PREFIX aliased to MEDIA_ROOT) or "x-sendfile" (Apache mod_xsendfile). README, Files.
FILE_SERVING = os.environ.get("FILE_SERVING", "django")
FILE_SERVING_PREFIX = os.environ.get("FILE_SERVING_PREFIX", "/protected-media/")
if FILE_SERVING not in ("django", "x-accel-redirect", "x-sendfile"):
    raise ValueError('FILE_SERVING must be "django", "x-accel-redirect" or "x-sendfile".')
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "config.staticfinders.PackagedAppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "config.storage.ManifestStaticFilesStorage"
    },
}
# Pages name static files through the manifest only, so the unhashed copies are dead weight; dropping
# them halves what collectstatic compresses (brotli and gzip) and what STATIC_ROOT holds.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
# Source maps (a third of the bundles' bytes) are read by a developer's tools, never by a page. The legacy font
# formats beside each woff2 (eot, otf, ttf: Simple Icons' three are 4 MB, half of collectstatic's compression time)
# are fetched only by browsers without woff2, and those send no brotli anyway.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map", "eot", "otf", "ttf"]

EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "methodflow@localhost")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
# A job waits this long for the mail server before the attempt counts as failed and is retried.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))

# Background jobs (jobs/, README "Background jobs"): Django's Tasks API on the database backend, so a job
# is a row written in the transaction that asks for it and workers on any machine share the queue.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A notice's e-mail is retried after MAIL_RETRY_SECONDS, doubling up to MAIL_RETRY_MAX_SECONDS, at most
# MAIL_MAX_ATTEMPTS times (about two days with the defaults); a notice whose attempt has not finished
# MAIL_STALL_SECONDS after it was due (its worker died) is queued again.
MAIL_RETRY_SECONDS = int(os.environ.get("MAIL_RETRY_SECONDS", "30"))
MAIL_RETRY_MAX_SECONDS = int(os.environ.get("MAIL_RETRY_MAX_SECONDS", "3600"))
MAIL_MAX_ATTEMPTS = int(os.environ.get("MAIL_MAX_ATTEMPTS", "50"))
MAIL_STALL_SECONDS = int(os.environ.get("MAIL_STALL_SECONDS", "600"))
# Whoever must act on a step is reminded this many days before its due date, once per task.
DEADLINE_REMINDER_DAYS = int(os.environ.get("DEADLINE_REMINDER_DAYS", "2"))

# Production hardening; `manage.py check --deploy` is clean with DEBUG off.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", not DEBUG)
if env_flag("BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A load balancer probes each app server directly, over plain HTTP (config.health).
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
HEALTHZ_MAX_QUEUE_LAG_SECONDS = float(os.environ.get("HEALTHZ_MAX_QUEUE_LAG_SECONDS", "300"))

# Content-Security-Policy (django-csp). Everything comes from this site: no inline script runs unless
# it carries the request's nonce (`<script nonce="{{ request.csp_nonce }}">`). None of our pages or of
# viewflow's has one; Swagger UI loads its start-up script from its view (SpectacularSwaggerSplitView),
# ReDoc's carries the nonce (templates/drf_spectacular/redoc.html). Styles allow 'unsafe-inline':
# viewflow's page templates, ours and Material Components write style attributes everywhere, and an
# inline style cannot run script. Viewflow's CSS names data: images and fonts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF, csp.NONCE],
        "style-src": [csp.SELF, csp.UNSAFE_INLINE],
        "img-src": [csp.SELF, "data:"],
        "font-src": [csp.SELF, "data:"],
        "connect-src": [csp.SELF],
        # ReDoc (/api/redoc/) runs its search in a worker it builds from a blob: URL.
        "worker-src": [csp.SELF, "blob:"],
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
    },
}

# LOG_FORMAT=json (the default with DEBUG off) writes every record as one JSON line; REQUEST_LOG adds a
# line per request with the person and the case (config.request_log).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "config.request_log.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", **({"formatter": "json"} if LOG_FORMAT == "json" else {})},
        "requests": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "methodflow.request": {
            "handlers": ["requests"], "propagate": False,
            "level": "INFO" if env_flag("REQUEST_LOG", not DEBUG) else "CRITICAL",
        },
    },
}

# Sign-in throttling (django-axes, accounts.throttling): LOGIN_FAILURE_LIMIT failures from one address,
# or for one account from anywhere, lock both the page and POST /api/auth/token/ for the cool-off, even
# with the right password. Attempts refused during a lockout do not extend it, so the time the message
# names holds. Behind the TLS proxy the client is the X-Forwarded-For entry the proxy appended.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "accounts.throttling.lockout_response"
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"
AXES_VERBOSE = False  # no banner on every manage.py command
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1" if env_flag("BEHIND_TLS_PROXY") else "0"))
# Password reset e-mails per hour (accounts.throttling.PasswordResetLimit).
PASSWORD_RESET_LIMIT_PER_ADDRESS = int(os.environ.get("PASSWORD_RESET_LIMIT_PER_ADDRESS", "10"))
PASSWORD_RESET_LIMIT_PER_EMAIL = int(os.environ.get("PASSWORD_RESET_LIMIT_PER_EMAIL", "3"))

# API tokens (django-rest-knox, accounts.tokens): stored hashed, expire after API_TOKEN_TTL_HOURS, a fresh
# one on every POST /api/auth/token/, at most API_TOKENS_PER_PERSON live per person (the oldest go).
API_TOKEN_TTL_HOURS = int(os.environ.get("API_TOKEN_TTL_HOURS", "12"))
API_TOKENS_PER_PERSON = int(os.environ.get("API_TOKENS_PER_PERSON", "5"))
REST_KNOX = {"TOKEN_TTL": timedelta(hours=API_TOKEN_TTL_HOURS), "AUTH_HEADER_PREFIX": "Token"}

# REST API (/api/): the same services and permission rules as the pages. Token clients send
# `Authorization: Token …` (POST /api/auth/token/); the browser's session works too.
REST_FRAMEWORK = {
    # Token first: an anonymous client gets 401 with `WWW-Authenticate: Token`, not a bare 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    # JSON with its nesting limited (a deep body is 400, not a RecursionError); forms and files as DRF's.
    "DEFAULT_PARSER_CLASSES": [
        "workflows.parsers.LimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # Every 4xx as RFC 9457 problem details, services' ValidationError (400) and TaskAlreadyDone (409) too.
    "EXCEPTION_HANDLER": "workflows.api_errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Methodflow API",
    "DESCRIPTION": "Tasks and cases of the municipal methodical service.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "workflows.schema.ids_are_positive",
                            "workflows.schema.problems_everywhere"],
    "ENUM_NAME_OVERRIDES": {
        "RouteKindEnum": "routes.models.IndividualRoute.Kind",
        "CaseEventKindEnum": "workflows.models.CaseEvent.Kind",
        "ActivityFormEnum": "routes.models.ActivityForm",
    },
}

MAX_UPLOAD_SIZE = int(os.environ.get("MAX_UPLOAD_SIZE", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
