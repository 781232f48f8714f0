"""The demo organisation's assessments: a review template with questions; a closed cycle with
results (self, manager and peer ratings, consolidated, and answers) and upward reviews (enough
of Marcus Bell's reports answered to show him the aggregate; only one of Sofia Lindqvist's, so
nothing shows her); and an open cycle with the same template in which employee@acme.example
has a self-assessment to do and manager@acme.example has ratings to give."""

from __future__ import annotations

import datetime

from assessments.models import Assessment, AssessmentCycle, ReviewTemplate
from assessments.reviews import selectors as review_selectors
from assessments.reviews import services as review_services
from assessments.selectors.requirements import required_capabilities, scale_bounds
from assessments.services import cycles as cycle_services
from assessments.services import raters as rater_services
from assessments.services import ratings as rating_services
from plms.people.models import Employee
from plms.tenancy.actors import Actor
from plms.tenancy.models import Membership
from plms.web.demo import DEMO_STEPS

CLOSED = "Q4 2026 competency review"
OPEN = "Q1 2027 competency review"
EVIDENCE = "Observed in call reviews, case notes and customer feedback this quarter."
# Peers of Emma Clarke in the closed cycle (two: the cycle's minimum, so their mean shows).
PEERS = {"employee@acme.example": ("liam@acme.example", "noah@acme.example")}
# Who has already submitted in the open cycle (so her manager sees her self-rating).
OPEN_SUBMITTED = ("liam@acme.example",)
# Upward reviews answered in the closed cycle: three of Marcus Bell's four reports (the
# minimum is two: he sees the aggregate), one of Sofia Lindqvist's three (she sees nothing).
UPWARD_SUBMITTED = ("employee@acme.example", "liam@acme.example", "noah@acme.example")
UPWARD_SUBMITTED += ("olivia@acme.example",)
TEMPLATE = "Annual review with questions"
SECTIONS = [
    {
        "kind": "capabilities",
        "title": "Capability ratings",
        "rater_kinds": ["self", "manager", "peer", "expert", "upward"],
        "required": True,
    },
    {
        "kind": "open",
        "title": "Looking back",
        "help_text": "A few specific sentences help more than many general ones.",
        "rater_kinds": ["self", "manager", "peer"],
        "required": True,
        "questions": [
            {"key": "q-keep-doing", "text": "What should they keep doing?"},
            {"key": "q-do-differently", "text": "What could they do differently?"},
        ],
    },
    {
        "kind": "choice",
        "title": "Readiness",
        "rater_kinds": ["manager"],
        "required": True,
        "questions": [
            {
                "key": "q-readiness",
                "text": "Ready for more responsibility?",
                "options": ["Ready now", "Within a year", "Not yet"],
            }
        ],
    },
    {
        "kind": "goals",
        "title": "Goals",
        "rater_kinds": ["self"],
        "required": False,
        "questions": [{"key": "q-goal-lesson", "text": "Which goal taught you the most?"}],
    },
    {
        "kind": "rating",
        "title": "Your manager",
        "help_text": "Anonymous: your manager sees only what several reports said together.",
        "rater_kinds": ["upward"],
        "required": True,
        "questions": [
            {"key": "q-obstacles", "text": "How well does your manager remove obstacles?"},
            {"key": "q-growth", "text": "How well does your manager support your growth?"},
        ],
    },
    {
        "kind": "open",
        "title": "In your words",
        "rater_kinds": ["upward"],
        "required": False,
        "questions": [{"key": "q-manager-keep", "text": "What should your manager keep doing?"}],
    },
]
WORDS = {
    "q-keep-doing": "Calm, clear explanations on difficult calls.",
    "q-do-differently": "Write up case notes the same day.",
    "q-goal-lesson": "The first-contact resolution goal: it showed where handovers lose time.",
    "q-manager-keep": "Short weekly one-to-ones that unblock things quickly.",
}


def _template(actor: Actor) -> ReviewTemplate:
    template = ReviewTemplate.objects.filter(name=TEMPLATE).first()
    if template is None:
        template = review_services.review_template_create(
            actor=actor,
            name=TEMPLATE,
            description="Capability ratings with questions for every rater, and upward reviews.",
            sections=SECTIONS,
        )
    return template


def _answers(assessment: Assessment) -> dict:
    """Plausible, repeatable answers to every question the rater is asked."""
    low, high = scale_bounds()
    answers: dict = {}
    spread = sum(map(ord, assessment.rater.email + assessment.employee.email))
    for section in review_selectors.question_sections(assessment=assessment):
        for number, question in enumerate(section["questions"]):
            if section["kind"] == "rating":
                answers[question["key"]] = max(low, min(high, 3 + (spread + number) % 3 - 1))
            elif section["kind"] == "choice":
                options = question["options"]
                answers[question["key"]] = options[spread % len(options)]
            else:
                answers[question["key"]] = WORDS.get(question["key"], "Consistent and helpful.")
    return answers


def _rater_actor(actor: Actor, rater: Employee) -> Actor:
    membership = Membership.objects.filter(
        organization=actor.organization, user_id=rater.user_id
    ).first()
    return Actor(organization=actor.organization, membership=membership, employee=rater)


def _level(employee: Employee, capability, target: int, kind: str, rater: str = "") -> int:
    """A plausible, repeatable level near the target: self-ratings a little higher; reports
    rating their manager (`rater`) differ from each other."""
    low, high = scale_bounds()
    spread = sum(map(ord, employee.email + capability.key + rater)) % 3 - 1
    level = target + spread + (1 if kind == "self" and spread < 1 else 0)
    return max(low, min(high, level))


def _rate_and_submit(actor: Actor, assessment: Assessment) -> None:
    if assessment.status == Assessment.Status.SUBMITTED:
        return
    requirements = required_capabilities(employee_id=assessment.employee_id)
    items = [
        rating_services.RatingInput(
            requirement.capability,
            _level(
                assessment.employee,
                requirement.capability,
                requirement.target_level,
                assessment.kind,
                assessment.rater.email if assessment.kind == Assessment.Kind.UPWARD else "",
            ),
            EVIDENCE,
        )
        for requirement in requirements.values()
    ]
    rater_actor = _rater_actor(actor, assessment.rater)
    if review_selectors.capability_section(assessment) is None:
        items = []
    if items:
        rating_services.ratings_save(actor=rater_actor, assessment=assessment, items=items)
    answers = _answers(assessment)
    if answers:
        review_services.answers_save(actor=rater_actor, assessment=assessment, answers=answers)
    if assessment.kind == Assessment.Kind.MANAGER:
        spread = sum(map(ord, assessment.employee.email)) % 3
        rating_services.calibration_inputs_set(
            actor=rater_actor,
            assessment=assessment,
            performance=1 + spread,
            potential=1 + (spread + 1) % 3,
        )
    rating_services.assessment_submit(actor=rater_actor, assessment=assessment)


def _launched(actor: Actor, name: str, start: datetime.date, end: datetime.date, **fields):
    cycle = AssessmentCycle.objects.filter(name=name).first()
    if cycle is None:
        cycle = cycle_services.cycle_create(
            actor=actor,
            name=name,
            period_start=start,
            period_end=end,
            weight_manager=50,
            weight_self=30,
            weight_peer=20,
            min_peers=2,
            deadline_self=end - datetime.timedelta(days=21),
            deadline_manager=end - datetime.timedelta(days=7),
            deadline_peer=end - datetime.timedelta(days=14),
            **fields,
        )
    if cycle.status == AssessmentCycle.Status.DRAFT:
        cycle = cycle_services.cycle_launch(actor=actor, cycle=cycle)
        cycle_services.cycle_launch_run(cycle_id=cycle.pk, organization_id=cycle.organization_id)
        cycle.refresh_from_db()
    return cycle


def seed_assessments(actor: Actor) -> None:
    template = _template(actor)
    closed = _launched(
        actor,
        CLOSED,
        datetime.date(2026, 10, 1),
        datetime.date(2026, 12, 31),
        preview_voting=True,
        review_template=template,
        upward_reviews=True,
        min_upward=2,
    )
    if closed.status == AssessmentCycle.Status.OPEN:
        people = {e.email: e for e in Employee.objects.all()}
        for email, peer_emails in PEERS.items():
            peers = [people[p] for p in peer_emails if p in people]
            if email in people and peers:
                nominations = rater_services.peers_nominate(
                    actor=actor, cycle=closed, employee=people[email], peers=peers
                )
                for nomination in nominations:
                    rater_services.peer_nomination_decide(
                        actor=actor, assessment=nomination, approve=True
                    )
        for assessment in (
            Assessment.objects.filter(cycle=closed, status__in=Assessment.OPEN_STATUSES)
            .exclude(kind=Assessment.Kind.UPWARD)
            .select_related("employee", "rater", "cycle")
        ):
            _rate_and_submit(actor, assessment)
        for assessment in Assessment.objects.filter(
            cycle=closed,
            kind=Assessment.Kind.UPWARD,
            rater__email__in=UPWARD_SUBMITTED,
            status__in=Assessment.OPEN_STATUSES,
        ).select_related("employee", "rater", "cycle"):
            _rate_and_submit(actor, assessment)
        unsubmitted = Assessment.objects.filter(
            cycle=closed, status__in=Assessment.OPEN_STATUSES
        ).count()
        cycle_services.cycle_close(
            actor=actor,
            cycle=closed,
            confirmed_unsubmitted=unsubmitted,
            reason="Some reports chose not to review their manager." if unsubmitted else "",
        )

    current = _launched(
        actor,
        OPEN,
        datetime.date(2027, 1, 1),
        datetime.date(2027, 3, 31),
        review_template=template,
    )
    for assessment in Assessment.objects.filter(
        cycle=current,
        kind=Assessment.Kind.SELF,
        employee__email__in=OPEN_SUBMITTED,
        status__in=Assessment.OPEN_STATUSES,
    ).select_related("employee", "rater", "cycle"):
        _rate_and_submit(actor, assessment)


DEMO_STEPS.append(seed_assessments)
