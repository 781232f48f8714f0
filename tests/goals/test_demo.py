"""The demo seeds goals, progress (one goal red), check-ins and feedback, once."""

from django.db.models import Count

from goals import selectors
from goals import tree as tree_selectors
from goals.models import CheckIn, Feedback, Goal, GoalRedEpisode, GoalUpdate
from plms.tenancy.actors import system_actor
from plms.web.demo import seed_demo
from tests.conftest import in_org


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (Goal, GoalUpdate, CheckIn, Feedback, GoalRedEpisode)
    }


def test_the_demo_has_goals_at_every_level_and_runs_once(db, settings):
    settings.PLMS_ALLOW_DEMO_SEED = True
    organization = seed_demo()
    with in_org(organization):
        first = _counts()
        levels = dict(Goal.objects.values_list("level").annotate(n=Count("id")))
        assert levels["strategic"] == 1 and levels["tactical"] == 2 and levels["operational"] >= 5
        assert first["GoalUpdate"] > 0 and first["CheckIn"] >= 2 and first["Feedback"] >= 3
        assert first["GoalRedEpisode"] >= 1  # the demo's history may add older episodes
        goals = selectors.goal_list_for_display(Goal.objects.filter(status="active"))
        assert [g.title for g in goals if g.rag == "red"] == [
            "Reduce average handling time to 6 minutes"
        ]
        assert tree_selectors.goal_forest(actor=system_actor(organization)).roots
        from_template = Goal.objects.filter(template__name="Advisor quality reviews")
        assert from_template.count() == 3 and all(g.key_result_id for g in from_template)
        emma = Goal.objects.get(title="Raise my first-contact resolution to 72 %")
        assert emma.key_result is not None and emma.capabilities.count() == 2
    seed_demo()
    with in_org(organization):
        assert _counts() == first
