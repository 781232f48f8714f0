from django.db import models
from django.test.utils import isolate_apps

from plms.tenancy.checks import check_tenant_model, tenant_models_check
from plms.tenancy.context import with_organization
from plms.tenancy.models import TenantModel


def test_the_shipped_tenant_models_pass_the_checks():
    assert tenant_models_check() == []


@isolate_apps("plms.people")
def test_a_tenant_model_with_global_uniqueness_fails_the_checks():
    class Badge(TenantModel):
        code = models.CharField(max_length=10, unique=True)
        name = models.CharField(max_length=10)

        class Meta:
            app_label = "people"
            constraints = [models.UniqueConstraint(fields=["name"], name="badge_name")]

    ids = sorted(error.id for error in check_tenant_model(Badge))
    assert ids == ["tenancy.E001", "tenancy.E002", "tenancy.E003"]


def test_with_organization_runs_the_task_body_in_that_organization(org_a):
    from plms.tenancy.context import current_organization_id

    @with_organization
    def body(*, organization_id):
        return current_organization_id()

    assert body(organization_id=org_a.pk) == org_a.pk
    assert current_organization_id() is None
