"""Reads of talent pools: who reads them and the members their criteria suggest (9-box boxes,
an aspired role, a minimum level in one capability).

Pools are confidential like potential: HR admins (and keys, which act as HR within their scope)
read every pool; a person HR granted a pool (an object permission) reads that pool, unless they
are in it; nobody else reads any. `pools_for_viewer` is the one place that decides, and every
page and API route reads pools through it. Reads are recorded by `pool_services.pool_read`."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from assessments.selectors import cycles as cycle_selectors
from plms.people import selectors as people_selectors
from plms.people.models import Employee
from plms.tenancy.actors import Actor
from talent import performance, selectors
from talent.models import (
    READ_POOL,
    Aspiration,
    TalentPool,
    TalentPoolItem,
    TalentPoolMember,
    TalentPoolUserObjectPermission,
)


def _granted_pool_ids(actor: Actor) -> QuerySet:
    return TalentPoolUserObjectPermission.objects.filter(
        user=actor.user, permission__codename=READ_POOL
    ).values("content_object_id")


def pools_for_viewer(*, actor: Actor) -> QuerySet[TalentPool]:
    """The pools the actor may read, each with its members (and their programme plans), its
    programme and its workflow: a constant number of queries for any number of pools."""
    queryset = TalentPool.objects.select_related(
        "aspired_role", "capability", "workflow"
    ).prefetch_related(
        Prefetch(
            "members",
            queryset=TalentPoolMember.objects.select_related(
                "employee", "employee__department", "plan"
            ).order_by("employee__last_name", "employee__first_name", "id"),
        ),
        Prefetch(
            "programme",
            queryset=TalentPoolItem.objects.select_related("item").order_by("added_at", "id"),
        ),
    )
    if actor.is_admin:
        return queryset
    if actor.user is None or actor.employee is None:
        return queryset.none()
    mine = TalentPoolMember.objects.filter(employee=actor.employee).values("pool_id")
    return queryset.filter(id__in=_granted_pool_ids(actor)).exclude(id__in=mine)


def may_read_pools(*, actor: Actor) -> bool:
    """Whether the actor reads any pool at all (the pools page's entry)."""
    return actor.is_admin or pools_for_viewer(actor=actor).exists()


def pool_readers(*, pool: TalentPool) -> list:
    """The people HR granted this pool (users, with their employee when they have one)."""
    granted = TalentPoolUserObjectPermission.objects.filter(
        content_object=pool, permission__codename=READ_POOL
    ).values("user_id")
    return list(
        people_selectors.employees()
        .filter(user_id__in=granted)
        .order_by("last_name", "first_name", "id")
    )


def pool_get_for_viewer(*, actor: Actor, uuid) -> TalentPool | None:
    return pools_for_viewer(actor=actor).filter(uuid=uuid).first()


def box_of(*, employee_ids: list[int] | None = None) -> dict[int, str]:
    """{employee id: "performance-potential"} in the latest closed cycle."""
    cycle = cycle_selectors.latest_closed_cycle()
    if cycle is None:
        return {}
    ratings = performance.performance_ratings(employee_ids=employee_ids, cycle=cycle)
    potentials = selectors.potential_levels(employee_ids=ratings)
    return {e: f"{ratings[e]}-{potentials[e]}" for e in ratings if e in potentials}


def suggested_members(*, pool: TalentPool) -> list[Employee]:
    """Active people meeting every criterion the pool sets and not in it yet; a pool
    without criteria suggests nobody."""
    if not (pool.boxes or pool.aspired_role_id or pool.capability_id):
        return []
    ids = set(people_selectors.employees().values_list("id", flat=True))
    ids -= set(TalentPoolMember.objects.filter(pool=pool).values_list("employee_id", flat=True))
    if pool.boxes and ids:
        placed = box_of(employee_ids=list(ids))
        ids = {e for e in ids if placed.get(e) in set(pool.boxes)}
    if pool.aspired_role_id and ids:
        ids &= set(
            Aspiration.objects.filter(
                role_id=pool.aspired_role_id, employee_id__in=ids
            ).values_list("employee_id", flat=True)
        )
    if pool.capability_id and ids:
        levels = selectors.latest_levels(employee_ids=ids)
        minimum = pool.minimum_level or 1
        ids = {
            e
            for e in ids
            if levels[e].get(pool.capability_id) is not None
            and levels[e][pool.capability_id] >= minimum
        }
    return list(people_selectors.employees().filter(id__in=ids).order_by("last_name", "first_name"))
