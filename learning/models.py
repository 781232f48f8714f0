"""Learning content, development plans and what learning leads to.

`LearningItem`s develop capabilities between levels (`ItemCapability`); a `DevelopmentPlan`
holds the items chosen to close an employee's gaps (`PlanItem`), with their reasons and due
dates. Completions reported by an LMS are `LearningCompletion`s; what a completion does is the
item's `completion_outcome`: a `CapabilityEvidence` row, a `ReassessmentRequest`, or, for a
passed assessed item, an expert rating at the item's level (an `AttestedRating` that the
consolidation of a cycle weighting expert ratings counts, and evidence of kind "expert rating").
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import AssessmentCycle
from capabilities.models import Capability
from plms.people.models import Employee
from plms.tenancy.models import TenantModel


def _org_uuid(name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(fields=["organization", "uuid"], name=f"{name}_org_uuid")


class LearningSettings(TenantModel):
    """An organisation's rules for building plans (one row; defaults when absent)."""

    hours_per_quarter = models.PositiveSmallIntegerField(
        default=40, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    plan_months = models.PositiveSmallIntegerField(
        default=6, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    max_items_per_capability = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "learning settings"
        constraints = [
            _org_uuid("learningsettings"),
            models.UniqueConstraint(fields=["organization"], name="learningsettings_one_per_org"),
        ]

    def __str__(self) -> str:
        return f"{self.hours_per_quarter} h per quarter"


class LearningItem(TenantModel):
    class Kind(models.TextChoices):
        COURSE = "course", _("Course")
        E_LEARNING = "e_learning", _("E-learning")
        ARTICLE = "article", _("Article")
        VIDEO = "video", _("Video")
        BOOK = "book", _("Book")
        WORKSHOP = "workshop", _("Workshop")
        ON_THE_JOB = "on_the_job", _("On-the-job assignment")
        STRETCH = "stretch", _("Stretch assignment")
        MENTORING = "mentoring", _("Mentoring")
        COACHING = "coaching", _("Coaching")

    class Mix(models.TextChoices):
        """70-20-10: learning from experience, from others, and from formal content."""

        EXPERIENCE = "experience", _("Experience (70)")
        SOCIAL = "social", _("Social (20)")
        FORMAL = "formal", _("Formal (10)")

    class Outcome(models.TextChoices):
        EVIDENCE = "evidence", _("Record evidence on the capability")
        REASSESS = "reassess", _("Request a re-assessment")
        RATING = "rating", _("Set an expert rating at the item's level")

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    provider = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=500, blank=True)
    duration_hours = models.DecimalField(
        max_digits=6, decimal_places=1, default=Decimal("1"), validators=[MinValueValidator(0)]
    )
    cost = models.DecimalField(
        max_digits=10, decimal_places=2, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    language = models.CharField(max_length=10, default="en")
    tags = models.JSONField(default=list, blank=True)
    external_id = models.CharField(max_length=100, blank=True)
    completion_outcome = models.CharField(
        max_length=10, choices=Outcome.choices, default=Outcome.EVIDENCE
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title", "id"]
        constraints = [
            _org_uuid("learningitem"),
            models.UniqueConstraint(
                fields=["organization", "external_id"],
                condition=~Q(external_id=""),
                name="learningitem_org_external_id",
            ),
        ]
        indexes = [models.Index(fields=["organization", "kind"], name="learningitem_org_kind")]

    def __str__(self) -> str:
        return self.title

    @property
    def mix(self) -> str:
        return str(MIX_OF_KIND[self.kind])

    @property
    def mix_label(self) -> str:
        return str(MIX_OF_KIND[self.kind].label)


MIX_OF_KIND = {
    LearningItem.Kind.ON_THE_JOB: LearningItem.Mix.EXPERIENCE,
    LearningItem.Kind.STRETCH: LearningItem.Mix.EXPERIENCE,
    LearningItem.Kind.MENTORING: LearningItem.Mix.SOCIAL,
    LearningItem.Kind.COACHING: LearningItem.Mix.SOCIAL,
    LearningItem.Kind.COURSE: LearningItem.Mix.FORMAL,
    LearningItem.Kind.E_LEARNING: LearningItem.Mix.FORMAL,
    LearningItem.Kind.ARTICLE: LearningItem.Mix.FORMAL,
    LearningItem.Kind.VIDEO: LearningItem.Mix.FORMAL,
    LearningItem.Kind.BOOK: LearningItem.Mix.FORMAL,
    LearningItem.Kind.WORKSHOP: LearningItem.Mix.FORMAL,
}


class ItemCapability(TenantModel):
    """The item develops `capability` from `level_from` to `level_to`."""

    item = models.ForeignKey(LearningItem, on_delete=models.CASCADE, related_name="capabilities")
    capability = models.ForeignKey(
        Capability, on_delete=models.CASCADE, related_name="learning_items"
    )
    level_from = models.PositiveSmallIntegerField()
    level_to = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["item_id", "capability_id"]
        constraints = [
            _org_uuid("itemcapability"),
            models.UniqueConstraint(
                fields=["organization", "item", "capability"], name="itemcapability_unique"
            ),
            models.CheckConstraint(
                condition=Q(level_to__gt=models.F("level_from")), name="itemcapability_rises"
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "capability"], name="itemcapability_org_cap")
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.capability_id} {self.level_from} → {self.level_to}"


class DevelopmentPlan(TenantModel):
    class Kind(models.TextChoices):
        DEVELOPMENT = "development", _("Development plan")
        IMPROVEMENT = "improvement", _("Performance improvement plan")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PROPOSED = "proposed", _("Proposed to manager")
        APPROVED = "approved", _("Approved")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")

    class Outcome(models.TextChoices):
        NONE = "", _("Not decided")
        MET = "met", _("Expectations met")
        EXTENDED = "extended", _("Extended")
        NOT_MET = "not_met", _("Expectations not met")

    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="development_plans"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.DEVELOPMENT)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField(max_length=200)
    period_start = models.DateField()
    period_end = models.DateField()
    built_from = models.ForeignKey(
        AssessmentCycle, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    content_gaps = models.JSONField(default=list, blank=True)
    budget_hours = models.DecimalField(max_digits=7, decimal_places=1, default=Decimal("0"))
    review_dates = models.JSONField(default=list, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True, default="")
    outcome_note = models.TextField(blank=True)
    # An improvement plan: why it was started, the public ids of the goals it is about, and
    # the HR admin who signed it off (which starts it and its review reminders).
    reason = models.TextField(blank=True)
    linked_goal_ids = models.JSONField(default=list, blank=True)
    hr_signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hr_signed_off_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            _org_uuid("developmentplan"),
            # Building plans for a closed cycle is idempotent: one plan per employee and cycle.
            models.UniqueConstraint(
                fields=["organization", "employee", "built_from"],
                condition=Q(built_from__isnull=False),
                name="developmentplan_one_per_cycle",
            ),
        ]
        indexes = [
            models.Index(
                fields=["organization", "employee", "status"], name="developmentplan_org_emp"
            ),
            # The lists' order (newest first): a page is read in index order.
            models.Index(
                fields=["organization", "-created_at", "-id"], name="developmentplan_org_order"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.COMPLETED

    @property
    def review_days(self) -> list[datetime.date]:
        return [datetime.date.fromisoformat(str(day)) for day in self.review_dates or []]


class PlanBuild(TenantModel):
    """Building the draft plans of a closed assessment cycle, in the background, with progress.

    One row per cycle: closing the cycle again (after a reopen) runs the build again on the
    same row, which then counts the people who still had no plan from the cycle.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Building plans")
        DONE = "done", _("Plans built")
        FAILED = "failed", _("Failed")

    cycle = models.ForeignKey(AssessmentCycle, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0)  # people to consider in this run
    done = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)  # plans created in this run
    runs = models.PositiveSmallIntegerField(default=0)
    queued_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-queued_at", "-id"]
        constraints = [
            _org_uuid("planbuild"),
            models.UniqueConstraint(
                fields=["organization", "cycle"], name="planbuild_one_per_cycle"
            ),
        ]

    def __str__(self) -> str:
        return f"Plans from {self.cycle_id}: {self.state}"

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def in_progress(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)


class PlanItem(TenantModel):
    """A learning item in a plan, or (in an improvement plan) a milestone without an item."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="items")
    item = models.ForeignKey(
        LearningItem, null=True, blank=True, on_delete=models.PROTECT, related_name="plan_items"
    )
    capability = models.ForeignKey(
        Capability, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=200, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    due_date = models.DateField(null=True, blank=True)
    order = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    evidence = models.TextField(blank=True)
    reflection = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["plan_id", "order", "id"]
        constraints = [_org_uuid("planitem")]
        indexes = [models.Index(fields=["organization", "plan", "order"], name="planitem_org_plan")]

    def __str__(self) -> str:
        return self.title or (self.item.title if self.item_id else "")

    @property
    def label(self) -> str:
        return self.item.title if self.item_id else self.title


class LearningCompletion(TenantModel):
    """A completion reported by an LMS (or recorded by hand); replaying it changes nothing."""

    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="learning_completions"
    )
    item = models.ForeignKey(LearningItem, on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField()
    score = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)
    external_id = models.CharField(max_length=100, blank=True)
    outcome = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-completed_at", "-id"]
        constraints = [
            _org_uuid("learningcompletion"),
            models.UniqueConstraint(
                fields=["organization", "employee", "item", "completed_at"],
                name="learningcompletion_unique",
            ),
            models.UniqueConstraint(
                fields=["organization", "external_id"],
                condition=~Q(external_id=""),
                name="learningcompletion_org_external_id",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} completed {self.item_id} at {self.completed_at}"


class LearningFeedback(TenantModel):
    """A learner's rating (1-5) and comment on a learning item they completed: the catalogue
    shows each item's mean and count, the impact report the satisfaction beside the level
    change and cost. One per learner and item; rating again replaces it."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(LearningItem, on_delete=models.CASCADE, related_name="feedback")
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            _org_uuid("learningfeedback"),
            models.UniqueConstraint(
                fields=["organization", "employee", "item"], name="learningfeedback_once"
            ),
            models.CheckConstraint(
                name="learningfeedback_rating", condition=Q(rating__gte=1, rating__lte=5)
            ),
        ]
        indexes = [models.Index(fields=["organization", "item"], name="learningfeedback_org_item")]

    def __str__(self) -> str:
        return f"{self.employee_id} rated {self.item_id}: {self.rating}"


class CapabilityEvidence(TenantModel):
    """Evidence of a capability from learning; kind "rating" is an expert rating at a level."""

    class Kind(models.TextChoices):
        EVIDENCE = "evidence", _("Evidence")
        RATING = "rating", _("Expert rating")

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    capability = models.ForeignKey(Capability, on_delete=models.CASCADE, related_name="+")
    completion = models.ForeignKey(
        LearningCompletion, on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.EVIDENCE)
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        constraints = [
            _org_uuid("capabilityevidence"),
            models.UniqueConstraint(
                fields=["organization", "completion", "capability"],
                name="capabilityevidence_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.employee_id} · {self.capability_id}"


class ReassessmentRequest(TenantModel):
    """Learning done: assess the capability again (the Momentum engine picks open ones up)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        SCHEDULED = "scheduled", _("Scheduled")
        DONE = "done", _("Done")

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    capability = models.ForeignKey(Capability, on_delete=models.CASCADE, related_name="+")
    completion = models.ForeignKey(
        LearningCompletion, on_delete=models.CASCADE, related_name="reassessment_requests"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    requested_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["requested_at", "id"]
        constraints = [
            _org_uuid("reassessmentrequest"),
            models.UniqueConstraint(
                fields=["organization", "completion", "capability"],
                name="reassessmentrequest_once",
            ),
        ]
        indexes = [models.Index(fields=["organization", "status"], name="reassessment_org_status")]

    def __str__(self) -> str:
        return f"Re-assess {self.employee_id} · {self.capability_id}"
