"""Model fields shared by the apps."""

from __future__ import annotations

from django.db import models

from plms.common import crypto


class EncryptedTextField(models.TextField):
    """Text kept encrypted in the database (plms.common.crypto) and plain in Python.

    Every save writes a fresh token, so the column cannot be searched or compared: look rows up
    by another field. `manage.py rotate_encryption_keys` re-encrypts every such column with the
    newest key.
    """

    description = "Text encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(value)
