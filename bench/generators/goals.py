"""Goals, progress, check-ins and feedback at scale.

- goals: a few strategic organisation goals, two tactical goals per department aligned to
  them, and the rest operational goals of employees (about three each), each aligned to a goal
  of the owner's department (or of the organisation). Every goal carries a lagging KPI that
  passes the SMART-R check; statuses are a mix of active, completed, draft and cancelled;
- progress: every goal that ran has 1-5 `GoalUpdate`s over the past months, the last one its
  `current` value (as `goal_progress_record` leaves it). Active goals run ahead of, on or
  behind their pace, so the goals pages show a realistic spread of green, amber and red;
- capabilities: most operational goals exercise one or two capabilities of the owner's job
  role (any capability when the owner has no role; none when there are no capabilities);
- check-ins: a monthly series between every employee and their primary manager, with
  `sizes.checkin_months` months of completed (a few cancelled) check-ins, the next one
  scheduled, and action items agreed in about a third of them;
- feedback: a few pieces a year for every employee from their manager, peers and reports
  (recognition, some of it public, and corrective feedback that says what is expected), and
  feedback requests, most of them answered.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from bench.generators import Sizes
from capabilities.models import Capability, RoleAssignment, RoleRequirement
from goals import kpi as kpi_math
from goals.models import (
    ActionItem,
    CheckIn,
    CheckInSeries,
    Feedback,
    FeedbackRequest,
    Goal,
    GoalAlignment,
    GoalCapability,
    GoalUpdate,
)
from goals.rollups import goal_rollups_refresh
from goals.services import goal_forecasts_refresh
from plms.common.db import insert_rows
from plms.people.models import Department, Employee
from plms.tenancy.actors import Actor

HUNDREDTH = Decimal("0.01")
ORGANIZATION_GOALS = 12
GOALS_PER_DEPARTMENT = 2
FEEDBACK_PER_EMPLOYEE_YEAR = 3
REQUESTS_PER_EMPLOYEE_YEAR = 1


@dataclass(frozen=True)
class KpiShape:
    """A KPI to hand out: `title` takes `{target}` (or `{low}`/`{high}` for a range)."""

    title: str
    unit: str
    direction: str
    baseline: int
    target: int = 0
    low: int = 0
    high: int = 0
    perspective: str = "process"


KPIS = (
    KpiShape(
        "Raise customer satisfaction to {target} points",
        "points",
        "increase",
        72,
        84,
        perspective="customer",
    ),
    KpiShape("Cut average handling time to {target} minutes", "minutes", "decrease", 12, 9),
    KpiShape(
        "Grow qualified pipeline to {target} k EUR",
        "k EUR",
        "increase",
        400,
        520,
        perspective="financial",
    ),
    KpiShape(
        "Raise first-contact resolution to {target} %",
        "%",
        "increase",
        68,
        80,
        perspective="customer",
    ),
    KpiShape("Reduce defect escape rate to {target} %", "%", "decrease", 8, 5),
    KpiShape(
        "Complete {target} hours of certified learning",
        "hours",
        "increase",
        20,
        28,
        perspective="learning",
    ),
    KpiShape("Keep release lead time within {low}-{high} days", "days", "range", 8, low=3, high=6),
    KpiShape(
        "Lift team engagement score to {target} points",
        "points",
        "increase",
        65,
        75,
        perspective="learning",
    ),
    KpiShape(
        "Lower cost per ticket to {target} EUR", "EUR", "decrease", 18, 14, perspective="financial"
    ),
    KpiShape("Raise on-time delivery to {target} %", "%", "increase", 82, 95),
    KpiShape(
        "Keep stock cover within {low}-{high} days",
        "days",
        "range",
        35,
        low=20,
        high=30,
        perspective="financial",
    ),
    KpiShape(
        "Grow renewal revenue to {target} k EUR",
        "k EUR",
        "increase",
        250,
        320,
        perspective="financial",
    ),
)
DESCRIPTIONS = (
    "Measured monthly from the team dashboard; the result counts towards the annual review.",
    "The outcome our customers notice first; agreed with the manager at the start of the year.",
    "Supports the department's plan for the year; progress is reviewed in every check-in.",
)
UPDATE_COMMENTS = (
    "",
    "On track after the new process went live.",
    "Slower month: two people were out.",
    "Good progress, the pilot is paying off.",
    "Blocked on data from another team.",
    "Steady week by week.",
)
OBSTACLES = (
    "Waiting for access to the reporting data.",
    "Too many interruptions from ad-hoc requests.",
    "Unclear priorities between the two projects.",
    "",
    "",
)
PRIORITIES = (
    "Finish the customer onboarding backlog.",
    "Prepare the quarterly review.",
    "Pair with a colleague on the new tooling.",
    "Close the open quality findings.",
    "Plan next month's learning hours.",
)
NOTES = (
    "Good month overall; agreed to revisit the workload in two weeks.",
    "Discussed career goals and the development plan.",
    "Reviewed the goals at risk and what would bring them back on pace.",
    "Short check-in, nothing blocking.",
)
ACTIONS = (
    "Share the draft report with the team",
    "Book the follow-up workshop",
    "Ask finance for the updated figures",
    "Schedule a session with a mentor",
    "Update the goal's KPI with last month's value",
)
RECOGNITION = (
    "You handled the escalation calmly and the customer renewed.",
    "Your write-up of the incident helped everyone learn from it.",
    "Thank you for onboarding the new colleagues so thoroughly.",
    "The demo was clear and well prepared.",
)
CORRECTIVE = (
    (
        "The weekly report was late three times this month.",
        "The team planned with old figures.",
        "Send the report by Monday noon, or flag a delay on Friday.",
        "I can review the first draft with you.",
    ),
    (
        "Customer e-mails waited more than two days for an answer.",
        "Two customers complained to their account manager.",
        "Answer within one working day, even if only to say when.",
        "Let's look at your queue together on Thursday.",
    ),
)
REQUEST_MESSAGES = (
    "Could you tell me how the presentation came across?",
    "What should I do differently in our project meetings?",
    "Any feedback on how I handled the customer call?",
)
GOAL_FIELDS = (
    "title",
    "description",
    "level",
    "owner_type",
    "owner_department_id",
    "owner_employee_id",
    "unit",
    "direction",
    "baseline",
    "target",
    "range_low",
    "range_high",
    "indicator",
    "perspective",
    "update_frequency",
    "weight",
    "status",
    "start_date",
    "due_date",
    "current",
    "data_source",
    "activation_override_reason",
    "created_by_id",
    "created_at",
    "updated_at",
    "activated_at",
)


@dataclass
class _Person:
    id: int
    manager_id: int | None
    department_id: int | None
    user_id: int | None
    name: str


@dataclass
class _Goal:
    """A goal to insert and what its progress history needs."""

    row: tuple
    kpi: kpi_math.Kpi
    start: date
    status: str
    pace: Decimal  # share of the way to the target reached by the last update (0-1.1)
    recorder: _Person | None
    parent: int | None = None  # index into the goal list
    capabilities: tuple[int, ...] = ()


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, tzinfo=UTC))


def _month_start(day: date, months_back: int) -> date:
    month = day.month - 1 - months_back
    return date(day.year + month // 12, month % 12 + 1, 1)


def _kpi(rng: random.Random) -> tuple[KpiShape, Decimal | None, Decimal | None]:
    shape = rng.choice(KPIS)
    if shape.direction == kpi_math.RANGE:
        return shape, None, None
    factor = Decimal(rng.choice((90, 100, 100, 110, 120))) / 100
    if shape.baseline < 20:
        factor = Decimal(1)
    return shape, Decimal(round(shape.baseline * factor)), Decimal(round(shape.target * factor))


def _value(kpi: kpi_math.Kpi, share: Decimal) -> Decimal:
    """The KPI value `share` (0-1.1) of the way from the baseline to the target (or range)."""
    aim = (kpi.range_low + kpi.range_high) / 2 if kpi.direction == kpi_math.RANGE else kpi.target
    return (kpi.baseline + (aim - kpi.baseline) * share).quantize(HUNDREDTH)


def _pace(rng: random.Random, status: str, expected: Decimal) -> Decimal:
    """How far the goal got: ahead of or on its pace (green), a little behind (amber) or far
    behind (red) for active goals; close to the target for completed ones."""
    if status == Goal.Status.COMPLETED:
        return Decimal(rng.randint(85, 105)) / 100
    if status == Goal.Status.CANCELLED:
        return Decimal(rng.randint(10, 50)) / 100
    roll = rng.random()
    if roll < 0.55:
        factor = rng.randint(95, 120)
    elif roll < 0.8:
        factor = rng.randint(73, 87)
    else:
        factor = rng.randint(20, 60)
    return min(Decimal(1), expected * factor / 100).quantize(Decimal("0.001"))


def _goal(
    rng: random.Random,
    today: date,
    *,
    level: str,
    owner_type: str,
    status: str,
    owner: _Person | None = None,
    department_id: int | None = None,
    creator: _Person | None = None,
) -> _Goal:
    shape, baseline, target = _kpi(rng)
    if shape.direction == kpi_math.RANGE:
        baseline = Decimal(shape.baseline)
        low, high = Decimal(shape.low), Decimal(shape.high)
        title = shape.title.format(low=shape.low, high=shape.high)
    else:
        low = high = None
        title = shape.title.format(target=target)
    if status == Goal.Status.DRAFT:
        start = today + timedelta(days=rng.randint(0, 45))
        due = start + timedelta(days=rng.choice((90, 180, 270)))
    elif status == Goal.Status.ACTIVE:
        start = today - timedelta(days=rng.randint(20, 300))
        due = max(start + timedelta(days=rng.choice((180, 270, 365))), today + timedelta(days=14))
    else:
        start = today - timedelta(days=rng.randint(200, 420))
        due = start + timedelta(days=rng.choice((90, 120, 180)))
    kpi = kpi_math.Kpi(
        direction=shape.direction, baseline=baseline, target=target, range_low=low, range_high=high
    )
    expected = kpi_math.expected_percent(start, due, today) / 100
    pace = Decimal(0) if status == Goal.Status.DRAFT else _pace(rng, status, expected)
    ran = status != Goal.Status.DRAFT and pace > 0
    current = _value(kpi, pace) if ran else None
    created = _at(start - timedelta(days=rng.randint(1, 14)), 9)
    activated = None if status == Goal.Status.DRAFT else _at(start, 9)
    row = (
        title,
        rng.choice(DESCRIPTIONS),
        level,
        owner_type,
        department_id,
        owner.id if owner else None,
        shape.unit,
        shape.direction,
        baseline,
        target,
        low,
        high,
        "lagging",
        shape.perspective,
        "monthly",
        Decimal(rng.choice((1, 1, 1, 2, 3))),
        status,
        start,
        due,
        current,
        "",
        "",
        creator.user_id if creator else None,
        created,
        activated or created,
        activated,
    )
    recorder = owner or creator
    return _Goal(row, kpi, start, status, pace if ran else Decimal(0), recorder)


def _updates(rng: random.Random, goal_id: int, goal: _Goal, today: date) -> list[tuple]:
    """1-5 values climbing to the goal's current one, the last within the past month."""
    if goal.pace <= 0:
        return []
    due = goal.row[GOAL_FIELDS.index("due_date")]
    last = min(today - timedelta(days=rng.randint(0, 25)), due)
    span = max(1, (last - goal.start).days)
    count = max(1, min(5, span // 30))
    rows = []
    who = goal.recorder
    for step in range(1, count + 1):
        day = goal.start + timedelta(days=span * step // count)
        share = goal.pace * step / count
        if step < count:
            share = max(Decimal(0), share + Decimal(rng.randint(-5, 5)) / 100)
        rows.append(
            (
                goal_id,
                _value(goal.kpi, share),
                rng.choice(UPDATE_COMMENTS),
                rng.choice(("medium", "medium", "high", "low")),
                "manual",
                who.user_id if who else None,
                who.name if who else "",
                _at(day, 8 + step),
            )
        )
    return rows


def _people() -> list[_Person]:
    return [
        _Person(pk, manager_id, department_id, user_id, f"{first} {last}")
        for pk, manager_id, department_id, user_id, first, last in Employee.objects.filter(
            active=True
        )
        .order_by("id")
        .values_list("id", "manager_id", "department_id", "user_id", "first_name", "last_name")
    ]


def _role_capabilities() -> dict[int, list[int]]:
    """Capability ids each employee's current job role requires."""
    by_role: dict[int, list[int]] = defaultdict(list)
    for role_id, capability_id in RoleRequirement.objects.order_by(
        "role_id", "capability_id"
    ).values_list("role_id", "capability_id"):
        by_role[role_id].append(capability_id)
    return {
        employee_id: by_role[role_id]
        for employee_id, role_id in RoleAssignment.objects.filter(
            ended_at__isnull=True
        ).values_list("employee_id", "role_id")
        if by_role.get(role_id)
    }


def _goals(
    rng: random.Random, sizes: Sizes, people: list[_Person], today: date
) -> tuple[list[_Goal], dict[str, int]]:
    capabilities = list(
        Capability.objects.filter(status=Capability.Status.ACTIVE)
        .order_by("id")
        .values_list("id", flat=True)
    )
    of_role = _role_capabilities()
    departments = list(Department.objects.order_by("id").values_list("id", flat=True))
    head = people[0] if people else None
    by_department: dict[int, list[int]] = defaultdict(list)

    goals: list[_Goal] = []
    total = sizes.scaled(sizes.goals)
    strategic = min(ORGANIZATION_GOALS, max(2, total // 100))
    for _ in range(strategic):
        goals.append(
            _goal(
                rng,
                today,
                level="strategic",
                owner_type="organization",
                status="active",
                creator=head,
            )
        )
    for department_id in departments:
        if len(goals) >= total // 4 + strategic:
            break
        for _ in range(GOALS_PER_DEPARTMENT):
            goal = _goal(
                rng,
                today,
                level="tactical",
                owner_type="department",
                status="active",
                department_id=department_id,
                creator=head,
            )
            goal.parent = rng.randrange(strategic)
            if capabilities:
                goal.capabilities = (rng.choice(capabilities),)
            by_department[department_id].append(len(goals))
            goals.append(goal)

    individual = max(0, total - len(goals))
    owners = [people[i % len(people)] for i in range(individual)] if people else []
    rng.shuffle(owners)
    managers = {p.id: p for p in people}
    statuses = ("active", "completed", "draft", "cancelled")
    for owner in owners:
        status = rng.choices(statuses, weights=(62, 18, 12, 8))[0]
        creator = managers.get(owner.manager_id) if rng.random() < 0.3 else owner
        goal = _goal(
            rng,
            today,
            level="operational",
            owner_type="employee",
            status=status,
            owner=owner,
            creator=creator or owner,
        )
        if status != "draft" or rng.random() < 0.5:
            options = by_department.get(owner.department_id)
            goal.parent = rng.choice(options) if options else rng.randrange(strategic)
        pool = of_role.get(owner.id) or capabilities
        if pool and rng.random() < 0.6:
            goal.capabilities = tuple(
                sorted(set(rng.sample(pool, min(len(pool), rng.randint(1, 2)))))
            )
        goals.append(goal)
    counts = {"goals_strategic": strategic, "goals_tactical": len(goals) - strategic - individual}
    return goals, counts


def _check_ins(rng: random.Random, sizes: Sizes, people: list[_Person], today: date) -> dict:
    pairs = [(p.manager_id, p.id) for p in people if p.manager_id is not None]
    next_month = _month_start(today, -1)
    series_ids = insert_rows(
        CheckInSeries,
        ["manager_id", "report_id", "cadence", "next_date", "active", "created_at"],
        (
            (
                manager_id,
                report_id,
                "monthly",
                next_month + timedelta(days=report_id % 20),
                True,
                _at(_month_start(today, sizes.checkin_months), 8),
            )
            for manager_id, report_id in pairs
        ),
        returning_ids=True,
    )
    rows, meta = [], []
    for series_id, (manager_id, report_id) in zip(series_ids, pairs, strict=True):
        offset = report_id % 20
        for back in range(sizes.checkin_months - 1, -2, -1):
            day = _month_start(today, back) + timedelta(days=offset)
            if day >= today and back >= 0:
                continue  # this month's is still to come: the next one is scheduled below
            if back == -1:
                status, completed = "scheduled", None
            elif rng.random() < 0.07:
                status, completed = "cancelled", None
            else:
                status, completed = "completed", _at(day, 15)
            done = status == "completed"
            rows.append(
                (
                    series_id,
                    manager_id,
                    report_id,
                    day,
                    status,
                    rng.choice(OBSTACLES) if done else "",
                    rng.choice(PRIORITIES) if done else "",
                    rng.choice(NOTES) if done else "",
                    "Watch the workload." if done and rng.random() < 0.1 else "",
                    completed,
                    _at(day - timedelta(days=7), 8),
                )
            )
            meta.append((series_id, manager_id, report_id, day, done))
    check_in_ids = insert_rows(
        CheckIn,
        [
            "series_id",
            "manager_id",
            "report_id",
            "scheduled_for",
            "status",
            "obstacles",
            "priorities",
            "shared_notes",
            "private_manager_notes",
            "completed_at",
            "created_at",
        ],
        rows,
        returning_ids=True,
        page_size=5000,
    )
    actions = []
    for check_in_id, (series_id, manager_id, report_id, day, done) in zip(
        check_in_ids, meta, strict=True
    ):
        if not done or rng.random() >= 0.33:
            continue
        for _ in range(rng.randint(1, 2)):
            due = day + timedelta(days=14)
            finished = due < today - timedelta(days=7) and rng.random() < 0.85
            actions.append(
                (
                    series_id,
                    check_in_id,
                    rng.choice(ACTIONS),
                    report_id if rng.random() < 0.7 else manager_id,
                    due,
                    _at(due - timedelta(days=rng.randint(0, 5)), 16) if finished else None,
                    _at(day, 15),
                )
            )
    insert_rows(
        ActionItem,
        ["series_id", "check_in_id", "text", "owner_id", "due_date", "done_at", "created_at"],
        actions,
    )
    return {
        "check_in_series": len(series_ids),
        "check_ins": len(rows),
        "action_items": len(actions),
    }


def _feedback(
    rng: random.Random,
    sizes: Sizes,
    people: list[_Person],
    goal_of: dict[int, int],
    today: date,
) -> dict:
    """Feedback from the manager, a peer (same manager) or a report; requests to the same."""
    reports: dict[int, list[int]] = defaultdict(list)
    for person in people:
        if person.manager_id is not None:
            reports[person.manager_id].append(person.id)
    days = max(30, sizes.checkin_months * 30)

    def giver_for(person: _Person) -> int | None:
        roll = rng.random()
        if roll < 0.45 and person.manager_id is not None:
            return person.manager_id
        if roll < 0.85 and person.manager_id is not None:
            peers = reports[person.manager_id]
            peer = peers[rng.randrange(len(peers))]
            return peer if peer != person.id else person.manager_id
        own = reports.get(person.id)
        if own:
            return own[rng.randrange(len(own))]
        return person.manager_id

    per_person = FEEDBACK_PER_EMPLOYEE_YEAR * sizes.checkin_months / 12
    request_rows, request_meta = [], []
    per_request = REQUESTS_PER_EMPLOYEE_YEAR * sizes.checkin_months / 12
    for person in people:
        for _ in range(int(per_request) + (rng.random() < per_request % 1)):
            asked = giver_for(person)
            if asked is None:
                continue
            status = rng.choices(("answered", "open", "declined"), weights=(60, 25, 15))[0]
            created = _at(today - timedelta(days=rng.randint(1, days)), 11)
            goal_id = goal_of.get(person.id) if rng.random() < 0.3 else None
            request_rows.append(
                (person.id, asked, goal_id, rng.choice(REQUEST_MESSAGES), status, created)
            )
            request_meta.append((person.id, asked, goal_id, status, created))
    request_ids = insert_rows(
        FeedbackRequest,
        ["requester_id", "asked_id", "goal_id", "message", "status", "created_at"],
        request_rows,
        returning_ids=True,
    )

    rows = []

    def add(giver: int, receiver: int, goal_id, request_id, created: datetime) -> None:
        if rng.random() < 0.78:
            public = rng.random() < 0.3
            rows.append(
                (
                    giver,
                    receiver,
                    "recognition",
                    rng.choice(RECOGNITION),
                    "",
                    "",
                    "",
                    None,
                    goal_id,
                    "public" if public else "private",
                    request_id,
                    created,
                )
            )
        else:
            observation, impact, expectation, support = rng.choice(CORRECTIVE)
            rows.append(
                (
                    giver,
                    receiver,
                    "corrective",
                    observation,
                    impact,
                    expectation,
                    support,
                    (created + timedelta(days=30)).date(),
                    goal_id,
                    "private",
                    request_id,
                    created,
                )
            )

    for request_id, (requester, asked, goal_id, status, created) in zip(
        request_ids, request_meta, strict=True
    ):
        if status == "answered":
            answered = min(created + timedelta(days=rng.randint(1, 10)), timezone.now())
            add(asked, requester, goal_id, request_id, answered)
    for person in people:
        for _ in range(int(per_person) + (rng.random() < per_person % 1)):
            giver = giver_for(person)
            if giver is None or giver == person.id:
                continue
            goal_id = goal_of.get(person.id) if rng.random() < 0.2 else None
            created = _at(today - timedelta(days=rng.randint(1, days)), 14)
            add(giver, person.id, goal_id, None, created)
    insert_rows(
        Feedback,
        [
            "giver_id",
            "receiver_id",
            "kind",
            "observation",
            "impact",
            "expectation",
            "support_offered",
            "follow_up_date",
            "goal_id",
            "visibility",
            "request_id",
            "created_at",
        ],
        rows,
    )
    return {"feedback": len(rows), "feedback_requests": len(request_rows)}


def generate(actor: Actor, rng: random.Random, sizes: Sizes) -> dict[str, int]:
    today = timezone.localdate()
    people = _people()
    goals, counts = _goals(rng, sizes, people, today)
    goal_ids = insert_rows(Goal, GOAL_FIELDS, (g.row for g in goals), returning_ids=True)

    insert_rows(
        GoalAlignment,
        ["child_id", "parent_id"],
        (
            (goal_id, goal_ids[goal.parent])
            for goal_id, goal in zip(goal_ids, goals, strict=True)
            if goal.parent is not None
        ),
    )
    links = [
        (goal_id, capability_id)
        for goal_id, goal in zip(goal_ids, goals, strict=True)
        for capability_id in goal.capabilities
    ]
    insert_rows(GoalCapability, ["goal_id", "capability_id"], links)
    updates = [
        row
        for goal_id, goal in zip(goal_ids, goals, strict=True)
        for row in _updates(rng, goal_id, goal, today)
    ]
    insert_rows(
        GoalUpdate,
        [
            "goal_id",
            "value",
            "comment",
            "confidence",
            "source",
            "recorded_by_id",
            "recorded_by_label",
            "recorded_at",
        ],
        updates,
        page_size=5000,
    )
    goal_forecasts_refresh(goal_ids=goal_ids)
    goal_rollups_refresh(goal_ids=goal_ids)
    owner = GOAL_FIELDS.index("owner_employee_id")
    status = GOAL_FIELDS.index("status")
    goal_of = {
        goal.row[owner]: goal_id
        for goal_id, goal in zip(goal_ids, goals, strict=True)
        if goal.row[owner] is not None and goal.row[status] == "active"
    }
    return {
        "goals": len(goal_ids),
        **counts,
        "goal_alignments": sum(1 for g in goals if g.parent is not None),
        "goal_capabilities": len(links),
        "goal_updates": len(updates),
        **_check_ins(rng, sizes, people, today),
        **_feedback(rng, sizes, people, goal_of, today),
    }
