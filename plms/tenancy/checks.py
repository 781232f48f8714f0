"""Start-up checks that keep every tenant table ready for isolation and for Citus.

- a tenant model has a unique constraint on (organization, uuid);
- every unique constraint (and `unique=True` field) leads with `organization`, so uniqueness
  is per organization and the table can be distributed by `organization_id`.
"""

from __future__ import annotations

from django.core import checks
from django.db import models

from plms.tenancy.rls import tenant_models


def _leading_field(constraint: models.UniqueConstraint) -> str | None:
    if constraint.fields:
        return constraint.fields[0]
    expression = constraint.expressions[0] if constraint.expressions else None
    return getattr(expression, "name", None)


def check_tenant_model(model: type[models.Model]) -> list[checks.CheckMessage]:
    errors = []
    label = model._meta.label
    uniques = [c for c in model._meta.constraints if isinstance(c, models.UniqueConstraint)]
    if not any(tuple(c.fields) == ("organization", "uuid") for c in uniques):
        errors.append(
            checks.Error(
                f"{label} needs UniqueConstraint(fields=['organization', 'uuid']).",
                obj=model,
                id="tenancy.E001",
            )
        )
    for constraint in uniques:
        if _leading_field(constraint) != "organization":
            errors.append(
                checks.Error(
                    f"Unique constraint {constraint.name} of {label} must lead with organization.",
                    obj=model,
                    id="tenancy.E002",
                )
            )
    for field in model._meta.local_fields:
        if field.unique and not field.primary_key:
            errors.append(
                checks.Error(
                    f"{label}.{field.name} is unique across organizations; use a "
                    "UniqueConstraint leading with organization instead.",
                    obj=model,
                    id="tenancy.E003",
                )
            )
    return errors


@checks.register(checks.Tags.models)
def tenant_models_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    for model in tenant_models():
        if app_configs is None or model._meta.app_config in app_configs:
            errors.extend(check_tenant_model(model))
    return errors
