"""Succession and careers: where people aspire to go, the paths between roles, the roles the
organisation cannot afford to leave empty and who could step into them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

from capabilities.models import JobRole
from plms.people.models import Employee
from plms.tenancy.models import TenantModel

MAX_ASPIRATIONS = 3
# The object permission HR grants on a critical role: reading its successors and their evidence.
READ_SUCCESSION = "read_succession"
# The object permission HR grants on a talent pool: reading its members and programme.
READ_POOL = "read_talent_pool"


class CareerPath(TenantModel):
    """A usual next step: from one role to another, in about `typical_months`."""

    from_role = models.ForeignKey(JobRole, on_delete=models.CASCADE, related_name="+")
    to_role = models.ForeignKey(JobRole, on_delete=models.CASCADE, related_name="+")
    typical_months = models.PositiveSmallIntegerField(
        _("typical time (months)"), default=24, validators=[MaxValueValidator(240)]
    )
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "from_role", "to_role"], name="careerpath_org_roles"
            ),
            models.UniqueConstraint(fields=["organization", "uuid"], name="careerpath_org_uuid"),
            models.CheckConstraint(
                condition=~models.Q(from_role=models.F("to_role")), name="careerpath_two_roles"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_role} → {self.to_role}"


class Aspiration(TenantModel):
    """A role a person would like to grow into (up to three, ranked)."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    role = models.ForeignKey(JobRole, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_ASPIRATIONS)]
    )
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["employee_id", "rank", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "employee", "role"], name="aspiration_org_employee_role"
            ),
            models.UniqueConstraint(fields=["organization", "uuid"], name="aspiration_org_uuid"),
        ]

    def __str__(self) -> str:
        return f"{self.employee} → {self.role}"


class CriticalRole(TenantModel):
    """A role (or one position: the role as a named person holds it) the organisation marks
    as critical, with its risk of loss: impact times likelihood, each 1 low to 3 high."""

    role = models.ForeignKey(JobRole, on_delete=models.CASCADE, related_name="+")
    incumbent = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    impact = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    likelihood = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "uuid"], name="criticalrole_org_uuid"),
        ]
        permissions = [(READ_SUCCESSION, "Read the successor slate")]

    def __str__(self) -> str:
        if self.incumbent_id:
            return f"{self.role} ({self.incumbent})"
        return str(self.role)

    @property
    def risk(self) -> int:
        return self.impact * self.likelihood


class Successor(TenantModel):
    """A person nominated to step into a critical role, with how soon they would be ready."""

    class Readiness(models.TextChoices):
        READY_NOW = "ready_now", _("Ready now")
        ONE_TWO_YEARS = "one_two_years", _("Ready in 1 to 2 years")
        THREE_PLUS_YEARS = "three_plus_years", _("Ready in 3 years or more")

    critical_role = models.ForeignKey(
        CriticalRole, on_delete=models.CASCADE, related_name="successors"
    )
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    readiness = models.CharField(max_length=20, choices=Readiness.choices)
    note = models.CharField(max_length=300, blank=True)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["critical_role_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "critical_role", "employee"],
                name="successor_org_role_employee",
            ),
            models.UniqueConstraint(fields=["organization", "uuid"], name="successor_org_uuid"),
        ]

    def __str__(self) -> str:
        return f"{self.employee} for {self.critical_role}"


class CriticalRoleUserObjectPermission(UserObjectPermissionBase, TenantModel):
    """Object permissions on one critical role for one user (HR's grants to read its slate)."""

    content_object = models.ForeignKey(CriticalRole, on_delete=models.CASCADE)

    class Meta:
        unique_together: list = []
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "uuid"], name="criticalroleuserperm_org_uuid"
            ),
            models.UniqueConstraint(
                fields=["organization", "user", "permission", "content_object"],
                name="criticalroleuserperm_unique",
            ),
        ]


class PotentialCriterion(TenantModel):
    """One of the organisation's own criteria for potential, each scored 1-3 against its
    described levels; an organisation without any uses the shipped default
    (`talent.potential.DEFAULT_CRITERIA`)."""

    key = models.SlugField(max_length=50)
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300)
    low = models.CharField(_("what low looks like"), max_length=300)
    medium = models.CharField(_("what medium looks like"), max_length=300)
    high = models.CharField(_("what high looks like"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "key"], name="potentialcriterion_key"),
            models.UniqueConstraint(
                fields=["organization", "uuid"], name="potentialcriterion_org_uuid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PotentialAssessment(TenantModel):
    """A person's potential: a score per criterion, the level they give (1 low ... 3 high),
    and the level calibration settled on (with its reason). One per person and cycle."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    cycle = models.ForeignKey(
        "assessments.AssessmentCycle",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    scores = models.JSONField(default=dict, blank=True)  # {criterion key: 1-3}
    level = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    calibrated_level = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    calibration_reason = models.CharField(max_length=300, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "employee", "cycle"], name="potential_employee_cycle"
            ),
            models.UniqueConstraint(
                fields=["organization", "uuid"], name="potentialassessment_org_uuid"
            ),
        ]
        indexes = [
            models.Index(
                fields=["organization", "employee", "-created_at"], name="potential_latest"
            )
        ]

    def __str__(self) -> str:
        return f"Potential of {self.employee}"

    @property
    def effective_level(self) -> int:
        return self.calibrated_level if self.calibrated_level is not None else self.level


class TalentPool(TenantModel):
    """A named group HR develops together (future leaders, technical experts): its criteria
    suggest members (9-box boxes, an aspired role, a minimum level in one capability); HR
    confirms or removes them. Confidential like potential."""

    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)
    boxes = models.JSONField(default=list, blank=True)  # ["3-3", "2-3"]: performance-potential
    aspired_role = models.ForeignKey(
        JobRole, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    capability = models.ForeignKey(
        "capabilities.Capability",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    minimum_level = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    # The development programme: what members see it called on their plan, and its cadence (a
    # Momentum workflow whose audience is the members).
    programme_name = models.CharField(max_length=100, blank=True)
    workflow = models.ForeignKey(
        "workflows.WorkflowTemplate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="talentpool_org_name"),
            models.UniqueConstraint(fields=["organization", "uuid"], name="talentpool_org_uuid"),
            models.UniqueConstraint(
                fields=["organization", "workflow"],
                condition=models.Q(workflow__isnull=False),
                name="talentpool_one_per_workflow",
            ),
        ]
        permissions = [(READ_POOL, "Read the talent pool")]

    def __str__(self) -> str:
        return self.name


class TalentPoolItem(TenantModel):
    """A learning item of a pool's development programme: every member has it in their
    programme plan (members who join later too)."""

    pool = models.ForeignKey(TalentPool, on_delete=models.CASCADE, related_name="programme")
    item = models.ForeignKey("learning.LearningItem", on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["pool_id", "added_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "pool", "item"], name="talentpoolitem_pool_item"
            ),
            models.UniqueConstraint(
                fields=["organization", "uuid"], name="talentpoolitem_org_uuid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} in {self.pool}"


class TalentPoolMember(TenantModel):
    """A person HR confirmed in a pool, with the development plan that carries the pool's
    programme for them."""

    pool = models.ForeignKey(TalentPool, on_delete=models.CASCADE, related_name="members")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(
        "learning.DevelopmentPlan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["pool_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "pool", "employee"], name="talentpoolmember_pool_employee"
            ),
            models.UniqueConstraint(
                fields=["organization", "uuid"], name="talentpoolmember_org_uuid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} in {self.pool}"


class TalentPoolUserObjectPermission(UserObjectPermissionBase, TenantModel):
    """Object permissions on one talent pool for one user (HR's grants to read it)."""

    content_object = models.ForeignKey(TalentPool, on_delete=models.CASCADE)

    class Meta:
        unique_together: list = []
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "uuid"], name="talentpooluserperm_org_uuid"
            ),
            models.UniqueConstraint(
                fields=["organization", "user", "permission", "content_object"],
                name="talentpooluserperm_unique",
            ),
        ]


class SuccessorNomination(TenantModel):
    """A manager's proposal of one of their reports for a critical role; HR accepts it (the
    person joins the slate) or declines it. The manager never reads the slate."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    critical_role = models.ForeignKey(CriticalRole, on_delete=models.CASCADE, related_name="+")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    proposed_by = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    readiness = models.CharField(max_length=20, choices=Successor.Readiness.choices)
    note = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "critical_role", "employee"],
                condition=models.Q(status="proposed"),
                name="nomination_one_open",
            ),
            models.UniqueConstraint(fields=["organization", "uuid"], name="nomination_org_uuid"),
        ]

    def __str__(self) -> str:
        return f"{self.employee} proposed for {self.critical_role}"


# --- Talent review meetings ---------------------------------------------------------------------

# The object permission HR grants on a talent review: running it (reading its board, moving
# people, recording decisions and actions).
RUN_TALENT_REVIEW = "run_talent_review"


class TalentReview(TenantModel):
    """A talent review meeting for a pool or a department: its people on the 9-box, the moves
    the meeting agreed (each with its reason) and its decision log. Confidential like
    potential: HR and the people HR grants the review."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        HELD = "held", _("Held")

    name = models.CharField(max_length=120)
    pool = models.ForeignKey(
        TalentPool, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        "people.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField()
    facilitator = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "uuid"], name="talentreview_org_uuid"),
            models.CheckConstraint(
                condition=models.Q(pool__isnull=True, department__isnull=False)
                | models.Q(pool__isnull=False, department__isnull=True),
                name="talentreview_pool_or_department",
            ),
        ]
        indexes = [models.Index(fields=["organization", "-held_on"], name="talentreview_held")]
        permissions = [(RUN_TALENT_REVIEW, "Run the talent review")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class TalentReviewUserObjectPermission(UserObjectPermissionBase, TenantModel):
    """Object permissions on one talent review for one user (HR's grants to run it)."""

    content_object = models.ForeignKey(TalentReview, on_delete=models.CASCADE)

    class Meta:
        unique_together: list = []
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "uuid"], name="talentreviewuserperm_org_uuid"
            ),
            models.UniqueConstraint(
                fields=["organization", "user", "permission", "content_object"],
                name="talentreviewuserperm_unique",
            ),
        ]


class TalentReviewMove(TenantModel):
    """A person the meeting moved from one box to another ("performance-potential"), and why.
    A move of potential calibrates the person's potential; performance stays measured."""

    review = models.ForeignKey(TalentReview, on_delete=models.CASCADE, related_name="moves")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    from_box = models.CharField(max_length=3, blank=True)  # "" when the person was not placed
    to_box = models.CharField(max_length=3)
    reason = models.CharField(max_length=300)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["review_id", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "uuid"], name="talentreviewmove_uuid"),
        ]

    def __str__(self) -> str:
        return f"{self.employee}: {self.from_box or '-'} → {self.to_box}"


class TalentReviewEntry(TenantModel):
    """A line of a review's decision log: a decision, or an action with its owner and due
    date (followed up by Momentum until it is done)."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision")
        ACTION = "action", _("Action")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    review = models.ForeignKey(TalentReview, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.CharField(max_length=500)
    employee = models.ForeignKey(  # the person the line is about, if one
        Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    owner = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    done_at = models.DateTimeField(null=True, blank=True)
    done_note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["review_id", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "uuid"], name="talentreviewentry_uuid"),
            models.CheckConstraint(
                condition=models.Q(kind="decision")
                | models.Q(owner__isnull=False, due_on__isnull=False),
                name="talentreviewentry_action_owner_due",
            ),
        ]
        indexes = [
            models.Index(
                fields=["organization", "kind", "created_at"], name="talentreviewentry_feed"
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]
