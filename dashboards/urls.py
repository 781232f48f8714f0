from django.urls import path

from dashboards import views

# The home page keeps the URL name `web:home` that every template and redirect uses.
app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    # The home's sections loaded after the page (htmx); each is a page of its own without it.
    path("home/me/", views.home_me, name="home_me"),
    path("home/team/", views.home_team, name="home_team"),
    path("home/team/goals-at-risk/", views.home_team_at_risk, name="home_team_at_risk"),
    path("home/organisation/", views.home_organisation, name="home_organisation"),
]
