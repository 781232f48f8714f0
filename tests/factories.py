"""Factories that keep related objects in one organization.

Tenant factories create their rows inside the object's organization scope, so tests never
need to remember it. Each app's tenant factories are registered with `@tenant_factory` (in this
module or in `tests/<app>/factories.py`, which tests/conftest.py imports): `TENANT_FACTORIES`
maps every tenant model to its factory, and the isolation tests fail for a model without one.
"""

from __future__ import annotations

from dataclasses import dataclass

import factory
from django.contrib.auth import get_user_model

from plms.audit.models import AuditEvent
from plms.common.models import IdempotencyRecord
from plms.people.models import Department, Employee, Invitation, SecondaryManager
from plms.tenancy.context import organization_scope
from plms.tenancy.models import Membership, Organization


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"org-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", "pass-word-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


TENANT_FACTORIES: dict[type, type] = {}


def tenant_factory(cls):
    """Register the factory of a tenant model for the isolation tests."""
    TENANT_FACTORIES[cls._meta.model] = cls
    return cls


class TenantFactory(factory.django.DjangoModelFactory):
    """Creates the row inside its organization's scope (row-level security allows it)."""

    class Meta:
        abstract = True

    organization = factory.SubFactory(OrganizationFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with organization_scope(kwargs["organization"]):
            return super()._create(model_class, *args, **kwargs)


@tenant_factory
class DepartmentFactory(TenantFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"Department {n}")


@tenant_factory
class EmployeeFactory(TenantFactory):
    class Meta:
        model = Employee

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    title = "Specialist"


@tenant_factory
class SecondaryManagerFactory(TenantFactory):
    class Meta:
        model = SecondaryManager

    employee = factory.SubFactory(
        EmployeeFactory, organization=factory.SelfAttribute("..organization")
    )
    manager = factory.SubFactory(
        EmployeeFactory, organization=factory.SelfAttribute("..organization")
    )
    weight = 40


@tenant_factory
class InvitationFactory(TenantFactory):
    class Meta:
        model = Invitation

    employee = factory.SubFactory(
        EmployeeFactory, organization=factory.SelfAttribute("..organization")
    )
    email = factory.SelfAttribute("employee.email")
    token_hash = factory.Sequence(lambda n: f"{n:064d}")
    expires_at = factory.Faker("future_datetime", tzinfo=__import__("datetime").UTC)


@tenant_factory
class AuditEventFactory(TenantFactory):
    class Meta:
        model = AuditEvent

    actor_label = "system"
    action = "test.recorded"
    object_type = "people.employee"


@tenant_factory
class IdempotencyRecordFactory(TenantFactory):
    class Meta:
        model = IdempotencyRecord

    principal = "key:1"
    key = factory.Sequence(lambda n: f"key-{n}")
    method = "POST"
    path = "/api/v1/employees"
    request_hash = "0" * 64


@dataclass
class Member:
    """A signed-in person: user, membership and employee record in one organization."""

    user: object
    membership: Membership
    employee: Employee

    @property
    def organization(self) -> Organization:
        return self.membership.organization


def member(organization, *, role="member", email=None, manager=None, **employee_fields) -> Member:
    user = UserFactory(email=email) if email else UserFactory()
    with organization_scope(organization):
        membership = Membership.objects.create(organization=organization, user=user, role=role)
    employee = EmployeeFactory(
        organization=organization, email=user.email, user=user, manager=manager, **employee_fields
    )
    return Member(user=user, membership=membership, employee=employee)
