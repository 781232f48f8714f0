from django.urls import path

from workflows import views

app_name = "workflows"

urlpatterns = [
    path("", views.template_list, name="template_list"),
    path("new/", views.template_create, name="template_create"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("shipped/<slug:key>/", views.template_instantiate, name="template_instantiate"),
    path("<uuid:id>/", views.template_detail, name="template_detail"),
    path("<uuid:id>/edit/", views.template_edit, name="template_edit"),
    *(
        path(
            f"<uuid:id>/{action}/",
            views.template_action,
            {"action": action},
            name=f"template_{action}",
        )
        for action in ("activate", "pause", "resume", "cancel")
    ),
    path("runs/<uuid:id>/", views.run_detail, name="run_detail"),
    path("runs/<uuid:id>/cancel/", views.run_cancel, name="run_cancel"),
]
