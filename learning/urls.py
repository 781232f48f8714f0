from django.urls import path

from learning import views

app_name = "learning"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("import/", views.item_import, name="item_import"),
    path("my-plan/", views.my_plan, name="my_plan"),
    path("items/<uuid:id>/feedback/", views.item_feedback, name="item_feedback"),
    path("my-plan/build/", views.plan_build_mine, name="plan_build_mine"),
    path("team/", views.team, name="team"),
    path("content-gaps/", views.content_gaps, name="content_gaps"),
    path("plan-builds/", views.plan_builds, name="plan_builds"),
    path("plan-builds/<uuid:id>/progress/", views.plan_build_progress, name="plan_build_progress"),
    path("plan-builds/<uuid:id>/again/", views.plan_build_again, name="plan_build_again"),
    path("impact/", views.impact_report, name="impact"),
    path("settings/", views.learning_settings, name="settings"),
    path("plans/<uuid:id>/", views.plan_detail, name="plan_detail"),
    path("plans/<uuid:id>/action/", views.plan_action, name="plan_action"),
    path("plan-items/<uuid:id>/", views.plan_item_update, name="plan_item_update"),
    path("improvement-plans/", views.improvement_plans, name="improvement_plans"),
    path(
        "people/<uuid:id>/improvement-plan/",
        views.improvement_plan_start,
        name="improvement_plan_start",
    ),
]
