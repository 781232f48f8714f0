"""Tests. Services come from the environment exactly as in production.

With DATABASE_URL set the suite runs on PostgreSQL as the application role; the test database
is created and migrated as DATABASE_OWNER_URL's role (tests/conftest.py), so row-level security
is exercised exactly as in production.
"""

import os
import secrets

from plms.settings.base import *  # noqa: F403
from plms.settings.base import CACHES, DATABASES, INSTALLED_APPS
from plms.settings.env import env_str

# Separate test database names let several test runs share one PostgreSQL server.
if env_str("PLMS_TEST_DB_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": env_str("PLMS_TEST_DB_NAME")}

# Cache keys of this test process alone. The parallel test processes' databases number their
# rows alike (user 7 of one is not user 7 of the other), and a later run's database reuses an
# earlier run's numbers, so entries keyed by a row's id (a user's memberships, a person's
# unread count) must not be shared through the one Redis. A worker or web server a test starts
# inherits the prefix through the environment.
os.environ.setdefault("PLMS_TEST_CACHE_RUN", secrets.token_hex(6))
CACHES["default"]["KEY_PREFIX"] = "test-{}-{}".format(
    os.environ["PLMS_TEST_CACHE_RUN"], os.environ.get("PYTEST_XDIST_WORKER", "main")
)

# `manage.py generate_org` of the benchmark (bench/, not the product) is tested too.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
AXES_FAILURE_LIMIT = 5
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# Pages show what each test just wrote; the trends cache has its own tests.
PLMS_DASHBOARD_CACHE_SECONDS = 0
WHITENOISE_USE_FINDERS = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django.request": {"level": "ERROR"}, "axes": {"level": "WARNING"}},
}

# The throttles count per client address across the whole run (every test client is
# 127.0.0.1): out of the way, except in the tests of the throttles, which set their own.
PLMS_SIGN_IN_FAILURES_PER_IP = 100_000
PLMS_PASSWORD_RESET_PER_IP = 100_000
PLMS_PASSWORD_RESET_PER_ADDRESS = 100_000
# The tests' identity providers listen on loopback over plain http.
PLMS_SSO_ALLOW_HTTP = True
