"""Momentum's tick: find the organizations with work and, per organization, start runs, complete
and claim steps, and enqueue their dispatch once the claim commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from plms.tenancy.context import (
    dangerously_all_organizations,
    organization_transaction,
    require_organization_id,
)
from plms.tenancy.models import Organization
from workflows import milestones as registry
from workflows import notifications
from workflows.engine.runs import template_materialise
from workflows.engine.steps import claimable_q, steps_claim, steps_complete
from workflows.models import (
    MilestoneRun,
    Notification,
    NotificationDigest,
    WorkflowTemplate,
)

State = MilestoneRun.State


# --- The tick --------------------------------------------------------------------------------


def organizations_with_work(*, now: datetime) -> list[int]:
    """Organizations with anything for the tick to do (one query per kind of work)."""
    tracked = [kind.name for kind in registry.KINDS.values() if kind.awaits_completion]
    with dangerously_all_organizations():
        ids = set(
            MilestoneRun.dangerously_unscoped.filter(
                claimable_q(now) | Q(state=State.DISPATCHED, kind__in=tracked)
            )
            .values_list("organization_id", flat=True)
            .distinct()
        )
        ids |= set(
            WorkflowTemplate.dangerously_unscoped.filter(status=WorkflowTemplate.Status.ACTIVE)
            .filter(Q(trigger=WorkflowTemplate.Trigger.EVENT) | Q(next_occurrence_at__lte=now))
            .values_list("organization_id", flat=True)
            .distinct()
        )
        ids |= set(
            Notification.dangerously_unscoped.filter(
                notifications.email_claimable_q(now)
                | Q(email_state=Notification.EmailState.DIGEST, digest__isnull=True)
            )
            .values_list("organization_id", flat=True)
            .distinct()
        )
        ids |= set(
            NotificationDigest.dangerously_unscoped.exclude(
                state__in=(NotificationDigest.State.SENT, NotificationDigest.State.FAILED)
            )
            .values_list("organization_id", flat=True)
            .distinct()
        )
    # Organization is the directory, not a tenant table: loop over it explicitly.
    return list(Organization.objects.filter(id__in=ids).order_by("id").values_list("id", flat=True))


@dataclass
class OrganizationTick:
    runs_started: int = 0
    steps_completed: int = 0
    steps_claimed: int = 0
    emails: int = 0
    digests: int = 0


def _enqueue(
    task_name: str, ids: list[int], organization_id: int, now: datetime | None, chunk: int = 1
) -> None:
    """Enqueue tasks for `ids` (`chunk` ids per task) once the claim commits: a rolled-back
    claim enqueues nothing, and a message lost after it is replaced by the next tick."""
    if not ids:
        return

    def send() -> None:
        from workflows import tasks

        task = getattr(tasks, task_name)
        extra = {"now": now.isoformat()} if now is not None else {}
        for start in range(0, len(ids), chunk):
            part = ids[start : start + chunk]
            task.delay(part if chunk > 1 else part[0], organization_id=organization_id, **extra)

    transaction.on_commit(send, robust=True)


def organization_tick(*, now: datetime | None = None) -> OrganizationTick:
    """The current organization's share of a tick; each phase commits on its own.

    With `now` given (catch-up, tests), the tasks it enqueues act at that time too.
    """
    organization_id = require_organization_id()
    pinned = now
    now = now or timezone.now()
    report = OrganizationTick()
    with organization_transaction():
        template_ids = list(
            WorkflowTemplate.objects.filter(status=WorkflowTemplate.Status.ACTIVE)
            .filter(Q(trigger=WorkflowTemplate.Trigger.EVENT) | Q(next_occurrence_at__lte=now))
            .values_list("id", flat=True)
        )
    for template_id in template_ids:
        with organization_transaction():
            report.runs_started += template_materialise(template_id=template_id, now=now)
    with organization_transaction():
        report.steps_completed = steps_complete(now=now)
    batch_size = settings.PLMS_WORKFLOW_BATCH_SIZE
    budget = settings.PLMS_WORKFLOW_MAX_CLAIMS_PER_TICK
    while report.steps_claimed < budget:
        with organization_transaction():
            batch = steps_claim(now=now, limit=min(batch_size, budget - report.steps_claimed))
            _enqueue(
                "dispatch_milestones",
                batch,
                organization_id,
                pinned,
                chunk=settings.PLMS_WORKFLOW_DISPATCH_CHUNK,
            )
        report.steps_claimed += len(batch)
        if len(batch) < batch_size:
            break
    with organization_transaction():
        emails = notifications.notification_emails_due(now=now, limit=budget)
        _enqueue("send_notification_email", emails, organization_id, pinned)
        digests = notifications.digests_open(now=now)
        _enqueue("send_notification_digest", digests, organization_id, pinned)
    report.emails, report.digests = len(emails), len(digests)
    return report
