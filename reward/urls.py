from django.urls import path

from reward import equity_views, views

app_name = "reward"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("calibration/", views.calibration, name="calibration"),
    path("calibration/action/", views.calibration_action, name="calibration_action"),
    path("team/", views.team, name="team"),
    path("team/confirm/", views.team_confirm, name="team_confirm"),
    path("pay/", views.pay, name="pay"),
    path("equity/", equity_views.pay_equity, name="pay_equity"),
    path("people/<uuid:id>/pay/", views.person_pay, name="person_pay"),
    path("settings/", views.reward_settings, name="settings"),
    path(
        "managers/<uuid:id>/compensation-access/",
        views.compensation_grant,
        name="compensation_grant",
    ),
    path("reviews/", views.review_list, name="review_list"),
    path("reviews/<uuid:id>/", views.review_detail, name="review_detail"),
    path("reviews/<uuid:id>/propose/", views.review_propose, name="review_propose"),
    path("reviews/<uuid:id>/finalise/", views.review_finalise, name="review_finalise"),
    path("reviews/<uuid:id>/payroll/", views.review_payroll, name="review_payroll"),
    path("proposals/<uuid:id>/decide/", views.proposal_decide, name="proposal_decide"),
]
