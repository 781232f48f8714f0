"""Settings of the benchmark server: production settings, with what `python -m bench` sets in
the environment (a generated secret key, loopback hosts, no HTTPS redirect, its own database).
"""

from plms.settings.base import INSTALLED_APPS, LOGGING, VAR_DIR
from plms.settings.production import *  # noqa: F403

# Warnings and errors only: the benchmark prints its own report.
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}
STATIC_ROOT = VAR_DIR / "bench" / "staticfiles"
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # manage.py generate_org
