"""The demo has overall ratings, pay, a finalised review from last year and an open one."""

from plms.web.demo import seed_demo
from reward.models import CompensationProposal, CompensationReview, PayRecord, PerformanceRating
from tests.conftest import in_org


def test_the_demo_rates_and_rewards_once(db, settings):
    settings.PLMS_ALLOW_DEMO_SEED = True
    organization = seed_demo()
    with in_org(organization):
        assert PerformanceRating.objects.exists()
        emma = PayRecord.objects.get(employee__email="employee@acme.example")
        assert str(emma.base_pay) == "29355.00"  # 28,500 and last year's 3 %
        last, this = CompensationReview.objects.order_by("effective_date")
        assert last.status == "finalised" and this.status == "open"
        assert CompensationProposal.objects.filter(review=this, status="pending").count() == 1
        counts = (PayRecord.objects.count(), CompensationProposal.objects.count())
    seed_demo()
    with in_org(organization):
        assert (PayRecord.objects.count(), CompensationProposal.objects.count()) == counts
