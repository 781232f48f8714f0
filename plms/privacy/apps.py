from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "plms.privacy"
    label = "privacy"

    def ready(self) -> None:
        from plms.common.retention import register_retention_lookup
        from plms.privacy.selectors import retention_days_of

        # The purges of webhook history and notifications follow each organisation's rules.
        register_retention_lookup(retention_days_of)
