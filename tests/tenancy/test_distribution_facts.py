"""The schema facts that let PostgreSQL be distributed by `organization_id` (docs/performance.md,
"Scale-out plan"): every tenant table is keyed by organisation, every unique constraint leads
with it, and no foreign key crosses organisations — in the models, and in the rows of two
generated organisations side by side."""

from __future__ import annotations

import pytest
from django.db import connection, models

from bench.generators import Sizes, generate_organization
from plms.tenancy.checks import tenant_models_check
from plms.tenancy.context import dangerously_all_organizations
from plms.tenancy.models import Organization, TenantModel
from plms.tenancy.rls import tenant_models

# Tables every node would hold (Citus reference tables) or the coordinator keeps: the
# organisation itself, the people directory, and Django's permission tables.
SHARED_TARGETS = {"tenancy.Organization", "accounts.User", "auth.Permission", "auth.Group"}


def _foreign_keys(model: type[models.Model]) -> list[models.Field]:
    return [
        field
        for field in model._meta.local_fields
        if isinstance(field, models.ForeignKey) and field.related_model is not None
    ]


def test_every_tenant_table_is_keyed_by_organisation():
    assert tenant_models()
    for model in tenant_models():
        field = model._meta.get_field("organization")
        assert isinstance(field, models.ForeignKey), model
        assert field.related_model is Organization and not field.null, model


def test_every_unique_constraint_leads_with_the_organisation():
    assert tenant_models_check() == []
    for model in tenant_models():
        for together in model._meta.unique_together:
            assert together[0] == "organization", (model, together)


def test_tenant_tables_point_only_at_tenant_tables_or_shared_ones():
    for model in tenant_models():
        for field in _foreign_keys(model):
            target = field.related_model
            assert issubclass(target, TenantModel) or target._meta.label in SHARED_TARGETS, (
                f"{model._meta.label}.{field.name} -> {target._meta.label}"
            )
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            assert issubclass(through, TenantModel), f"{model._meta.label}.{field.name}"


@pytest.mark.django_db
def test_no_row_refers_to_another_organisations_row():
    sizes = Sizes(employees=60, departments=6)
    generate_organization(slug="facts", sizes=sizes)
    generate_organization(slug="facts-neighbour", sizes=sizes)
    checked, crossing = 0, []
    with dangerously_all_organizations(), connection.cursor() as cursor:
        for model in tenant_models():
            for field in _foreign_keys(model):
                target = field.related_model
                if not issubclass(target, TenantModel):
                    continue
                cursor.execute(
                    "SELECT count(*), "
                    "count(*) FILTER (WHERE c.organization_id <> p.organization_id) "
                    f'FROM "{model._meta.db_table}" c JOIN "{target._meta.db_table}" p '
                    f'ON c."{field.column}" = p."{target._meta.pk.column}"'
                )
                rows, across = cursor.fetchone()
                checked += rows
                if across:
                    crossing.append(f"{model._meta.label}.{field.name}: {across}")
    assert checked > 10_000  # the generated organisations fill the tables
    assert crossing == []
