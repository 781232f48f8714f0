"""Every page about one object is a 404 for another organization's HR admin (GET and POST).

Page routes with an object id are enumerated from the URL conf; each names its model in
PAGE_MODELS, so a new page fails test_every_object_page_names_its_model until it does.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from assessments.models import Assessment, AssessmentCycle, ConsolidatedLevel, ReviewTemplate
from capabilities.models import Capability, JobRole, RoleRequirement
from goals.models import ActionItem, CheckIn, CheckInEscalation, Goal, GoalTemplate
from learning.models import DevelopmentPlan, LearningItem, PlanBuild, PlanItem
from plms.accounts.models import UserSession
from plms.integrations.models import WebhookSubscription
from plms.people.models import Employee
from plms.privacy.models import PersonalDataExport
from reward.models import BonusLine, BonusRun, CompensationProposal, CompensationReview
from surveys.models import Survey, SurveyAction
from talent.models import (
    Aspiration,
    CareerPath,
    CriticalRole,
    Successor,
    TalentPool,
    TalentReview,
    TalentReviewEntry,
)
from tests.factories import TENANT_FACTORIES
from workflows.models import Notification, WorkflowRun, WorkflowTemplate

PAGE_MODELS = {
    "people:employee_detail": Employee,
    "people:employee_invite": Employee,
    **{f"privacy:{name}": Employee for name in ("person", "erasure", "exports", "export_request")},
    "privacy:export_download": PersonalDataExport,
    **{
        f"goals:{name}": Goal
        for name in (
            "goal_detail",
            "goal_edit",
            "goal_progress",
            "goal_status",
            "goal_decide",
            "goal_approve_stretch",
        )
    },
    **{
        f"goals:{name}": CheckIn
        for name in (
            "check_in_detail",
            "check_in_complete",
            "check_in_add_action",
            "check_in_escalate",
        )
    },
    "goals:check_in_toggle_action": ActionItem,
    "goals:check_in_escalation_resolve": CheckInEscalation,
    "goals:person_scorecard": Employee,
    "goals:template_apply": GoalTemplate,
    **{
        f"capabilities:{name}": Capability
        for name in (
            "capability_detail",
            "capability_edit",
            "capability_retire",
            "capability_catalogue_update",
        )
    },
    **{
        f"capabilities:{name}": JobRole
        for name in (
            "role_detail",
            "role_edit",
            "role_scorecard",
            "role_requirement_set",
            "role_assign",
        )
    },
    "capabilities:role_requirement_remove": RoleRequirement,
    **{
        f"integrations:{name}": WebhookSubscription
        for name in ("webhook_detail", "webhook_test", "webhook_toggle", "webhook_delete")
    },
    "reward:person_pay": Employee,
    "reward:compensation_grant": Employee,
    **{
        f"reward:{name}": CompensationReview
        for name in ("review_detail", "review_propose", "review_finalise", "review_payroll")
    },
    "reward:proposal_decide": CompensationProposal,
    **{
        f"reward:{name}": BonusRun
        for name in ("bonus_run_detail", "bonus_run_finalise", "bonus_run_export")
    },
    "reward:bonus_line": BonusLine,
    "assessments:assessment_form": Assessment,
    "assessments:rating_autosave": Assessment,
    "assessments:nomination_decide": Assessment,
    "assessments:results": Employee,
    "assessments:cycle_detail": AssessmentCycle,
    "assessments:cycle_progress": AssessmentCycle,
    "assessments:cycle_launch": AssessmentCycle,
    "assessments:cycle_close": AssessmentCycle,
    "assessments:cycle_reopen": AssessmentCycle,
    "assessments:cycle_export": AssessmentCycle,
    "assessments:calibration": AssessmentCycle,
    "assessments:peer_nominate": AssessmentCycle,
    "assessments:consolidated_adjust": ConsolidatedLevel,
    "assessments:preview_vote": ConsolidatedLevel,
    "assessments:rating_preview": AssessmentCycle,
    "assessments:expert_revoke": Assessment,
    "assessments:cycle_answers_export": AssessmentCycle,
    **{
        f"assessments:{name}": ReviewTemplate
        for name in (
            "review_template",
            "review_template_section",
            "review_template_section_delete",
            "review_template_archive",
        )
    },
    "learning:item_feedback": LearningItem,
    "learning:plan_detail": DevelopmentPlan,
    "learning:improvement_plan_start": Employee,
    "learning:plan_action": DevelopmentPlan,
    "learning:plan_item_update": PlanItem,
    "learning:plan_build_progress": PlanBuild,
    "learning:plan_build_again": PlanBuild,
    **{
        f"workflows:{name}": WorkflowTemplate
        for name in (
            "template_detail",
            "template_edit",
            "template_activate",
            "template_pause",
            "template_resume",
            "template_cancel",
        )
    },
    "workflows:run_detail": WorkflowRun,
    "workflows:run_cancel": WorkflowRun,
    "notifications:read": Notification,
    "talent:aspiration_remove": Aspiration,
    "talent:aspiration_plan": Aspiration,
    "talent:career_path_remove": CareerPath,
    "talent:critical_role_detail": CriticalRole,
    "talent:successor_nominate": CriticalRole,
    "talent:succession_grant": CriticalRole,
    "talent:successor_update": Successor,
    "talent:potential_assess": Employee,
    "talent:pool_detail": TalentPool,
    "talent:review_detail": TalentReview,
    "talent:review_move": TalentReview,
    "talent:review_log": TalentReview,
    "talent:review_hold": TalentReview,
    "talent:review_grant": TalentReview,
    "talent:review_action": TalentReviewEntry,
    "talent:pool_edit": TalentPool,
    "talent:pool_programme_change": TalentPool,
    "talent:pool_readers_change": TalentPool,
    "talent:succession_revoke": CriticalRole,
    **{
        f"surveys:{name}": Survey
        for name in ("detail", "edit", "schedule", "close", "results", "answer", "actions")
    },
    "surveys:action_done": SurveyAction,
}


# Pages about an object that belongs to a person rather than an organization (their sessions):
# another person's object is a 404 for them, whatever the organization. name -> factory(user).
USER_PAGES = {
    "accounts:session_end": lambda user: UserSession.objects.create(
        user=user, session_key=f"isolation-{user.pk}", user_agent="Firefox"
    ),
}


def _object_pages(patterns=None, namespace=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in ("api", "scim"):  # key-authenticated: see their own tests
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _object_pages(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            kwargs = set(pattern.pattern.converters) | set(pattern.pattern.regex.groupindex)
            if any(name == "id" or name.endswith("_id") for name in kwargs):
                yield f"{namespace}{pattern.name}", kwargs


PAGES = sorted(_object_pages())


def test_every_object_page_names_its_model():
    missing = [name for name, _ in PAGES if name not in PAGE_MODELS and name not in USER_PAGES]
    assert missing == [], f"add these pages to PAGE_MODELS: {missing}"


ORG_PAGES = [(name, kwargs) for name, kwargs in PAGES if name not in USER_PAGES]


@pytest.mark.parametrize("name", sorted(USER_PAGES))
def test_another_persons_object_page_is_404(name, org_a, employee, outsider, client):
    obj = USER_PAGES[name](employee.user)
    client.force_login(outsider.user)
    url = reverse(name, kwargs={"id": obj.uuid})
    assert client.get(url).status_code in (404, 405)
    assert client.post(url, {}).status_code in (404, 405)


@pytest.mark.parametrize(("name", "kwargs"), ORG_PAGES, ids=[name for name, _ in ORG_PAGES])
def test_another_organizations_object_page_is_404(name, kwargs, org_a, outsider, client):
    if kwargs != {"id"}:
        pytest.fail(f"{name} takes {sorted(kwargs)}: extend this test for it")
    obj = TENANT_FACTORIES[PAGE_MODELS[name]](organization=org_a)
    client.force_login(outsider.user)
    url = reverse(name, kwargs={"id": obj.uuid})
    assert client.get(url).status_code in (404, 405)
    assert client.post(url, {}).status_code in (404, 405)
