"""Learning content and a development plan for everyone, at scale.

- catalogue: `sizes.learning_items` items (scaled, and at least one per capability and level
  step) in the 70-20-10 mix: 70 % experience (on-the-job and stretch assignments), 20 %
  social (mentoring, coaching), 10 % formal content (courses, e-learning, articles, ...). Each
  develops one capability (a fifth of them a second one) from a level to a higher one; the
  items go round the capabilities level step by level step, so every capability has content
  for every step of the scale;
- plans: every employee gets a development plan (active, approved, draft or completed) with
  3-6 items for the capabilities their job role requires, largest weighted gap first, each
  with the plan builder's reason ("<capability>: <current> → target <target>"). The current
  level is the latest closed cycle's consolidated level, or a level below the target when the
  employee was not assessed. Without a role, the plan develops a few of the organisation's
  capabilities; without capabilities, it holds catalogue items without a capability. Steps
  no item covers are the plan's content gaps;
- progress: items of completed plans are done, items of active plans that are past due
  mostly done, with `completed_at`; a quarter of the done items came from the LMS as a
  `LearningCompletion` with the evidence it records on the item's capabilities.

Plans are not tied to an assessment cycle (`built_from` is empty), so building the plans of a
closed cycle (a benchmark job) still finds everyone to plan for.
"""

from __future__ import annotations

import calendar
import math
import random
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone

from assessments.models import AssessmentCycle, ConsolidatedLevel
from bench.generators import Sizes
from capabilities.models import Capability, RoleAssignment, RoleRequirement, ScaleLevel
from learning.builder import MIX_RANK, BuildSettings, ContentGap, GapInput, explain
from learning.models import (
    MIX_OF_KIND,
    CapabilityEvidence,
    DevelopmentPlan,
    ItemCapability,
    LearningCompletion,
    LearningItem,
    PlanItem,
)
from learning.selectors import learning_settings_get
from plms.common.db import insert_rows
from plms.people.models import Employee
from plms.tenancy.actors import Actor

Kind = LearningItem.Kind
EXPERIENCE_KINDS = (Kind.ON_THE_JOB, Kind.STRETCH)
SOCIAL_KINDS = (Kind.MENTORING, Kind.COACHING)
FORMAL_KINDS = (Kind.COURSE, Kind.E_LEARNING, Kind.ARTICLE, Kind.VIDEO, Kind.BOOK, Kind.WORKSHOP)
# (title with {topic}, hours low-high, cost low-high)
SHAPES = {
    Kind.ON_THE_JOB: ("Lead {topic} on a live project", (20, 40), (0, 0)),
    Kind.STRETCH: ("Stretch assignment: {topic} beyond your role", (30, 60), (0, 0)),
    Kind.MENTORING: ("Mentoring in {topic}", (6, 12), (0, 0)),
    Kind.COACHING: ("Coaching sessions: {topic}", (4, 8), (0, 0)),
    Kind.COURSE: ("{topic}: classroom course", (8, 24), (300, 1500)),
    Kind.E_LEARNING: ("{topic} essentials (e-learning)", (1, 4), (0, 50)),
    Kind.ARTICLE: ("Reading: {topic} in practice", (1, 1), (0, 0)),
    Kind.VIDEO: ("{topic} explained (video)", (1, 2), (0, 0)),
    Kind.BOOK: ("Book club: {topic}", (6, 10), (20, 40)),
    Kind.WORKSHOP: ("{topic} workshop", (4, 8), (200, 600)),
}
PROVIDERS = ("Open Academy", "LinkedIn Learning", "Coursera", "Internal Academy")
TOPICS = ("Working with customers", "Planning", "Data literacy", "Leading meetings", "Writing")
PLAN_STATUSES = ("active", "approved", "draft", "completed")
PLAN_STATUS_WEIGHTS = (45, 20, 20, 15)
ITEM_FIELDS = (
    "title",
    "description",
    "kind",
    "provider",
    "url",
    "duration_hours",
    "cost",
    "tags",
    "external_id",
    "completion_outcome",
)
PLAN_FIELDS = (
    "employee_id",
    "status",
    "title",
    "period_start",
    "period_end",
    "content_gaps",
    "budget_hours",
    "outcome",
    "outcome_note",
    "approved_by_id",
    "approved_at",
    "activated_at",
    "completed_at",
    "created_at",
    "updated_at",
)
PLAN_ITEM_FIELDS = (
    "plan_id",
    "item_id",
    "capability_id",
    "title",
    "reason",
    "due_date",
    "order",
    "status",
    "evidence",
    "reflection",
    "completed_at",
)


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, tzinfo=UTC))


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _kinds(rng: random.Random, count: int) -> list[str]:
    """Exactly 70 % experience, 20 % social, the rest formal, in random order."""
    experience, social = round(count * 0.7), round(count * 0.2)
    kinds = [rng.choice(EXPERIENCE_KINDS) for _ in range(experience)]
    kinds += [rng.choice(SOCIAL_KINDS) for _ in range(social)]
    kinds += [rng.choice(FORMAL_KINDS) for _ in range(count - experience - social)]
    rng.shuffle(kinds)
    return kinds


def _catalogue(
    rng: random.Random, sizes: Sizes, capabilities: list[tuple[int, str]], levels: int
) -> tuple[list[int], list[str], list[Decimal], list[tuple[int, int, int, int]]]:
    """Insert the items and their capability links; returns ids, kinds, hours and links."""
    steps = max(1, levels - 1)
    count = max(sizes.scaled(sizes.learning_items), len(capabilities) * steps, 10)
    kinds = _kinds(rng, count)
    rows, planned_links = [], []
    hours_of = []
    for index, kind in enumerate(kinds):
        title, (low, high), (cost_low, cost_high) = SHAPES[kind]
        if capabilities:
            capability_id, topic = capabilities[index % len(capabilities)]
            level_from = 1 + (index // len(capabilities)) % steps
            level_to = min(levels, level_from + rng.choice((1, 1, 2)))
            links = [(capability_id, level_from, level_to)]
            if len(capabilities) > 1 and rng.random() < 0.2:
                other_id, _ = rng.choice(capabilities)
                start = rng.randint(1, steps)
                if other_id != capability_id and levels > 1:
                    links.append((other_id, start, min(levels, start + 1)))
            suffix = f" (level {level_from} to {level_to})"
        else:
            topic, links, suffix = TOPICS[index % len(TOPICS)], [], f" #{index + 1}"
        hours = Decimal(rng.randint(low * 2, high * 2)) / 2
        mix = MIX_OF_KIND[kind]
        formal = mix == LearningItem.Mix.FORMAL
        if formal and rng.random() < 0.1:
            outcome = LearningItem.Outcome.RATING
        elif rng.random() < 0.1:
            outcome = LearningItem.Outcome.REASSESS
        else:
            outcome = LearningItem.Outcome.EVIDENCE
        rows.append(
            (
                (title.format(topic=topic) + suffix)[:200],
                f"Develops {topic.lower()} through {Kind(kind).label.lower()}.",
                kind,
                rng.choice(PROVIDERS) if formal else "Internal",
                f"https://learning.example/items/{index + 1}" if formal else "",
                hours,
                Decimal(rng.randint(cost_low, cost_high)),
                [str(mix)],
                f"LI{index + 1:05d}",
                outcome,
            )
        )
        hours_of.append(hours)
        planned_links.append(links)
    ids = insert_rows(LearningItem, ITEM_FIELDS, rows, returning_ids=True)
    links = [
        (item_id, capability_id, level_from, level_to)
        for item_id, item_links in zip(ids, planned_links, strict=True)
        for capability_id, level_from, level_to in item_links
    ]
    insert_rows(ItemCapability, ["item_id", "capability_id", "level_from", "level_to"], links)
    return ids, kinds, hours_of, links


def _current_levels() -> dict[tuple[int, int], Decimal]:
    """(employee, capability) -> level in the latest closed cycle."""
    cycle = (
        AssessmentCycle.objects.filter(status=AssessmentCycle.Status.CLOSED)
        .order_by("-period_end", "-id")
        .first()
    )
    if cycle is None:
        return {}
    return {
        (employee_id, capability_id): adjusted if adjusted is not None else level
        for employee_id, capability_id, level, adjusted in ConsolidatedLevel.objects.filter(
            cycle=cycle
        ).values_list("employee_id", "capability_id", "level", "adjusted_level")
    }


def _requirements() -> dict[int, list[tuple[int, int, int]]]:
    """employee -> [(capability, target level, weight)] of their current job role."""
    by_role: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for role_id, capability_id, target, weight in RoleRequirement.objects.order_by(
        "role_id", "capability_id"
    ).values_list("role_id", "capability_id", "target_level", "weight"):
        by_role[role_id].append((capability_id, target, weight))
    return {
        employee_id: by_role[role_id]
        for employee_id, role_id in RoleAssignment.objects.filter(
            ended_at__isnull=True
        ).values_list("employee_id", "role_id")
        if role_id in by_role
    }


def _gaps(
    rng: random.Random,
    employee_id: int,
    requirements: list[tuple[int, int, int]],
    capabilities: list[tuple[int, str]],
    names: dict[int, str],
    current: dict[tuple[int, int], Decimal],
    levels: int,
) -> list[GapInput]:
    """The employee's gaps, largest weighted gap first (as the builder orders them); the
    role's capabilities without a gap follow, for plans that need more items."""
    if not requirements and capabilities:
        requirements = [
            (capability_id, rng.randint(min(3, levels), levels), 1)
            for capability_id, _ in rng.sample(capabilities, min(4, len(capabilities)))
        ]
    gaps = []
    for capability_id, target, weight in requirements:
        level = current.get((employee_id, capability_id))
        if level is None:
            level = Decimal(rng.randint(1, max(1, target - 1)))
        gaps.append(GapInput(capability_id, names.get(capability_id, ""), target, level, weight))
    return sorted(
        gaps,
        key=lambda g: (g.gap <= 0, -g.weighted_gap, -g.gap, g.capability_name, g.capability_id),
    )


def _preference(entry: tuple) -> tuple:
    item_id, mix, hours, level_from, _level_to = entry
    return (-level_from, MIX_RANK.get(mix, 3), hours, item_id)


def generate(actor: Actor, rng: random.Random, sizes: Sizes) -> dict[str, int]:
    today = timezone.localdate()
    levels = ScaleLevel.objects.aggregate(top=Max("number"))["top"] or sizes.scale_levels
    capabilities = list(
        Capability.objects.filter(status=Capability.Status.ACTIVE)
        .order_by("id")
        .values_list("id", "name")
    )
    names = dict(capabilities)
    item_ids, kinds, hours_of, links = _catalogue(rng, sizes, capabilities, levels)
    mix_of = {
        item_id: str(MIX_OF_KIND[kind]) for item_id, kind in zip(item_ids, kinds, strict=True)
    }
    hours = dict(zip(item_ids, hours_of, strict=True))
    entries: dict[int, list[tuple]] = defaultdict(list)
    for item_id, capability_id, level_from, level_to in links:
        entries[capability_id].append(
            (item_id, mix_of[item_id], hours[item_id], level_from, level_to)
        )
    for options in entries.values():
        options.sort(key=_preference)

    settings = learning_settings_get()
    requirements = _requirements()
    current = _current_levels()
    people = list(
        Employee.objects.filter(active=True).order_by("id").values_list("id", "manager_id")
    )
    plan_rows, plan_items = [], []
    for employee_id, manager_id in people:
        status = rng.choices(PLAN_STATUSES, weights=PLAN_STATUS_WEIGHTS)[0]
        if status == "draft":
            start = today
        elif status == "approved":
            start = today - timedelta(days=rng.randint(0, 30))
        elif status == "active":
            start = today - timedelta(days=rng.randint(14, 150))
        else:
            start = _add_months(today, -settings.plan_months) - timedelta(days=rng.randint(10, 150))
        end = _add_months(start, settings.plan_months) - timedelta(days=1)
        budget = BuildSettings(
            period_start=start, period_end=end, hours_per_quarter=settings.hours_per_quarter
        ).budget_hours

        wanted = rng.randint(3, 6)
        chosen: list[tuple[int, int | None, str]] = []
        content_gaps = []
        gaps = _gaps(
            rng,
            employee_id,
            requirements.get(employee_id, []),
            capabilities,
            names,
            current,
            levels,
        )
        taken: set[int] = set()
        for round_ in range(2):
            for gap in gaps:
                if len(chosen) >= wanted:
                    break
                floor = math.floor(gap.current)
                options = [e for e in entries.get(gap.capability_id, ()) if e[0] not in taken]
                fitting = [e for e in options if e[3] <= floor < e[4]] or options
                if not fitting:
                    if round_ == 0 and gap.gap > 0:
                        content_gaps.append(
                            ContentGap(
                                gap.capability_id, gap.capability_name, floor, floor + 1
                            ).as_dict()
                        )
                    continue
                item_id = fitting[0][0]
                taken.add(item_id)
                chosen.append((item_id, gap.capability_id, explain(gap)[:300]))
        while len(chosen) < wanted and len(taken) < len(item_ids):
            item_id = item_ids[rng.randrange(len(item_ids))]
            if item_id not in taken:
                taken.add(item_id)
                chosen.append((item_id, None, ""))

        approved = status != "draft"
        opened = _at(start - timedelta(days=rng.randint(1, 10)), 9)
        plan_rows.append(
            (
                employee_id,
                status,
                f"Development plan {start:%b %Y} to {end:%b %Y}",
                start,
                end,
                content_gaps,
                budget,
                rng.choices(("met", "extended", "not_met"), weights=(60, 25, 15))[0]
                if status == "completed"
                else "",
                "",
                manager_id if approved else None,
                _at(start, 11) if approved else None,
                _at(start, 12) if status in ("active", "completed") else None,
                _at(end, 16) if status == "completed" else None,
                opened,
                _at(min(today, end), 17) if approved else opened,
            )
        )
        total = sum((max(hours[i], Decimal("0.5")) for i, _, _ in chosen), Decimal(0))
        days = (end - start).days
        cumulative = Decimal(0)
        items = []
        for order, (item_id, capability_id, reason) in enumerate(chosen, start=1):
            cumulative += max(hours[item_id], Decimal("0.5"))
            due = start + timedelta(days=math.ceil(days * cumulative / total) if total else days)
            if status == "completed" or (
                status == "active" and due < today and rng.random() < 0.75
            ):
                item_status = "done"
                completed = _at(min(today, due) - timedelta(days=rng.randint(0, 10)), 15)
            elif status == "active" and (due < today or rng.random() < 0.3):
                item_status, completed = "in_progress", None
            else:
                item_status, completed = "not_started", None
            done = item_status == "done"
            items.append(
                (
                    item_id,
                    capability_id,
                    "",
                    reason,
                    due,
                    order,
                    item_status,
                    "Applied it in the quarterly project." if done and rng.random() < 0.3 else "",
                    "",
                    completed,
                )
            )
        plan_items.append(items)

    plan_ids = insert_rows(DevelopmentPlan, PLAN_FIELDS, plan_rows, returning_ids=True)
    rows = [
        (plan_id, *item)
        for plan_id, items in zip(plan_ids, plan_items, strict=True)
        for item in items
    ]
    insert_rows(PlanItem, PLAN_ITEM_FIELDS, rows, page_size=5000)

    outcome_of = dict(
        LearningItem.objects.filter(id__in=item_ids).values_list("id", "completion_outcome")
    )
    completions = []
    for (employee_id, _), items in zip(people, plan_items, strict=True):
        for item_id, _capability, _t, _r, _d, _o, item_status, _e, _f, completed in items:
            if (
                item_status == "done"
                and outcome_of[item_id] == LearningItem.Outcome.EVIDENCE
                and rng.random() < 0.25
            ):
                completions.append((employee_id, item_id, completed))
    completion_ids = insert_rows(
        LearningCompletion,
        ["employee_id", "item_id", "completed_at", "score", "passed", "external_id", "outcome"],
        (
            (employee_id, item_id, completed, None, True, "", LearningItem.Outcome.EVIDENCE.value)
            for employee_id, item_id, completed in completions
        ),
        returning_ids=True,
    )
    capabilities_of: dict[int, list[int]] = defaultdict(list)
    for item_id, capability_id, _from, _to in links:
        capabilities_of[item_id].append(capability_id)
    titles = dict(LearningItem.objects.filter(id__in=item_ids).values_list("id", "title"))
    evidence = [
        (
            employee_id,
            capability_id,
            completion_id,
            "evidence",
            f"Completed {titles[item_id]}"[:300],
            completed,
        )
        for completion_id, (employee_id, item_id, completed) in zip(
            completion_ids, completions, strict=True
        )
        for capability_id in capabilities_of[item_id]
    ]
    insert_rows(
        CapabilityEvidence,
        ["employee_id", "capability_id", "completion_id", "kind", "note", "recorded_at"],
        evidence,
    )
    mixes = defaultdict(int)
    for kind in kinds:
        mixes[str(MIX_OF_KIND[kind])] += 1
    return {
        "learning_items": len(item_ids),
        "learning_items_experience": mixes["experience"],
        "learning_items_social": mixes["social"],
        "learning_items_formal": mixes["formal"],
        "item_capabilities": len(links),
        "development_plans": len(plan_ids),
        "plan_items": len(rows),
        "learning_completions": len(completion_ids),
        "capability_evidence": len(evidence),
    }
