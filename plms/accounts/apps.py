from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "plms.accounts"
    label = "accounts"
