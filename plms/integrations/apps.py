from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "plms.integrations"
    label = "integrations"
    verbose_name = "Integrations"

    def ready(self) -> None:
        from plms.common.metrics import register_source

        # Webhooks subscribe to the outbox: every published domain event gets its deliveries.
        from plms.integrations import scim_schema, webhooks  # noqa: F401
        from plms.integrations.metrics import webhook_metrics

        register_source(webhook_metrics)
