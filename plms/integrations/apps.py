from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "plms.integrations"
    label = "integrations"
    verbose_name = "Integrations"

    def ready(self) -> None:
        from plms.common.metrics import register_source
        from plms.integrations.metrics import webhook_metrics

        register_source(webhook_metrics)
