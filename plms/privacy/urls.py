from django.urls import path

from plms.privacy import views

app_name = "privacy"

urlpatterns = [
    path("retention/", views.retention, name="retention"),
    path("people/<uuid:id>/", views.person, name="person"),
    path("people/<uuid:id>/exports/", views.exports_fragment, name="exports"),
    path("people/<uuid:id>/exports/new/", views.export_request, name="export_request"),
    path("people/<uuid:id>/erasure/", views.erasure, name="erasure"),
    path("exports/<uuid:id>/download/", views.export_download, name="export_download"),
]
