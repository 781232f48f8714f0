from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "plms.common"
    label = "common"
