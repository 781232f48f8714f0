"""A year of Momentum history at scale.

- template: "Monthly check-in preparation", a recurring template for everyone with a manager
  that ran on the first of each month for `sizes.momentum_months` months (`COUNT` in its
  rule, so it has run its course: no next occurrence, the benchmark's tick starts nothing);
  two milestones: the manager is asked to prepare the check-in, the employee to add their
  progress;
- runs: one per occurrence for everyone with a manager, completed;
- steps: one per milestone per run, done as dispatching leaves them;
- notifications: one per step to the recipient's sign-in when they have one (managers and a
  sample of employees); those of the last month unread, the older ones read.

This is the history a year-old organisation carries: the benchmark's Momentum jobs then run
over tables of a realistic size, with statistics that say so, as they would in production.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

from bench.generators import Sizes
from plms.common.db import insert_rows
from plms.people.models import Employee
from plms.tenancy.actors import Actor
from workflows import notifications
from workflows.models import (
    MilestoneRun,
    Notification,
    WorkflowMilestone,
    WorkflowRun,
    WorkflowTemplate,
)

TEMPLATE_NAME = "Monthly check-in preparation"
MILESTONES = (
    # (position, name, recipients, message)
    (
        1,
        "Prepare the check-in with {employee}",
        WorkflowMilestone.Recipients.MANAGER,
        "Look at {employee}'s goals and feedback before your monthly check-in.",
    ),
    (
        2,
        "Add your progress before the check-in",
        WorkflowMilestone.Recipients.EMPLOYEE,
        "Record progress on your goals so that the check-in can focus on what is next.",
    ),
)
RUN_FIELDS = [
    "template_id",
    "employee_id",
    "occurrence",
    "anchor_at",
    "state",
    "started_at",
    "completed_at",
]
STEP_FIELDS = [
    "uuid",
    "run_id",
    "template_id",
    "milestone_id",
    "kind",
    "occasion",
    "state",
    "due_at",
    "attempts",
    "claimed_at",
    "dispatched_at",
    "completed_at",
    "outcome",
    "last_error",
    "object_type",
    "object_id",
]
NOTIFICATION_FIELDS = [
    "recipient_id",
    "event",
    "object_type",
    "object_id",
    "occasion",
    "title",
    "body",
    "link",
    "read_at",
    "created_at",
    "email_error",
]


def _month_start(day: date, months_back: int) -> date:
    month = day.year * 12 + day.month - 1 - months_back
    return date(month // 12, month % 12 + 1, 1)


def generate(actor: Actor, rng: random.Random, sizes: Sizes) -> dict[str, int]:
    months = sizes.momentum_months
    today = timezone.localdate()
    first = _month_start(today, months - 1)
    template = WorkflowTemplate.objects.create(
        name=TEMPLATE_NAME,
        description="Asks manager and employee to prepare each monthly check-in.",
        status=WorkflowTemplate.Status.ACTIVE,
        trigger=WorkflowTemplate.Trigger.RECURRENCE,
        recurrence=f"FREQ=MONTHLY;BYMONTHDAY=1;COUNT={months}",
        start_date=first,
        audience_requires_manager=True,
        next_occurrence_at=None,  # the rule's occurrences have all come
        created_at=datetime.combine(first - timedelta(days=7), time(9, tzinfo=UTC)),
        activated_at=datetime.combine(first - timedelta(days=7), time(9, tzinfo=UTC)),
    )
    milestones = [
        WorkflowMilestone.objects.create(
            template=template,
            position=position,
            name=name,
            kind="send_message",
            recipients=recipients,
            message=message,
        )
        for position, name, recipients, message in MILESTONES
    ]
    people = list(
        Employee.objects.filter(manager__isnull=False).values_list(
            "id", "first_name", "last_name", "user_id", "manager__user_id"
        )
    )
    anchors = [
        datetime.combine(_month_start(today, back), time(6, tzinfo=UTC))
        for back in range(months - 1, -1, -1)
    ]
    run_ids = insert_rows(
        WorkflowRun,
        RUN_FIELDS,
        (
            (
                template.pk,
                employee_id,
                anchor.date().isoformat(),
                anchor,
                WorkflowRun.State.COMPLETED,
                anchor,
                anchor + timedelta(minutes=1),
            )
            for anchor in anchors
            for employee_id, *_ in people
        ),
        returning_ids=True,
    )
    link = reverse("notifications:list")
    unread_after = timezone.now() - timedelta(days=30)
    steps, notices = [], []
    runs = ((anchor, person) for anchor in anchors for person in people)
    for run_id, (anchor, person) in zip(run_ids, runs, strict=True):
        _, first_name, last_name, user_id, manager_user_id = person
        name = f"{first_name} {last_name}"
        done = anchor + timedelta(seconds=rng.randint(5, 120))
        for milestone, recipient in zip(milestones, (manager_user_id, user_id), strict=True):
            step_uuid = uuid.uuid4()
            outcome = "Sent to 1 person." if recipient else "Nobody to notify (no sign-in)."
            steps.append(
                (
                    step_uuid,
                    run_id,
                    template.pk,
                    milestone.pk,
                    "send_message",
                    "start",
                    MilestoneRun.State.DONE if recipient else MilestoneRun.State.SKIPPED,
                    anchor,
                    1,
                    anchor,
                    done,
                    done,
                    outcome,
                    "",
                    "",
                    "",
                )
            )
            if recipient:
                read = done + timedelta(hours=rng.randint(1, 72)) if done < unread_after else None
                notices.append(
                    (
                        recipient,
                        notifications.WORKFLOW_MESSAGE,
                        MilestoneRun._meta.label_lower,
                        str(step_uuid),
                        "start",
                        milestone.name.format(employee=name),
                        milestone.message.format(employee=name),
                        link,
                        read,
                        done,
                        "",
                    )
                )
    insert_rows(MilestoneRun, STEP_FIELDS, steps, page_size=10_000)
    insert_rows(Notification, NOTIFICATION_FIELDS, notices, page_size=10_000)
    return {
        "momentum_runs": len(run_ids),
        "momentum_steps": len(steps),
        "notifications": len(notices),
    }
