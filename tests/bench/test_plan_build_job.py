"""The `make bench` job builds a plan for every employee of the prepared cycle."""

from types import SimpleNamespace

from bench.jobs import learning_jobs
from learning.models import DevelopmentPlan
from plms.tenancy.context import organization_scope
from tests import factories
from tests.conftest import in_org


def test_the_plan_build_job(org_a):
    for _ in range(5):
        factories.EmployeeFactory(organization=org_a)
    ctx = SimpleNamespace(
        organization=org_a,
        sizes=SimpleNamespace(employees=5),
        run_token="t1",
        in_scope=lambda: organization_scope(org_a),
    )
    (job,) = learning_jobs(ctx)
    job.prepare()
    assert job.run() == 5
    assert job.run() == 0  # idempotent
    with in_org(org_a):
        assert DevelopmentPlan.objects.count() == 5
