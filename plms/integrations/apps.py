from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "plms.integrations"
    label = "integrations"
    verbose_name = "Integrations"
