"""Rate and reward: the overall performance rating, pay structure and who may read pay.

- `RewardSettings` (one row per organisation): the rating formula's weights, the distribution
  guideline and whether employees see their own pay;
- `RatingLevel`: the organisation's overall rating scale (e.g. 1 Unsatisfactory … 5
  Outstanding), each level with the lowest formula score that proposes it;
- `PerformanceRating`: one per person per assessment cycle: the formula's proposal with each
  part, the manager's confirmation or override, calibration's adjustment;
- `RatingRelease`: HR has released a cycle's ratings to the people rated;
- `PayGrade`, `PayRecord`: bands per job role and each person's current pay;
- `CompensationGrant`: a manager's explicit permission to read their own reports' pay.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from plms.people.models import Employee
from plms.tenancy.models import TenantModel

HUNDRED = Decimal(100)


def _org_uuid(name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(fields=["organization", "uuid"], name=f"{name}_org_uuid")


def _money(**kwargs) -> models.DecimalField:
    return models.DecimalField(
        max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal(0))], **kwargs
    )


def _percent(default: int) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        default=default, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )


class RewardSettings(TenantModel):
    """How the organisation rates and rewards (one row; defaults when absent).

    The formula: capability results against the role's targets count `capability_weight`,
    goal achievement `goal_weight` (per balanced-scorecard perspective when
    `perspective_weights` names any); a capability counts up to `attainment_cap` % of its target.
    """

    capability_weight = _percent(50)
    goal_weight = _percent(50)
    perspective_weights = models.JSONField(default=dict, blank=True)
    attainment_cap = models.PositiveSmallIntegerField(
        default=100, validators=[MinValueValidator(100), MaxValueValidator(200)]
    )
    employees_see_own_pay = models.BooleanField(default=False)
    distribution_targets = models.JSONField(default=dict, blank=True)
    distribution_enforced = models.BooleanField(default=False)
    distribution_tolerance = _percent(5)
    equity_min_group = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(2)],
        help_text="Pay-equity groups smaller than this are suppressed.",
    )
    relative_ranking = models.BooleanField(
        default=False,
        help_text="Calibration ranks people within their department, 1 first.",
    )
    equity_gap_threshold = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        default=Decimal(5),
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal(50))],
        help_text="An unexplained pay gap of this many % (or increase gap of this many "
        "points) or more is listed for review.",
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "reward settings"
        constraints = [
            _org_uuid("rewardsettings"),
            models.UniqueConstraint(fields=["organization"], name="rewardsettings_one_per_org"),
        ]

    def __str__(self) -> str:
        return "Reward settings"


class RatingLevel(TenantModel):
    value = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    min_score = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(HUNDRED)],
    )

    class Meta:
        ordering = ["value"]
        constraints = [
            _org_uuid("ratinglevel"),
            models.UniqueConstraint(fields=["organization", "value"], name="ratinglevel_value"),
        ]

    def __str__(self) -> str:
        return f"{self.value} {self.name}"


class PerformanceRating(TenantModel):
    """A person's overall rating in a cycle. `final_level`: calibration's level, else the
    manager's, else none yet (the formula only proposes)."""

    cycle = models.ForeignKey(
        "assessments.AssessmentCycle", on_delete=models.CASCADE, related_name="+"
    )
    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="performance_ratings"
    )
    capability_score = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    goal_score = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    score = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    parts = models.JSONField(default=dict, blank=True)
    proposed_level = models.PositiveSmallIntegerField(null=True, blank=True)
    computed_at = models.DateTimeField(default=timezone.now)
    manager_level = models.PositiveSmallIntegerField(null=True, blank=True)
    manager_reason = models.TextField(blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    calibrated_level = models.PositiveSmallIntegerField(null=True, blank=True)
    calibration_reason = models.TextField(blank=True)
    calibrated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    calibrated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["cycle_id", "employee__last_name", "employee__first_name", "id"]
        constraints = [
            _org_uuid("performancerating"),
            models.UniqueConstraint(
                fields=["organization", "cycle", "employee"], name="performancerating_once"
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "employee"], name="perfrating_org_employee"),
        ]

    def __str__(self) -> str:
        return f"Overall rating of {self.employee}"

    @property
    def final_level(self) -> int | None:
        if self.calibrated_level is not None:
            return self.calibrated_level
        return self.manager_level

    @property
    def stage(self) -> str:
        if self.calibrated_level is not None:
            return "calibrated"
        if self.manager_level is not None:
            return "confirmed"
        return "proposed"


class CalibrationRank(TenantModel):
    """A person's place within their calibration group (their department) in a cycle, 1
    first, as HR placed them when the organisation ranks (`RewardSettings.relative_ranking`).
    The group's places are written together, so they run 1..n."""

    cycle = models.ForeignKey(
        "assessments.AssessmentCycle", on_delete=models.CASCADE, related_name="+"
    )
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        "people.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    reason = models.TextField(blank=True)
    ranked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ranked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            _org_uuid("calibrationrank"),
            models.UniqueConstraint(
                fields=["organization", "cycle", "employee"], name="calibrationrank_once"
            ),
        ]
        indexes = [
            models.Index(
                fields=["organization", "cycle", "department", "position"],
                name="calibrationrank_group",
            )
        ]

    def __str__(self) -> str:
        return f"Place of {self.employee}"


class RatingRelease(TenantModel):
    cycle = models.ForeignKey(
        "assessments.AssessmentCycle", on_delete=models.CASCADE, related_name="+"
    )
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    released_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            _org_uuid("ratingrelease"),
            models.UniqueConstraint(fields=["organization", "cycle"], name="ratingrelease_once"),
        ]

    def __str__(self) -> str:
        return "Ratings released"


class PayGrade(TenantModel):
    name = models.CharField(max_length=100)
    job_role = models.ForeignKey(
        "capabilities.JobRole",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    minimum = _money()
    midpoint = _money()
    maximum = _money()
    currency = models.CharField(max_length=3, default="EUR")
    target_bonus_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(500))],
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["minimum", "name", "id"]
        constraints = [
            _org_uuid("paygrade"),
            models.UniqueConstraint(fields=["organization", "name"], name="paygrade_name"),
            models.CheckConstraint(
                condition=Q(minimum__lte=F("midpoint")) & Q(midpoint__lte=F("maximum")),
                name="paygrade_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PayRecord(TenantModel):
    """A person's current pay (annual base) and grade."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="pay_records")
    grade = models.ForeignKey(
        PayGrade, null=True, blank=True, on_delete=models.PROTECT, related_name="pay_records"
    )
    base_pay = _money()
    currency = models.CharField(max_length=3, default="EUR")
    effective_date = models.DateField()
    # Attributes imported for pay-equity analysis only (e.g. {"gender": "female"}).
    equity_attributes = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["employee__last_name", "employee__first_name", "id"]
        constraints = [
            _org_uuid("payrecord"),
            models.UniqueConstraint(fields=["organization", "employee"], name="payrecord_one"),
        ]

    def __str__(self) -> str:
        return f"Pay of {self.employee}"

    @property
    def compa_ratio(self) -> Decimal | None:
        """Pay over the grade's midpoint (1.00 = at the midpoint)."""
        if self.grade is None or not self.grade.midpoint:
            return None
        return (self.base_pay / self.grade.midpoint).quantize(Decimal("0.01"))

    @property
    def position_in_range(self) -> Decimal | None:
        """Where pay sits from the grade's minimum (0 %) to its maximum (100 %)."""
        return position_in_range(self.base_pay, self.grade)


def position_in_range(pay: Decimal, grade: PayGrade | None) -> Decimal | None:
    if grade is None:
        return None
    span = grade.maximum - grade.minimum
    if span <= 0:
        return HUNDRED if pay >= grade.maximum else Decimal(0)
    return ((pay - grade.minimum) / span * HUNDRED).quantize(Decimal("0.1"))


class CompensationGrant(TenantModel):
    """A manager may read (and propose) the pay of their own reports: HR grants it explicitly."""

    manager = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="compensation_grants"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            _org_uuid("compensationgrant"),
            models.UniqueConstraint(fields=["organization", "manager"], name="compgrant_one"),
        ]

    def __str__(self) -> str:
        return f"Compensation access of {self.manager}"


class LeaveRecord(TenantModel):
    """A period of leave of a person (imported from the HR system), read by compensation
    reviews' eligibility rules. `ends_on` empty: still on leave."""

    class Kind(models.TextChoices):
        ABSENCE = "absence", "Leave of absence"
        PARENTAL = "parental", "Parental leave"
        SICK = "sick", "Sick leave"
        OTHER = "other", "Other leave"

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="leave_records")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ABSENCE)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_on", "id"]
        constraints = [
            _org_uuid("leaverecord"),
            models.UniqueConstraint(
                fields=["organization", "employee", "starts_on"], name="leaverecord_once"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="leaverecord_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "starts_on"], name="leaverecord_org_start"),
        ]

    def __str__(self) -> str:
        return f"Leave of {self.employee}"


# --- Compensation review ---------------------------------------------------------------------


class CompensationReview(TenantModel):
    """A compensation review: budgets per department, a merit matrix, eligibility, deadlines;
    managers propose, approvals go up the reporting line to HR, finalising writes new pay."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        FINALISED = "finalised", "Finalised"

    name = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    cycle = models.ForeignKey(
        "assessments.AssessmentCycle",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The cycle whose overall ratings the merit matrix reads.",
    )
    effective_date = models.DateField()
    proposal_deadline = models.DateField()
    eligible_started_before = models.DateField(
        null=True, blank=True, help_text="Only people who started before this date take part."
    )

    class LeaveRule(models.TextChoices):
        NONE = "", "Leave does not count"
        EXCLUDE = "exclude", "Not eligible"
        FLAG = "flag", "Eligible, flagged"

    leave_rule = models.CharField(
        max_length=10,
        choices=LeaveRule.choices,
        default=LeaveRule.NONE,
        blank=True,
        help_text="What happens to people on leave on the effective date, or with more than "
        "`leave_days_over` days of leave in the period.",
    )
    leave_days_over = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(366)],
        help_text="Days of leave in the period (the cycle's, else the year before the "
        "effective date) past which the leave rule applies; empty: only leave on the date.",
    )
    hard_budget = models.BooleanField(default=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    finalised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-effective_date", "-id"]
        constraints = [_org_uuid("compensationreview")]

    def __str__(self) -> str:
        return self.name


class ReviewBudget(TenantModel):
    """A department's budget in a review; `spent` is kept under the row's lock."""

    review = models.ForeignKey(CompensationReview, on_delete=models.CASCADE, related_name="budgets")
    department = models.ForeignKey("people.Department", on_delete=models.CASCADE, related_name="+")
    amount = _money()
    spent = _money(default=Decimal(0))

    class Meta:
        ordering = ["department__name", "id"]
        constraints = [
            _org_uuid("reviewbudget"),
            models.UniqueConstraint(
                fields=["organization", "review", "department"], name="reviewbudget_once"
            ),
        ]

    def __str__(self) -> str:
        return f"Budget of {self.department}"

    @property
    def left(self) -> Decimal:
        return self.amount - self.spent


class MeritMatrixCell(TenantModel):
    """Overall rating by position in range [range_from, range_to) → an increase range in %."""

    review = models.ForeignKey(
        CompensationReview, on_delete=models.CASCADE, related_name="matrix_cells"
    )
    rating = models.PositiveSmallIntegerField()
    range_from = models.DecimalField(max_digits=6, decimal_places=1, default=Decimal(0))
    range_to = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    min_percent = models.DecimalField(max_digits=5, decimal_places=2)
    max_percent = models.DecimalField(max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["rating", "range_from", "id"]
        constraints = [
            _org_uuid("meritmatrixcell"),
            models.UniqueConstraint(
                fields=["organization", "review", "rating", "range_from"], name="meritcell_once"
            ),
        ]

    def __str__(self) -> str:
        return f"Rating {self.rating} from {self.range_from} %"


class CompensationProposal(TenantModel):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for approval"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    review = models.ForeignKey(
        CompensationReview, on_delete=models.CASCADE, related_name="proposals"
    )
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        "people.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    current_pay = _money()
    increase_percent = models.DecimalField(max_digits=6, decimal_places=2)
    increase_amount = _money()
    bonus_amount = _money(default=Decimal(0))
    guidance_min = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    guidance_max = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    within_guidance = models.BooleanField(default=True)
    reason = models.TextField(blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    awaiting = models.ForeignKey(
        Employee,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The next approver up the reporting line; empty: HR.",
    )
    approvals = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["employee__last_name", "employee__first_name", "id"]
        constraints = [
            _org_uuid("compensationproposal"),
            models.UniqueConstraint(
                fields=["organization", "review", "employee"], name="compproposal_once"
            ),
        ]

    def __str__(self) -> str:
        return f"Proposal for {self.employee}"

    @property
    def new_pay(self) -> Decimal:
        return self.current_pay + self.increase_amount


# --- Bonus runs ------------------------------------------------------------------------------


class BonusRun(TenantModel):
    """A year's bonus: each eligible person's target bonus (grade's target % of base pay) times
    the company, department and individual (overall rating) multipliers, pro-rated for the part
    of the year they were employed. HR may adjust a person's amount with a reason, then
    finalises."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        FINALISED = "finalised", "Finalised"

    name = models.CharField(max_length=200)
    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    cycle = models.ForeignKey(
        "assessments.AssessmentCycle",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The cycle whose overall ratings give the individual multiplier.",
    )
    company_multiplier = models.DecimalField(
        max_digits=5, decimal_places=2, default=Decimal(1), validators=[MinValueValidator(0)]
    )
    # {"<department uuid>": "1.10"}; a department not named counts 1.
    department_multipliers = models.JSONField(default=dict, blank=True)
    # {"<rating value>": "1.25"}; "unrated" for people without a final rating.
    rating_multipliers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    finalised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "-id"]
        constraints = [_org_uuid("bonusrun")]

    def __str__(self) -> str:
        return self.name


class BonusLine(TenantModel):
    """One person's bonus in a run, each part kept as computed."""

    run = models.ForeignKey(BonusRun, on_delete=models.CASCADE, related_name="lines")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        "people.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    base_pay = _money()
    currency = models.CharField(max_length=3, default="EUR")
    target_percent = models.DecimalField(max_digits=5, decimal_places=2)
    target_amount = _money()
    company_multiplier = models.DecimalField(max_digits=5, decimal_places=2)
    department_multiplier = models.DecimalField(max_digits=5, decimal_places=2)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    individual_multiplier = models.DecimalField(max_digits=5, decimal_places=2)
    prorate = models.DecimalField(max_digits=5, decimal_places=4)
    computed_amount = _money()
    adjusted_amount = _money(null=True, blank=True)
    adjustment_reason = models.TextField(blank=True)
    adjusted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    adjusted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["employee__last_name", "employee__first_name", "id"]
        constraints = [
            _org_uuid("bonusline"),
            models.UniqueConstraint(
                fields=["organization", "run", "employee"], name="bonusline_once"
            ),
        ]

    def __str__(self) -> str:
        return f"Bonus of {self.employee}"

    @property
    def amount(self) -> Decimal:
        return self.adjusted_amount if self.adjusted_amount is not None else self.computed_amount
