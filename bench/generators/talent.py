"""Succession and careers at scale: critical roles with successors, aspirations, potential.

- critical roles: one per job role, up to `sizes.critical_roles` (200 for 10,000 people), with
  impact and likelihood from 1 to 3; a tenth of them the position of a named holder;
- successors: 0-4 per critical role (about one in eight roles with nobody), at each readiness,
  drawn from the employees, so some people are the only successor for several roles;
- aspirations: a fifth of the employees name one to three roles other than their own;
- potential: a third of the employees have a potential assessment in the latest closed cycle
  (shipped criteria, the level their rounded mean).
"""

from __future__ import annotations

import random

from assessments.models import AssessmentCycle
from bench.generators import Sizes
from capabilities.models import JobRole, RoleAssignment
from plms.common.db import insert_rows
from plms.people.models import Employee
from plms.tenancy.actors import Actor
from talent.models import Aspiration, CriticalRole, PotentialAssessment, Successor
from talent.potential import DEFAULT_CRITERIA, level_from_scores

READINESS = Successor.Readiness.values


def generate(actor: Actor, rng: random.Random, sizes: Sizes) -> dict[str, int]:
    roles = list(JobRole.objects.order_by("id").values_list("id", flat=True))
    people = list(Employee.objects.order_by("id").values_list("id", flat=True))
    if not roles or not people:
        return {"critical_roles": 0, "successors": 0, "aspirations": 0, "potential": 0}
    held = dict(
        RoleAssignment.objects.filter(ended_at__isnull=True).values_list("employee_id", "role_id")
    )
    holders: dict[int, list[int]] = {}
    for employee_id, role_id in held.items():
        holders.setdefault(role_id, []).append(employee_id)
    chosen = roles[: min(len(roles), sizes.scaled(sizes.critical_roles))]
    critical_rows = []
    for role_id in chosen:
        incumbent = (
            rng.choice(holders[role_id]) if holders.get(role_id) and rng.random() < 0.1 else None
        )
        critical_rows.append((role_id, incumbent, rng.randint(1, 3), rng.randint(1, 3)))
    critical_ids = insert_rows(
        CriticalRole,
        ("role_id", "incumbent_id", "impact", "likelihood"),
        critical_rows,
        returning_ids=True,
    )
    # A small pool of candidates, so several people are the only successor for many roles.
    candidates = rng.sample(people, min(len(people), max(10, len(critical_ids) * 2)))
    successor_rows = []
    for critical_id, (_, incumbent, _, _) in zip(critical_ids, critical_rows, strict=True):
        count = 0 if rng.random() < 0.125 else rng.randint(1, 4)
        for employee_id in rng.sample(candidates, min(count, len(candidates))):
            if employee_id != incumbent:
                successor_rows.append((critical_id, employee_id, rng.choice(READINESS)))
    insert_rows(Successor, ("critical_role_id", "employee_id", "readiness"), successor_rows)
    aspiration_rows = []
    for employee_id in rng.sample(people, len(people) // 5):
        wanted = [r for r in rng.sample(roles, min(len(roles), 3)) if r != held.get(employee_id)]
        for rank, role_id in enumerate(wanted[: rng.randint(1, 3)], start=1):
            aspiration_rows.append((employee_id, role_id, rank))
    insert_rows(Aspiration, ("employee_id", "role_id", "rank"), aspiration_rows)
    cycle = (
        AssessmentCycle.objects.filter(status=AssessmentCycle.Status.CLOSED)
        .order_by("-period_end", "-id")
        .values_list("id", flat=True)
        .first()
    )
    potential_rows = []
    for employee_id in rng.sample(people, len(people) // 3):
        scores = {c.key: rng.randint(1, 3) for c in DEFAULT_CRITERIA}
        potential_rows.append((employee_id, cycle, scores, level_from_scores(scores)))
    insert_rows(PotentialAssessment, ("employee_id", "cycle_id", "scores", "level"), potential_rows)
    return {
        "critical_roles": len(critical_ids),
        "successors": len(successor_rows),
        "aspirations": len(aspiration_rows),
        "potential": len(potential_rows),
    }
