"""The 9-box counted by the database equals the rules applied person by person
(`talent.nine_box.placements`: `talent.performance` and `potential_levels`), on people who
take every path: overall ratings (calibrated, a manager's, off the scale) or results against
targets (gap indexes on and beside the bands' edges, weights of 0, calibrated levels, rows
without a target); potential from the latest assessment of any cycle (calibrated, tied
dates) or the primary manager's placement (pending, half-filled and secondary ones that do
not count); people with no potential yet; departments; another organisation alongside."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

import pytest
from django.utils import timezone

from assessments.models import Assessment, AssessmentCycle
from plms.people.models import Employee
from reward import selectors as reward_selectors
from talent import nine_box, potential
from tests import factories
from tests.assessments.factories import (
    AssessmentCycleFactory,
    AssessmentFactory,
    ConsolidatedLevelFactory,
)
from tests.capabilities.factories import CapabilityFactory
from tests.conftest import in_org
from tests.factories import DepartmentFactory
from tests.reward.factories import PerformanceRatingFactory
from tests.talent.factories import PotentialAssessmentFactory

pytestmark = pytest.mark.django_db

# Beside 0.25 and 0.75, the edges of the results' bands, on a target of 3.
LEVELS = ["1", "1.5", "2", "2.24", "2.25", "2.26", "2.74", "2.75", "2.76", "3", "3.5", "4"]
NAMES = ["Rossi", "Meyer", "Okafor"]  # few, so that people share names


def _populate(org, rng: random.Random, *, people: int) -> dict:
    with in_org(org):
        q3, q4 = (
            AssessmentCycleFactory(
                organization=org,
                name=name,
                period_start=end - datetime.timedelta(days=90),
                period_end=end,
                status=AssessmentCycle.Status.CLOSED,
            )
            for name, end in (
                ("Q3", datetime.date(2026, 9, 30)),
                ("Q4", datetime.date(2026, 12, 31)),
            )
        )
        older = AssessmentCycleFactory(
            organization=org,
            period_start=datetime.date(2026, 4, 1),
            period_end=datetime.date(2026, 6, 30),
            status=AssessmentCycle.Status.CLOSED,
        )
        running = AssessmentCycleFactory(
            organization=org,
            period_start=datetime.date(2027, 1, 1),
            period_end=datetime.date(2027, 3, 31),
        )
        capabilities = [CapabilityFactory(organization=org) for _ in range(4)]
        departments = [DepartmentFactory(organization=org) for _ in range(2)]
        managers = [factories.member(org).employee for _ in range(3)]
        base = timezone.now() - datetime.timedelta(days=30)
        for _ in range(people):
            person = factories.member(
                org,
                first_name=rng.choice(["Ada", "Ben"]),
                last_name=rng.choice(NAMES),
                department=rng.choice([*departments, None]),
            ).employee
            for cycle in (q3, q4):
                if rng.random() < 0.75:
                    for capability in rng.sample(capabilities, rng.randint(1, 3)):
                        ConsolidatedLevelFactory(
                            organization=org,
                            cycle=cycle,
                            employee=person,
                            capability=capability,
                            level=Decimal(rng.choice(LEVELS)),
                            target_level=rng.choice([None, 3, 3, 3, 2, 4]),
                            requirement_weight=rng.choice([0, 1, 1, 2, 3]),
                            adjusted_level=rng.choice([None, None, None, Decimal("2.75")]),
                        )
                if rng.random() < 0.35:
                    PerformanceRatingFactory(
                        organization=org,
                        cycle=cycle,
                        employee=person,
                        manager_level=rng.choice([None, 1, 2, 3, 4, 5, 7]),
                        calibrated_level=rng.choice([None, None, 0, 1, 3, 5]),
                    )
                for manager in rng.sample(managers, rng.choice([0, 0, 1, 2])):
                    AssessmentFactory(
                        organization=org,
                        cycle=cycle,
                        employee=person,
                        rater=manager,
                        kind=Assessment.Kind.MANAGER,
                        weight=rng.choice([40, 60, 100]),
                        status=rng.choice(
                            [Assessment.Status.SUBMITTED] * 3 + [Assessment.Status.PENDING]
                        ),
                        performance=rng.choice([None, 1, 2, 3]),
                        potential=rng.choice([None, 1, 2, 3, 3]),
                    )
            for cycle in (older, q3, q4, running, None):
                if rng.random() < 0.3:
                    PotentialAssessmentFactory(
                        organization=org,
                        employee=person,
                        cycle=cycle,
                        level=rng.randint(1, 3),
                        calibrated_level=rng.choice([None, None, 1, 3]),
                        created_at=base + datetime.timedelta(days=rng.randint(0, 3)),
                    )
    return {"q3": q3, "q4": q4, "departments": departments}


def _seen(view: nine_box.NineBox) -> dict:
    return {
        "counts": {b["key"]: b["count"] for row in view.boxes for b in row},
        "unplaced": view.unplaced,
        "moves": [
            (m["employee"].pk, m["from"], m["to"], m["up"]) for m in view.moves[0 : len(view.moves)]
        ],
        "people": {
            b["key"]: [p.pk for p in nine_box.box_people(view, key=b["key"], limit=1000)]
            for row in view.boxes
            for b in row
        },
    }


def _as_placed(world, department) -> dict:
    """The page as the rules place people one by one (the 9-box before it was counted by the
    database): boxes, people by name, moves by name, people without potential."""
    placed, waiting, before = nine_box.placements(cycle=world["q4"], previous=world["q3"])
    people = Employee.objects.filter(id__in=list(placed)).order_by("last_name", "first_name", "id")
    if department is not None:
        people = people.filter(department=department)
    shown = list(people)
    boxes = {f"{p}-{q}": [] for p in (1, 2, 3) for q in (1, 2, 3)}
    for person in shown:
        performance_band, potential_band = placed[person.pk]
        boxes[f"{performance_band}-{potential_band}"].append(person.pk)
    return {
        "counts": {key: len(ids) for key, ids in boxes.items()},
        "unplaced": len(waiting),
        "moves": [
            (
                person.pk,
                potential.box_name(*before[person.pk]),
                potential.box_name(*placed[person.pk]),
                sum(placed[person.pk]) > sum(before[person.pk]),
            )
            for person in shown
            if person.pk in before and before[person.pk] != placed[person.pk]
        ],
        "people": boxes,
    }


def test_the_database_places_people_as_the_rules_do(org_a, org_b):
    world = _populate(org_a, random.Random(20261207), people=90)
    _populate(org_b, random.Random(7), people=15)
    with in_org(org_a):
        by_database = nine_box.rows_in_sql(
            cycles=[world["q4"], world["q3"]], bounds=reward_selectors.scale_bounds()
        )
        assert sorted(by_database) == sorted(
            nine_box.rows_in_python(cycle=world["q4"], previous=world["q3"])
        )
        for department in (None, *world["departments"]):
            view = nine_box.nine_box(department_id=department.pk if department else None)
            assert _seen(view) == _as_placed(world, department)
            # A page at a time (moves 7 a page, a box's first 3) reads the same people.
            seen = _seen(view)
            paged = [
                m for start in range(0, len(view.moves), 7) for m in view.moves[start : start + 7]
            ]
            assert [m["employee"].pk for m in paged] == [pk for pk, *_ in seen["moves"]]
            for key, ids in seen["people"].items():
                assert [p.pk for p in nine_box.box_people(view, key=key, limit=3)] == ids[:3]
        whole = _seen(nine_box.nine_box())
    # The people took every path: most boxes are filled, people moved, some wait.
    assert sum(1 for n in whole["counts"].values() if n) >= 7
    assert whole["moves"] and whole["unplaced"]
