"""Assessment history at scale: closed quarterly cycles with every rating and its consolidation,
and the current quarter's cycle open for rating.

- closed cycles: the `closed_cycles` quarters before the current one (self 20 %, manager 50 %,
  peer 30 %), launched, rated and closed. Per employee: a self assessment, one by each manager
  (the primary manager with their reporting share, matrix managers with theirs, as a launch
  makes them; the top of the tree has none) and `peer_raters` peer assessments by colleagues
  with the same manager (by their cousins where the team is too small), all submitted, with a
  rating of every requirement of the employee's job role. Levels lie around a latent level per
  employee and capability (near the requirement's target, rising now and then from one cycle
  to the next) with each rater's noise, within the scale; peers sometimes mark "not observed";
  ratings at either end of the scale or off the latent level carry evidence;
- consolidated levels: computed here with `assessments.consolidation`'s rule (the same float
  arithmetic, rounding and contributions; peers only where the cycle's `min_peers` of them
  rated the person on the capability) from the ratings as they are written, so nothing is
  read back; tests check the rows equal what `consolidate_cycle` writes;
- open cycle: the current quarter, launched (framework version, progress done) with the self
  and manager assessments `assessments_create_for` creates for everyone in scope, all pending.
"""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from assessments.consolidation import TWO_PLACES
from assessments.models import RATER_KINDS, Assessment, AssessmentCycle, ConsolidatedLevel, Rating
from assessments.reviews.selectors import POOLED_KINDS, pooled_minimum
from assessments.selectors.cycles import cycle_scope_employees
from assessments.services.cycles import LAUNCH_CHUNK, assessments_create_for
from bench.generators import Sizes
from capabilities.models import RoleAssignment, RoleRequirement, ScaleLevel
from capabilities.services.frameworks import framework_version_current
from plms.common.db import insert_rows
from plms.people.models import Employee, SecondaryManager
from plms.tenancy.actors import Actor

WEIGHTS = {"self": 20, "manager": 50, "peer": 30, "expert": 0}
# Offsets of the latent level from the requirement's target, and each rater kind's noise.
LATENT_OFFSETS = (-2, -1, -1, -1, 0, 0, 0, 0, 1)
NOISE = {"self": (-1, 0, 0, 1, 1), "manager": (-1, 0, 0, 0, 1), "peer": (-1, 0, 0, 0, 1)}
RISE_CHANCE = 0.2  # a latent level rises by one from one cycle to the next
NOT_OBSERVED_CHANCE = 0.03  # of a peer rating
EVIDENCE = "Seen in recent work; examples discussed in the review."
LAUNCHED_BEFORE_END = 21  # days before the period's end a cycle is launched
DEADLINE_AFTER_END = 14
CLOSED_AFTER_END = 21

ASSESSMENT_FIELDS = (
    "cycle_id",
    "employee_id",
    "rater_id",
    "kind",
    "weight",
    "status",
    "nominated_by_id",
    "performance",
    "potential",
    "submitted_at",
    "created_at",
    "updated_at",
)
RATING_FIELDS = (
    "uuid",
    "assessment_id",
    "capability_id",
    "level",
    "evidence",
    "framework_version_id",
    "updated_at",
)
CONSOLIDATED_FIELDS = (
    "cycle_id",
    "employee_id",
    "capability_id",
    "level",
    "contributions",
    "rating_count",
    "framework_version_id",
    "target_level",
    "requirement_weight",
    "adjustment_reason",
    "computed_at",
)


def _quarter_start(day: date, back: int = 0) -> date:
    index = day.year * 4 + (day.month - 1) // 3 - back
    return date(index // 4, (index % 4) * 3 + 1, 1)


def _quarter(start: date) -> tuple[date, date, str]:
    following = _quarter_start(start, -1)
    return start, following - timedelta(days=1), f"{start.year} Q{(start.month - 1) // 3 + 1}"


def _at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


class People:
    """What the ratings need from earlier steps: reporting lines, peers and requirements."""

    def __init__(self, rng: random.Random, peer_raters: int) -> None:
        rows = list(
            Employee.objects.filter(active=True)
            .order_by("id")
            .values_list("id", "manager_id", "manager_weight")
        )
        self.ids = [employee_id for employee_id, _, _ in rows]
        self.manager = {employee_id: manager for employee_id, manager, _ in rows}
        matrix: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for employee_id, manager_id, weight in SecondaryManager.objects.order_by(
            "employee_id", "manager_id"
        ).values_list("employee_id", "manager_id", "weight"):
            matrix[employee_id].append((manager_id, weight))
        # Every manager with the rater weight `assessments_create_for` gives them.
        self.managers: dict[int, list[tuple[int, int]]] = {}
        for employee_id, manager_id, manager_weight in rows:
            lines: dict[int, int] = {}
            if manager_id is not None:
                lines[manager_id] = manager_weight if employee_id in matrix else 100
            for other, weight in matrix.get(employee_id, ()):
                lines.setdefault(other, weight)
            self.managers[employee_id] = [
                (other, max(1, min(100, weight or 100))) for other, weight in lines.items()
            ]
        self.peers = self._peers(rng, peer_raters)

        role_of = dict(
            RoleAssignment.objects.filter(ended_at__isnull=True).values_list("employee_id", "role")
        )
        by_role: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        for role_id, capability_id, target, weight in RoleRequirement.objects.order_by(
            "role_id", "capability_id"
        ).values_list("role_id", "capability_id", "target_level", "weight"):
            by_role[role_id].append((capability_id, target, weight))
        self.requirements = {
            employee_id: by_role.get(role_of[employee_id], [])
            for employee_id in self.ids
            if employee_id in role_of
        }

    def _peers(self, rng: random.Random, count: int) -> dict[int, list[int]]:
        """`count` colleagues with the same manager for everyone with a manager: the next ones
        in the team, so each person rates as many peers as they are rated by; cousins (the
        same manager's manager) fill in for teams too small."""
        teams: dict[int, list[int]] = defaultdict(list)
        for employee_id in self.ids:
            if self.manager[employee_id] is not None:
                teams[self.manager[employee_id]].append(employee_id)
        peers: dict[int, list[int]] = {}
        for boss, team in teams.items():
            for position, employee_id in enumerate(team):
                if len(team) > count:
                    peers[employee_id] = [
                        team[(position + step) % len(team)] for step in range(1, count + 1)
                    ]
                    continue
                chosen = [other for other in team if other != employee_id]
                grand = self.manager.get(boss)
                cousins = [
                    other
                    for uncle in (teams.get(grand, []) if grand is not None else [boss])
                    for other in teams.get(uncle, [])
                    if other != employee_id and other not in chosen
                ]
                chosen += rng.sample(cousins, min(len(cousins), count - len(chosen)))
                peers[employee_id] = chosen
        return peers


class Consolidation:
    """`consolidate_cycle`'s rule, fed with the ratings as they are generated."""

    def __init__(self, weights: dict[str, int], minimums: dict[str, int]) -> None:
        self.weights = weights
        self.minimums = minimums  # a pooled kind counts where this many rated the capability
        # (employee, capability) -> kind -> [Σ level·weight, Σ weight, count].
        self.sums: dict[tuple[int, int], dict[str, list[int]]] = defaultdict(dict)

    def add(self, key: tuple[int, int], kind: str, level: int, weight: int) -> None:
        sums = self.sums[key].setdefault(kind, [0, 0, 0])
        sums[0] += level * weight
        sums[1] += weight
        sums[2] += 1

    def level(self, sums: dict[str, list[int]]) -> float | None:
        """The database's float arithmetic of `consolidated_rows`, in the same order."""
        numerator, denominator = 0.0, 0.0
        for kind in RATER_KINDS:
            total, weight, count = sums.get(kind, (0, 0, 0))
            if weight:
                numerator += float(total) / float(weight) * float(self.weights[kind])
            if count:
                denominator += float(self.weights[kind])
        return numerator / denominator if denominator else None

    def rows(
        self, cycle: AssessmentCycle, requirements: dict[tuple[int, int], tuple[int, int]]
    ) -> Iterator[tuple]:
        for key in sorted(self.sums):
            sums = {
                kind: parts
                for kind, parts in self.sums[key].items()
                if parts[2] >= self.minimums.get(kind, 1)
            }
            level = self.level(sums)
            if level is None:
                continue
            contributions = {
                kind: {
                    "weight": self.weights[kind],
                    "mean": str(
                        (Decimal(sums[kind][0]) / Decimal(sums[kind][1])).quantize(
                            TWO_PLACES, rounding=ROUND_HALF_UP
                        )
                    ),
                    "ratings": sums[kind][2],
                }
                for kind in RATER_KINDS
                if kind in sums and sums[kind][2] and self.weights[kind]
            }
            target, weight = requirements.get(key, (None, None))
            yield (
                cycle.pk,
                key[0],
                key[1],
                Decimal(str(level)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP),
                contributions,
                sum(count for _, _, count in sums.values()),
                cycle.framework_version_id,
                target,
                weight or 1,
                "",
                cycle.closed_at,
            )


def _closed_cycle(
    rng: random.Random,
    sizes: Sizes,
    people: People,
    latent: dict[tuple[int, int], int],
    bounds: tuple[int, int],
    start: date,
    version_id: int | None,
) -> dict[str, int]:
    period_start, period_end, name = _quarter(start)
    launched = _at(period_end - timedelta(days=LAUNCHED_BEFORE_END))
    closed = min(_at(period_end + timedelta(days=CLOSED_AFTER_END), 17), timezone.now())
    deadline = period_end + timedelta(days=DEADLINE_AFTER_END)
    cycle = AssessmentCycle.objects.create(
        name=name,
        period_start=period_start,
        period_end=period_end,
        status=AssessmentCycle.Status.CLOSED,
        **{f"weight_{kind}": weight for kind, weight in WEIGHTS.items()},
        **{f"deadline_{kind}": deadline for kind, weight in WEIGHTS.items() if weight},
        min_peers=max(1, sizes.peer_raters),
        framework_version_id=version_id,
        launch_state=AssessmentCycle.LaunchState.DONE,
        launch_total=len(people.requirements),
        launch_done=len(people.requirements),
        launched_at=launched,
        closed_at=closed,
        created_at=launched - timedelta(days=7),
        updated_at=closed,
    )
    window = max(60, int((min(_at(deadline), closed) - launched).total_seconds()))

    assessments: list[tuple] = []  # (employee, rater, kind, weight) in insert order
    rows = []
    for employee_id in people.ids:
        if employee_id not in people.requirements:
            continue  # no job role: not in the cycle's scope
        raters = [(employee_id, "self", 100)]
        raters += [(manager, "manager", weight) for manager, weight in people.managers[employee_id]]
        raters += [(peer, "peer", 100) for peer in people.peers.get(employee_id, ())]
        for rater, kind, weight in raters:
            submitted = launched + timedelta(seconds=rng.randrange(window))
            is_manager = kind == "manager"
            assessments.append((employee_id, rater, kind, weight))
            rows.append(
                (
                    cycle.pk,
                    employee_id,
                    rater,
                    kind,
                    weight,
                    Assessment.Status.SUBMITTED,
                    employee_id if kind == "peer" else None,
                    rng.randint(1, 3) if is_manager else None,
                    rng.randint(1, 3) if is_manager else None,
                    submitted,
                    launched,
                    submitted,
                )
            )
    assessment_ids = insert_rows(Assessment, ASSESSMENT_FIELDS, rows, returning_ids=True)
    del rows

    low, high = bounds
    consolidation = Consolidation(
        cycle.weights, {kind: pooled_minimum(cycle, kind) for kind in POOLED_KINDS}
    )
    counter = {"ratings": 0}

    def ratings() -> Iterator[tuple]:
        for assessment_id, (employee_id, _rater, kind, weight) in zip(
            assessment_ids, assessments, strict=True
        ):
            noise = NOISE[kind]
            for capability_id, _target, _weight in people.requirements[employee_id]:
                key = (employee_id, capability_id)
                rating_uuid = uuid.UUID(int=rng.getrandbits(128), version=4)
                if kind == "peer" and rng.random() < NOT_OBSERVED_CHANCE:
                    level, evidence = None, ""
                else:
                    offset = rng.choice(noise)
                    level = min(high, max(low, latent[key] + offset))
                    evidence = EVIDENCE if offset or level in (low, high) else ""
                    consolidation.add(key, kind, level, weight)
                counter["ratings"] += 1
                yield (
                    rating_uuid,
                    assessment_id,
                    capability_id,
                    level,
                    evidence,
                    version_id,
                    closed,
                )

    insert_rows(Rating, RATING_FIELDS, ratings(), page_size=10_000)
    requirements = {
        (employee_id, capability_id): (target, weight)
        for employee_id, items in people.requirements.items()
        for capability_id, target, weight in items
    }
    consolidated = 0

    def consolidated_rows() -> Iterator[tuple]:
        nonlocal consolidated
        for row in consolidation.rows(cycle, requirements):
            consolidated += 1
            yield row

    insert_rows(ConsolidatedLevel, CONSOLIDATED_FIELDS, consolidated_rows(), page_size=5000)
    return {
        "assessments": len(assessment_ids),
        "ratings": counter["ratings"],
        "consolidated_levels": consolidated,
    }


def _open_cycle(sizes: Sizes, today: date, version_id: int | None) -> tuple[int, int]:
    """The current quarter's cycle, launched as `cycle_launch` and its background run leave
    it: every self and manager assessment pending. Returns (in scope, assessments)."""
    period_start, period_end, name = _quarter(_quarter_start(today))
    now = timezone.now()
    deadline = max(period_end, today + timedelta(days=DEADLINE_AFTER_END))
    cycle = AssessmentCycle.objects.create(
        name=name,
        period_start=period_start,
        period_end=period_end,
        status=AssessmentCycle.Status.OPEN,
        **{f"weight_{kind}": weight for kind, weight in WEIGHTS.items()},
        **{f"deadline_{kind}": deadline for kind, weight in WEIGHTS.items() if weight},
        min_peers=max(1, sizes.peer_raters),
        framework_version_id=version_id,
        launch_state=AssessmentCycle.LaunchState.RUNNING,
        launched_at=now,
    )
    in_scope = list(cycle_scope_employees(cycle).order_by("id").values_list("id", flat=True))
    created = 0
    for first in range(0, len(in_scope), LAUNCH_CHUNK):
        created += assessments_create_for(
            cycle=cycle, employee_ids=in_scope[first : first + LAUNCH_CHUNK]
        )
    AssessmentCycle.objects.filter(pk=cycle.pk).update(
        launch_state=AssessmentCycle.LaunchState.DONE,
        launch_total=len(in_scope),
        launch_done=len(in_scope),
    )
    return len(in_scope), created


def generate(actor: Actor, rng: random.Random, sizes: Sizes) -> dict[str, int]:
    version = framework_version_current()
    version_id = version.pk if version is not None else None
    numbers = list(ScaleLevel.objects.values_list("number", flat=True))
    bounds = (min(numbers), max(numbers)) if numbers else (1, 5)
    people = People(rng, sizes.peer_raters)
    latent = {
        (employee_id, capability_id): min(
            bounds[1], max(bounds[0], target + rng.choice(LATENT_OFFSETS))
        )
        for employee_id, items in people.requirements.items()
        for capability_id, target, _ in items
    }

    today = timezone.localdate()
    counts: dict[str, int] = defaultdict(int)
    for back in range(sizes.closed_cycles, 0, -1):
        if back < sizes.closed_cycles:
            for key, level in latent.items():
                if level < bounds[1] and rng.random() < RISE_CHANCE:
                    latent[key] = level + 1
        made = _closed_cycle(
            rng, sizes, people, latent, bounds, _quarter_start(today, back), version_id
        )
        for name, count in made.items():
            counts[name] += count
    in_scope, pending = _open_cycle(sizes, today, version_id)
    return {
        "assessment_cycles": sizes.closed_cycles + 1,
        **counts,
        "open_cycle_employees": in_scope,
        "pending_assessments": pending,
    }
