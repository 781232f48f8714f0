"""The `make bench` jobs of rate and reward: finalising a review and the live distribution."""

from types import SimpleNamespace

from bench.jobs import PROPOSAL_SAMPLE, reward_jobs
from plms.tenancy.context import organization_scope
from reward.models import CompensationReview, PayRecord
from tests import factories
from tests.conftest import in_org


def test_the_reward_jobs(org_a):
    department = factories.DepartmentFactory(organization=org_a)
    for _ in range(PROPOSAL_SAMPLE // 40):
        factories.EmployeeFactory(organization=org_a, department=department)
    ctx = SimpleNamespace(
        organization=org_a,
        sizes=SimpleNamespace(employees=5),
        run_token="t1",
        in_scope=lambda: organization_scope(org_a),
    )
    finalise, distribution = reward_jobs(ctx)
    finalise.prepare()
    assert finalise.run() == 5
    with in_org(org_a):
        assert CompensationReview.objects.get().status == "finalised"
        assert PayRecord.objects.filter(effective_date="2027-04-01").count() == 5
    assert distribution.run() == 5
