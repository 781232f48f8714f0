"""The capability library at scale: scale, capabilities with described levels, job roles with
their scorecards, and a current job role for every employee.

- scale: the default five levels (`scale_ensure`), or `scale_levels` generic ones;
- library: `capabilities` capabilities adopted from the shipped catalogue (its categories,
  descriptions and level descriptors; past the catalogue's size, variants of its entries),
  then published as framework version 1, which requirements point at;
- job roles: `job_roles` for 10,000 employees (scaled, at least `MIN_ROLES`) in families, a
  tenth of them management roles, each requiring 8-12 capabilities (targets 2-5, weights
  1-3), mostly from two categories of its family;
- assignments: managers hold a management role, everyone else a role of their division's
  family, all current and started before the first closed assessment cycle.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from bench.generators import Sizes
from bench.generators.people import DIVISIONS, TEAMS
from capabilities.catalogue.loader import catalogue_load
from capabilities.models import (
    Capability,
    CapabilityCategory,
    CapabilityLevel,
    CatalogueCapability,
    CompetencyScale,
    FrameworkVersion,
    JobRole,
    RoleAssignment,
    RoleRequirement,
    ScaleLevel,
)
from capabilities.services.frameworks import framework_publish
from capabilities.services.scales import DEFAULT_SCALE, scale_ensure
from plms.common.db import insert_rows
from plms.people.models import Department, Employee
from plms.tenancy.actors import Actor

MIN_ROLES = 6
# Share of the job roles held by managers (managers share them).
MANAGEMENT_SHARE = 0.1
ROLE_TITLES = (
    "Associate",
    "Specialist",
    "Senior Specialist",
    "Analyst",
    "Advisor",
    "Coordinator",
    "Lead",
    "Principal",
)
MANAGEMENT_TITLES = ("Team Manager", "Senior Manager", "Head of Department", "Director")
VARIANTS = ("Advanced practice", "Applied", "Strategic", "Specialist")
# Catalogue categories a management role draws most of its requirements from.
MANAGEMENT_CATEGORIES = ("leadership", "people-management")
# How far back the current role assignments started (before the first closed cycle).
ASSIGNED_DAYS_AGO = 800


def _scale(levels: int) -> list[int]:
    """The organisation's scale with `levels` levels; returns the level numbers."""
    if levels == len(DEFAULT_SCALE):
        scale = scale_ensure()
    else:
        scale = CompetencyScale.objects.create(proficient_level=(levels + 1) // 2)
        insert_rows(
            ScaleLevel,
            ["scale_id", "number", "name", "description"],
            [
                (scale.pk, number, f"Level {number}", f"Level {number} of {levels}.")
                for number in range(1, levels + 1)
            ],
        )
    return list(
        ScaleLevel.objects.filter(scale=scale).order_by("number").values_list("number", flat=True)
    )


def _library(count: int, numbers: list[int]) -> tuple[list[int], dict[int, str]]:
    """Adopt `count` capabilities from the catalogue with a descriptor per level of the scale.
    Returns the capability ids and the catalogue category key of each."""
    shipped = (
        CatalogueCapability.objects.select_related("category")
        .prefetch_related("levels")
        .order_by("category__position", "position", "key")
    )
    if not shipped.exists():  # a database whose catalogue was emptied: load the shipped one
        catalogue_load()
    catalogue = list(shipped)
    categories = list(dict.fromkeys(item.category for item in catalogue))
    category_ids = insert_rows(
        CapabilityCategory,
        ["name", "description", "position", "source_key"],
        [(c.name, c.description, index, c.key) for index, c in enumerate(categories)],
        returning_ids=True,
    )
    category_id = {c.pk: new_id for c, new_id in zip(categories, category_ids, strict=True)}

    rows, sources = [], []
    for index in range(count):
        item = catalogue[index % len(catalogue)]
        lap = index // len(catalogue)
        if lap:
            variant = VARIANTS[(lap - 1) % len(VARIANTS)]
            suffix = "" if lap <= len(VARIANTS) else f" {lap}"
            name, key, source_key, revision = (
                f"{item.name} ({variant.lower()}{suffix})",
                f"{item.key}-{lap + 1}",
                "",
                None,
            )
        else:
            name, key, source_key, revision = item.name, item.key, item.key, item.revision
        rows.append(
            (
                key,
                name,
                category_id[item.category_id],
                item.description,
                list(item.tags),
                "active",
                source_key,
                revision,
            )
        )
        sources.append(item)
    capability_ids = insert_rows(
        Capability,
        [
            "key",
            "name",
            "category_id",
            "description",
            "tags",
            "status",
            "source_key",
            "source_revision",
        ],
        rows,
        returning_ids=True,
    )

    top = max(numbers)
    levels = []
    for capability_id, item in zip(capability_ids, sources, strict=True):
        described = {level.level: level for level in item.levels.all()}
        highest = max(described) if described else 1
        for number in numbers:
            # The catalogue describes five levels: map this scale's levels onto them.
            source = described.get(round(1 + (number - 1) * (highest - 1) / max(1, top - 1)))
            levels.append(
                (
                    capability_id,
                    number,
                    source.descriptor if source else f"Level {number} of {item.name}.",
                    list(source.indicators) if source else [],
                )
            )
    insert_rows(
        CapabilityLevel,
        ["capability_id", "level", "descriptor", "indicators"],
        levels,
        page_size=2000,
    )
    return capability_ids, {
        cid: item.category.key for cid, item in zip(capability_ids, sources, strict=True)
    }


def _roles(
    rng: random.Random,
    sizes: Sizes,
    capability_category: dict[int, str],
    numbers: list[int],
    version: FrameworkVersion,
) -> tuple[list[int], dict[str, list[int]], int]:
    """Job roles with their requirements. Returns the management role ids, the other role ids
    by family (division name), and the number of requirements."""
    count = max(MIN_ROLES, sizes.scaled(sizes.job_roles))
    management = max(2, round(count * MANAGEMENT_SHARE))
    families = list(DIVISIONS)
    by_category: dict[str, list[int]] = {}
    for capability_id, key in capability_category.items():
        by_category.setdefault(key, []).append(capability_id)
    category_keys = sorted(by_category)
    everything = list(capability_category)

    specs: list[tuple[str, str, str, list[str]]] = []  # name, family, grade, home categories
    for index in range(management):
        title = MANAGEMENT_TITLES[index % len(MANAGEMENT_TITLES)]
        lap = index // len(MANAGEMENT_TITLES)
        name = title + (f", {TEAMS[(lap - 1) % len(TEAMS)]}" if lap else "")
        if lap > len(TEAMS):
            name += f" {lap}"
        homes = [key for key in MANAGEMENT_CATEGORIES if key in by_category] or category_keys[:2]
        specs.append((name, "Management", f"M{index % len(MANAGEMENT_TITLES) + 1}", homes))
    for index in range(count - management):
        family = families[index % len(families)]
        step = index // len(families)
        title = ROLE_TITLES[step % len(ROLE_TITLES)]
        lap = step // len(ROLE_TITLES)
        name = f"{family} {title}" + (f", {TEAMS[(lap - 1) % len(TEAMS)]}" if lap else "")
        if lap > len(TEAMS):
            name += f" {lap}"
        first = families.index(family)
        homes = [
            category_keys[first % len(category_keys)],
            category_keys[(first + 3) % len(category_keys)],
        ]
        specs.append((name, family, f"G{step % len(ROLE_TITLES) + 1}", homes))

    role_ids = insert_rows(
        JobRole,
        ["key", "name", "family", "grade", "description"],
        [
            (
                f"role-{index + 1:04d}",
                name,
                family,
                grade,
                f"{name}: a generated role of the {family.lower()} family.",
            )
            for index, (name, family, grade, _) in enumerate(specs)
        ],
        returning_ids=True,
    )

    low_target = min(2, max(numbers))
    high_target = min(5, max(numbers))
    low_count, high_count = sizes.role_requirements
    requirements = []
    for role_id, (_, _, _, homes) in zip(role_ids, specs, strict=True):
        wanted = rng.randint(low_count, high_count)
        home = [cid for key in homes for cid in by_category[key]]
        picked = rng.sample(home, min(len(home), round(wanted * 0.6)))
        rest = [cid for cid in everything if cid not in set(picked)]
        picked += rng.sample(rest, min(len(rest), wanted - len(picked)))
        for capability_id in picked:
            requirements.append(
                (
                    role_id,
                    capability_id,
                    rng.randint(low_target, high_target),
                    rng.randint(1, 3),
                    rng.random() < 0.8,
                    version.pk,
                )
            )
    insert_rows(
        RoleRequirement,
        ["role_id", "capability_id", "target_level", "weight", "is_core", "framework_version_id"],
        requirements,
    )
    family_roles: dict[str, list[int]] = {family: [] for family in families}
    for role_id, (_, family, _, _) in zip(role_ids[management:], specs[management:], strict=True):
        family_roles[family].append(role_id)
    return role_ids[:management], family_roles, len(requirements)


def _assignments(
    rng: random.Random, management: list[int], family_roles: dict[str, list[int]]
) -> int:
    """A current role for every employee: managers a management role, others one of their
    division's family (any family when the division has no roles of its own)."""
    departments = dict(Department.objects.values_list("id", "parent_id"))
    names = dict(Department.objects.values_list("id", "name"))
    employees = list(Employee.objects.order_by("id").values_list("id", "department_id"))
    managers = set(
        Employee.objects.filter(manager__isnull=False).values_list("manager_id", flat=True)
    )
    all_roles = [role for roles in family_roles.values() for role in roles] or management
    since = timezone.now() - timedelta(days=ASSIGNED_DAYS_AGO)
    rows = []
    for employee_id, department_id in employees:
        if employee_id in managers:
            role = rng.choice(management)
        else:
            division = department_id
            while division is not None and departments.get(division) is not None:
                division = departments[division]
            roles = family_roles.get(names.get(division, ""), []) or all_roles
            role = rng.choice(roles)
        rows.append((employee_id, role, since - timedelta(days=rng.randrange(365))))
    insert_rows(RoleAssignment, ["employee_id", "role_id", "started_at"], rows)
    return len(rows)


def generate(actor: Actor, rng: random.Random, sizes: Sizes) -> dict[str, int]:
    numbers = _scale(sizes.scale_levels)
    capability_ids, capability_category = _library(sizes.capabilities, numbers)
    version = framework_publish(actor=actor, note="Generated library")
    management, family_roles, requirements = _roles(
        rng, sizes, capability_category, numbers, version
    )
    assignments = _assignments(rng, management, family_roles)
    return {
        "scale_levels": len(numbers),
        "capabilities": len(capability_ids),
        "capability_levels": len(capability_ids) * len(numbers),
        "job_roles": len(management) + sum(len(r) for r in family_roles.values()),
        "role_requirements": requirements,
        "role_assignments": assignments,
    }
