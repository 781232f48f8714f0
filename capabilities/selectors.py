"""Reads of the capability library, shaped for pages and endpoints (no query per row)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db import connection
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery

from capabilities.models import (
    Capability,
    CapabilityCategory,
    CapabilityLevel,
    CatalogueCapability,
    CatalogueCategory,
    CompetencyScale,
    FrameworkVersion,
    JobRole,
    KeyResult,
    RoleAssignment,
    RoleRequirement,
    ScaleLevel,
)
from plms.common.db import count_per_row
from plms.people.models import Employee
from plms.tenancy.context import require_organization_id

# --- Catalogue -------------------------------------------------------------------------------


def capabilities() -> QuerySet[Capability]:
    """Every capability of the organization, unshaped: other apps look capabilities up by
    public id here."""
    return Capability.objects.all()


def job_roles() -> QuerySet[JobRole]:
    """Every job role of the organization, unshaped, for lookups by public id."""
    return JobRole.objects.all()


def key_results() -> QuerySet[KeyResult]:
    """Every key result of the organization's job roles, unshaped, for lookups by public id."""
    return KeyResult.objects.all()


def catalogue_category_list() -> QuerySet[CatalogueCategory]:
    return CatalogueCategory.objects.annotate(capability_count=Count("capabilities")).order_by(
        "position", "name"
    )


def catalogue_capability_list(
    *, search: str = "", category: str = "", tag: str = ""
) -> QuerySet[CatalogueCapability]:
    queryset = CatalogueCapability.objects.select_related("category").prefetch_related("levels")
    for word in search.split():
        queryset = queryset.filter(
            Q(name__icontains=word) | Q(description__icontains=word) | Q(key__icontains=word)
        )
    if category:
        queryset = queryset.filter(category__key=category)
    if tag:
        queryset = _tag_filter(queryset, tag)
    return queryset.order_by("category__position", "position", "name")


def adopted_source_keys() -> dict[str, Capability]:
    """Adopted capabilities of the active organization by catalogue key."""
    return {
        c.source_key: c
        for c in Capability.objects.exclude(source_key="").only(
            "uuid", "name", "source_key", "source_revision", "source_revision_declined"
        )
    }


def catalogue_updates() -> list[tuple[Capability, CatalogueCapability]]:
    """Adopted capabilities whose catalogue source has a newer revision, unless the
    organisation declined that revision; by capability name."""
    adopted = adopted_source_keys()
    sources = CatalogueCapability.objects.filter(key__in=adopted.keys()).prefetch_related("levels")
    return sorted(
        (
            (adopted[source.key], source)
            for source in sources
            if adopted[source.key].source_revision != source.revision
            and adopted[source.key].source_revision_declined != source.revision
        ),
        key=lambda pair: (pair[0].name.lower(), pair[0].pk),
    )


# --- Scale -----------------------------------------------------------------------------------


def scale_get() -> CompetencyScale | None:
    return (
        CompetencyScale.objects.prefetch_related(
            Prefetch("levels", queryset=ScaleLevel.objects.order_by("number"))
        )
        .order_by("id")
        .first()
    )


# --- Library ---------------------------------------------------------------------------------


def _tag_filter(queryset: QuerySet, tag: str) -> QuerySet:
    tag = tag.strip().lower()
    if connection.vendor == "postgresql":
        return queryset.filter(tags__contains=[tag])
    # SQLite has no JSON containment; tags are stored as a JSON list of strings.
    import json

    return queryset.filter(tags__icontains=json.dumps(tag))


def category_list() -> QuerySet[CapabilityCategory]:
    return CapabilityCategory.objects.annotate(
        capability_count=Count("capabilities", filter=~Q(capabilities__status="retired"))
    ).order_by("position", "name", "id")


def category_choices() -> QuerySet[CapabilityCategory]:
    """The categories for a select box: no counts."""
    return CapabilityCategory.objects.order_by("position", "name", "id")


def capability_list(
    *,
    search: str = "",
    category: CapabilityCategory | None = None,
    status: str = "",
    tag: str = "",
    with_levels: bool = True,
) -> QuerySet[Capability]:
    queryset = Capability.objects.select_related("category", "data_steward")
    if with_levels:
        queryset = queryset.prefetch_related(
            Prefetch("levels", queryset=CapabilityLevel.objects.order_by("level"))
        )
    for word in search.split():
        queryset = queryset.filter(
            Q(name__icontains=word) | Q(description__icontains=word) | Q(key__icontains=word)
        )
    if category is not None:
        queryset = queryset.filter(category=category)
    if status:
        queryset = queryset.filter(status=status)
    if tag:
        queryset = _tag_filter(queryset, tag)
    return queryset.order_by("name", "id")


CAPABILITY_ROW_FIELDS = (
    "id",
    "uuid",
    "key",
    "name",
    "category__uuid",
    "category__name",
    "description",
    "tags",
    "status",
    "data_steward__uuid",
    "source_key",
    "source_revision",
    "created_at",
    "updated_at",
)


def capability_rows(*, ids: Sequence[int]) -> list[dict[str, Any]]:
    """These capabilities as dicts of `CAPABILITY_ROW_FIELDS` plus `levels` (a list of
    `{"level", "descriptor", "indicators"}`, lowest first), in the order of `ids`; no model
    instances (the API's list). Two queries."""
    if not ids:
        return []
    rows = {
        row["id"]: row
        for row in Capability.objects.filter(id__in=ids).order_by().values(*CAPABILITY_ROW_FIELDS)
    }
    for row in rows.values():
        row["levels"] = []
    levels = (
        CapabilityLevel.objects.filter(capability_id__in=ids)
        .order_by("capability_id", "level")
        .values_list("capability_id", "level", "descriptor", "indicators")
    )
    for capability_id, level, descriptor, indicators in levels:
        rows[capability_id]["levels"].append(
            {"level": level, "descriptor": descriptor, "indicators": indicators}
        )
    return [rows[pk] for pk in ids if pk in rows]


def capability_get(*, uuid) -> Capability | None:
    return capability_list().filter(uuid=uuid).first()


def capability_requirements(*, capability: Capability) -> QuerySet[RoleRequirement]:
    return (
        RoleRequirement.objects.filter(capability=capability)
        .select_related("role", "framework_version")
        .defer("framework_version__snapshot")
        .order_by("role__name", "id")
    )


def capability_choices() -> QuerySet[Capability]:
    """Capabilities a requirement may name (not retired), light for select boxes."""
    return (
        Capability.objects.exclude(status=Capability.Status.RETIRED)
        .select_related("category")
        .order_by("category__position", "category__name", "name")
    )


# --- Framework versions ----------------------------------------------------------------------


def framework_version_list() -> QuerySet[FrameworkVersion]:
    return FrameworkVersion.objects.defer("snapshot").order_by("-number")


def framework_version_get(*, number: int) -> FrameworkVersion | None:
    return FrameworkVersion.objects.filter(number=number).first()


@dataclass(frozen=True)
class PublishConsequences:
    """What publishing the framework now freezes, for the confirmation before it."""

    number: int  # the version it would be
    capabilities: int  # in use (active)
    levels: int  # of the competency scale
    roles: int  # job roles whose requirements will record it


def framework_publish_consequences() -> PublishConsequences:
    latest = FrameworkVersion.objects.order_by("-number").values_list("number", flat=True).first()
    return PublishConsequences(
        number=(latest or 0) + 1,
        capabilities=Capability.objects.filter(status=Capability.Status.ACTIVE).count(),
        levels=ScaleLevel.objects.count(),
        roles=JobRole.objects.count(),
    )


@dataclass
class CapabilityChange:
    key: str
    name: str
    fields: dict[str, dict] = field(default_factory=dict)
    levels: dict[str, dict] = field(default_factory=dict)


@dataclass
class FrameworkDiff:
    old: int
    new: int
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    changed: list[CapabilityChange] = field(default_factory=list)
    scale: dict[str, dict] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.scale)


def framework_diff(*, old: FrameworkVersion, new: FrameworkVersion) -> FrameworkDiff:
    """What changed between two published versions: capabilities added, removed and changed
    (fields and level descriptors), and the scale."""
    result = FrameworkDiff(old=old.number, new=new.number)
    before = old.snapshot.get("capabilities", {})
    after = new.snapshot.get("capabilities", {})
    for key in sorted(after.keys() - before.keys()):
        result.added.append({"key": key, **after[key]})
    for key in sorted(before.keys() - after.keys()):
        result.removed.append({"key": key, **before[key]})
    for key in sorted(before.keys() & after.keys()):
        a, b = before[key], after[key]
        change = CapabilityChange(key=key, name=b["name"])
        for name in sorted((a.keys() | b.keys()) - {"levels"}):
            if a.get(name) != b.get(name):
                change.fields[name] = {"before": a.get(name), "after": b.get(name)}
        levels_a, levels_b = a.get("levels", {}), b.get("levels", {})
        for number in sorted(levels_a.keys() | levels_b.keys(), key=int):
            if levels_a.get(number) != levels_b.get(number):
                change.levels[number] = {
                    "before": levels_a.get(number),
                    "after": levels_b.get(number),
                }
        if change.fields or change.levels:
            result.changed.append(change)
    scale_a, scale_b = old.snapshot.get("scale", {}), new.snapshot.get("scale", {})
    for name in sorted(scale_a.keys() | scale_b.keys()):
        if scale_a.get(name) != scale_b.get(name):
            result.scale[name] = {"before": scale_a.get(name), "after": scale_b.get(name)}
    return result


# --- Job roles -------------------------------------------------------------------------------


def job_role_list(*, search: str = "", family: str = "") -> QuerySet[JobRole]:
    queryset = JobRole.objects.annotate(
        requirement_count=count_per_row(
            RoleRequirement.objects.filter(role=OuterRef("pk")), of="role"
        ),
        holder_count=count_per_row(
            RoleAssignment.objects.filter(role=OuterRef("pk"), ended_at__isnull=True), of="role"
        ),
    )
    for word in search.split():
        queryset = queryset.filter(
            Q(name__icontains=word) | Q(family__icontains=word) | Q(description__icontains=word)
        )
    if family:
        queryset = queryset.filter(family=family)
    return queryset.order_by("family", "name", "id")


def job_role_choices() -> QuerySet[JobRole]:
    """Every job role for a list of check boxes: names only, no counts (an organisation has
    hundreds of roles at most, each one line)."""
    return JobRole.objects.only("uuid", "name", "family").order_by("family", "name", "id")


def job_role_list_detailed() -> QuerySet[JobRole]:
    """Roles with requirements (and their capabilities and versions) and key results."""
    return JobRole.objects.prefetch_related(
        Prefetch(
            "requirements",
            queryset=RoleRequirement.objects.select_related(
                "capability", "capability__category", "framework_version"
            )
            .defer("framework_version__snapshot")
            .order_by("-is_core", "capability__name", "id"),
        ),
        Prefetch("key_results", queryset=KeyResult.objects.order_by("position", "id")),
    ).order_by("family", "name", "id")


def role_requirement_rows(*, role_ids: Iterable[int]) -> list[tuple[int, int, str, int, int]]:
    """(role id, capability id, capability name, target level, weight) of these roles'
    requirements, in each role's order (core first, then by capability name): one query, no
    model instances."""
    return list(
        RoleRequirement.objects.filter(role_id__in=list(role_ids))
        .order_by("role_id", "-is_core", "capability__name", "id")
        .values_list("role_id", "capability_id", "capability__name", "target_level", "weight")
    )


def job_role_get(*, uuid) -> JobRole | None:
    return job_role_list_detailed().filter(uuid=uuid).first()


def requirement_get(*, uuid) -> RoleRequirement | None:
    return RoleRequirement.objects.select_related("role", "capability").filter(uuid=uuid).first()


def job_role_families() -> list[str]:
    return list(
        JobRole.objects.exclude(family="")
        .order_by("family")
        .values_list("family", flat=True)
        .distinct()
    )


def role_holders(*, role: JobRole) -> QuerySet[RoleAssignment]:
    return (
        RoleAssignment.objects.filter(role=role, ended_at__isnull=True)
        .select_related("employee")
        .order_by("employee__last_name", "employee__first_name", "id")
    )


def job_roles_by_reference(references: Iterable[str]) -> dict[str, JobRole]:
    """{reference: role} for references that are a job role's id or its key (one query);
    references that name no role are left out."""
    references = {str(reference).strip() for reference in references if reference}
    ids = set()
    for reference in references:
        try:
            ids.add(UUID(reference))
        except ValueError:
            continue
    found: dict[str, JobRole] = {}
    for role in JobRole.objects.filter(Q(uuid__in=ids) | Q(key__in=references)):
        for reference in (str(role.uuid), role.key):
            if reference in references:
                found[reference] = role
    for reference in references - set(found):  # ids written in another case
        try:
            same = found.get(str(UUID(reference)))
        except ValueError:
            continue
        if same is not None:
            found[reference] = same
    return found


def with_current_role(employees: QuerySet[Employee]) -> QuerySet[Employee]:
    """`employees` annotated with the key and name of the job role each holds now (or None)."""
    held = RoleAssignment.objects.filter(employee=OuterRef("pk"), ended_at__isnull=True)
    return employees.annotate(
        job_role_key=Subquery(held.values("role__key")[:1]),
        job_role_name=Subquery(held.values("role__name")[:1]),
    )


def role_assignment_list() -> QuerySet[RoleAssignment]:
    """Every job role assignment, current and past (the API's `job-role-assignments`)."""
    return RoleAssignment.objects.select_related("employee", "role").order_by("-started_at", "-id")


def current_role_uuids(*, employee_ids: Iterable[int]) -> dict[int, str]:
    """{employee id: public id of the role held now} for these employees (one query)."""
    return {
        employee_id: str(role_uuid)
        for employee_id, role_uuid in RoleAssignment.objects.filter(
            employee_id__in=list(employee_ids), ended_at__isnull=True
        ).values_list("employee_id", "role__uuid")
    }


def current_roles(*, employee_ids: Iterable[int]) -> dict[int, tuple[UUID, str]]:
    """{employee id: (public id, name) of the role held now} for these employees (one query)."""
    return {
        employee_id: (role_uuid, name)
        for employee_id, role_uuid, name in RoleAssignment.objects.filter(
            employee_id__in=list(employee_ids), ended_at__isnull=True
        ).values_list("employee_id", "role__uuid", "role__name")
    }


def current_role_for(*, employee: Employee) -> JobRole | None:
    assignment = (
        RoleAssignment.objects.filter(employee=employee, ended_at__isnull=True)
        .select_related("role")
        .first()
    )
    return assignment.role if assignment else None


def levels_by_capability(
    capabilities: Iterable[Capability],
) -> dict[int, dict[int, CapabilityLevel]]:
    """Level descriptors of several capabilities in one query: {capability id: {level: …}}."""
    result: dict[int, dict[int, CapabilityLevel]] = {}
    ids = [c.pk for c in capabilities]
    for level in CapabilityLevel.objects.filter(capability_id__in=ids).order_by("level"):
        result.setdefault(level.capability_id, {})[level.level] = level
    return result


# --- Redundancy audit ------------------------------------------------------------------------

_STOPWORDS = {"and", "the", "of", "for", "to", "a", "an", "in", "with"}


def normalise_name(name: str) -> str:
    """Lower-case words without punctuation, stop words or plural endings, sorted."""
    words = re.sub(r"[^a-z0-9]+", " ", name.lower().replace("&", " and ")).split()
    stems = [
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words
    ]
    return " ".join(sorted(w for w in stems if w not in _STOPWORDS))


@dataclass(frozen=True)
class DuplicateCandidate:
    first: Capability
    second: Capability
    similarity: float
    same_normalised_name: bool


def capability_duplicates(*, threshold: float = 0.5) -> list[DuplicateCandidate]:
    """Pairs of capabilities (not retired) that are likely the same, most similar first.

    Equal normalised names always count. Beyond that PostgreSQL compares names with trigram
    similarity (pg_trgm); other databases use difflib's ratio on the normalised names.
    """
    capabilities = {
        c.pk: c
        for c in Capability.objects.exclude(status=Capability.Status.RETIRED).select_related(
            "category"
        )
    }
    scores: dict[tuple[int, int], float] = {}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT a.id, b.id, similarity(lower(a.name), lower(b.name))
                FROM capabilities_capability a
                JOIN capabilities_capability b
                  ON b.organization_id = a.organization_id AND a.id < b.id
                WHERE a.organization_id = %s AND a.status <> 'retired' AND b.status <> 'retired'
                  AND similarity(lower(a.name), lower(b.name)) >= %s
                """,
                [require_organization_id(), threshold],
            )
            for a, b, score in cursor.fetchall():
                scores[(a, b)] = float(score)
    else:
        items = sorted(capabilities.values(), key=lambda c: c.pk)
        names = {c.pk: normalise_name(c.name) for c in items}
        for i, a in enumerate(items):
            for b in items[i + 1 :]:
                ratio = difflib.SequenceMatcher(None, names[a.pk], names[b.pk]).ratio()
                if ratio >= max(threshold, 0.75):
                    scores[(a.pk, b.pk)] = ratio
    by_name: dict[str, list[int]] = {}
    for capability in capabilities.values():
        by_name.setdefault(normalise_name(capability.name), []).append(capability.pk)
    same: set[tuple[int, int]] = set()
    for ids in by_name.values():
        ids.sort()
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                same.add((a, b))
                scores[(a, b)] = 1.0
    candidates = [
        DuplicateCandidate(capabilities[a], capabilities[b], round(score, 2), (a, b) in same)
        for (a, b), score in scores.items()
        if a in capabilities and b in capabilities
    ]
    return sorted(candidates, key=lambda c: (-c.similarity, c.first.name, c.second.name))
