"""Reads of talent pools: who reads them (HR only, like potential) and the members their
criteria suggest (9-box boxes, an aspired role, a minimum level in one capability)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from assessments.selectors import cycles as cycle_selectors
from plms.people import selectors as people_selectors
from plms.people.models import Employee
from plms.tenancy.actors import Actor
from talent import performance, selectors
from talent.models import Aspiration, TalentPool, TalentPoolMember


def may_read_pools(*, actor: Actor) -> bool:
    """The one rule for pools: HR admins and keys with the scope; nobody else."""
    return actor.is_admin


def pools_for_viewer(*, actor: Actor) -> QuerySet[TalentPool]:
    queryset = TalentPool.objects.select_related("aspired_role", "capability").prefetch_related(
        Prefetch(
            "members",
            queryset=TalentPoolMember.objects.select_related("employee").order_by(
                "employee__last_name", "employee__first_name", "id"
            ),
        )
    )
    if not may_read_pools(actor=actor):
        return queryset.none()
    return queryset


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
