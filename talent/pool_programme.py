"""A talent pool's development programme: shared learning items every member has in their
programme plan (given through learning's `plans_assign`, members who join later too), and a
Momentum workflow for its cadence whose audience is kept to the pool's members.

The programme plan names the programme (`programme_name`), never the pool: the members learn
they are in a programme, not which confidential pool put them there.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from learning.models import LearningItem
from learning.services.assigned import plans_assign
from plms.audit.services import audit_record
from plms.common.errors import ApplicationError
from plms.tenancy.actors import Actor, same_organization
from talent.error_codes import ALREADY_NAMED, INVALID
from talent.models import TalentPool, TalentPoolItem, TalentPoolMember
from workflows import services as workflow_services
from workflows.models import WorkflowTemplate

DEFAULT_PROGRAMME_NAME = "Development programme"


def programme_title(pool: TalentPool) -> str:
    return pool.programme_name or DEFAULT_PROGRAMME_NAME


def _assign(
    actor: Actor, pool: TalentPool, members: Sequence[TalentPoolMember], items: list
) -> None:
    """Give `members` the `items` in their programme plan (one plan per member, reused while
    it is open); remember each member's plan."""
    if not members or not items:
        return
    title = programme_title(pool)
    plans = plans_assign(
        actor=actor,
        people={m.employee: m.plan for m in members},
        items=items,
        title=title,
        reason=_("Part of %(programme)s.") % {"programme": title},
    )
    changed = []
    for member in members:
        plan = plans.get(member.employee_id)
        if plan is not None and member.plan_id != plan.pk:
            member.plan = plan
            changed.append(member)
    TalentPoolMember.objects.bulk_update(changed, ["plan"])


def programme_items(*, pool: TalentPool) -> list[LearningItem]:
    return [
        row.item
        for row in TalentPoolItem.objects.filter(pool=pool)
        .select_related("item")
        .order_by("added_at", "id")
    ]


def members_joined(*, actor: Actor, pool: TalentPool, members: Sequence[TalentPoolMember]) -> None:
    """New members get the programme so far and join the cadence workflow's audience."""
    _assign(actor, pool, members, programme_items(pool=pool))
    _sync_workflow(actor, pool, joined=len(members))


def member_left(*, actor: Actor, pool: TalentPool) -> None:
    """The workflow's audience follows; the plan keeps what was given (it is the person's)."""
    _sync_workflow(actor, pool)


@transaction.atomic
def programme_items_add(
    *, actor: Actor, pool: TalentPool, items: Sequence[LearningItem]
) -> list[TalentPoolItem]:
    """Add learning items to the programme: every member has them in their programme plan."""
    actor.require_admin()
    same_organization(actor, pool, *items)
    have = set(TalentPoolItem.objects.filter(pool=pool).values_list("item_id", flat=True))
    new = [item for item in dict.fromkeys(items) if item.pk not in have]
    if not new:
        return []
    rows = TalentPoolItem.objects.bulk_create(
        TalentPoolItem(organization_id=pool.organization_id, pool=pool, item=item) for item in new
    )
    audit_record(
        actor=actor,
        action="talent_pool.programme_changed",
        obj=pool,
        changes={"added": [item.title for item in new]},
    )
    members = list(TalentPoolMember.objects.filter(pool=pool).select_related("employee", "plan"))
    _assign(actor, pool, members, new)
    return rows


@transaction.atomic
def programme_item_remove(*, actor: Actor, pool: TalentPool, item: LearningItem) -> None:
    """Take an item out of the programme: new members no longer get it; plans keep it."""
    actor.require_admin()
    same_organization(actor, pool, item)
    if TalentPoolItem.objects.filter(pool=pool, item=item).delete()[0]:
        audit_record(
            actor=actor,
            action="talent_pool.programme_changed",
            obj=pool,
            changes={"removed": [item.title]},
        )


# --- The cadence: a Momentum workflow ------------------------------------------------------------


@transaction.atomic
def workflow_attach(*, actor: Actor, pool: TalentPool, workflow: WorkflowTemplate) -> TalentPool:
    """Run `workflow` for the pool's members: its audience becomes them, and follows every
    member who joins or leaves. One pool per workflow."""
    actor.require_admin()
    same_organization(actor, pool, workflow)
    if workflow.status == WorkflowTemplate.Status.CANCELLED:
        raise ApplicationError(
            INVALID, "A cancelled workflow runs for nobody.", fields={"workflow": "Cancelled."}
        )
    if TalentPool.objects.filter(workflow=workflow).exclude(pk=pool.pk).exists():
        raise ApplicationError(
            ALREADY_NAMED,
            f"{workflow.name} runs for another pool already.",
            fields={"workflow": "Another pool's."},
        )
    if pool.workflow_id == workflow.pk:
        return pool
    workflow_detach(actor=actor, pool=pool)
    pool.workflow = workflow
    pool.save(update_fields=["workflow"])
    audit_record(
        actor=actor,
        action="talent_pool.workflow_attached",
        obj=pool,
        changes={"workflow": workflow.name},
    )
    _sync_workflow(actor, pool)
    return pool


@transaction.atomic
def workflow_detach(*, actor: Actor, pool: TalentPool) -> TalentPool:
    """The pool's workflow stops running for its members: an active one is paused."""
    actor.require_admin()
    same_organization(actor, pool)
    template = _workflow(pool)
    if template is None:
        return pool
    if template.status == WorkflowTemplate.Status.ACTIVE:
        workflow_services.workflow_template_pause(actor=actor, template=template)
    pool.workflow = None
    pool.save(update_fields=["workflow"])
    audit_record(
        actor=actor,
        action="talent_pool.workflow_detached",
        obj=pool,
        changes={"workflow": template.name},
    )
    return pool


def _workflow(pool: TalentPool) -> WorkflowTemplate | None:
    if pool.workflow_id is None:
        return None
    return WorkflowTemplate.objects.filter(pk=pool.workflow_id).first()


def _sync_workflow(actor: Actor, pool: TalentPool, joined: int = 0) -> None:
    """The workflow's audience is the pool's active members. A workflow cannot run for
    nobody, so an active one pauses while the pool is empty and resumes when the pool's
    first member joins again."""
    template = _workflow(pool)
    if template is None or template.status == WorkflowTemplate.Status.CANCELLED:
        return
    ids = [
        str(uuid)
        for uuid in TalentPoolMember.objects.filter(pool=pool, employee__active=True)
        .order_by("employee__last_name", "employee__first_name", "id")
        .values_list("employee__uuid", flat=True)
    ]
    if not ids:
        if template.status == WorkflowTemplate.Status.ACTIVE:
            workflow_services.workflow_template_pause(actor=actor, template=template)
        return
    if template.audience != WorkflowTemplate.Audience.PEOPLE or template.audience_ids != ids:
        template = workflow_services.workflow_template_update(
            actor=actor,
            template=template,
            audience=WorkflowTemplate.Audience.PEOPLE,
            audience_ids=ids,
        )
    if template.status == WorkflowTemplate.Status.PAUSED and joined and joined == len(ids):
        workflow_services.workflow_template_resume(actor=actor, template=template)
