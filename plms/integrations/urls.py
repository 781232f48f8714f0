from django.urls import path

from plms.integrations import views

app_name = "integrations"

urlpatterns = [
    path("", views.webhook_list, name="webhook_list"),
    path("webhooks/new/", views.webhook_create, name="webhook_create"),
    path("webhooks/<uuid:id>/", views.webhook_detail, name="webhook_detail"),
    path("webhooks/<uuid:id>/test/", views.webhook_test, name="webhook_test"),
    path("webhooks/<uuid:id>/toggle/", views.webhook_toggle, name="webhook_toggle"),
    path("webhooks/<uuid:id>/delete/", views.webhook_delete, name="webhook_delete"),
]
