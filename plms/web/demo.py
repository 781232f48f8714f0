"""The demo organisation "Acme": idempotent, built through the same services users call.

Each app adds its part to `DEMO_STEPS` from its own `demo.py`, so the demo always shows the
whole product. The people come first; the apps' parts then run in INSTALLED_APPS order,
whenever their module happened to be imported (a test may import one early), so the
dashboards' part, the last app, reads what the others made.
"""

from __future__ import annotations

from collections.abc import Callable

from django.apps import apps as django_apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils.module_loading import autodiscover_modules

from plms.people.imports import people_import
from plms.people.models import Employee
from plms.tenancy.actors import Actor, system_actor
from plms.tenancy.context import organization_scope
from plms.tenancy.models import Membership, Organization
from plms.tenancy.services import membership_set, user_get_or_create

DEMO_SLUG = "acme"
DEMO_PASSWORD = "plms-demo"

PEOPLE_CSV = """email,first_name,last_name,title,department,manager_email,manager_weight,matrix_managers,start_date
ceo@acme.example,Alex,Morgan,Managing Director,,,,,2015-03-01
hr@acme.example,Harriet,Reyes,HR Director,People & Culture,ceo@acme.example,,,2018-06-11
manager@acme.example,Marcus,Bell,Customer Service Manager,Customer Operations,ceo@acme.example,,,2019-01-07
sales.manager@acme.example,Sofia,Lindqvist,Sales Manager,Sales,ceo@acme.example,,,2020-09-14
employee@acme.example,Emma,Clarke,Customer Service Advisor,Customer Operations,manager@acme.example,,,2023-04-03
liam@acme.example,Liam,Okafor,Customer Service Advisor,Customer Operations,manager@acme.example,,,2022-11-21
priya@acme.example,Priya,Shah,Senior Customer Service Advisor,Customer Operations,manager@acme.example,60,sales.manager@acme.example:40,2021-02-15
noah@acme.example,Noah,Fischer,Customer Service Advisor,Customer Operations,manager@acme.example,,,2024-01-08
olivia@acme.example,Olivia,Brown,Account Executive,Sales,sales.manager@acme.example,,,2022-05-16
mateo@acme.example,Mateo,Garcia,Account Executive,Sales,sales.manager@acme.example,,,2023-08-28
aisha@acme.example,Aisha,Bakr,Sales Development Representative,Sales,sales.manager@acme.example,,,2024-06-03
tom@acme.example,Tom,Walsh,People Partner,People & Culture,hr@acme.example,,,2021-10-04
"""

ADMINS = {"hr@acme.example"}

DemoStep = Callable[[Actor], None]
DEMO_STEPS: list[DemoStep] = []


def seed_people(actor: Actor) -> None:
    people_import(actor=actor, text=PEOPLE_CSV)
    for employee in Employee.objects.filter(user__isnull=True):
        user = user_get_or_create(
            email=employee.email, password=DEMO_PASSWORD, full_name=employee.full_name
        )
        employee.user = user
        employee.save(update_fields=["user"])
    for employee in Employee.objects.select_related("user"):
        role = Membership.Role.ADMIN if employee.email in ADMINS else Membership.Role.MEMBER
        membership_set(organization=actor.organization, user=employee.user, role=role)


def member_actor(actor: Actor, email: str) -> Actor:
    """The demo person with this e-mail as the actor, so histories name who did it."""
    employee = Employee.objects.select_related("user").get(email=email)
    membership = Membership.objects.get(organization=actor.organization, user=employee.user)
    return Actor(organization=actor.organization, membership=membership, employee=employee)


def _app_position(step: DemoStep) -> int:
    configs = list(django_apps.get_app_configs())
    return configs.index(django_apps.get_containing_app_config(step.__module__))


@transaction.atomic
def seed_demo() -> Organization:
    """Create or complete the demo organisation; running it again changes nothing."""
    if not settings.PLMS_ALLOW_DEMO_SEED:
        raise ImproperlyConfigured("The demo organisation is never seeded in production.")
    organization, _ = Organization.objects.get_or_create(
        slug=DEMO_SLUG, defaults={"name": "Acme", "time_zone": "Europe/London"}
    )
    autodiscover_modules("demo")  # each app's demo.py appends its steps to DEMO_STEPS
    with organization_scope(organization):
        seed_people(system_actor(organization))
        # The rest is done by the HR admin, so the histories name who did it.
        actor = member_actor(system_actor(organization), next(iter(ADMINS)))
        for step in sorted(DEMO_STEPS, key=_app_position):
            step(actor)
    return organization
