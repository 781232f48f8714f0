"""Production: refuses to start without a secret key; passes `check --deploy`."""

from django.core.exceptions import ImproperlyConfigured

from plms.settings.base import *  # noqa: F403
from plms.settings.env import (
    email_settings,
    env_bool,
    env_int,
    env_str,
    init_error_tracking,
    logging_config,
)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set to a random value of 50+ characters.")

DEBUG = False
PLMS_ALLOW_DEMO_SEED = False

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Probes and the metrics scraper talk to the instance directly, inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "same-origin"
# Real e-mail by default: SMTP to EMAIL_URL or EMAIL_HOST:EMAIL_PORT (see README).
globals().update(email_settings("django.core.mail.backends.smtp.EmailBackend"))

# Logs are JSON lines with the request, organization, caller and task ids (plms.common.logs).
PLMS_LOG_FORMAT = env_str("PLMS_LOG_FORMAT", "json")
LOGGING = logging_config(fmt=PLMS_LOG_FORMAT, level=env_str("LOG_LEVEL", "INFO"))
CELERY_WORKER_HIJACK_ROOT_LOGGER = PLMS_LOG_FORMAT != "json"

if SENTRY_DSN:  # noqa: F405
    init_error_tracking(dsn=SENTRY_DSN, environment=env_str("PLMS_ENVIRONMENT", "production"))  # noqa: F405
