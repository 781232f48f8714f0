"""Assessment cycles, assessments (one rater's view of one employee), ratings per capability,
and the consolidated level per employee and capability that gap analysis reads.

A cycle is launched once its scope and rater weights are set: launching creates the self and
manager assessments of everyone in scope (peers are nominated, experts granted per assessment).
Submitted assessments are locked; closing the cycle consolidates their ratings by the cycle's
weights into `ConsolidatedLevel` rows, which keep the history across cycles.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from capabilities.models import Capability, FrameworkVersion
from plms.people.models import Employee
from plms.tenancy.models import TenantModel

# "upward": a report reviewing their manager (the assessment's employee), always anonymous.
RATER_KINDS = ("self", "manager", "peer", "expert", "upward")


def _org_uuid(name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(fields=["organization", "uuid"], name=f"{name}_org_uuid")


def _weight() -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(100)])


class AssessmentCycle(TenantModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Scope(models.TextChoices):
        ORGANIZATION = "organization", _("Whole organisation")
        DEPARTMENTS = "departments", _("Departments")
        ROLES = "roles", _("Job roles")
        EMPLOYEES = "employees", _("Chosen employees")

    class LaunchState(models.TextChoices):
        NOT_STARTED = "", _("Not launched")
        RUNNING = "running", _("Launching")
        DONE = "done", _("Launched")
        FAILED = "failed", _("Launch failed")

    name = models.CharField(max_length=200)
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    scope = models.CharField(max_length=12, choices=Scope.choices, default=Scope.ORGANIZATION)
    # Public ids of the departments, job roles or employees in scope (unused for ORGANIZATION).
    scope_ids = models.JSONField(default=list, blank=True)

    # Rater kinds and their weights in percent (0 = the kind is not used); they total 100.
    weight_self = _weight()
    weight_manager = _weight()
    weight_peer = _weight()
    weight_expert = _weight()
    weight_upward = _weight()
    deadline_self = models.DateField(null=True, blank=True)
    deadline_manager = models.DateField(null=True, blank=True)
    deadline_peer = models.DateField(null=True, blank=True)
    deadline_expert = models.DateField(null=True, blank=True)
    deadline_upward = models.DateField(null=True, blank=True)

    peer_anonymous = models.BooleanField(default=True)
    min_peers = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    # Upward reviews (a manager's reports review them) are always anonymous: nothing of them is
    # shown about a manager until this many reports have submitted.
    upward_reviews = models.BooleanField(default=False)
    min_upward = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(2), MaxValueValidator(20)]
    )
    # Reviewer load balancing: the most peer requests one person receives in this cycle.
    max_peer_requests = models.PositiveSmallIntegerField(
        default=5, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    # Evidence rules: at the scale's lowest or highest level, and/or this many levels or more
    # away from the reference rating (the manager's for others, the self-rating for managers;
    # 0 turns the distance rule off).
    evidence_at_extremes = models.BooleanField(default=True)
    evidence_min_distance = models.PositiveSmallIntegerField(
        default=2, validators=[MaxValueValidator(6)]
    )
    # The optional pre-calibration "ratings preview": once closed, HR admins and the managers
    # of each person vote on the consolidated levels before anyone calibrates them.
    preview_voting = models.BooleanField(default=False)

    framework_version = models.ForeignKey(
        FrameworkVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The review template whose questions the cycle asks (none: capability ratings only), and
    # the version it launched with: later changes to the template never reach the cycle.
    review_template = models.ForeignKey(
        "assessments.ReviewTemplate",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cycles",
    )
    review_template_version = models.ForeignKey(
        "assessments.ReviewTemplateVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    launch_state = models.CharField(
        max_length=8, choices=LaunchState.choices, default=LaunchState.NOT_STARTED, blank=True
    )
    launch_total = models.PositiveIntegerField(default=0)
    launch_done = models.PositiveIntegerField(default=0)
    launched_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Counts every change to the cycle's consolidated levels (consolidation, calibration, a
    # scale remap or capability merge): cached reports of the results are keyed by it.
    results_version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-period_end", "-id"]
        constraints = [
            _org_uuid("assessmentcycle"),
            models.CheckConstraint(
                name="assessmentcycle_period",
                condition=models.Q(period_end__gte=models.F("period_start")),
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "status"], name="assessmentcycle_org_status"),
        ]

    def __str__(self) -> str:
        return self.name

    def weight_of(self, kind: str) -> int:
        return getattr(self, f"weight_{kind}")

    def deadline_of(self, kind: str):
        return getattr(self, f"deadline_{kind}")

    @property
    def weights(self) -> dict[str, int]:
        return {kind: self.weight_of(kind) for kind in RATER_KINDS}

    @property
    def kinds_used(self) -> list[str]:
        return [kind for kind in RATER_KINDS if self.weight_of(kind) > 0]

    @property
    def launch_percent(self) -> int:
        if not self.launch_total:
            return 100 if self.launch_state == self.LaunchState.DONE else 0
        return min(100, round(100 * self.launch_done / self.launch_total))


class Assessment(TenantModel):
    """One rater's assessment of one employee in a cycle."""

    class Kind(models.TextChoices):
        SELF = "self", _("Self")
        MANAGER = "manager", _("Manager")
        PEER = "peer", _("Peer")
        EXPERT = "expert", _("Expert")
        UPWARD = "upward", _("Upward (a report)")

    class Status(models.TextChoices):
        NOMINATED = "nominated", _("Nominated (awaiting the manager)")
        PENDING = "pending", _("To do")
        DRAFT = "draft", _("Draft saved")
        SUBMITTED = "submitted", _("Submitted")
        DECLINED = "declined", _("Declined")

    OPEN_STATUSES = (Status.PENDING, Status.DRAFT)

    cycle = models.ForeignKey(AssessmentCycle, on_delete=models.CASCADE, related_name="assessments")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="assessments")
    rater = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="given_assessments")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    # The rater's share within their kind: the primary and matrix managers' reporting weights;
    # 100 for everyone else.
    weight = models.PositiveSmallIntegerField(
        default=100, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    nominated_by = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Captured by managers for the calibration 9-box (1 low … 3 high).
    performance = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    potential = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["cycle_id", "employee_id", "kind", "id"]
        permissions = [("rate_assessment", "Can rate the assessment as an expert assessor")]
        constraints = [
            _org_uuid("assessment"),
            models.UniqueConstraint(
                fields=["organization", "cycle", "employee", "rater", "kind"],
                name="assessment_unique_rater",
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "rater", "status"], name="assessment_org_rater"),
            models.Index(fields=["organization", "cycle", "status"], name="assessment_org_cycle"),
            models.Index(fields=["organization", "employee"], name="assessment_org_employee"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} assessment of {self.employee_id} by {self.rater_id}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class PeerNomination(Assessment):
    """A peer assessment seen as a nomination: nominated by the employee (or their manager),
    approved (`pending`, then rated like any assessment) or declined by the manager."""

    class Meta:
        proxy = True


class ExpertGrant(Assessment):
    """An expert assessment seen as a grant: the expert's object permission on it lets them
    see and rate that one assessment; revoking declines it."""

    class Meta:
        proxy = True


class AssessmentUserObjectPermission(UserObjectPermissionBase, TenantModel):
    """Object permissions on one assessment for one user (expert assessors)."""

    content_object = models.ForeignKey(Assessment, on_delete=models.CASCADE)

    class Meta:
        unique_together: list = []
        constraints = [
            _org_uuid("assessmentuserobjectpermission"),
            models.UniqueConstraint(
                fields=["organization", "user", "permission", "content_object"],
                name="assessmentuserperm_unique",
            ),
        ]


class AssessmentGroupObjectPermission(GroupObjectPermissionBase, TenantModel):
    """Object permissions on one assessment for a group."""

    content_object = models.ForeignKey(Assessment, on_delete=models.CASCADE)

    class Meta:
        unique_together: list = []
        constraints = [
            _org_uuid("assessmentgroupobjectpermission"),
            models.UniqueConstraint(
                fields=["organization", "group", "permission", "content_object"],
                name="assessmentgroupperm_unique",
            ),
        ]


class Rating(TenantModel):
    """A level (or "not observed", `level` empty) for one capability in one assessment."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    capability = models.ForeignKey(Capability, on_delete=models.PROTECT, related_name="ratings")
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    evidence = models.TextField(blank=True)
    framework_version = models.ForeignKey(
        FrameworkVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["assessment_id", "capability__name", "id"]
        constraints = [
            _org_uuid("rating"),
            models.UniqueConstraint(
                fields=["organization", "assessment", "capability"], name="rating_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "capability"], name="rating_org_capability"),
        ]

    def __str__(self) -> str:
        return f"{self.capability_id}: {self.level if self.level is not None else 'n/o'}"

    @property
    def not_observed(self) -> bool:
        return self.level is None


class ConsolidatedLevel(TenantModel):
    """An employee's level in a capability as of a cycle, from the submitted ratings.

    `level` is the weighted mean by the cycle's rater weights (renormalised over the kinds that
    rated); `contributions` records each kind's weight, mean and number of ratings, and
    `rating_count` their total: the ratings used are the cycle's submitted ratings of the person
    and capability that give a level (a closed cycle's ratings do not change; reopening and
    closing it again consolidates anew). Calibration may set `adjusted_level` with a reason;
    `effective` is then used.
    `target_level` and `requirement_weight` are the role requirement at consolidation.
    """

    cycle = models.ForeignKey(
        AssessmentCycle, on_delete=models.CASCADE, related_name="consolidated_levels"
    )
    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="consolidated_levels"
    )
    capability = models.ForeignKey(
        Capability, on_delete=models.PROTECT, related_name="consolidated_levels"
    )
    level = models.DecimalField(max_digits=4, decimal_places=2)
    contributions = models.JSONField(default=dict, blank=True)
    rating_count = models.PositiveSmallIntegerField(default=0)
    framework_version = models.ForeignKey(
        FrameworkVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    target_level = models.PositiveSmallIntegerField(null=True, blank=True)
    requirement_weight = models.PositiveSmallIntegerField(default=1)
    adjusted_level = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    adjustment_reason = models.TextField(blank=True)
    adjusted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    adjusted_at = models.DateTimeField(null=True, blank=True)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["employee_id", "capability_id", "cycle_id"]
        constraints = [
            _org_uuid("consolidatedlevel"),
            models.UniqueConstraint(
                fields=["organization", "cycle", "employee", "capability"],
                name="consolidatedlevel_unique",
            ),
        ]
        indexes = [
            models.Index(
                fields=["organization", "employee", "capability"], name="consolidated_org_emp"
            ),
            models.Index(fields=["organization", "capability"], name="consolidated_org_cap"),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} · {self.capability_id} = {self.effective}"

    @property
    def effective(self):
        return self.adjusted_level if self.adjusted_level is not None else self.level

    @property
    def gap(self):
        if self.target_level is None:
            return None
        return self.target_level - self.effective


class PreviewLevel(ConsolidatedLevel):
    """A consolidated level in the pre-calibration ratings preview (a closed cycle with
    `preview_voting` on), with the votes cast on it."""

    class Meta:
        proxy = True


class PreviewVote(TenantModel):
    """A calibration participant's view of one consolidated level before it is calibrated (the
    optional "ratings preview" vote): it looks right, too high or too low, and why. One vote
    per participant and level; voting again replaces it."""

    class Choice(models.TextChoices):
        AGREE = "agree", _("Looks right")
        TOO_HIGH = "too_high", _("Looks too high")
        TOO_LOW = "too_low", _("Looks too low")

    consolidated = models.ForeignKey(
        ConsolidatedLevel, on_delete=models.CASCADE, related_name="preview_votes"
    )
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    vote = models.CharField(max_length=8, choices=Choice.choices)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["consolidated_id", "id"]
        constraints = [
            _org_uuid("previewvote"),
            models.UniqueConstraint(
                fields=["organization", "consolidated", "voter"], name="previewvote_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "consolidated"], name="previewvote_org_level"),
        ]

    def __str__(self) -> str:
        return f"{self.voter_id} on {self.consolidated_id}: {self.vote}"


class AttestedRating(TenantModel):
    """An expert rating recorded without a form: a passed assessed learning item (an exam, a
    certification) attests a level in a capability, or an integrator imports a level from
    another system (an external rating: `source_key` starts with `external:`).

    Consolidating a cycle that weights expert ratings counts each attested rating whose
    `attested_at` falls in the cycle's period as one expert rating at full rater weight, beside
    the expert assessors' ratings. `source` says what attested it; `source_key` names the
    attesting record, so recording the same attestation again changes nothing.
    """

    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="attested_ratings"
    )
    capability = models.ForeignKey(Capability, on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    attested_at = models.DateTimeField()
    source = models.CharField(max_length=300)
    source_key = models.CharField(max_length=100)
    # External ratings (imported from another system through the API) link their evidence.
    evidence_url = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    # `source_key` of an external rating: this prefix and the importer's external id.
    EXTERNAL_PREFIX = "external:"

    class Meta:
        ordering = ["-attested_at", "-id"]
        constraints = [
            _org_uuid("attestedrating"),
            models.UniqueConstraint(
                fields=["organization", "source_key", "capability"], name="attestedrating_once"
            ),
        ]
        indexes = [
            models.Index(
                fields=["organization", "employee", "attested_at"], name="attestedrating_org_emp"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} · {self.capability_id} = {self.level} ({self.source})"

    @property
    def rated_on(self) -> date:
        """The day it was rated (attested)."""
        return self.attested_at.date()

    @property
    def external_id(self) -> str:
        """The importer's id of an external rating ("" for an exam's attestation)."""
        if not self.source_key.startswith(self.EXTERNAL_PREFIX):
            return ""
        return self.source_key.removeprefix(self.EXTERNAL_PREFIX)


# Review templates, their versions and answers live in their own module of the app.
from assessments.reviews.models import (  # noqa: E402
    ReviewAnswer as ReviewAnswer,
)
from assessments.reviews.models import (  # noqa: E402
    ReviewTemplate as ReviewTemplate,
)
from assessments.reviews.models import (  # noqa: E402
    ReviewTemplateVersion as ReviewTemplateVersion,
)
