from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    """The home dashboards: a consumer above the domain apps, reading their selectors."""

    name = "dashboards"
    label = "dashboards"
