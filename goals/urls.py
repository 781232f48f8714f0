from django.urls import path

from goals import views
from goals.checkins import views as checkin_views
from goals.feedback import views as feedback_views
from goals.goal_templates import views as template_views

app_name = "goals"

urlpatterns = [
    path("", views.my_goals, name="my_goals"),
    path("new/", views.goal_create, name="goal_create"),
    path("owner-choices/", views.owner_choices, name="owner_choices"),
    path("parent-choices/", views.parent_choices, name="parent_choices"),
    path("key-result-choices/", views.key_result_choices, name="key_result_choices"),
    path("capability-choices/", views.capability_choices, name="capability_choices"),
    path("team/", views.team_at_risk, name="team_at_risk"),
    path("team/scorecard/", views.team_scorecard, name="team_scorecard"),
    path("scorecard/", views.my_scorecard, name="my_scorecard"),
    path("scorecard/<uuid:id>/", views.person_scorecard, name="person_scorecard"),
    path("tree/", views.goal_tree, name="goal_tree"),
    path("<uuid:id>/", views.goal_detail, name="goal_detail"),
    path("<uuid:id>/edit/", views.goal_edit, name="goal_edit"),
    path("<uuid:id>/progress/", views.goal_progress, name="goal_progress"),
    path("<uuid:id>/status/", views.goal_status, name="goal_status"),
    path("<uuid:id>/decide/", views.goal_decide, name="goal_decide"),
    path("<uuid:id>/approve-stretch/", views.goal_approve_stretch, name="goal_approve_stretch"),
    path("templates/", template_views.template_list, name="template_list"),
    path("templates/<uuid:id>/apply/", template_views.template_apply, name="template_apply"),
    path("check-ins/", checkin_views.check_in_list, name="check_in_list"),
    path("check-ins/start/", checkin_views.check_in_start, name="check_in_start"),
    path("check-ins/<uuid:id>/", checkin_views.check_in_detail, name="check_in_detail"),
    path(
        "check-ins/<uuid:id>/complete/", checkin_views.check_in_complete, name="check_in_complete"
    ),
    path(
        "check-ins/<uuid:id>/actions/",
        checkin_views.check_in_add_action,
        name="check_in_add_action",
    ),
    path(
        "check-ins/actions/<uuid:id>/",
        checkin_views.check_in_toggle_action,
        name="check_in_toggle_action",
    ),
    path(
        "check-ins/<uuid:id>/escalate/", checkin_views.check_in_escalate, name="check_in_escalate"
    ),
    path("feedback/", feedback_views.feedback_inbox, name="feedback_inbox"),
    path("feedback/give/", feedback_views.feedback_give, name="feedback_give"),
    path("feedback/request/", feedback_views.feedback_request, name="feedback_request"),
    path(
        "check-ins/escalations/<uuid:id>/resolve/",
        checkin_views.check_in_escalation_resolve,
        name="check_in_escalation_resolve",
    ),
]
