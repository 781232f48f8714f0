"""The demo has a 70-20-10 catalogue for its roles and Emma's approved plan, once."""

from decimal import Decimal

from capabilities.models import RoleRequirement
from learning.models import MIX_OF_KIND, DevelopmentPlan, ItemCapability, LearningItem, PlanItem
from plms.web.demo import seed_demo
from tests.conftest import in_org


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (LearningItem, ItemCapability, DevelopmentPlan, PlanItem)
    }


def test_the_demo_has_a_catalogue_and_an_approved_plan_and_runs_once(db, settings):
    settings.PLMS_ALLOW_DEMO_SEED = True
    organization = seed_demo()
    with in_org(organization):
        required = set(RoleRequirement.objects.values_list("capability_id", flat=True))
        covered = set(ItemCapability.objects.values_list("capability_id", flat=True))
        assert required and required <= covered
        hours = {"experience": Decimal(0), "social": Decimal(0), "formal": Decimal(0)}
        for kind, duration in LearningItem.objects.values_list("kind", "duration_hours"):
            hours[str(MIX_OF_KIND[kind])] += duration
        total = sum(hours.values())
        assert hours["experience"] / total > Decimal("0.6")
        assert hours["social"] / total > hours["formal"] / total
        plan = DevelopmentPlan.objects.get(employee__email="employee@acme.example")
        # Approved, and started by the item Emma has done.
        assert plan.status == DevelopmentPlan.Status.ACTIVE
        assert plan.approved_by.email == "manager@acme.example"
        items = PlanItem.objects.filter(plan=plan)
        assert items.count() >= 2
        assert items.filter(status=PlanItem.Status.DONE).count() == 1
        assert all("→ target" in item.reason for item in items)
        first = _counts()
    seed_demo()
    with in_org(organization):
        assert _counts() == first
