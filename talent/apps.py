from django.apps import AppConfig


class TalentConfig(AppConfig):
    name = "talent"
    verbose_name = "Succession and careers"

    def ready(self) -> None:
        from talent import events, milestones  # noqa: F401 (events register on import)

        milestones.register()
