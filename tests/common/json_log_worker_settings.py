"""Settings of the Celery worker of tests/common/test_worker_logs.py: the reliability tests'
worker (tasks through Redis, the test database) logging as in production, one JSON object a
line."""

from plms.settings.env import logging_config
from tests.workflows.worker_settings import *  # noqa: F403

PLMS_LOG_FORMAT = "json"
LOGGING = logging_config(fmt="json", level="INFO")
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
