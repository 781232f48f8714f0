from django.urls import path

from surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.survey_list, name="list"),
    path("new/", views.survey_new, name="new"),
    path("settings/", views.survey_settings, name="settings"),
    path("mine/", views.mine, name="mine"),
    path("team/", views.team_results, name="team"),
    path("<uuid:id>/", views.survey_detail, name="detail"),
    path("<uuid:id>/edit/", views.survey_edit, name="edit"),
    path("<uuid:id>/schedule/", views.survey_schedule, name="schedule"),
    path("<uuid:id>/close/", views.survey_close, name="close"),
    path("<uuid:id>/results/", views.survey_results, name="results"),
    path("<uuid:id>/answer/", views.answer, name="answer"),
    path("<uuid:id>/actions/", views.actions, name="actions"),
    path("actions/<uuid:id>/done/", views.action_done, name="action_done"),
]
