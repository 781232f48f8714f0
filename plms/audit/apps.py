from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "plms.audit"
    label = "audit"

    def ready(self) -> None:
        from plms.audit import receivers  # noqa: F401 (connects the signal receivers)
