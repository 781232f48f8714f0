"""Momentum: workflow templates, their runs per employee, milestone state, and notifications.

The database is the truth of what is due and what was done. A `MilestoneRun` moves
`scheduled → due → dispatched → done` (or `skipped`, `failed`, `cancelled`): the tick claims
`scheduled` rows whose `due_at` has passed (and `due` rows whose claim went stale), a task
dispatches each one inside a row lock, so a lost message or a killed worker delays work but
never loses or repeats it. A `Notification` is unique per (recipient, event, object, occasion),
so nothing is sent twice; its e-mail has its own small state machine.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plms.people.models import Employee
from plms.tenancy.models import Organization, TenantModel


def _org_uuid(name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(fields=["organization", "uuid"], name=f"{name}_org_uuid")


def _organization_unindexed() -> models.ForeignKey:
    """`TenantModel.organization` without its index of its own, for the tables written in bulk
    (every dispatched step writes each index of its row): their composite indexes lead with
    `organization`, so they serve whatever that one index did."""
    return models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", editable=False, db_index=False
    )


# --- Workflow templates ----------------------------------------------------------------------


class WorkflowTemplate(TenantModel):
    """An organization's automation: a trigger, an audience and ordered milestones."""

    class Trigger(models.TextChoices):
        DATE = "date", _("On a date")
        RECURRENCE = "recurrence", _("On a recurrence")
        EVENT = "event", _("When something happens")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        CANCELLED = "cancelled", _("Cancelled")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone")
        DEPARTMENTS = "departments", _("Departments")
        JOB_ROLES = "job_roles", _("Job roles")
        PEOPLE = "people", _("Chosen people")

    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    source = models.CharField(max_length=60, blank=True)  # the shipped template it came from

    trigger = models.CharField(max_length=12, choices=Trigger.choices, default=Trigger.DATE)
    # DATE: the day; RECURRENCE: the first day of the rule (DTSTART).
    start_date = models.DateField(null=True, blank=True)
    recurrence = models.CharField(max_length=300, blank=True)  # an RFC 5545 RRULE
    event = models.CharField(max_length=40, blank=True)
    # Days after the event's date (e.g. a 90-day probation after joining).
    event_days = models.PositiveSmallIntegerField(default=0)

    audience = models.CharField(max_length=12, choices=Audience.choices, default="everyone")
    # Public ids of the chosen departments, job roles or people.
    audience_ids = models.JSONField(default=list, blank=True)
    audience_title_contains = models.CharField(max_length=100, blank=True)
    audience_requires_manager = models.BooleanField(default=False)

    # Engine bookkeeping: the next recurrence (or the date) to start runs at, and how far the
    # event source has been read.
    next_occurrence_at = models.DateTimeField(null=True, blank=True)
    event_cursor = models.BigIntegerField(default=0)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    activated_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [_org_uuid("workflowtemplate")]
        indexes = [
            models.Index(
                fields=["organization", "status", "trigger"], name="workflowtemplate_org_status"
            )
        ]

    def __str__(self) -> str:
        return self.name


class WorkflowMilestone(TenantModel):
    """One step of a template: what happens (a registered kind), when, and who is chased."""

    class RelativeTo(models.TextChoices):
        TRIGGER = "trigger", _("the trigger")
        PREVIOUS = "previous", _("the previous milestone")

    class Recipients(models.TextChoices):
        EMPLOYEE = "employee", _("The employee")
        MANAGER = "manager", _("The manager")
        BOTH = "both", _("The employee and the manager")

    class EscalateTo(models.TextChoices):
        MANAGERS_MANAGER = "managers_manager", _("The manager's manager")
        HR_ADMINS = "hr_admins", _("HR admins")

    template = models.ForeignKey(
        WorkflowTemplate, on_delete=models.CASCADE, related_name="milestones"
    )
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=40)
    relative_to = models.CharField(max_length=10, choices=RelativeTo.choices, default="trigger")
    offset_days = models.PositiveSmallIntegerField(default=0)
    # The deadline, in days after the milestone starts (for steps someone has to complete).
    due_days = models.PositiveSmallIntegerField(default=0)
    recipients = models.CharField(max_length=10, choices=Recipients.choices, default="employee")
    message = models.TextField(blank=True)
    remind_before_days = models.PositiveSmallIntegerField(default=0)  # 0: no reminder before
    remind_on_due = models.BooleanField(default=False)
    remind_overdue_days = models.PositiveSmallIntegerField(default=0)  # 0: none when overdue
    escalate_after_days = models.PositiveSmallIntegerField(default=0)  # 0: no escalation
    escalate_to = models.CharField(
        max_length=20, choices=EscalateTo.choices, default="managers_manager"
    )
    condition = models.CharField(max_length=40, blank=True)
    config = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["template_id", "position", "id"]
        constraints = [
            _org_uuid("workflowmilestone"),
            models.UniqueConstraint(
                fields=["organization", "template", "position"], name="workflowmilestone_position"
            ),
        ]

    def __str__(self) -> str:
        return self.name


# --- Runs ------------------------------------------------------------------------------------


class WorkflowRun(TenantModel):
    """A template applied to one employee for one occurrence of its trigger."""

    organization = _organization_unindexed()

    class State(models.TextChoices):
        ACTIVE = "active", _("In progress")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    template = models.ForeignKey(WorkflowTemplate, on_delete=models.CASCADE, related_name="runs")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    # Which occurrence of the trigger started it ("2027-01-04", "event:<uuid>", …).
    occurrence = models.CharField(max_length=100)
    anchor_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.ACTIVE)
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # The employee's names, the list's order within an occurrence: PostgreSQL writes them
    # from the employee as the run is inserted and again when the employee's names change
    # (migration `workflows.0009`).
    employee_last_name = models.CharField(max_length=100, blank=True, default="", editable=False)
    employee_first_name = models.CharField(max_length=100, blank=True, default="", editable=False)

    class Meta:
        ordering = ["-anchor_at", "id"]
        constraints = [
            _org_uuid("workflowrun"),
            models.UniqueConstraint(
                fields=["organization", "template", "employee", "occurrence"],
                name="workflowrun_occurrence",
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "template", "state"], name="workflowrun_org_tpl"),
            # A workflow's page lists its runs latest occurrence first, then by name: a page
            # is an index range, not a sort of an occurrence's runs joined to their people.
            models.Index(
                fields=[
                    "organization",
                    "template",
                    "-anchor_at",
                    "employee_last_name",
                    "employee_first_name",
                    "id",
                ],
                name="workflowrun_org_tpl_order",
            ),
            models.Index(fields=["organization", "employee"], name="workflowrun_org_employee"),
        ]

    def __str__(self) -> str:
        return f"{self.template} · {self.employee}"


class MilestoneRun(TenantModel):
    """One milestone of a run, or one of its reminders or escalations, with its state."""

    organization = _organization_unindexed()

    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        DUE = "due", _("Due")
        DISPATCHED = "dispatched", _("Waiting for completion")
        DONE = "done", _("Done")
        SKIPPED = "skipped", _("Skipped")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN_STATES = (State.SCHEDULED, State.DUE, State.DISPATCHED)
    FINISHED_STATES = (State.DONE, State.SKIPPED, State.FAILED, State.CANCELLED)

    run = models.ForeignKey(WorkflowRun, on_delete=models.CASCADE, related_name="steps")
    # The run's template, kept here so the tick's claim reads this table alone.
    template = models.ForeignKey(
        WorkflowTemplate, null=True, on_delete=models.CASCADE, related_name="+"
    )
    milestone = models.ForeignKey(WorkflowMilestone, on_delete=models.CASCADE, related_name="+")
    # Indexed for the follow-ups only (`milestonerun_follow_ups`): a milestone's own row has none.
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follow_ups",
        db_index=False,
    )
    kind = models.CharField(max_length=40)
    # "start" for the milestone itself; "reminder-before", "reminder-due", "reminder-overdue"
    # and "escalation" for its follow-ups.
    occasion = models.CharField(max_length=40, default="start")
    state = models.CharField(max_length=10, choices=State.choices, default=State.SCHEDULED)
    due_at = models.DateTimeField()
    deadline_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # The worker process dispatching the step (plms.common.workers); taken over if it dies.
    claimed_by = models.CharField(max_length=120, blank=True, null=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=300, blank=True)
    last_error = models.TextField(blank=True)
    # What the step created, e.g. ("goals.checkin", "<uuid>").
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            _org_uuid("milestonerun"),
            models.UniqueConstraint(
                fields=["organization", "run", "milestone", "occasion"],
                name="milestonerun_occasion",
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "state", "due_at"], name="milestonerun_org_due"),
            # A run's steps are read on the unique (organization, run, milestone, occasion).
            models.Index(
                fields=["parent"],
                name="milestonerun_follow_ups",
                condition=models.Q(parent__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} ({self.occasion}) of {self.run_id}"

    @property
    def is_follow_up(self) -> bool:
        return self.parent_id is not None


# --- Notifications ---------------------------------------------------------------------------


class Notification(TenantModel):
    """One message to one person, in the app and (per their preferences) by e-mail."""

    organization = _organization_unindexed()

    class EmailState(models.TextChoices):
        NONE = "none", _("Not e-mailed")
        PENDING = "pending", _("Waiting to be sent")
        DIGEST = "digest", _("In the daily digest")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    event = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    occasion = models.CharField(max_length=60, blank=True)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=500, blank=True)  # a path in the app
    in_app = models.BooleanField(default=True)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    email_state = models.CharField(
        max_length=10, choices=EmailState.choices, default=EmailState.NONE
    )
    email_send_after = models.DateTimeField(null=True, blank=True)  # quiet hours move it
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    # The worker process that holds the e-mail (plms.common.workers); taken over if it dies.
    email_claimed_by = models.CharField(max_length=120, blank=True, null=True)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    email_error = models.TextField(blank=True)
    # Indexed for the notifications in a digest only (`notification_digest`).
    digest = models.ForeignKey(
        "NotificationDigest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
        db_index=False,
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            _org_uuid("notification"),
            # The dedupe key: the same event about the same object on the same occasion
            # reaches a person once, however often it is produced.
            models.UniqueConstraint(
                fields=[
                    "organization",
                    "recipient",
                    "event",
                    "object_type",
                    "object_id",
                    "occasion",
                ],
                name="notification_dedupe",
            ),
        ]
        indexes = [
            models.Index(
                fields=["organization", "recipient", "read_at"], name="notification_org_unread"
            ),
            models.Index(
                fields=["organization", "email_state", "email_send_after"],
                name="notification_org_email",
            ),
            # The list's order: a page is an index range, not a sort of every notification.
            models.Index(
                fields=["organization", "-created_at", "-id"], name="notification_org_order"
            ),
            models.Index(
                fields=["digest"],
                name="notification_digest",
                condition=models.Q(digest__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationSettings(TenantModel):
    """A person's choices: per event in the app and by e-mail, a daily digest, quiet hours.

    `events` maps an event name to `{"in_app": bool, "email": bool}`; missing means on.
    Quiet hours and the digest hour are in the person's time zone (`User.time_zone`).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    events = models.JSONField(default=dict, blank=True)
    email_digest = models.BooleanField(default=False)
    digest_hour = models.PositiveSmallIntegerField(default=8)
    quiet_hours_start = models.TimeField(null=True, blank=True)
    quiet_hours_end = models.TimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            _org_uuid("notificationsettings"),
            models.UniqueConstraint(
                fields=["organization", "user"], name="notificationsettings_user"
            ),
        ]

    def __str__(self) -> str:
        return f"Notification settings of {self.user}"


class NotificationDigest(TenantModel):
    """The daily digest e-mail of one person for one day of their time zone (sent once)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    item_count = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-day", "id"]
        constraints = [
            _org_uuid("notificationdigest"),
            models.UniqueConstraint(
                fields=["organization", "recipient", "day"], name="notificationdigest_day"
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "state"], name="notificationdigest_org_state")
        ]

    def __str__(self) -> str:
        return f"Digest of {self.recipient} for {self.day}"
