from django.urls import path

from talent import pool_views, review_views, views

app_name = "talent"

urlpatterns = [
    path("", views.my_career, name="my_career"),
    path("aspirations/add/", views.aspiration_add, name="aspiration_add"),
    path("aspirations/<uuid:id>/remove/", views.aspiration_remove, name="aspiration_remove"),
    path("aspirations/<uuid:id>/plan/", views.aspiration_plan, name="aspiration_plan"),
    path("team/", views.team, name="team"),
    path("career-paths/", views.career_paths, name="career_paths"),
    path("career-paths/<uuid:id>/remove/", views.career_path_remove, name="career_path_remove"),
    path("succession/", views.succession, name="succession"),
    path("critical-roles/<uuid:id>/", views.critical_role_detail, name="critical_role_detail"),
    path("critical-roles/<uuid:id>/nominate/", views.successor_nominate, name="successor_nominate"),
    path("critical-roles/<uuid:id>/grant/", views.succession_grant, name="succession_grant"),
    path("critical-roles/<uuid:id>/revoke/", views.succession_revoke, name="succession_revoke"),
    path("successors/<uuid:id>/", views.successor_update, name="successor_update"),
    path("nine-box/", views.nine_box, name="nine_box"),
    path("pools/", pool_views.pools, name="pools"),
    path("pools/<uuid:id>/", pool_views.pool_detail, name="pool_detail"),
    path("reviews/", review_views.reviews, name="reviews"),
    path("reviews/<uuid:id>/", review_views.review_detail, name="review_detail"),
    path("reviews/<uuid:id>/move/", review_views.review_move, name="review_move"),
    path("reviews/<uuid:id>/log/", review_views.review_log, name="review_log"),
    path("reviews/<uuid:id>/hold/", review_views.review_hold, name="review_hold"),
    path("reviews/<uuid:id>/grant/", review_views.review_grant, name="review_grant"),
    path("review-actions/<uuid:id>/", review_views.review_action, name="review_action"),
    path("pools/<uuid:id>/edit/", pool_views.pool_edit, name="pool_edit"),
    path(
        "pools/<uuid:id>/programme/",
        pool_views.pool_programme_change,
        name="pool_programme_change",
    ),
    path("pools/<uuid:id>/readers/", pool_views.pool_readers_change, name="pool_readers_change"),
    path("people/<uuid:id>/potential/", views.potential_assess, name="potential_assess"),
]
