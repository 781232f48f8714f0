"""The homes' figures read for one screen (aggregated by the database, or plain columns):
checked against hand-worked examples and against the per-row computations of the goals and
learning apps."""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal as D

from django.db.models import Max
from django.utils import timezone

from assessments import gaps
from dashboards import organisation, selectors
from goals import selectors as goal_selectors
from goals.models import Goal, GoalUpdate
from goals.selectors import goal_rag, goal_settings_get
from learning.impact import impact_report
from plms.people import selectors as people_selectors
from plms.people.models import Employee
from plms.tenancy.actors import Actor
from tests.assessments.factories import AssessmentCycleFactory, ConsolidatedLevelFactory
from tests.capabilities.factories import CapabilityFactory
from tests.conftest import in_org
from tests.factories import DepartmentFactory, EmployeeFactory, UserFactory
from tests.goals.factories import GoalFactory, GoalRedEpisodeFactory, GoalUpdateFactory
from tests.learning.factories import DevelopmentPlanFactory, PlanItemFactory

# Ten days from 1 to 11 January, half of them gone on the 6th: 50 % of the progress expected.
START, DUE, TODAY = datetime.date(2027, 1, 1), datetime.date(2027, 1, 11), datetime.date(2027, 1, 6)


def _goal(org, perspective: str, current, **fields):
    values = {
        "baseline": D(0),
        "target": D(100),
        "start_date": START,
        "due_date": DUE,
        "perspective": perspective,
        "current": None if current is None else D(current),
        **fields,
    }
    return GoalFactory(organization=org, **values)


def test_goal_rag_by_perspective_matches_a_hand_worked_example(org_a):
    with in_org(org_a):
        # Increase 0 → 100, half-way through: score = progress / 50 % (green ≥ 90, amber ≥ 70).
        _goal(org_a, "financial", 45)  # score 90: green (inclusive)
        _goal(org_a, "financial", 44)  # 88: amber
        _goal(org_a, "financial", 35)  # 70: amber (inclusive)
        _goal(org_a, "financial", 34)  # 68: red
        _goal(org_a, "financial", None)  # nothing to judge yet
        _goal(org_a, "financial", 45, rag_green_at=D(95))  # its own threshold: amber
        # Decrease 100 → 0: 55 is 45 % of the way, score 90.
        _goal(org_a, "customer", 55, direction="decrease", baseline=D(100), target=D(0))
        # Target behind the baseline: done once the value is at the target.
        _goal(org_a, "customer", 45, baseline=D(50), target=D(40))  # 45 ≥ 40: green
        _goal(org_a, "customer", 39, baseline=D(50), target=D(40))  # not reached: red
        # Without dates everything is expected: 95 green, 80 amber.
        _goal(org_a, "process", 95, start_date=None, due_date=None)
        _goal(org_a, "process", 80, start_date=None, due_date=None)
        # Not started yet: nothing expected, green.
        _goal(org_a, "process", 0, start_date=TODAY + datetime.timedelta(days=1))
        # Range 10-20 with the default 10 % band (1 either side), and one with 50 % (5).
        rng = {"direction": "range", "range_low": D(10), "range_high": D(20)}
        _goal(org_a, "learning", 15, **rng)  # inside: green
        _goal(org_a, "learning", 21, **rng)  # on the band's edge: amber
        _goal(org_a, "learning", D("21.5"), **rng)  # beyond: red
        _goal(org_a, "learning", 24, range_tolerance_percent=D(50), **rng)  # amber
        _goal(org_a, "learning", 9, **{**rng, "range_high": None})  # incomplete range: none
        _goal(org_a, "learning", 0, status="completed")  # not active: not counted

        table = {
            row["perspective"]: (row["green"], row["amber"], row["red"], row["none"], row["total"])
            for row in organisation.goal_rag_by_perspective(today=TODAY)
        }
        settings = goal_settings_get()
        computed = Counter(
            (goal.perspective, goal_rag(goal, settings=settings, today=TODAY))
            for goal in Goal.objects.filter(status="active")
        )

    assert table == {
        "financial": (1, 3, 1, 1, 6),
        "customer": (2, 0, 1, 0, 3),
        "process": (2, 1, 0, 0, 3),
        "learning": (1, 2, 1, 1, 5),
    }
    for perspective, (green, amber, red, none, _total) in table.items():
        assert (green, amber, red, none) == tuple(
            computed[(perspective, rag)] for rag in ("green", "amber", "red", None)
        )


def test_goal_rag_in_the_database_agrees_with_the_goals_app_on_awkward_fractions(org_a):
    """Thirds and sevenths of progress and of time, on every threshold's edge."""
    with in_org(org_a):
        for index, current in enumerate(range(0, 101, 3)):
            for days in (3, 7, 9):
                _goal(
                    org_a,
                    ("financial", "customer", "process", "learning")[index % 4],
                    current,
                    due_date=START + datetime.timedelta(days=days),
                    direction=("increase", "decrease")[index % 2],
                    baseline=D(0) if index % 2 == 0 else D(100),
                    target=D(100) if index % 2 == 0 else D(0),
                )
        today = START + datetime.timedelta(days=2)
        settings = goal_settings_get()
        computed = Counter(
            (goal.perspective, goal_rag(goal, settings=settings, today=today))
            for goal in Goal.objects.filter(status="active")
        )
        rows = organisation.goal_rag_by_perspective(today=today)
    for row in rows:
        for rag in ("green", "amber", "red"):
            assert row[rag] == computed[(row["perspective"], rag)], (row["perspective"], rag)


def test_decision_latency_summary_matches_every_episode_read_one_by_one(org_a):
    red_at = timezone.now() - datetime.timedelta(days=30)
    with in_org(org_a):
        for hours in (1, 48, 102):  # acted after 1 h, 2 days, 4 days 6 h
            GoalRedEpisodeFactory(
                organization=org_a,
                turned_red_at=red_at + datetime.timedelta(days=hours),
                first_action_at=red_at + datetime.timedelta(days=hours, hours=hours),
                first_action="update",
            )
        for days in (1, 2, 3):  # still waiting
            GoalRedEpisodeFactory(
                organization=org_a, turned_red_at=timezone.now() - datetime.timedelta(days=days)
            )
        summary = organisation.decision_latency_summary(shown=5)
        everything = goal_selectors.decision_latency()

    assert summary["mean"] == datetime.timedelta(hours=151 / 3)  # (1 + 48 + 102) / 3
    assert summary["mean"] == everything["mean"]
    assert summary["open"] == everything["open"] == 3
    assert len(summary["episodes"]) == 5
    assert [e.goal.pk for e in summary["episodes"]] == [
        e.goal.pk for e in everything["episodes"][:5]
    ]


def test_decision_latency_summary_without_episodes(org_a):
    with in_org(org_a):
        assert organisation.decision_latency_summary() == {"episodes": [], "mean": None, "open": 0}


def test_learning_impact_overall_matches_a_hand_worked_example(org_a):
    with in_org(org_a):
        january, june, december = (
            AssessmentCycleFactory(
                organization=org_a, period_start=end.replace(day=1), period_end=end
            )
            for end in (
                datetime.date(2027, 1, 31),
                datetime.date(2027, 6, 30),
                datetime.date(2027, 12, 31),
            )
        )
        person = EmployeeFactory(organization=org_a)
        writing, numbers, unassessed = (CapabilityFactory(organization=org_a) for _ in range(3))
        for cycle, writing_level, numbers_level in (
            (january, D(2), D(3)),
            (june, D(3), D("2.5")),
            (december, D(4), D(3)),
        ):
            ConsolidatedLevelFactory(
                organization=org_a,
                cycle=cycle,
                employee=person,
                capability=writing,
                level=writing_level,
                # Calibration moved June's level: the adjusted one counts.
                adjusted_level=D("3.5") if cycle is june else None,
            )
            ConsolidatedLevelFactory(
                organization=org_a,
                cycle=cycle,
                employee=person,
                capability=numbers,
                level=numbers_level,
            )
        plan = DevelopmentPlanFactory(organization=org_a, employee=person)

        def done(capability, when, status="done"):
            PlanItemFactory(
                organization=org_a,
                plan=plan,
                capability=capability,
                status=status,
                completed_at=datetime.datetime.combine(when, datetime.time(23, 30), datetime.UTC),
            )

        done(writing, datetime.date(2027, 3, 1))  # January 2 → June 3.5: +1.5
        done(numbers, datetime.date(2027, 3, 1))  # January 3 → June 2.5: -0.5
        done(writing, datetime.date(2027, 6, 30))  # June's last day: June 3.5 → December 4: +0.5
        done(writing, datetime.date(2027, 7, 1))  # June 3.5 → December 4: +0.5
        done(writing, datetime.date(2028, 1, 5))  # not re-assessed since: not measured
        done(unassessed, datetime.date(2027, 3, 1))  # never assessed: not measured
        done(numbers, datetime.date(2027, 3, 1), status="in_progress")  # not done: left out

        overall = organisation.learning_impact_overall()
        report = impact_report()["overall"]

    assert overall == {
        "completions": 6,
        "measured": 4,
        "mean_change": D("0.50"),  # (1.5 - 0.5 + 0.5 + 0.5) / 4
        "levels_gained": D("2.50"),  # 1.5 + 0.5 + 0.5
    }
    assert overall == {key: report[key] for key in overall}


def test_learning_impact_overall_without_completions(org_a):
    with in_org(org_a):
        assert organisation.learning_impact_overall() == {
            "completions": 0,
            "measured": 0,
            "mean_change": None,
            "levels_gained": D("0.00"),
        }


def test_my_goals_are_judged_and_ordered_as_the_goal_pages_judge_them(org_a):
    """The home reads the person's goals with their own columns only; what it shows (order,
    RAG, progress, the latest update) is what the goal list and its display compute."""
    with in_org(org_a):
        person = EmployeeFactory(organization=org_a)
        someone_else = EmployeeFactory(organization=org_a)
        rng = {"direction": "range", "range_low": D(10), "range_high": D(20)}
        goals = [
            _goal(org_a, "financial", 45, owner_employee=person, title="B"),
            _goal(org_a, "financial", 34, owner_employee=person, title="A"),
            _goal(org_a, "customer", None, owner_employee=person, due_date=None),
            _goal(org_a, "learning", 21, owner_employee=person, **rng),
            _goal(org_a, "process", 80, owner_employee=person, rag_green_at=D(70)),
        ]
        _goal(org_a, "financial", 10, owner_employee=person, status="completed")
        _goal(org_a, "financial", 10, owner_employee=someone_else)
        for day, goal in enumerate(goals[:3], start=1):
            for hours in (1, 30):
                GoalUpdateFactory(
                    organization=org_a,
                    goal=goal,
                    recorded_at=timezone.make_aware(
                        datetime.datetime.combine(START, datetime.time(8))
                    )
                    + datetime.timedelta(days=day, hours=hours),
                )
        shown = selectors.my_goals(employee=person, today=TODAY)
        expected = goal_selectors.goal_list_for_display(
            goal_selectors.goal_list(
                actor=Actor(organization=org_a, employee=person),
                owner_employee=person,
                status="active",
            ),
            today=TODAY,
        )
        latest = dict(
            Goal.objects.filter(owner_employee=person)
            .annotate(last=Max("updates__recorded_at"))
            .values_list("pk", "last")
        )
        assert GoalUpdate.objects.count() == 6

    assert [g.pk for g in shown] == [g.pk for g in expected]
    assert [(g.rag, g.progress) for g in shown] == [(g.rag, g.progress) for g in expected]
    assert {g.rag for g in shown} == {"green", "amber", "red", None}
    assert [g.last_update for g in shown] == [latest[g.pk] for g in shown]


def test_organisation_headcount_counts_as_the_people_directory_does(org_a, org_b):
    with in_org(org_a):
        sales, support, _empty = (
            DepartmentFactory(organization=org_a, name=name) for name in ("Sales", "Support", "Zoo")
        )
        for department, active, signs_in in (
            (sales, True, True),
            (sales, True, False),
            (sales, False, True),  # has left: not counted
            (support, True, True),
            (None, True, True),  # in no department
            (None, True, False),
        ):
            EmployeeFactory(
                organization=org_a,
                department=department,
                active=active,
                user=UserFactory() if signs_in else None,
            )
    with in_org(org_b):
        EmployeeFactory(organization=org_b, department=DepartmentFactory(organization=org_b))
    with in_org(org_a):
        figures = organisation.organisation_headcount()
        expected = [(d.uuid, d.name, d.employee_count) for d in people_selectors.department_list()]
        people = people_selectors.employee_list(active=True).count()
        members = Employee.objects.filter(active=True, user__isnull=False).count()

    assert [(d["uuid"], d["name"], d["employee_count"]) for d in figures["departments"]] == expected
    assert [d["employee_count"] for d in figures["departments"]] == [2, 1, 0]
    assert (figures["people_count"], figures["members_count"]) == (people, members) == (5, 3)


def _cells(heatmap: dict) -> dict:
    """What the team card shows of a heatmap, whichever shape its rows and cells have."""

    def field(thing, name):
        return thing[name] if isinstance(thing, dict) else getattr(thing, name)

    return {
        "capabilities": [field(c, "name") for c in heatmap["capabilities"]],
        "total": heatmap["total"],
        "rows": [
            (
                field(row["employee"], "uuid"),
                field(row["employee"], "full_name"),
                [
                    None
                    if cell is None
                    else tuple(
                        field(cell, name) for name in ("current_level", "target_level", "level_gap")
                    )
                    for cell in row["cells"]
                ],
            )
            for row in heatmap["rows"]
        ],
    }


def test_the_team_heatmap_card_shows_what_the_assessments_heatmap_focus_shows(org_a):
    cycle = AssessmentCycleFactory(organization=org_a, status="closed")
    with in_org(org_a):
        people = [
            EmployeeFactory(organization=org_a, first_name=first, last_name=last)
            for first, last in (("Ann", "Zed"), ("Bo", "Able"), ("Cy", "Able"), ("Di", "Mo"))
        ]
        outside = EmployeeFactory(organization=org_a)
        # Ties on the people below target and on the gap, levels adjusted
        # in calibration, someone without results for some capabilities.
        names = ["Beta", "Alpha", "Gamma", "Alphabet", "Delta", "Epsilon", "Zeta"]
        capabilities = [CapabilityFactory(organization=org_a, name=name) for name in names]
        for p_index, person in enumerate([*people, outside]):
            for c_index, capability in enumerate(capabilities):
                if (p_index + c_index) % 4 == 3:
                    continue
                ConsolidatedLevelFactory(
                    organization=org_a,
                    cycle=cycle,
                    employee=person,
                    capability=capability,
                    level=D(1 + (p_index * c_index) % 4),
                    adjusted_level=D("2.5") if (p_index, c_index) == (1, 2) else None,
                    target_level=3,
                )
        ids = [person.pk for person in people]
        for columns in (3, 4, 12):
            expected = gaps.heatmap_focus(
                gaps.heatmap(levels=gaps.group_levels(cycle=cycle, employee_ids=ids)),
                columns=columns,
            )
            shown = selectors.team_heatmap_card(cycle=cycle, employee_ids=ids, columns=columns)
            assert _cells(shown) == _cells(expected), columns
        assert len(_cells(shown)["rows"]) == 4 and _cells(shown)["total"] == 7


def test_the_team_card_judges_goals_at_risk_as_the_goals_app_does(org_a):
    with in_org(org_a):
        manager = EmployeeFactory(organization=org_a)
        reports = [EmployeeFactory(organization=org_a, manager=manager) for _ in range(3)]
        for index, report in enumerate(reports):
            for current in (20, 40, 60, 95):
                goal = _goal(org_a, "financial", current + index, owner_employee=report)
                GoalUpdateFactory(organization=org_a, goal=goal, value=D(current))
        risks = goal_selectors.team_goal_risks(manager=manager, today=TODAY)
        shown = selectors.goals_of_risks(risks[:5], today=TODAY)
        expected = goal_selectors.goals_for_risks(risks[:5], today=TODAY)

    assert len(shown) == 5
    assert [(g.pk, g.rag, g.progress, g.owner_label) for g in shown] == [
        (g.pk, g.rag, g.progress, g.owner_label) for g in expected
    ]
