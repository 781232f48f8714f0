"""The dashboards' part of the demo: history that only weeks of real use would create.

The dashboards app comes after the domain apps in INSTALLED_APPS, so these steps run last and
read what the others made.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from goals import services as goal_services
from goals.models import Goal
from plms.people.models import Employee
from plms.tenancy.actors import Actor
from plms.web.demo import DEMO_STEPS, member_actor
from plms.web.models import MemberActivity

ADOPTION_WEEKS = 8
LATENCY_GOAL = "Raise qualified sales opportunities to 26 a month"


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
    manager = member_actor(actor, "sales.manager@acme.example")
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


DEMO_STEPS.extend([seed_adoption, seed_decision_latency])
