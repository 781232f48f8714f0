"""Demo goals for Acme: a strategy cascaded to teams and people, progress with one goal red,
goals serving role key results and naming capabilities, a template applied to a job role,
check-ins with action items, and feedback. Built through the services; runs once."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from capabilities.models import Capability, JobRole, KeyResult
from goals import services
from goals.checkins import services as checkin_services
from goals.feedback import services as feedback_services
from goals.goal_templates import services as template_services
from goals.models import Feedback, Goal
from plms.people.models import Department, Employee
from plms.tenancy.actors import Actor
from plms.tenancy.models import Membership
from plms.web.demo import DEMO_STEPS

STRATEGY = "Raise customer satisfaction (CSAT) to 90 % this year"


def _person(actor: Actor, email: str) -> Actor:
    employee = Employee.objects.select_related("user").get(email=email)
    membership = Membership.objects.get(organization=actor.organization, user=employee.user)
    return Actor(organization=actor.organization, membership=membership, employee=employee)


def _goal(actor: Actor, **fields) -> Goal:
    goal = services.goal_create(actor=actor, **fields)
    return services.goal_transition(actor=actor, goal=goal, status=Goal.Status.ACTIVE)


def _progress(actor: Actor, goal: Goal, values: list[str], comment: str = "") -> None:
    """Record `values` spread evenly from the goal's start to today."""
    today = timezone.localdate()
    step = (today - goal.start_date).days // (len(values) - 1)
    for index, value in enumerate(values):
        last = index == len(values) - 1
        day = today if last else goal.start_date + timedelta(days=step * index)
        services.goal_progress_record(
            actor=actor,
            goal=goal,
            value=Decimal(value),
            comment=comment if last else "",
            recorded_at=timezone.make_aware(datetime.combine(day, time(9))),
        )


def _capabilities(*source_keys: str) -> list[Capability]:
    """Adopted capabilities by catalogue key (none when the library demo did not run)."""
    return list(Capability.objects.filter(source_key__in=source_keys).order_by("name"))


def _key_result(role: str, outcome: str) -> KeyResult | None:
    return KeyResult.objects.filter(role__name=role, outcome=outcome).first()


def seed_goals(actor: Actor) -> None:
    if Goal.objects.filter(title=STRATEGY).exists():
        return
    today = timezone.localdate()
    year_start, year_end = today - timedelta(days=120), today + timedelta(days=245)
    start, due = today - timedelta(days=42), today + timedelta(days=49)
    person = {email.split("@")[0]: e for email, e in _employees().items()}
    kpi = {"indicator": "lagging", "unit": "%", "start_date": start, "due_date": due}

    strategy = _goal(
        actor,
        title=STRATEGY,
        description="Customers who rate us 4 or 5 out of 5 after a contact.",
        level="strategic",
        owner_type="organization",
        perspective="customer",
        baseline=Decimal(82),
        target=Decimal(90),
        **{**kpi, "start_date": year_start, "due_date": year_end},
    )
    operations = Department.objects.get(name="Customer Operations")
    sales = Department.objects.get(name="Sales")
    fcr = _goal(
        actor,
        title="Raise first-contact resolution to 75 % in Customer Operations",
        level="tactical",
        owner_type="department",
        owner_department=operations,
        perspective="process",
        baseline=Decimal(62),
        target=Decimal(75),
        parents=[strategy],
        weight=Decimal(2),
        **kpi,
    )
    revenue = _goal(
        actor,
        title="Grow new-business revenue to 1.2 m this half",
        level="tactical",
        owner_type="department",
        owner_department=sales,
        perspective="financial",
        baseline=Decimal(900_000),
        target=Decimal(1_200_000),
        parents=[strategy],
        **{**kpi, "unit": "GBP"},
    )
    advisor = "Customer Service Advisor"
    emma = _goal(
        actor,
        title="Raise my first-contact resolution to 72 %",
        owner_employee=person["employee"],
        perspective="process",
        baseline=Decimal(60),
        target=Decimal(72),
        parents=[fcr],
        key_result=_key_result(advisor, "Customers get their issue resolved in the first contact"),
        capabilities=_capabilities("complaint-resolution", "customer-communication"),
        **kpi,
    )
    _progress(actor, emma, ["60", "63", "66", "68"], "Knowledge-base articles help.")
    liam = _goal(
        actor,
        title="Raise CSAT on my cases to 90 %",
        owner_employee=person["liam"],
        perspective="customer",
        baseline=Decimal(84),
        target=Decimal(90),
        parents=[fcr, strategy],
        **kpi,
    )
    _progress(actor, liam, ["84", "85", "87"])
    priya = _goal(
        actor,
        title="Reduce escalations to 5 per month",
        owner_employee=person["priya"],
        contributors=[person["noah"]],
        perspective="customer",
        direction="decrease",
        baseline=Decimal(8),
        target=Decimal(5),
        parents=[fcr],
        **{**kpi, "unit": "escalations"},
    )
    _progress(actor, priya, ["8", "7", "7"])
    noah = _goal(
        actor,
        title="Reduce average handling time to 6 minutes",
        owner_employee=person["noah"],
        perspective="process",
        direction="decrease",
        baseline=Decimal(8),
        target=Decimal(6),
        parents=[fcr],
        capabilities=_capabilities("multichannel-service"),
        **{**kpi, "unit": "minutes"},
    )
    _progress(actor, noah, ["8", "8.2", "8.4"], "New system slowed me down.")  # red
    for email, baseline, target in (("olivia", 300_000, 390_000), ("mateo", 250_000, 320_000)):
        goal = _goal(
            actor,
            title=f"Close {target // 1000}k of new business",
            owner_employee=person[email],
            perspective="financial",
            baseline=Decimal(baseline),
            target=Decimal(target),
            parents=[revenue],
            **{**kpi, "unit": "GBP"},
        )
        _progress(actor, goal, [str(baseline), str(baseline + 20_000), str(baseline + 45_000)])

    quality = _key_result(advisor, "Quality reviews pass")
    role = JobRole.objects.filter(name=advisor).first()
    if quality is not None and role is not None:
        template = template_services.goal_template_create(
            actor=actor,
            name="Advisor quality reviews",
            title="Pass 95 % of my quality reviews",
            description="Reviews of recorded contacts against the quality checklist.",
            key_result=quality,
            capabilities=_capabilities("customer-communication", "data-protection-compliance"),
            unit="%",
            baseline=Decimal(88),
            target=Decimal(95),
            perspective="customer",
        )
        template_services.goal_template_apply_to_role(
            actor=actor,
            template=template,
            role=role,
            start_date=start,
            due_date=due,
            status=Goal.Status.ACTIVE,
        )

    marcus = _person(actor, "manager@acme.example")
    for report, obstacles in ((person["employee"], ""), (person["noah"], "The new CRM is slow.")):
        series = checkin_services.check_in_series_create(
            actor=marcus, report=report, cadence="weekly", first_date=today - timedelta(days=7)
        )
        first = series.check_ins.get()
        checkin_services.check_in_update(
            actor=marcus,
            check_in=first,
            obstacles=obstacles,
            priorities="Close the oldest open cases first.",
            shared_notes="Good week overall.",
            private_manager_notes="Consider for the mentoring programme.",
        )
        checkin_services.action_item_add(
            actor=marcus, check_in=first, text="Shadow a senior advisor for one shift"
        )
        checkin_services.action_item_add(
            actor=marcus, check_in=first, text="Book CRM training", owner=marcus.employee
        )
        checkin_services.check_in_complete(actor=marcus, check_in=first)

    feedback_services.feedback_give(
        actor=marcus,
        receiver=person["employee"],
        observation="You rewrote the refund article after three similar calls.",
        impact="Repeat calls on refunds dropped the following week.",
        visibility=Feedback.Visibility.PUBLIC,
    )
    feedback_services.feedback_give(
        actor=marcus,
        receiver=person["noah"],
        kind=Feedback.Kind.CORRECTIVE,
        observation="Case notes were missing on four calls on Tuesday.",
        impact="Colleagues had to call the customers back.",
        expectation="Write the case note before taking the next call.",
        support_offered="A note template, and CRM training next week.",
        follow_up_date=today + timedelta(days=14),
        goal=noah,
    )
    sofia = _person(actor, "sales.manager@acme.example")
    feedback_services.feedback_give(
        actor=sofia,
        receiver=person["priya"],
        observation="You briefed the sales team on the top five complaint themes.",
        impact="Two renewals were saved by addressing them up front.",
    )
    feedback_services.feedback_request_create(
        actor=_person(actor, "employee@acme.example"),
        asked=person["liam"],
        message="How did my handover of the Baxter case go?",
    )


def _employees() -> dict[str, Employee]:
    return {e.email: e for e in Employee.objects.all()}


DEMO_STEPS.append(seed_goals)
