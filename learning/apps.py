from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learning"

    def ready(self) -> None:
        from learning import milestones, receivers  # noqa: F401 (receivers subscribe on import)

        milestones.register()
