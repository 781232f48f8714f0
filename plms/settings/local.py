"""Development: `make run`. Embedded defaults, debug on, console e-mail."""

from plms.settings.base import *  # noqa: F403
from plms.settings.base import INSTALLED_APPS
from plms.settings.env import env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)

# Serve static files straight from the source folders while developing.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
PLMS_INPROCESS_TICK = env_bool("PLMS_INPROCESS_TICK", True)  # embedded default: tick on a timer

# `manage.py generate_org`: synthetic organisations for the benchmark (bench/, not the product).
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
