"""Settings of the Celery worker the reliability tests start: the production shape (tasks go
through Redis) with e-mail sent by SMTP to the test's local sink."""

from plms.settings.base import *  # noqa: F403
from plms.settings.env import env_int, env_str

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("PLMS_TEST_SMTP_HOST", "127.0.0.1")
EMAIL_PORT = env_int("PLMS_TEST_SMTP_PORT", 25)
# The worker's commits need not wait for the disk: these tests kill workers and brokers, not
# the database server.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The test process's cache, when a test shares it with the worker (as web and workers share
# one in production): what the worker's writes forget, such as the bell's unread count, is
# what the test's pages read.
if env_str("PLMS_TEST_CACHE_LOCATION"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("PLMS_TEST_CACHE_LOCATION"),
            "KEY_PREFIX": env_str("PLMS_TEST_CACHE_PREFIX"),
        }
    }
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"celery.worker.strategy": {"level": "WARNING"}},
}
