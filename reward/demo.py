"""The demo organisation's rate and reward: the five-level scale with a 10/20/40/20/10
guideline, overall ratings proposed from the closed cycle (Emma's confirmed by her manager),
pay grades and everyone's pay, the compensation permission for the customer service manager,
last year's finalised pay review and this year's open one with a proposal waiting."""

from __future__ import annotations

import datetime
from decimal import Decimal

from assessments.selectors import cycles as cycle_selectors
from plms.people.models import Department, Employee
from plms.tenancy.actors import Actor
from plms.web.demo import DEMO_STEPS, member_actor
from reward import compensation, selectors, services
from reward.models import CompensationReview, PayGrade, PayRecord, PerformanceRating

D = Decimal
GRADES = (
    # name, minimum, midpoint, maximum, target bonus %
    ("Associate", D(26000), D(31000), D(36000), D(5)),
    ("Professional", D(34000), D(41000), D(48000), D(8)),
    ("Senior", D(44000), D(53000), D(62000), D(10)),
    ("Lead", D(58000), D(70000), D(82000), D(15)),
    ("Executive", D(90000), D(115000), D(140000), D(25)),
)
# email, grade, pay before last year's review
PAY = (
    ("ceo@acme.example", "Executive", D(118000)),
    ("hr@acme.example", "Lead", D(66000)),
    ("manager@acme.example", "Lead", D(61000)),
    ("sales.manager@acme.example", "Lead", D(64000)),
    ("employee@acme.example", "Associate", D(28500)),
    ("liam@acme.example", "Associate", D(31000)),
    ("priya@acme.example", "Professional", D(42500)),
    ("noah@acme.example", "Associate", D(27000)),
    ("olivia@acme.example", "Professional", D(39000)),
    ("mateo@acme.example", "Professional", D(36500)),
    ("aisha@acme.example", "Associate", D(29000)),
    ("tom@acme.example", "Professional", D(40000)),
)
LAST_YEAR = "2026 pay review"
THIS_YEAR = "2027 pay review"


def _budgets(percent: Decimal) -> list[compensation.BudgetSpec]:
    return [
        compensation.BudgetSpec(department, percent_of_payroll=percent)
        for department in Department.objects.order_by("name")
    ]


def seed_reward(actor: Actor) -> None:
    services.rating_scale_ensure(actor=actor)
    if not selectors.settings_get().distribution_targets:
        services.reward_settings_update(
            actor=actor,
            capability_weight=60,
            goal_weight=40,
            distribution_targets={"1": 10, "2": 20, "3": 40, "4": 20, "5": 10},
        )
    people = {e.email: e for e in Employee.objects.all()}
    grades = {}
    for name, low, mid, high, bonus in GRADES:
        grade = PayGrade.objects.filter(name=name).first() or services.pay_grade_create(
            actor=actor,
            name=name,
            minimum=low,
            midpoint=mid,
            maximum=high,
            currency="GBP",
            target_bonus_percent=bonus,
        )
        grades[name] = grade
    for email, grade, pay in PAY:
        if email in people and not PayRecord.objects.filter(employee=people[email]).exists():
            services.pay_record_set(
                actor=actor,
                employee=people[email],
                base_pay=pay,
                grade=grades[grade],
                currency="GBP",
                effective_date=datetime.date(2025, 4, 1),
            )
    if "manager@acme.example" in people:
        services.compensation_grant_set(
            actor=actor, manager=people["manager@acme.example"], granted=True
        )
    cycle = cycle_selectors.latest_closed_cycle()
    if cycle is not None and not PerformanceRating.objects.filter(cycle=cycle).exists():
        services.ratings_propose(actor=actor, cycle=cycle)
        emma = PerformanceRating.objects.filter(
            cycle=cycle, employee__email="employee@acme.example"
        ).first()
        if emma is not None and emma.proposed_level is not None:
            services.rating_confirm(actor=member_actor(actor, "manager@acme.example"), rating=emma)
    if not CompensationReview.objects.filter(name=LAST_YEAR).exists():
        review = compensation.review_open(
            actor=actor,
            name=LAST_YEAR,
            effective_date=datetime.date(2026, 4, 1),
            proposal_deadline=datetime.date(2026, 3, 13),
            budgets=_budgets(D(4)),
            matrix=compensation.default_matrix(),
            hard_budget=False,
        )
        for email, _grade, _pay in PAY:
            if email in people and email != "ceo@acme.example":
                proposal = compensation.proposal_submit(
                    actor=actor,
                    review=review,
                    employee=people[email],
                    increase_percent=D(3),
                    reason="Cost-of-living increase for everyone",
                )
                compensation.proposal_decide(actor=actor, proposal=proposal, approve=True)
        compensation.review_finalise(actor=actor, review=review)
    if not CompensationReview.objects.filter(name=THIS_YEAR).exists():
        review = compensation.review_open(
            actor=actor,
            name=THIS_YEAR,
            cycle=cycle,
            effective_date=datetime.date(2027, 4, 1),
            proposal_deadline=datetime.date(2027, 3, 12),
            budgets=_budgets(D(3)),
            matrix=compensation.default_matrix(),
        )
        if "liam@acme.example" in people and "manager@acme.example" in people:
            compensation.proposal_submit(
                actor=member_actor(actor, "manager@acme.example"),
                review=review,
                employee=people["liam@acme.example"],
                increase_percent=D("2.5"),
                reason="Took over the escalations queue",
            )


DEMO_STEPS.append(seed_reward)
