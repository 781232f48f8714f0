from django.urls import path

from dashboards import views

# The home page keeps the URL name `web:home` that every template and redirect uses.
app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
]
