"""The demo has a monthly pulse with three months of results: some departments shown, one with
too few respondents hidden; Momentum holds the next round; an action plan follows up."""

from plms.tenancy.actors import system_actor
from plms.web.demo import seed_demo
from surveys import results
from surveys.models import ActionPlan, Survey, SurveyAction, SurveyRound
from tests.conftest import in_org
from workflows.models import WorkflowTemplate


def test_the_demo_has_a_monthly_pulse_with_three_months_of_results(db, settings):
    settings.PLMS_ALLOW_DEMO_SEED = True
    organization = seed_demo()
    with in_org(organization):
        survey = Survey.objects.get(name="Monthly pulse")
        assert survey.status == "scheduled"
        assert WorkflowTemplate.objects.get(pk=survey.workflow_id).status == "active"
        assert list(SurveyRound.objects.filter(survey=survey).values_list("number", flat=True)) == [
            1,
            2,
            3,
        ]
        rows = results.survey_results(
            actor=system_actor(organization), survey=survey, by=results.DEPARTMENT
        )
        last = [r for r in rows if r.round.number == 3]
        shown = {r.department.name for r in last if r.department is not None and r.shown}
        hidden = {r.department.name for r in last if r.department is not None and not r.shown}
        assert {"Customer Operations", "Sales"} <= shown
        assert "People & Culture" in hidden
        trend = [r for r in rows if r.department is None]
        assert all(r.shown and r.enps is not None for r in trend)
        assert trend[0].enps.score < trend[-1].enps.score  # the trend improves
        assert SurveyAction.objects.filter(plan__survey=survey).count() == 2
        counts = (SurveyRound.objects.count(), ActionPlan.objects.count())
    seed_demo()
    with in_org(organization):
        assert (SurveyRound.objects.count(), ActionPlan.objects.count()) == counts
