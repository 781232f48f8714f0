from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "plms.web"
    label = "web"
