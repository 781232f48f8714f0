"""Typed helpers that read settings from the environment (12-factor)."""

from __future__ import annotations

import os
from typing import overload

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


@overload
def env_str(name: str, default: str) -> str: ...
@overload
def env_str(name: str, default: None = None) -> str | None: ...
def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value is None or value == "" else value


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}.") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


# Schemes of EMAIL_URL: the backend, and for SMTP the transport security and default port.
_EMAIL_SCHEMES = {
    "smtp": ("django.core.mail.backends.smtp.EmailBackend", None, 25),
    "smtp+tls": ("django.core.mail.backends.smtp.EmailBackend", "starttls", 587),
    "submission": ("django.core.mail.backends.smtp.EmailBackend", "starttls", 587),
    "smtp+ssl": ("django.core.mail.backends.smtp.EmailBackend", "ssl", 465),
    "smtps": ("django.core.mail.backends.smtp.EmailBackend", "ssl", 465),
    "console": ("django.core.mail.backends.console.EmailBackend", None, None),
    "locmem": ("django.core.mail.backends.locmem.EmailBackend", None, None),
    "dummy": ("django.core.mail.backends.dummy.EmailBackend", None, None),
}


def email_settings(default_backend: str) -> dict[str, object]:
    """Django's e-mail settings from the environment.

    Either one `EMAIL_URL` (`smtp://user:password@host:25`, `smtp+tls://…:587` for STARTTLS,
    `smtps://…:465` for implicit TLS, `console:`, `locmem:` or `dummy:`; `?timeout=SECONDS`),
    or the separate variables `EMAIL_HOST`, `EMAIL_PORT`, `EMAIL_HOST_USER`,
    `EMAIL_HOST_PASSWORD`, `EMAIL_USE_TLS` (STARTTLS), `EMAIL_USE_SSL`, `EMAIL_TIMEOUT`.
    `EMAIL_URL` wins over them; `EMAIL_BACKEND` names a backend class explicitly.
    """
    from urllib.parse import parse_qs, unquote, urlsplit

    values: dict[str, object] = {
        "EMAIL_BACKEND": env_str("EMAIL_BACKEND", default_backend),
        "EMAIL_HOST": env_str("EMAIL_HOST", "localhost"),
        "EMAIL_PORT": env_int("EMAIL_PORT", 25),
        "EMAIL_HOST_USER": env_str("EMAIL_HOST_USER", ""),
        "EMAIL_HOST_PASSWORD": env_str("EMAIL_HOST_PASSWORD", ""),
        "EMAIL_USE_TLS": env_bool("EMAIL_USE_TLS", False),
        "EMAIL_USE_SSL": env_bool("EMAIL_USE_SSL", False),
        "EMAIL_TIMEOUT": env_int("EMAIL_TIMEOUT", 30),
    }
    url = env_str("EMAIL_URL")
    if url:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in _EMAIL_SCHEMES:
            raise ImproperlyConfigured(
                f"EMAIL_URL scheme {scheme!r} is not one of {', '.join(sorted(_EMAIL_SCHEMES))}."
            )
        backend, security, default_port = _EMAIL_SCHEMES[scheme]
        values["EMAIL_BACKEND"] = os.environ.get("EMAIL_BACKEND") or backend
        if default_port is not None:
            if not parts.hostname:
                raise ImproperlyConfigured("EMAIL_URL names no host.")
            try:
                port = parts.port
            except ValueError as exc:
                raise ImproperlyConfigured("EMAIL_URL has an invalid port.") from exc
            values.update(
                EMAIL_HOST=parts.hostname,
                EMAIL_PORT=port or default_port,
                EMAIL_HOST_USER=unquote(parts.username or ""),
                EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
                EMAIL_USE_TLS=security == "starttls",
                EMAIL_USE_SSL=security == "ssl",
            )
        timeout = parse_qs(parts.query).get("timeout")
        if timeout:
            try:
                values["EMAIL_TIMEOUT"] = int(timeout[-1])
            except ValueError as exc:
                raise ImproperlyConfigured("EMAIL_URL timeout must be whole seconds.") from exc
    if values["EMAIL_USE_TLS"] and values["EMAIL_USE_SSL"]:
        raise ImproperlyConfigured("EMAIL_USE_TLS (STARTTLS) and EMAIL_USE_SSL exclude each other.")
    return values


def logging_config(*, fmt: str, level: str) -> dict:
    """The LOGGING setting: the console, with the ids, as JSON or plain text."""
    formatters = {
        "json": {"()": "plms.common.logs.JsonFormatter"},
        "plain": {
            "format": "%(asctime)s %(levelname)s %(name)s [req=%(request_id)s "
            "org=%(organization_id)s task=%(task_id)s] %(message)s"
        },
    }
    if fmt not in formatters:
        raise ImproperlyConfigured(f"PLMS_LOG_FORMAT must be json or plain, not {fmt!r}.")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": "plms.common.logs.ContextFilter"}},
        "formatters": {fmt: formatters[fmt]},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": fmt,
                "filters": ["context"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {"django.db.backends": {"level": "INFO"}},
    }


def init_error_tracking(*, dsn: str, environment: str) -> None:
    """Send unhandled errors of the web and worker processes to Sentry (or a compatible
    service) at `dsn`. Needs the `sentry-sdk` package (`pip install 'plms[sentry]'`). No
    personal data: no user e-mail or address, no cookies, no request bodies."""
    try:
        import sentry_sdk
        from sentry_sdk.integrations.celery import CeleryIntegration
        from sentry_sdk.integrations.django import DjangoIntegration
    except ImportError as exc:
        raise ImproperlyConfigured(
            "SENTRY_DSN is set but sentry-sdk is not installed: pip install 'plms[sentry]'."
        ) from exc
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=0.0,
    )
