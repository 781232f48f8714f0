from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"

    def ready(self) -> None:
        from assessments import milestones, notices, signals

        signals.connect()
        milestones.register()
        notices.register()
