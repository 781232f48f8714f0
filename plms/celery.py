"""The Celery app. Without REDIS_URL tasks run in-process (embedded default)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plms.settings.local")

app = Celery("plms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
