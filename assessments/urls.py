from django.urls import path

from assessments import export_views, report_views, views
from assessments.reviews import views as review_views

app_name = "assessments"

urlpatterns = [
    path("", views.my_assessments, name="my_assessments"),
    path("<uuid:id>/", views.assessment_form, name="assessment_form"),
    path("<uuid:id>/autosave/", views.rating_autosave, name="rating_autosave"),
    path("nominations/<uuid:id>/decide/", views.nomination_decide, name="nomination_decide"),
    path("experts/", views.expert_grants, name="expert_grants"),
    path("experts/<uuid:id>/revoke/", views.expert_revoke, name="expert_revoke"),
    path("results/<uuid:id>/", views.results, name="results"),
    path("team/", report_views.team, name="team"),
    path("gaps/", report_views.gap_report, name="gap_report"),
    path("departments/", report_views.department_heatmap, name="department_heatmap"),
    path("cycles/", views.cycle_list, name="cycle_list"),
    path("cycles/new/", views.cycle_create, name="cycle_create"),
    path("cycles/<uuid:id>/", views.cycle_detail, name="cycle_detail"),
    path("cycles/<uuid:id>/progress/", views.cycle_progress, name="cycle_progress"),
    path("cycles/<uuid:id>/launch/", views.cycle_launch, name="cycle_launch"),
    path("cycles/<uuid:id>/close/", views.cycle_close, name="cycle_close"),
    path("cycles/<uuid:id>/reopen/", views.cycle_reopen, name="cycle_reopen"),
    path("cycles/<uuid:id>/export.csv", export_views.cycle_export, name="cycle_export"),
    path("cycles/<uuid:id>/calibration/", views.calibration, name="calibration"),
    path("cycles/<uuid:id>/peers/", views.peer_nominate, name="peer_nominate"),
    path("cycles/<uuid:id>/preview/", views.rating_preview, name="rating_preview"),
    path("levels/<uuid:id>/adjust/", views.consolidated_adjust, name="consolidated_adjust"),
    path("levels/<uuid:id>/vote/", views.preview_vote, name="preview_vote"),
    path(
        "cycles/<uuid:id>/answers.csv",
        export_views.cycle_answers_export,
        name="cycle_answers_export",
    ),
    path("templates/", review_views.template_list, name="review_templates"),
    path("templates/<uuid:id>/", review_views.template_detail, name="review_template"),
    path(
        "templates/<uuid:id>/section/",
        review_views.template_section,
        name="review_template_section",
    ),
    path(
        "templates/<uuid:id>/section/delete/",
        review_views.template_section_delete,
        name="review_template_section_delete",
    ),
    path(
        "templates/<uuid:id>/archive/",
        review_views.template_archive,
        name="review_template_archive",
    ),
]
