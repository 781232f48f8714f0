from django.apps import AppConfig


class TalentConfig(AppConfig):
    name = "talent"
    verbose_name = "Succession and careers"

    def ready(self) -> None:
        from talent import events, milestones, review_events  # noqa: F401 (register on import)

        milestones.register()
