from django.urls import path

from reward import views

app_name = "reward"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("calibration/", views.calibration, name="calibration"),
    path("calibration/action/", views.calibration_action, name="calibration_action"),
    path("team/", views.team, name="team"),
    path("team/confirm/", views.team_confirm, name="team_confirm"),
    path("pay/", views.pay, name="pay"),
    path("people/<uuid:id>/pay/", views.person_pay, name="person_pay"),
]
