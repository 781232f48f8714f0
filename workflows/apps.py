from django.apps import AppConfig


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = "Momentum workflows"

    def ready(self) -> None:
        from workflows import embedded, milestones, receivers, triggers  # noqa: F401

        receivers.connect()

        if embedded.should_start():
            embedded.start()
