from django.apps import AppConfig


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = "Momentum workflows"

    def ready(self) -> None:
        from plms.common.metrics import register_source
        from workflows import embedded, milestones, receivers, triggers  # noqa: F401 (registries)
        from workflows.metrics import momentum_metrics

        register_source(momentum_metrics)
        receivers.connect()

        if embedded.should_start():
            embedded.start()
