from django.urls import path

from reward import (
    bonus_views,
    equity_views,
    outlier_views,
    ranking_views,
    scale_views,
    settings_views,
    views,
)

app_name = "reward"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("calibration/", views.calibration, name="calibration"),
    path("calibration/action/", views.calibration_action, name="calibration_action"),
    path("calibration/rank/", ranking_views.calibration_rank, name="calibration_rank"),
    path("team/", views.team, name="team"),
    path("team/confirm/", views.team_confirm, name="team_confirm"),
    path("pay/", views.pay, name="pay"),
    path("equity/", equity_views.pay_equity, name="pay_equity"),
    path("people/<uuid:id>/pay/", views.person_pay, name="person_pay"),
    path("settings/", settings_views.reward_settings, name="settings"),
    path("settings/scale/", scale_views.rating_scale, name="rating_scale"),
    path(
        "settings/compensation-access/",
        settings_views.compensation_grant_give,
        name="compensation_grant_give",
    ),
    path(
        "managers/<uuid:id>/compensation-access/",
        settings_views.compensation_grant,
        name="compensation_grant",
    ),
    path("reviews/", views.review_list, name="review_list"),
    path("reviews/<uuid:id>/", views.review_detail, name="review_detail"),
    path("reviews/<uuid:id>/propose/", views.review_propose, name="review_propose"),
    path("reviews/<uuid:id>/finalise/", views.review_finalise, name="review_finalise"),
    path("reviews/<uuid:id>/payroll/", views.review_payroll, name="review_payroll"),
    path("proposals/<uuid:id>/decide/", views.proposal_decide, name="proposal_decide"),
    path("outliers/", outlier_views.outlier_list, name="outliers"),
    path("bonus/", bonus_views.bonus_run_list, name="bonus_run_list"),
    path("bonus/<uuid:id>/", bonus_views.bonus_run_detail, name="bonus_run_detail"),
    path("bonus/<uuid:id>/finalise/", bonus_views.bonus_run_finalise, name="bonus_run_finalise"),
    path("bonus/<uuid:id>/export/", bonus_views.bonus_run_export, name="bonus_run_export"),
    path("bonus/lines/<uuid:id>/", bonus_views.bonus_line, name="bonus_line"),
]
