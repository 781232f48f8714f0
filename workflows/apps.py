from django.apps import AppConfig


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = "Momentum workflows"

    def ready(self) -> None:
        from workflows import embedded, milestones, triggers  # noqa: F401 (registries)

        if embedded.should_start():
            embedded.start()
