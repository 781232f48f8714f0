from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "plms.tenancy"
    label = "tenancy"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from plms.tenancy import checks, schema  # noqa: F401 (register checks and OpenAPI)
        from plms.tenancy.rls import grant_application_role

        post_migrate.connect(grant_application_role, dispatch_uid="plms.grant_application_role")
