from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "plms.audit"
    label = "audit"
