"""People at scale: departments, a realistic reporting tree, matrix lines and sign-ins.

- departments: a few divisions and their teams (a two-level tree);
- reporting lines: a tree from the managing director down, every manager with 5-12 direct
  reports (one manager, `manager@<slug>.example`, with 20), about 5 % of employees with one or
  two matrix managers whose weights and the primary manager's total 100. Matrix managers are
  always higher in the tree than the employee, so the lines never form a cycle;
- sign-ins: every manager, the HR admin (`hr@<slug>.example`) and a sample of employees
  (`employee@<slug>.example` among them) get a user with the given password and a membership.
"""

from __future__ import annotations

import random
from collections import deque
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from bench.generators import Sizes
from plms.common.db import insert_rows
from plms.people.models import Department, Employee, SecondaryManager
from plms.tenancy.actors import Actor
from plms.tenancy.models import Membership

DIVISIONS = (
    "People & Culture",
    "Sales",
    "Customer Operations",
    "Engineering",
    "Finance",
    "Marketing",
    "Operations",
    "Product",
)
TEAMS = (
    "North",
    "South",
    "East",
    "West",
    "Central",
    "Enterprise",
    "Small Business",
    "Platform",
    "Support",
    "Analytics",
    "Partnerships",
    "Quality",
    "Onboarding",
)
FIRST_NAMES = [
    "Aaliyah",
    "Aiden",
    "Akira",
    "Alex",
    "Amara",
    "Ana",
    "Andrei",
    "Anya",
    "Arjun",
    "Ben",
    "Carla",
    "Chen",
    "Chloe",
    "Daniel",
    "Dara",
    "Diego",
    "Elena",
    "Emma",
    "Erik",
    "Fatima",
    "Felix",
    "Grace",
    "Hana",
    "Hugo",
    "Ines",
    "Isaac",
    "Ivy",
    "Jakub",
    "Jonas",
    "Kai",
    "Kenji",
    "Lara",
    "Leila",
    "Liam",
    "Lucia",
    "Maya",
    "Mateo",
    "Mia",
    "Nadia",
    "Nikos",
    "Noah",
    "Nora",
    "Olivia",
    "Omar",
    "Priya",
    "Rafael",
    "Rosa",
    "Sami",
    "Sara",
    "Sofia",
    "Tariq",
    "Theo",
    "Una",
    "Victor",
    "Wei",
    "Yara",
    "Yusuf",
    "Zoe",
]
LAST_NAMES = [
    "Abara",
    "Ahmed",
    "Alvarez",
    "Bakr",
    "Bell",
    "Berg",
    "Brown",
    "Carter",
    "Chen",
    "Clarke",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Hansen",
    "Haddad",
    "Ibrahim",
    "Ivanova",
    "Jensen",
    "Kaur",
    "Kim",
    "Kowalski",
    "Lindqvist",
    "Lopez",
    "Martin",
    "Meyer",
    "Moreau",
    "Murphy",
    "Nakamura",
    "Novak",
    "Nwosu",
    "Okafor",
    "Olsen",
    "Patel",
    "Petrov",
    "Popescu",
    "Reyes",
    "Rossi",
    "Santos",
    "Schmidt",
    "Shah",
    "Silva",
    "Smith",
    "Suzuki",
    "Tanaka",
    "Taylor",
    "Torres",
    "Varga",
    "Walsh",
    "Wang",
    "Weber",
    "Williams",
    "Wilson",
    "Yilmaz",
    "Zhang",
    "Zielinski",
]
TITLES = (
    "Advisor",
    "Senior Advisor",
    "Analyst",
    "Engineer",
    "Senior Engineer",
    "Specialist",
    "Consultant",
    "Coordinator",
    "Account Executive",
    "Associate",
)
EMPLOYEE_FIELDS = (
    "email",
    "external_id",
    "first_name",
    "last_name",
    "title",
    "department_id",
    "manager_id",
    "manager_weight",
    "start_date",
    "active",
    "user_id",
)


def _reporting_tree(rng: random.Random, sizes: Sizes) -> tuple[list[int | None], list[int], int]:
    """Managers and depths of employees 0..n-1 in breadth-first order (managers come first)."""
    count = sizes.employees
    manager: list[int | None] = [None] * count
    depth = [0] * count
    queue, following, wide = deque([0]), 1, -1
    while following < count and queue:
        boss = queue.popleft()
        if wide < 0 and depth[boss] == 2:
            wide, reports = boss, sizes.wide_manager_reports
        else:
            reports = rng.randint(sizes.min_reports, sizes.max_reports)
        for report in range(following, min(following + reports, count)):
            manager[report], depth[report] = boss, depth[boss] + 1
            queue.append(report)
        following += reports
    return manager, depth, wide


def _matrix_lines(
    rng: random.Random, sizes: Sizes, manager: list[int | None], depth: list[int]
) -> dict[int, list[tuple[int, int]]]:
    """About `matrix_share` of employees get 1-2 matrix managers higher in the tree."""
    bosses = sorted({m for m in manager if m is not None}, key=lambda m: (depth[m], m))
    shallower = {}  # depth -> how many managers sit strictly above it
    for level in range(max(depth) + 2):
        shallower[level] = sum(1 for m in bosses if depth[m] < level)
    candidates = [e for e in range(len(manager)) if depth[e] >= 2]
    chosen = rng.sample(candidates, min(len(candidates), round(sizes.matrix_share * len(manager))))
    lines: dict[int, list[tuple[int, int]]] = {}
    for employee in sorted(chosen):
        pool = bosses[: shallower[depth[employee]]]
        others = {m for m in rng.sample(pool, min(len(pool), 3)) if m != manager[employee]}
        picked = sorted(others)[: 1 if rng.random() < 0.8 else 2]
        if not picked:
            continue
        if len(picked) == 1:
            weights = [100 - rng.choice((50, 60, 70, 80))]
        else:
            rest = 100 - rng.choice((50, 60))
            first = rest // 2 + rng.choice((-10, 0, 10))
            weights = [first, rest - first]
        lines[employee] = list(zip(picked, weights, strict=True))
    return lines


def _departments(sizes: Sizes) -> tuple[list[int], dict[int, list[int]]]:
    """Create divisions and their teams; returns division ids and team ids per division."""
    divisions = list(DIVISIONS[: max(1, min(sizes.departments, len(DIVISIONS)))])
    division_ids = insert_rows(
        Department, ["name"], [(name,) for name in divisions], returning_ids=True
    )
    teams = []
    for index in range(max(0, sizes.departments - len(divisions))):
        division = index % len(division_ids)
        team = TEAMS[(index // len(division_ids)) % len(TEAMS)]
        lap = index // (len(division_ids) * len(TEAMS))
        name = f"{divisions[division]}: {team}" + (f" {lap + 1}" if lap else "")
        teams.append((name, division_ids[division]))
    team_ids = insert_rows(Department, ["name", "parent_id"], teams, returning_ids=True)
    by_division: dict[int, list[int]] = {division: [] for division in division_ids}
    for (_, parent), team_id in zip(teams, team_ids, strict=True):
        by_division[parent].append(team_id)
    return division_ids, by_division


def generate(actor: Actor, rng: random.Random, sizes: Sizes) -> dict[str, int]:
    organization = actor.organization
    domain = f"{organization.slug}.example"
    manager, depth, wide = _reporting_tree(rng, sizes)
    count = len(manager)
    matrix = _matrix_lines(rng, sizes, manager, depth)

    division_ids, teams = _departments(sizes)
    department: list[int | None] = [None] * count
    next_team = dict.fromkeys(division_ids, 0)
    seen_divisions = 0
    for employee in range(1, count):
        boss = manager[employee]
        if depth[employee] == 1:
            department[employee] = division_ids[seen_divisions % len(division_ids)]
            seen_divisions += 1
        elif depth[employee] == 2 and teams.get(department[boss]):
            options = teams[department[boss]]
            department[employee] = options[next_team[department[boss]] % len(options)]
            next_team[department[boss]] += 1
        else:
            department[employee] = department[boss]

    bosses = {m for m in manager if m is not None}
    leaves = [e for e in range(count) if e not in bosses and e > 1]
    sampled = sorted(rng.sample(leaves, min(len(leaves), sizes.sampled_members)))
    special = {0: "ceo", 1: "hr", wide: "manager", (sampled or [-1])[0]: "employee"}

    people = []
    for employee in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        local = special.get(employee) or f"{first}.{last}.{employee}".lower()
        if employee == 0:
            title = "Managing Director"
        elif employee == 1:
            title = "HR Director"
        elif depth[employee] == 1:
            title = "Director"
        elif employee in bosses:
            title = "Team Manager"
        else:
            title = rng.choice(TITLES)
        start = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
        people.append((f"{local}@{domain}", f"E{employee:06d}", first, last, title, start))

    signed_in = sorted({0, 1, *bosses, *sampled} & set(range(count)))
    user_ids = _users(
        [(people[e][0], f"{people[e][2]} {people[e][3]}") for e in signed_in], sizes.password
    )

    ids: list[int] = [0] * count
    for level in range(max(depth) + 1):
        members = [e for e in range(count) if depth[e] == level]
        rows = []
        for e in members:
            email, external_id, first, last, title, start = people[e]
            weight = 100 - sum(w for _, w in matrix.get(e, ()))
            boss = manager[e]
            rows.append(
                (
                    email,
                    external_id,
                    first,
                    last,
                    title,
                    department[e],
                    None if boss is None else ids[boss],
                    weight,
                    start,
                    True,
                    user_ids.get(email),
                )
            )
        for e, new_id in zip(
            members, insert_rows(Employee, EMPLOYEE_FIELDS, rows, returning_ids=True), strict=True
        ):
            ids[e] = new_id

    insert_rows(
        SecondaryManager,
        ["employee_id", "manager_id", "weight"],
        [(ids[e], ids[m], w) for e, lines in matrix.items() for m, w in lines],
    )
    Membership.objects.bulk_create(
        [
            Membership(
                organization=organization,
                user_id=user_ids[people[e][0]],
                role=Membership.Role.ADMIN if e == 1 else Membership.Role.MEMBER,
            )
            for e in signed_in
        ],
        batch_size=2000,
    )
    return {
        "departments": len(division_ids) + sum(len(t) for t in teams.values()),
        "employees": count,
        "managers": len(bosses),
        "matrix_lines": sum(len(lines) for lines in matrix.values()),
        "members": len(signed_in),
    }


def _users(people: list[tuple[str, str]], password: str) -> dict[str, int]:
    """Users for (email, full name); one password hash shared by all (hashing is slow)."""
    User = get_user_model()
    hashed = make_password(password)
    User.objects.bulk_create(
        [User(email=email, full_name=name, password=hashed) for email, name in people],
        batch_size=2000,
        ignore_conflicts=True,
    )
    emails = [email for email, _ in people]
    return dict(User.objects.filter(email__in=emails).values_list("email", "id"))
