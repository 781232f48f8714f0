"""Encryption at rest for secrets the application has to read back (webhook signing secrets).

Fernet (AES-128-CBC with an HMAC-SHA256, from the `cryptography` package) behind a
MultiFernet: `PLMS_ENCRYPTION_KEYS` lists Fernet keys, newest first. The first key encrypts,
every key decrypts, so a new key is rolled out by putting it first, running
`manage.py rotate_encryption_keys` (which re-encrypts every stored value with it) and then
dropping the old key. Without the setting (local development) one key is derived from
`SECRET_KEY`, so the embedded default needs no configuration.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

TOKEN_PREFIX = "gAAAAA"  # every Fernet token starts with its version byte and a timestamp


class DecryptionError(RuntimeError):
    """A stored value cannot be decrypted with any configured key (a key was dropped early)."""


def derived_key(secret_key: str) -> str:
    """The development key: a Fernet key derived from Django's SECRET_KEY."""
    digest = hashlib.sha256(b"plms.encryption-at-rest:" + secret_key.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def configured_keys() -> tuple[str, ...]:
    keys = tuple(settings.PLMS_ENCRYPTION_KEYS or ())
    return keys or (derived_key(settings.SECRET_KEY),)


@lru_cache(maxsize=8)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "PLMS_ENCRYPTION_KEYS must hold Fernet keys (32 url-safe base64-encoded bytes; "
            "make one with `python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())'`)."
        ) from exc


def fernet() -> MultiFernet:
    return _fernet(configured_keys())


def encrypt(value: str) -> str:
    return fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise DecryptionError(
            "A stored secret cannot be decrypted with PLMS_ENCRYPTION_KEYS: keep the key it was "
            "encrypted with in the list until `manage.py rotate_encryption_keys` has run."
        ) from exc


def is_encrypted(value: str) -> bool:
    return value.startswith(TOKEN_PREFIX)


def encrypted_fields() -> list[tuple[type, str]]:
    """(model, field name) of every EncryptedTextField of the installed apps."""
    from django.apps import apps

    from plms.common.fields import EncryptedTextField

    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField)
    ]


def stored_values_reencrypt(*, batch_size: int = 500) -> int:
    """Re-encrypt every stored value with the newest key, in every organization; returns how
    many values were rewritten. Safe to run again (or while the application serves)."""
    from django.db import transaction

    from plms.tenancy.context import dangerously_all_organizations

    rewritten = 0
    for model, name in encrypted_fields():
        manager = getattr(model, "dangerously_unscoped", model._default_manager)
        last_pk = 0
        while True:
            with transaction.atomic(), dangerously_all_organizations():
                rows = list(
                    manager.filter(pk__gt=last_pk)
                    .exclude(**{name: ""})
                    .order_by("pk")
                    .values_list("pk", name)[:batch_size]
                )
                for pk, value in rows:
                    if value is not None:
                        manager.filter(pk=pk).update(**{name: value})
                        rewritten += 1
            if not rows:
                break
            last_pk = rows[-1][0]
    return rewritten
