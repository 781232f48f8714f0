from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "plms.tenancy"
    label = "tenancy"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from plms.tenancy import checks, schema  # noqa: F401 (register checks and OpenAPI)
        from plms.tenancy.rls import grant_application_role

        post_migrate.connect(grant_application_role, dispatch_uid="plms.grant_application_role")

        from django.db.models.signals import post_delete, post_save

        from plms.tenancy.models import Membership, Organization
        from plms.tenancy.selectors import memberships_forget, organizations_changed

        def membership_changed(sender, *, instance: Membership, **kwargs) -> None:
            memberships_forget(user_id=instance.user_id)

        def organization_changed(sender, **kwargs) -> None:
            organizations_changed()

        for signal in (post_save, post_delete):
            signal.connect(
                membership_changed, sender=Membership, weak=False, dispatch_uid="plms.memberships"
            )
            signal.connect(
                organization_changed,
                sender=Organization,
                weak=False,
                dispatch_uid="plms.organizations",
            )
