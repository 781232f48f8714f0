from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class EventsConfig(AppConfig):
    name = "plms.events"
    label = "events"
    verbose_name = "Events"

    def ready(self) -> None:
        # Each app declares its domain events in its own `events.py`; importing them registers
        # them, so subscribers (webhooks, Momentum) can name any of them by the time they run.
        autodiscover_modules("events")
