from django.urls import path

from capabilities import views

app_name = "capabilities"

urlpatterns = [
    path("", views.capability_list, name="capability_list"),
    path("new/", views.capability_create, name="capability_create"),
    path("catalogue/", views.catalogue_list, name="catalogue_list"),
    path("catalogue/adopt/", views.catalogue_adopt, name="catalogue_adopt"),
    path("scale/", views.scale_detail, name="scale"),
    path("versions/", views.version_list, name="version_list"),
    path("versions/publish/", views.version_publish, name="version_publish"),
    path("duplicates/", views.duplicate_list, name="duplicate_list"),
    path("duplicates/merge/", views.duplicate_merge, name="duplicate_merge"),
    path("import/", views.library_import_view, name="import"),
    path("export/", views.library_export_view, name="export"),
    path("roles/", views.role_list, name="role_list"),
    path("roles/new/", views.role_create, name="role_create"),
    path("roles/bulk-requirement/", views.bulk_requirement, name="role_bulk_requirement"),
    path("roles/level-picker/", views.level_picker, name="role_level_picker"),
    path("roles/<uuid:id>/", views.role_detail, name="role_detail"),
    path("roles/<uuid:id>/edit/", views.role_edit, name="role_edit"),
    path("roles/<uuid:id>/scorecard/", views.role_scorecard, name="role_scorecard"),
    path("roles/<uuid:id>/requirements/", views.role_requirement_set, name="role_requirement_set"),
    path(
        "roles/requirements/<uuid:id>/remove/",
        views.role_requirement_remove,
        name="role_requirement_remove",
    ),
    path("roles/<uuid:id>/assign/", views.role_assign, name="role_assign"),
    path("<uuid:id>/", views.capability_detail, name="capability_detail"),
    path("<uuid:id>/edit/", views.capability_edit, name="capability_edit"),
    path("<uuid:id>/retire/", views.capability_retire, name="capability_retire"),
    path(
        "<uuid:id>/catalogue-update/",
        views.capability_catalogue_update,
        name="capability_catalogue_update",
    ),
]
