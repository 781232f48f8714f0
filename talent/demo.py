"""The demo organisation's succession and careers: career paths between its roles, the demo
employee's aspirations, two critical roles with successors at each readiness, and potential
assessed for the people on the slates; a Future leaders pool with two members, and a talent
review of it held a week ago with its decision log."""

from __future__ import annotations

import datetime

from django.utils import timezone

from assessments.selectors import cycles as cycle_selectors
from capabilities.models import JobRole
from plms.people.models import Employee
from plms.tenancy.actors import Actor
from plms.web.demo import DEMO_STEPS
from talent import pool_services, review_selectors, review_services, services
from talent.models import (
    Aspiration,
    CareerPath,
    CriticalRole,
    PotentialAssessment,
    Successor,
    TalentPool,
    TalentReview,
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


# --- A held talent review of the Future leaders pool --------------------------------------------

REVIEW_NAME = "Future leaders review, Q4"
REVIEW_DECISIONS = (
    ("priya@acme.example", "Priya is the first successor to plan for: she leads the team now."),
    (None, "The pool meets again next quarter with the Sales team's candidates."),
)
REVIEW_ACTIONS = (  # owner, about, what, due in days
    (
        "manager@acme.example",
        "priya@acme.example",
        "Give Priya the team's weekly planning for a quarter, as a stretch assignment.",
        21,
    ),
    (
        "hr@acme.example",
        "olivia@acme.example",
        "Find Olivia a mentor among the sales managers.",
        14,
    ),
)


def seed_talent_review(actor: Actor) -> None:
    """A review of the Future leaders pool, held a week ago and facilitated by the Customer
    Service Manager: a move with its reason, decisions and actions Momentum follows up."""
    pool = TalentPool.objects.filter(name="Future leaders").first()
    people = {e.email: e for e in Employee.objects.all()}
    facilitator = people.get("manager@acme.example")
    if pool is None or facilitator is None:
        return
    if TalentReview.objects.filter(name=REVIEW_NAME).exists():
        return
    today = timezone.localdate()
    review = review_services.talent_review_open(
        actor=actor,
        name=REVIEW_NAME,
        pool=pool,
        held_on=today - datetime.timedelta(days=7),
        facilitator=facilitator,
    )
    priya = people.get("priya@acme.example")
    if priya is not None and review_selectors.is_reviewed(review=review, employee=priya):
        now = review_selectors.box_of(review=review, employee=priya)
        review_services.talent_review_move(
            actor=actor,
            review=review,
            employee=priya,
            to_box="3-3" if now != "3-3" else "2-3",
            reason="Ran the team for a month during the manager's leave; the team's results held.",
        )
    for email, text in REVIEW_DECISIONS:
        about = people.get(email) if email else None
        review_services.talent_review_decision_record(
            actor=actor, review=review, text=text, employee=about
        )
    for owner, about, text, days in REVIEW_ACTIONS:
        if owner in people:
            review_services.talent_review_action_record(
                actor=actor,
                review=review,
                text=text,
                owner=people[owner],
                due_on=today + datetime.timedelta(days=days),
                employee=people.get(about),
            )
    review_services.talent_review_hold(
        actor=actor,
        review=review,
        summary="Priya moves up; Olivia gets a mentor. Next review in three months.",
    )


DEMO_STEPS.append(seed_talent_review)
