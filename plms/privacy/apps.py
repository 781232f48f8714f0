from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "plms.privacy"
    label = "privacy"
