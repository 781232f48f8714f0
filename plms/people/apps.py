from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "plms.people"
    label = "people"
