from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learning"

    def ready(self) -> None:
        from learning import milestones, receivers

        milestones.register()
        receivers.connect()
