"""The demo has a closed cycle with results and an open one with work to do, once."""

from assessments.models import Assessment, AssessmentCycle, ConsolidatedLevel, ReviewAnswer
from plms.web.demo import seed_demo
from tests.conftest import in_org


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (AssessmentCycle, Assessment, ConsolidatedLevel)
    }


def test_the_demo_has_results_and_an_open_cycle_and_runs_once(db, settings):
    settings.PLMS_ALLOW_DEMO_SEED = True
    organization = seed_demo()
    with in_org(organization):
        statuses = dict(AssessmentCycle.objects.values_list("name", "status"))
        assert statuses == {
            "Q4 2026 competency review": "closed",
            "Q1 2027 competency review": "open",
        }
        emma = ConsolidatedLevel.objects.filter(employee__email="employee@acme.example")
        assert emma.count() == 6
        assert all("peer" in level.contributions for level in emma)
        assert AssessmentCycle.objects.get(status="closed").preview_voting  # ratings preview
        open_cycle = AssessmentCycle.objects.get(status="open")
        todo = Assessment.objects.filter(cycle=open_cycle, status="pending")
        assert todo.filter(kind="self", rater__email="employee@acme.example").exists()
        assert todo.filter(kind="manager", rater__email="manager@acme.example").count() >= 3
        assert Assessment.objects.filter(
            cycle=open_cycle, kind="self", status="submitted", employee__email="liam@acme.example"
        ).exists()
        # A template with questions, used by the open cycle; upward reviews in the closed one:
        # enough of Marcus Bell's reports answered to show him the aggregate, one of Sofia's.
        assert open_cycle.review_template.name == "Annual review with questions"
        assert open_cycle.review_template_version is not None
        closed = AssessmentCycle.objects.get(status="closed")
        upward = Assessment.objects.filter(cycle=closed, kind="upward", status="submitted")
        assert upward.filter(employee__email="manager@acme.example").count() >= closed.min_upward
        assert upward.filter(employee__email="sales.manager@acme.example").count() == 1
        assert ReviewAnswer.objects.filter(assessment__cycle=closed).exists()
        first = _counts()
    seed_demo()
    with in_org(organization):
        assert _counts() == first
