from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark's Django app, installed by the development, test and benchmark settings
    only: it adds `manage.py generate_org` and has no models, pages or API."""

    name = "bench"
    verbose_name = "Benchmark"
