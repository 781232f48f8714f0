"""Goals with their KPI, progress updates, change control, check-ins and feedback."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from capabilities.models import Capability, KeyResult
from goals import kpi as kpi_math
from plms.people.models import Department, Employee
from plms.tenancy.models import TenantModel


def _org_uuid(name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(fields=["organization", "uuid"], name=f"{name}_org_uuid")


def _decimal(**kwargs) -> models.DecimalField:
    return models.DecimalField(max_digits=16, decimal_places=4, **kwargs)


def _percent(default: int | None = None, **kwargs) -> models.DecimalField:
    extra = {"default": Decimal(default)} if default is not None else {"null": True, "blank": True}
    return models.DecimalField(
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1000))],
        **extra,
        **kwargs,
    )


class Level(models.TextChoices):
    STRATEGIC = "strategic", _("Strategic")
    TACTICAL = "tactical", _("Tactical")
    OPERATIONAL = "operational", _("Operational")


class Direction(models.TextChoices):
    INCREASE = kpi_math.INCREASE, _("Increase")
    DECREASE = kpi_math.DECREASE, _("Decrease")
    RANGE = kpi_math.RANGE, _("Stay within a range")


class Indicator(models.TextChoices):
    LAGGING = "lagging", _("Lagging (outcome)")
    LEADING = "leading", _("Leading (driver)")


class Perspective(models.TextChoices):
    FINANCIAL = "financial", _("Financial")
    CUSTOMER = "customer", _("Customer")
    PROCESS = "process", _("Internal process")
    LEARNING = "learning", _("Learning and growth")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")


class GoalSettings(TenantModel):
    """The organisation's defaults for goals (one row per organisation)."""

    stretch_limit_percent = _percent(50, help_text=_("Largest target change from baseline."))
    rag_green_at = _percent(90, help_text=_("Percent of expected progress that is green."))
    rag_amber_at = _percent(70, help_text=_("Percent of expected progress that is amber."))
    range_tolerance_percent = _percent(10, help_text=_("Amber band around a range KPI."))

    class Meta:
        constraints = [
            _org_uuid("goalsettings"),
            models.UniqueConstraint(fields=["organization"], name="goalsettings_org"),
        ]

    def __str__(self) -> str:
        return "Goal settings"

    @property
    def thresholds(self) -> kpi_math.Thresholds:
        return kpi_math.Thresholds(
            green_at=self.rag_green_at,
            amber_at=self.rag_amber_at,
            range_tolerance=self.range_tolerance_percent,
        )


class KpiFields(models.Model):
    """The KPI of a goal (and of a goal template)."""

    unit = models.CharField(max_length=50, blank=True)
    direction = models.CharField(max_length=10, choices=Direction.choices, default="increase")
    baseline = _decimal(null=True, blank=True)
    target = _decimal(null=True, blank=True)
    range_low = _decimal(null=True, blank=True)
    range_high = _decimal(null=True, blank=True)
    indicator = models.CharField(max_length=10, choices=Indicator.choices, default="lagging")
    perspective = models.CharField(max_length=12, choices=Perspective.choices, default="process")
    update_frequency = models.CharField(max_length=10, choices=Frequency.choices, default="monthly")
    weight = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(0))],
    )

    class Meta:
        abstract = True


class Goal(TenantModel, KpiFields):
    class OwnerType(models.TextChoices):
        ORGANIZATION = "organization", _("Organisation")
        DEPARTMENT = "department", _("Department")
        EMPLOYEE = "employee", _("Employee")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    level = models.CharField(max_length=12, choices=Level.choices, default="operational")
    owner_type = models.CharField(max_length=12, choices=OwnerType.choices, default="employee")
    owner_department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="goals"
    )
    owner_employee = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.PROTECT, related_name="goals"
    )
    contributors = models.ManyToManyField(
        Employee, through="GoalContributor", related_name="contributed_goals", blank=True
    )
    parents = models.ManyToManyField(
        "self",
        through="GoalAlignment",
        through_fields=("child", "parent"),
        symmetrical=False,
        related_name="children",
        blank=True,
    )
    # Alignment to the scorecard of a job role: the goal serves one of the role's key results.
    key_result = models.ForeignKey(
        KeyResult, null=True, blank=True, on_delete=models.SET_NULL, related_name="goals"
    )
    # The capabilities the goal exercises: its results appear beside them in assessments.
    capabilities = models.ManyToManyField(
        Capability, through="GoalCapability", related_name="goals", blank=True
    )
    status = models.CharField(max_length=10, choices=Status.choices, default="draft")
    start_date = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    current = _decimal(null=True, blank=True)
    # The verdict of the straight-line forecast at the due date (`goals.kpi.likely_to_miss`
    # from the updates, the KPI and the dates), kept by the services with every write of those;
    # None when no forecast can be made. Lists of goals at risk read it instead of the updates.
    forecast_misses = models.BooleanField(null=True, blank=True, editable=False)
    data_source = models.CharField(max_length=200, blank=True)
    data_steward = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="stewarded_goals"
    )
    # Per-goal overrides of the organisation's RAG thresholds.
    rag_green_at = _percent()
    rag_amber_at = _percent()
    range_tolerance_percent = _percent()
    stretch_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    activation_override_reason = models.TextField(blank=True)
    activation_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    template = models.ForeignKey(
        "GoalTemplate", null=True, blank=True, on_delete=models.SET_NULL, related_name="goals"
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    activated_at = models.DateTimeField(null=True, blank=True)

    # Not stored: what `goals.selectors` attaches for display (`goals_judge`, `goal_annotate`).
    progress: Decimal | None
    rag: str | None
    forecast: kpi_math.Forecast | None
    likely_to_miss: bool | None
    sparkline: list[Decimal]
    at_risk: bool

    class Meta:
        ordering = ["due_date", "title", "id"]
        constraints = [
            _org_uuid("goal"),
            models.CheckConstraint(
                name="goal_owner_matches_type",
                condition=(
                    Q(
                        owner_type="organization",
                        owner_department__isnull=True,
                        owner_employee__isnull=True,
                    )
                    | Q(
                        owner_type="department",
                        owner_department__isnull=False,
                        owner_employee__isnull=True,
                    )
                    | Q(
                        owner_type="employee",
                        owner_department__isnull=True,
                        owner_employee__isnull=False,
                    )
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "owner_employee"], name="goal_org_owner_emp"),
            models.Index(fields=["organization", "owner_department"], name="goal_org_owner_dept"),
            models.Index(fields=["organization", "status", "level"], name="goal_org_status"),
            # The lists' order (due date, title): a page is read in index order.
            models.Index(
                fields=["organization", "due_date", "title", "id"], name="goal_org_due_order"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def kpi(self) -> kpi_math.Kpi:
        return kpi_math.Kpi(
            direction=self.direction,
            baseline=self.baseline,
            target=self.target,
            current=self.current,
            range_low=self.range_low,
            range_high=self.range_high,
        )

    @property
    def owner_label(self) -> str:
        if self.owner_type == self.OwnerType.EMPLOYEE:
            return str(self.owner_employee)
        if self.owner_type == self.OwnerType.DEPARTMENT:
            return str(self.owner_department)
        return str(_("Organisation"))


class GoalContributor(TenantModel):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="contributor_links")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            _org_uuid("goalcontributor"),
            models.UniqueConstraint(
                fields=["organization", "goal", "employee"], name="goalcontributor_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "employee"], name="goalcontributor_org_emp"),
        ]


class GoalCapability(TenantModel):
    """A capability the goal exercises."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="capability_links")
    capability = models.ForeignKey(Capability, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            _org_uuid("goalcapability"),
            models.UniqueConstraint(
                fields=["organization", "goal", "capability"], name="goalcapability_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "capability"], name="goalcapability_org_cap"),
        ]


class GoalAlignment(TenantModel):
    """`child` supports `parent`: the cascade, across people and teams, many parents each."""

    child = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="parent_links")
    parent = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="child_links")

    class Meta:
        constraints = [
            _org_uuid("goalalignment"),
            models.UniqueConstraint(
                fields=["organization", "child", "parent"], name="goalalignment_unique"
            ),
            models.CheckConstraint(
                name="goalalignment_not_self", condition=~Q(child=models.F("parent"))
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "parent"], name="goalalignment_org_parent"),
        ]


class GoalRollup(TenantModel):
    """A goal's progress rolled up from the goals supporting it (`goals.kpi.rollup` over the
    organisation's goals that are not cancelled), kept by `goals.rollups` with every write
    that changes it. Only goals whose roll-up comes from supporting goals have a row; any
    other goal's roll-up is its own progress."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="+")
    rolled_up = models.DecimalField(max_digits=5, decimal_places=2)

    class Meta:
        constraints = [
            _org_uuid("goalrollup"),
            models.UniqueConstraint(fields=["organization", "goal"], name="goalrollup_goal"),
        ]


class GoalUpdate(TenantModel):
    """A recorded value of a goal's KPI: the progress history."""

    class Confidence(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    class Source(models.TextChoices):
        MANUAL = "manual", _("Entered")
        API = "api", _("Data feed")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="updates")
    value = _decimal()
    comment = models.TextField(blank=True)
    confidence = models.CharField(max_length=6, choices=Confidence.choices, default="medium")
    source = models.CharField(max_length=6, choices=Source.choices, default="manual")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by_label = models.CharField(max_length=200, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        constraints = [_org_uuid("goalupdate")]
        indexes = [
            models.Index(
                fields=["organization", "goal", "recorded_at"], name="goalupdate_org_goal"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal}: {self.value}"


class GoalChangeRequest(TenantModel):
    """A proposed change of an active goal's commitment (target, due date, weight)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="change_requests")
    # {"field": {"before": …, "after": …}}
    changes = models.JSONField(default=dict)
    justification = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default="pending")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_by_label = models.CharField(max_length=200, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by_label = models.CharField(max_length=200, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            _org_uuid("goalchangerequest"),
            models.UniqueConstraint(
                fields=["organization", "goal"],
                condition=Q(status="pending"),
                name="goalchangerequest_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"Change of {self.goal} ({self.status})"


class GoalRedEpisode(TenantModel):
    """A time a goal turned red, and when someone first acted on it (decision latency)."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="red_episodes")
    turned_red_at = models.DateTimeField(default=timezone.now)
    first_action_at = models.DateTimeField(null=True, blank=True)
    first_action = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["-turned_red_at", "-id"]
        indexes = [
            models.Index(
                fields=["organization", "turned_red_at", "id"], name="goalredepisode_org_red_at"
            ),
        ]
        constraints = [
            _org_uuid("goalredepisode"),
            models.UniqueConstraint(
                fields=["organization", "goal"],
                condition=Q(first_action_at__isnull=True),
                name="goalredepisode_one_open",
            ),
        ]

    @property
    def latency(self):
        return None if self.first_action_at is None else self.first_action_at - self.turned_red_at


class GoalTemplate(TenantModel, KpiFields):
    """A goal to hand out in bulk: applied to a department or a job role, it gives each member
    or holder their own, aligned to the template's parent goal or role key result."""

    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    level = models.CharField(max_length=12, choices=Level.choices, default="operational")
    parent = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    key_result = models.ForeignKey(
        KeyResult, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    capabilities = models.ManyToManyField(
        Capability, through="GoalTemplateCapability", related_name="+", blank=True
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            _org_uuid("goaltemplate"),
            models.UniqueConstraint("organization", Lower("name"), name="goaltemplate_org_name"),
        ]

    def __str__(self) -> str:
        return self.name


class GoalTemplateCapability(TenantModel):
    """A capability the goals made from a template exercise."""

    template = models.ForeignKey(
        GoalTemplate, on_delete=models.CASCADE, related_name="capability_links"
    )
    capability = models.ForeignKey(Capability, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            _org_uuid("goaltemplatecapability"),
            models.UniqueConstraint(
                fields=["organization", "template", "capability"],
                name="goaltemplatecapability_unique",
            ),
        ]


# --- Check-ins -------------------------------------------------------------------------------


class Cadence(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    FORTNIGHTLY = "fortnightly", _("Fortnightly")
    MONTHLY = "monthly", _("Monthly")


class CheckInSeries(TenantModel):
    """The recurring 1:1 between a manager and one report."""

    manager = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    cadence = models.CharField(max_length=12, choices=Cadence.choices, default="weekly")
    next_date = models.DateField()
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["next_date", "id"]
        constraints = [
            _org_uuid("checkinseries"),
            models.UniqueConstraint(
                fields=["organization", "manager", "report"], name="checkinseries_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.manager} · {self.report}"


class CheckIn(TenantModel):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    series = models.ForeignKey(CheckInSeries, on_delete=models.CASCADE, related_name="check_ins")
    manager = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    scheduled_for = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default="scheduled")
    obstacles = models.TextField(blank=True)
    priorities = models.TextField(blank=True)
    shared_notes = models.TextField(blank=True)
    # Seen by the manager (and the manager's managers and HR admins), never by the report.
    private_manager_notes = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-scheduled_for", "-id"]
        constraints = [
            _org_uuid("checkin"),
            models.UniqueConstraint(
                fields=["organization", "series", "scheduled_for"], name="checkin_series_date"
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "manager", "status"], name="checkin_org_mgr"),
            models.Index(fields=["organization", "report"], name="checkin_org_report"),
            # The lists' order: a page is an index range, not a sort of every check-in.
            models.Index(
                fields=["organization", "-scheduled_for", "-id"], name="checkin_org_order"
            ),
        ]

    def __str__(self) -> str:
        when = formats.date_format(self.scheduled_for, "DATE_FORMAT")
        return f"Check-in {self.manager} · {self.report} on {when}"


class CheckInGoalReview(TenantModel):
    """The progress-review part of a check-in: one goal due or at risk, and what was said."""

    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="goal_reviews")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="+")
    rag = models.CharField(max_length=5, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            _org_uuid("checkingoalreview"),
            models.UniqueConstraint(
                fields=["organization", "check_in", "goal"], name="checkingoalreview_unique"
            ),
        ]


class ActionItem(TenantModel):
    """Agreed in a check-in; shown in every later check-in of the series until done."""

    series = models.ForeignKey(CheckInSeries, on_delete=models.CASCADE, related_name="actions")
    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="action_items")
    text = models.CharField(max_length=300)
    owner = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    due_date = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [_org_uuid("actionitem")]
        indexes = [models.Index(fields=["organization", "series"], name="actionitem_org_series")]

    def __str__(self) -> str:
        return self.text


class CheckInEscalation(TenantModel):
    """An answer of a check-in raised to the manager's manager."""

    class Part(models.TextChoices):
        OBSTACLES = "obstacles", _("Obstacles")
        PRIORITIES = "priorities", _("Priorities")
        SHARED_NOTES = "shared_notes", _("Shared notes")

    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="escalations")
    part = models.CharField(max_length=12, choices=Part.choices)
    text = models.TextField()
    escalated_to = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    escalated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What the person escalated to decided; seen by the check-in's manager and HR admins.
    resolution_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [_org_uuid("checkinescalation")]
        indexes = [
            models.Index(
                fields=["organization", "escalated_to", "resolved_at"],
                name="checkinescalation_org_to",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_part_display()} of {self.check_in}"


# --- Feedback --------------------------------------------------------------------------------


class FeedbackRequest(TenantModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")
        DECLINED = "declined", _("Declined")

    requester = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    asked = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default="open")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [_org_uuid("feedbackrequest")]
        indexes = [
            models.Index(fields=["organization", "asked", "status"], name="feedbackreq_org_asked"),
        ]


class Feedback(TenantModel):
    class Kind(models.TextChoices):
        RECOGNITION = "recognition", _("Recognition")
        CORRECTIVE = "corrective", _("Corrective")

    class Visibility(models.TextChoices):
        PRIVATE = "private", _("Private: the receiver and their managers")
        PUBLIC = "public", _("Public praise")

    giver = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="feedback_given")
    receiver = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="feedback_received"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default="recognition")
    observation = models.TextField()
    impact = models.TextField(blank=True)
    expectation = models.TextField(blank=True)
    support_offered = models.TextField(blank=True)
    follow_up_date = models.DateField(null=True, blank=True)
    goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    visibility = models.CharField(max_length=8, choices=Visibility.choices, default="private")
    request = models.ForeignKey(
        FeedbackRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="answers"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            _org_uuid("feedback"),
            models.CheckConstraint(
                name="feedback_public_is_recognition",
                condition=Q(visibility="private") | Q(kind="recognition"),
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "receiver"], name="feedback_org_receiver"),
            models.Index(fields=["organization", "giver"], name="feedback_org_giver"),
            # The lists' order: a page is an index range, not a sort of all feedback.
            models.Index(fields=["organization", "-created_at", "-id"], name="feedback_org_order"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.receiver}"

    @property
    def linked_capabilities(self) -> list[Capability]:
        """The capabilities it is about (prefetch `capability_links__capability`)."""
        return [link.capability for link in self.capability_links.all()]


class FeedbackCapability(TenantModel):
    """A capability a piece of feedback is about: the feedback then appears beside it on the
    receiver's rating forms and results, to whoever may see the feedback."""

    feedback = models.ForeignKey(
        Feedback, on_delete=models.CASCADE, related_name="capability_links"
    )
    capability = models.ForeignKey(Capability, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            _org_uuid("feedbackcapability"),
            models.UniqueConstraint(
                fields=["organization", "feedback", "capability"], name="feedbackcapability_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "capability"], name="feedbackcap_org_cap"),
        ]
