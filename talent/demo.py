"""The demo organisation's succession and careers: career paths between its roles, the demo
employee's aspirations, two critical roles with successors at each readiness, and potential
assessed for the people on the slates; a Future leaders pool with two members."""

from __future__ import annotations

from assessments.selectors import cycles as cycle_selectors
from capabilities.models import JobRole
from plms.people.models import Employee
from plms.tenancy.actors import Actor
from plms.web.demo import DEMO_STEPS
from talent import pool_services, services
from talent.models import (
    Aspiration,
    CareerPath,
    CriticalRole,
    PotentialAssessment,
    Successor,
    TalentPool,
)

PATHS = (
    ("Customer Service Advisor", "Senior Customer Service Advisor", 18),
    ("Senior Customer Service Advisor", "Customer Service Manager", 24),
    ("Sales Development Representative", "Account Executive", 12),
    ("Account Executive", "Sales Manager", 30),
)
ASPIRATIONS = {
    "employee@acme.example": (
        ("Senior Customer Service Advisor", "I enjoy helping new colleagues with hard calls."),
        ("Customer Service Manager", "In a few years, leading the team."),
    )
}
Ready = Successor.Readiness
# role, the position's holder (or None: the role as a whole), impact, likelihood, successors
CRITICAL = (
    (
        "Customer Service Manager",
        "manager@acme.example",
        3,
        2,
        (
            ("priya@acme.example", Ready.READY_NOW, "Runs the team when Marcus is away."),
            ("liam@acme.example", Ready.ONE_TWO_YEARS, ""),
            ("employee@acme.example", Ready.THREE_PLUS_YEARS, "Aspires to it; coaching to grow."),
        ),
    ),
    (
        "Sales Manager",
        None,
        3,
        3,
        (("olivia@acme.example", Ready.ONE_TWO_YEARS, "Top of the team's pipeline this year."),),
    ),
)
POTENTIAL = {  # scores of the shipped criteria: learning agility, drive, leading others, breadth
    "priya@acme.example": (3, 3, 3, 2),
    "liam@acme.example": (2, 2, 2, 2),
    "employee@acme.example": (3, 2, 2, 2),
    "olivia@acme.example": (3, 3, 2, 3),
}
POOL_MEMBERS = ("priya@acme.example", "olivia@acme.example")


def seed_talent(actor: Actor) -> None:
    roles = {role.name: role for role in JobRole.objects.all()}
    people = {e.email: e for e in Employee.objects.all()}
    for start, end, months in PATHS:
        if (
            start in roles
            and end in roles
            and not CareerPath.objects.filter(from_role=roles[start], to_role=roles[end]).exists()
        ):
            services.career_path_create(
                actor=actor, from_role=roles[start], to_role=roles[end], typical_months=months
            )
    for email, wishes in ASPIRATIONS.items():
        employee = people.get(email)
        if employee is None or Aspiration.objects.filter(employee=employee).exists():
            continue
        for name, note in wishes:
            if name in roles:
                services.aspiration_add(actor=actor, employee=employee, role=roles[name], note=note)
    for name, holder, impact, likelihood, successors in CRITICAL:
        if name not in roles or CriticalRole.objects.filter(role=roles[name]).exists():
            continue
        critical = services.critical_role_mark(
            actor=actor,
            role=roles[name],
            incumbent=people.get(holder) if holder else None,
            impact=impact,
            likelihood=likelihood,
        )
        for email, readiness, note in successors:
            if email in people:
                services.successor_nominate(
                    actor=actor,
                    critical_role=critical,
                    employee=people[email],
                    readiness=readiness,
                    note=note,
                )
    cycle = cycle_selectors.latest_closed_cycle()
    keys = ("learning-agility", "drive", "leading-others", "breadth")
    for email, scores in POTENTIAL.items():
        employee = people.get(email)
        if employee is None or PotentialAssessment.objects.filter(employee=employee).exists():
            continue
        services.potential_assess(
            actor=actor, employee=employee, scores=dict(zip(keys, scores, strict=True)), cycle=cycle
        )
    if not TalentPool.objects.exists():
        pool = pool_services.pool_create(
            actor=actor,
            name="Future leaders",
            description="People ready for a larger role within two years.",
            boxes=["3-3", "2-3", "3-2"],
        )
        for email in POOL_MEMBERS:
            if email in people:
                pool_services.pool_member_add(actor=actor, pool=pool, employee=people[email])


DEMO_STEPS.append(seed_talent)
