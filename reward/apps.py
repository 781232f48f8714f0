from django.apps import AppConfig


class RewardConfig(AppConfig):
    name = "reward"
    verbose_name = "Rate and reward"

    def ready(self) -> None:
        from reward import events, milestones  # noqa: F401 (events register on import)

        milestones.register()
