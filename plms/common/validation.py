"""The validation step of every service: a model's own rules as one `ApplicationError`."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import models

from plms.common.error_codes import INVALID
from plms.common.errors import ApplicationError


def full_clean(
    obj: models.Model, *, exclude: Sequence[str] = (), validate_constraints: bool = False
) -> None:
    """`obj.full_clean()` without its organization (services set and check it themselves), the
    failure raised as `ApplicationError("invalid", …)` with the messages per field.

    Constraints are left to the database unless `validate_constraints` is set: services check
    the ones people can break with a message of their own."""
    try:
        obj.full_clean(
            exclude=["organization", *exclude], validate_constraints=validate_constraints
        )
    except ValidationError as exc:
        raise ApplicationError(
            INVALID, f"The {obj._meta.verbose_name} is invalid.", fields=exc.message_dict
        ) from exc
