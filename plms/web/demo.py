"""The demo organisation "Acme": idempotent, built through the same services users call.

Each app adds its part to `DEMO_STEPS` from its own `demo.py`, so the demo always shows the
whole product. The people come first; the apps' parts then run in INSTALLED_APPS order,
whenever their module happened to be imported (a test may import one early); the final steps
read what the others made.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

from django.apps import apps as django_apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from plms.people.imports import people_import
from plms.people.models import Employee
from plms.tenancy.actors import Actor, system_actor
from plms.tenancy.context import organization_scope
from plms.tenancy.models import Membership, Organization
from plms.tenancy.services import membership_set, user_get_or_create
from plms.web.models import MemberActivity

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


# --- Last step: history that only weeks of real use would create --------------------------------

ADOPTION_WEEKS = 8
LATENCY_GOAL = "Raise qualified sales opportunities to 26 a month"


def _member_actor(actor: Actor, email: str) -> Actor:
    employee = Employee.objects.select_related("user").get(email=email)
    membership = Membership.objects.get(organization=actor.organization, user=employee.user)
    return Actor(organization=actor.organization, membership=membership, employee=employee)


def seed_adoption(actor: Actor) -> None:
    """Dashboard visits over the last eight weeks, more people each week (usage history the
    adoption figures read); rows that exist are kept, so running it again changes nothing."""
    today = timezone.localdate()
    users = list(
        Employee.objects.filter(user__isnull=False).order_by("id").values_list("user_id", flat=True)
    )
    rows = []
    for week in range(ADOPTION_WEEKS - 1, -1, -1):
        monday = today - timedelta(days=today.weekday(), weeks=week)
        share = (ADOPTION_WEEKS - week + 2) / (ADOPTION_WEEKS + 2)
        for index, user_id in enumerate(users[: max(1, round(len(users) * share))]):
            for day in range(index % 3, 5, 2):
                if monday + timedelta(days=day) > today:
                    continue
                rows.append(
                    MemberActivity(
                        organization=actor.organization,
                        user_id=user_id,
                        day=monday + timedelta(days=day),
                        dashboard_views=1 + (index + week) % 3,
                    )
                )
    MemberActivity.objects.bulk_create(rows, ignore_conflicts=True)


def seed_decision_latency(actor: Actor) -> None:
    """A sales goal that fell behind three days ago and that its manager has since updated: a
    closed red episode next to the goals demo's open one, so decision latency has a mean."""
    from goals import services as goal_services
    from goals.models import Goal

    if Goal.objects.filter(title=LATENCY_GOAL).exists():
        return
    owner = Employee.objects.filter(email="aisha@acme.example").first()
    parent = Goal.objects.filter(owner_type="department", perspective="financial").first()
    if owner is None or parent is None:
        return
    now = timezone.now()
    today = timezone.localdate()
    goal = goal_services.goal_create(
        actor=actor,
        title=LATENCY_GOAL,
        owner_employee=owner,
        perspective="customer",
        indicator="lagging",
        unit="opportunities",
        baseline=Decimal(20),
        target=Decimal(26),
        start_date=today - timedelta(days=42),
        due_date=today + timedelta(days=49),
        update_frequency="weekly",
        parents=[parent],
    )
    goal = goal_services.goal_transition(actor=actor, goal=goal, status=Goal.Status.ACTIVE)
    manager = _member_actor(actor, "sales.manager@acme.example")
    for days_ago, value, comment in ((30, "21", ""), (3, "21", "Two prospects went quiet.")):
        goal_services.goal_progress_record(
            actor=manager,
            goal=goal,
            value=Decimal(value),
            comment=comment,
            recorded_at=now - timedelta(days=days_ago, hours=2),
        )
    goal_services.goal_progress_record(
        actor=manager,
        goal=goal,
        value=Decimal(23),
        comment="Paired Aisha with Olivia on outreach; two new opportunities since.",
    )


FINAL_STEPS: list[DemoStep] = [seed_adoption, seed_decision_latency]


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
        actor = _member_actor(system_actor(organization), next(iter(ADMINS)))
        for step in [*sorted(DEMO_STEPS, key=_app_position), *FINAL_STEPS]:
            step(actor)
    return organization
