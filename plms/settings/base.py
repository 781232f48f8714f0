"""Settings shared by every environment. Values come from the environment.

Embedded default: with no DATABASE_URL the app runs on SQLite; with no REDIS_URL Celery runs
tasks in-process. With both set it is the production shape (PostgreSQL + Redis).
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from plms.settings.env import (
    email_settings,
    env_bool,
    env_int,
    env_list,
    env_str,
    logging_config,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("PLMS_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-development-key-never-use-in-production")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "plms.accounts",
    "plms.common",
    "plms.tenancy",
    "plms.people",
    "plms.audit",
    "plms.privacy",
    "plms.events",
    "plms.integrations",
    "plms.web",
    "capabilities",
    "assessments",
    "goals",
    "learning",
    "reward",
    "surveys",
    "talent",
    "workflows",
    "dashboards",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "guardian",
    "axes",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    # Outermost: the request id, the JSON `request` log line and the request metrics.
    "plms.common.logs.RequestLogMiddleware",
    # While PLMS_DRAIN_FILE exists: 503 "draining" at once, for the proxy to retry elsewhere.
    "plms.common.draining.DrainMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # /api/v1/<route>/ answers as /api/v1/<route>.
    "plms.common.middleware.ApiTrailingSlashMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # With a replica: who is asking, and their next pages read from the primary after a write.
    "plms.tenancy.replica.ReplicaPinMiddleware",
    # Client address and user agent of the request, for the audit entries it writes.
    "plms.audit.middleware.AuditOriginMiddleware",
    # Keeps each signed-in browser's row (device, address, last seen) for "Your sessions".
    "plms.accounts.middleware.UserSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Resolves the organization (session membership or API key), opens the request
    # transaction and sets the row-level-security key inside it.
    "plms.tenancy.middleware.OrganizationMiddleware",
    # Inside it: the signed-in member's employee record (`request.employee`).
    "plms.people.middleware.EmployeeMiddleware",
    # Puts the organization and the caller's id on every log line of the request.
    "plms.common.logs.RequestIdentityMiddleware",
    # Replays the first response to a POST repeated with the same Idempotency-Key.
    "plms.common.idempotency.IdempotencyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "plms.urls"
WSGI_APPLICATION = "plms.wsgi.application"
ASGI_APPLICATION = "plms.asgi.application"

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
                "plms.tenancy.context_processors.organization",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# DATABASE_URL is the application's role: neither superuser, nor BYPASSRLS, nor table owner,
# so PostgreSQL row-level security applies to it. DATABASE_OWNER_URL is the role that owns the
# tables and runs migrations (`manage.py migrate` uses it when set).
DATABASE_URL = env_str("DATABASE_URL")
DATABASE_OWNER_URL = env_str("DATABASE_OWNER_URL")
# The owner's credentials, used by `migrate` and by the test database setup.
DATABASE_OWNER = dj_database_url.parse(DATABASE_OWNER_URL) if DATABASE_OWNER_URL else None
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # No JIT compilation: the planner's estimate for the recursive reporting-lines subquery of
    # the visibility rules (hundreds of thousands of rows for a team of 1,600) crosses
    # jit_above_cost, and compiling a 14 ms goals query then took 1.1 s. The application's
    # queries are short; JIT is for long analytical ones.
    # Added to any options DATABASE_URL gives. Through PgBouncer, list `options` in its
    # ignore_startup_parameters, or set it on the role instead (ALTER ROLE ... SET jit = off).
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("PLMS_SQLITE_PATH", str(VAR_DIR / "db.sqlite3")),
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
# Reports from a PostgreSQL streaming replica (plms/tenancy/replica.py): dashboards and reports
# that tolerate a few seconds of lag read from it; everything else, and a person's next pages
# after they write (for PLMS_REPLICA_PIN_SECONDS), from the primary. Tests mirror the primary.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
PLMS_REPLICA_PIN_SECONDS = env_int("PLMS_REPLICA_PIN_SECONDS", 10)
if DATABASE_URL and DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=60)
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    _replica_options = DATABASES["replica"].setdefault("OPTIONS", {})
    _replica_options["options"] = f"{_replica_options.get('options', '')} -c jit=off".strip()
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["plms.tenancy.replica.ReplicaRouter"]
# Each view runs in its own atomic block (a savepoint inside the organization's transaction),
# so a failed view's writes are rolled back while the request's bookkeeping stays.
DATABASES["default"]["ATOMIC_REQUESTS"] = True

# The name of the application role, granted DML on every table after each migration.
DATABASE_APP_ROLE = env_str("DATABASE_APP_ROLE")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# --- Cache and Redis --------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    # Every signed-in request reads its session: from Redis, written through to the database
    # (which still has every session when Redis is emptied or restarted).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery -----------------------------------------------------------------------------------
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TIMEZONE = "UTC"
# Periodic tasks run by `celery beat`; each app adds its entries here.
CELERY_BEAT_SCHEDULE = {
    # Webhook deliveries whose retry is due, or whose message was lost: the database decides.
    "webhooks-retry-due-deliveries": {
        "task": "plms.integrations.tasks.retry_due_webhook_deliveries",
        "schedule": 60.0,
    },
}

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English")]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# One way of writing dates on every page, per language: plms/formats/<language>/formats.py
# (the values below apply when translation is switched off).
FORMAT_MODULE_PATH = ["plms.formats"]
DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATE_FORMAT = "D j M"
SHORT_DATETIME_FORMAT = "D j M, H:i"

# --- Static files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# --- E-mail -----------------------------------------------------------------------------------
# EMAIL_URL, or EMAIL_HOST / EMAIL_PORT / EMAIL_HOST_USER / EMAIL_HOST_PASSWORD / EMAIL_USE_TLS /
# EMAIL_USE_SSL / EMAIL_TIMEOUT (plms.settings.env.email_settings). Locally e-mail is printed.
globals().update(email_settings("django.core.mail.backends.console.EmailBackend"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "PLMS <no-reply@plms.example>")
PLMS_BASE_URL = env_str("PLMS_BASE_URL", "http://127.0.0.1:8000")

# --- Security ---------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Content-Security-Policy (django-csp): scripts, styles, images and connections from this site
# only; no inline script and no eval (pages declare behaviour with data attributes, handled by
# static/js). Inline style *attributes* are allowed (bars whose width is a percentage); style
# elements are not. The API docs page adds the CDN of Swagger UI (plms/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-elem": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Failed-login throttling: django-axes counts failures atomically in the database and locks
# the username + address pair out for a cool-off period.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"

# Across accounts: failed sign-ins per client address and window (password spraying), and
# password-reset requests per e-mail address and per client address (plms.accounts.throttles).
PLMS_SIGN_IN_FAILURES_PER_IP = env_int("PLMS_SIGN_IN_FAILURES_PER_IP", 30)
PLMS_SIGN_IN_WINDOW_SECONDS = env_int("PLMS_SIGN_IN_WINDOW_SECONDS", 900)
PLMS_PASSWORD_RESET_PER_ADDRESS = env_int("PLMS_PASSWORD_RESET_PER_ADDRESS", 3)
PLMS_PASSWORD_RESET_PER_IP = env_int("PLMS_PASSWORD_RESET_PER_IP", 10)
PLMS_PASSWORD_RESET_WINDOW_SECONDS = env_int("PLMS_PASSWORD_RESET_WINDOW_SECONDS", 3600)

GUARDIAN_ANONYMOUS_USER_NAME = None

# Single sign-on (plms.accounts.sso): identity providers must be https:// unless this is on
# (local development and the tests, whose providers listen on loopback); seconds to wait for
# the provider's discovery, keys and token endpoints.
PLMS_SSO_ALLOW_HTTP = env_bool("PLMS_SSO_ALLOW_HTTP", False)
PLMS_SSO_TIMEOUT = env_int("PLMS_SSO_TIMEOUT", 10)

# --- REST API ---------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "plms.tenancy.authentication.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["plms.tenancy.permissions.IsOrganizationMember"],
    "DEFAULT_THROTTLE_CLASSES": ["plms.common.throttling.RateLimit"],
    "DEFAULT_PAGINATION_CLASS": "plms.common.pagination.PagePagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "plms.common.filters.SearchFilter",
        "plms.common.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "plms.common.exceptions.api_exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DATETIME_FORMAT": "iso-8601",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "PLMS API",
    "DESCRIPTION": (
        "Integrator API of PLMS. Authenticate with `Authorization: Bearer <api key>`; a key "
        "belongs to one organization and carries scopes such as `people:read`. Errors are "
        'JSON objects `{"code", "detail", "fields"}`.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets that share a field name get explicit, stable enum names.
    "ENUM_NAME_OVERRIDES": {
        "GoalStatusEnum": "goals.models.Goal.Status",
        "GoalChangeRequestStatusEnum": "goals.models.GoalChangeRequest.Status",
        "CheckInStatusEnum": "goals.models.CheckIn.Status",
        "FeedbackRequestStatusEnum": "goals.models.FeedbackRequest.Status",
        "AssessmentStatusEnum": "assessments.models.Assessment.Status",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "plms.common.schema.add_error_responses",
        "plms.common.schema.add_webhooks",
        "plms.common.schema.add_registered_parts",
    ],
}

# --- Logs, metrics, error tracking -------------------------------------------------------------
# One line per record on the console with the request, organization, caller and task ids
# (plms.common.logs); `json` in production, `plain` here. With JSON the Celery worker keeps
# this config instead of installing its own handlers (so `--logfile` is ignored).
PLMS_LOG_FORMAT = env_str("PLMS_LOG_FORMAT", "plain")
LOGGING = logging_config(fmt=PLMS_LOG_FORMAT, level=env_str("LOG_LEVEL", "INFO"))
CELERY_WORKER_HIJACK_ROOT_LOGGER = PLMS_LOG_FORMAT != "json"
# While this file exists the instance drains for a restart: /readyz and every other request
# answer 503 "draining" (plms.common.draining; scripts/rolling-restart.sh).
PLMS_DRAIN_FILE = env_str("PLMS_DRAIN_FILE")
# `/metrics` (Prometheus) answers only to `Authorization: Bearer <PLMS_METRICS_TOKEN>`; unset,
# it is a 404. A due Momentum step still waiting this long counts as overdue.
PLMS_METRICS_TOKEN = env_str("PLMS_METRICS_TOKEN")
PLMS_METRICS_OVERDUE_SECONDS = env_int("PLMS_METRICS_OVERDUE_SECONDS", 300)
# Errors to an error tracker (Sentry or compatible) when SENTRY_DSN is set; no personal data.
SENTRY_DSN = env_str("SENTRY_DSN")

# Requests per minute, per API key and per signed-in user (429 with Retry-After beyond).
PLMS_RATE_LIMITS = {
    "api_key": env_int("PLMS_RATE_LIMIT_API_KEY", 1200),
    "user": env_int("PLMS_RATE_LIMIT_USER", 600),
}
# How long a POST with an Idempotency-Key is remembered and replayed.
PLMS_IDEMPOTENCY_HOURS = env_int("PLMS_IDEMPOTENCY_HOURS", 24)

# Uploads (imports): refused before parsing beyond these (plms.common.uploads).
PLMS_UPLOAD_MAX_BYTES = env_int("PLMS_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
PLMS_XLSX_MAX_UNCOMPRESSED_BYTES = env_int("PLMS_XLSX_MAX_UNCOMPRESSED_BYTES", 50 * 1024 * 1024)
PLMS_IMPORT_MAX_ROWS = env_int("PLMS_IMPORT_MAX_ROWS", 100_000)

# Product settings.
PLMS_INVITATION_DAYS = env_int("PLMS_INVITATION_DAYS", 14)
PLMS_ALLOW_DEMO_SEED = True

# Webhooks (plms.integrations): delivery timeout, retries with exponential backoff and jitter,
# and how many failed deliveries in a row disable a subscription. Plain-http and local
# addresses are refused as webhook URLs unless PLMS_WEBHOOK_ALLOW_LOCAL_URLS is on (DEBUG is not
# enough: plms.integrations.addresses).
PLMS_WEBHOOK_TIMEOUT_SECONDS = env_int("PLMS_WEBHOOK_TIMEOUT_SECONDS", 5)
PLMS_WEBHOOK_MAX_ATTEMPTS = env_int("PLMS_WEBHOOK_MAX_ATTEMPTS", 6)
PLMS_WEBHOOK_RETRY_BASE_SECONDS = env_int("PLMS_WEBHOOK_RETRY_BASE_SECONDS", 30)
PLMS_WEBHOOK_DISABLE_AFTER_FAILURES = env_int("PLMS_WEBHOOK_DISABLE_AFTER_FAILURES", 10)
PLMS_WEBHOOK_ALLOW_LOCAL_URLS = env_bool("PLMS_WEBHOOK_ALLOW_LOCAL_URLS", False)

# Secrets kept encrypted at rest (webhook signing secrets): Fernet keys, newest first; the first
# encrypts, all decrypt (plms.common.crypto). Unset, one key is derived from SECRET_KEY.
PLMS_ENCRYPTION_KEYS = env_list("PLMS_ENCRYPTION_KEYS")

# Reports over a whole cycle's consolidated levels (department heatmap, HR home) are cached this
# long, keyed by what they show (assessments.results_cache); 0 turns the cache off.
PLMS_RESULTS_CACHE_SECONDS = env_int("PLMS_RESULTS_CACHE_SECONDS", 86400)

# The HR home's organisation-wide trends (goals by RAG, the cycle funnel, learning impact,
# adoption) are computed at most this often per organisation (dashboards.organisation); 0: always.
PLMS_DASHBOARD_CACHE_SECONDS = env_int("PLMS_DASHBOARD_CACHE_SECONDS", 120)

# Retention: delivered outbox events and webhook delivery logs older than this many days are
# purged (hourly, by beat, in batches), and notifications older than
# PLMS_NOTIFICATION_RETENTION_DAYS (daily). Both are the defaults of an organisation's own
# retention rules (plms.privacy), which the purges follow once HR saves them.
PLMS_RETENTION_DAYS = env_int("PLMS_RETENTION_DAYS", 90)
PLMS_NOTIFICATION_RETENTION_DAYS = env_int("PLMS_NOTIFICATION_RETENTION_DAYS", 365)
PLMS_RETENTION_BATCH_SIZE = env_int("PLMS_RETENTION_BATCH_SIZE", 1000)
CELERY_BEAT_SCHEDULE["integrations-purge-webhook-history"] = {
    "task": "plms.integrations.tasks.purge_webhook_history",
    "schedule": 3600.0,
    "options": {"expires": 3600.0},
}

# The audit log is purged, and leavers past their retention period erased, daily by each
# organisation's retention rules (plms.privacy).
CELERY_BEAT_SCHEDULE["privacy-purge-audit-log"] = {
    "task": "plms.privacy.tasks.purge_expired_audit_events",
    "schedule": 86400.0,
    "options": {"expires": 3600.0},
}
CELERY_BEAT_SCHEDULE["privacy-erase-due-leavers"] = {
    "task": "plms.privacy.tasks.erase_due_leavers",
    "schedule": 86400.0,
    "options": {"expires": 3600.0},
}

CELERY_BEAT_SCHEDULE["workflows-purge-notifications"] = {
    "task": "workflows.tasks.purge_notifications",
    "schedule": 86400.0,
    "options": {"expires": 3600.0},
}

# Momentum (workflows): the tick claims due milestones in batches; a claim whose task never ran
# is taken again after the lease. E-mails of notifications are retried with backoff.
PLMS_WORKFLOW_TICK_SECONDS = env_int("PLMS_WORKFLOW_TICK_SECONDS", 60)
PLMS_WORKFLOW_BATCH_SIZE = env_int("PLMS_WORKFLOW_BATCH_SIZE", 500)
PLMS_WORKFLOW_DISPATCH_CHUNK = env_int("PLMS_WORKFLOW_DISPATCH_CHUNK", 100)  # steps per task
PLMS_WORKFLOW_MAX_CLAIMS_PER_TICK = env_int("PLMS_WORKFLOW_MAX_CLAIMS_PER_TICK", 20000)
PLMS_WORKFLOW_CLAIM_LEASE_SECONDS = env_int("PLMS_WORKFLOW_CLAIM_LEASE_SECONDS", 600)
PLMS_WORKFLOW_MAX_ATTEMPTS = env_int("PLMS_WORKFLOW_MAX_ATTEMPTS", 5)
PLMS_NOTIFICATION_EMAIL_LEASE_SECONDS = env_int("PLMS_NOTIFICATION_EMAIL_LEASE_SECONDS", 300)
PLMS_NOTIFICATION_EMAIL_GRACE_SECONDS = env_int("PLMS_NOTIFICATION_EMAIL_GRACE_SECONDS", 60)
PLMS_NOTIFICATION_EMAIL_TIMEOUT_SECONDS = env_int("PLMS_NOTIFICATION_EMAIL_TIMEOUT_SECONDS", 30)
PLMS_NOTIFICATION_EMAIL_MAX_ATTEMPTS = env_int("PLMS_NOTIFICATION_EMAIL_MAX_ATTEMPTS", 6)
# Worker processes beat every PLMS_WORKER_HEARTBEAT_SECONDS; work held by one silent for
# PLMS_WORKER_HEARTBEAT_TIMEOUT_SECONDS (claimed steps, e-mails being sent) is taken over by the
# recovery task beat sends every PLMS_WORKFLOW_RECOVER_SECONDS (plms.common.workers): a killed
# worker's work is done by another within about a minute, not after the leases above.
PLMS_WORKER_HEARTBEAT_SECONDS = env_int("PLMS_WORKER_HEARTBEAT_SECONDS", 5)
PLMS_WORKER_HEARTBEAT_TIMEOUT_SECONDS = env_int("PLMS_WORKER_HEARTBEAT_TIMEOUT_SECONDS", 30)
PLMS_WORKFLOW_RECOVER_SECONDS = env_int("PLMS_WORKFLOW_RECOVER_SECONDS", 15)
CELERY_BEAT_SCHEDULE["momentum-recover"] = {
    "task": "workflows.tasks.workflow_recover",
    "schedule": float(PLMS_WORKFLOW_RECOVER_SECONDS),
    "options": {"expires": float(PLMS_WORKFLOW_RECOVER_SECONDS)},
}
# Without a broker (the embedded default) the serving process runs the tick on a timer.
PLMS_INPROCESS_TICK = env_bool("PLMS_INPROCESS_TICK", False)
CELERY_BEAT_SCHEDULE["momentum-tick"] = {
    "task": "workflows.tasks.workflow_tick",
    "schedule": float(PLMS_WORKFLOW_TICK_SECONDS),
    "options": {"expires": float(PLMS_WORKFLOW_TICK_SECONDS)},
}
