"""The capability library: the shipped catalogue, each organisation's library and scale, its
published framework versions, and job roles with their scorecards.

The catalogue (`Catalogue*`) is reference data shared by every organisation: it has no
`organization` and is never written by requests, only by `catalogue.loader` (run by a data
migration and by `manage.py load_catalogue`). Everything else is owned by one organisation.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plms.people.models import Employee
from plms.tenancy.models import TenantModel

MIN_SCALE_LEVELS = 3
MAX_SCALE_LEVELS = 7


def _org_uuid(name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(fields=["organization", "uuid"], name=f"{name}_org_uuid")


# --- Shipped catalogue (reference data, not tenant tables) ------------------------------------


class CatalogueCategory(models.Model):
    key = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "catalogue categories"

    def __str__(self) -> str:
        return self.name


class CatalogueCapability(models.Model):
    """A capability of the shipped library; `revision` grows whenever its content changes, so
    organisations that adopted an earlier revision are offered the update."""

    key = models.SlugField(max_length=100, unique=True)
    category = models.ForeignKey(
        CatalogueCategory, on_delete=models.PROTECT, related_name="capabilities"
    )
    name = models.CharField(max_length=200, unique=True)
    description = models.TextField()
    skills = models.JSONField(default=list)
    knowledge = models.JSONField(default=list)
    behaviours = models.JSONField(default=list)
    tools = models.JSONField(default=list)
    processes = models.JSONField(default=list)
    tags = models.JSONField(default=list)
    position = models.PositiveSmallIntegerField(default=0)
    revision = models.PositiveIntegerField(default=1)
    content_hash = models.CharField(max_length=64)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["category__position", "position", "name"]
        verbose_name_plural = "catalogue capabilities"

    def __str__(self) -> str:
        return self.name


class CatalogueLevel(models.Model):
    capability = models.ForeignKey(
        CatalogueCapability, on_delete=models.CASCADE, related_name="levels"
    )
    level = models.PositiveSmallIntegerField()
    descriptor = models.TextField()
    indicators = models.JSONField(default=list)

    class Meta:
        ordering = ["capability_id", "level"]
        constraints = [
            models.UniqueConstraint(fields=["capability", "level"], name="cataloguelevel_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.capability} · {self.level}"


# --- Competency scale ------------------------------------------------------------------------


class CompetencyScale(TenantModel):
    """The organisation's scale (one per organisation, created on first use)."""

    name = models.CharField(max_length=200, default="Competency scale")
    proficient_level = models.PositiveSmallIntegerField(default=3)
    # Grows with every change of the levels; the audit trail keeps each before/after.
    revision = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            _org_uuid("competencyscale"),
            models.UniqueConstraint(fields=["organization"], name="competencyscale_one_per_org"),
        ]

    def __str__(self) -> str:
        return str(self.name)


class ScaleLevel(TenantModel):
    scale = models.ForeignKey(CompetencyScale, on_delete=models.CASCADE, related_name="levels")
    number = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SCALE_LEVELS)]
    )
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            _org_uuid("scalelevel"),
            models.UniqueConstraint(
                fields=["organization", "scale", "number"], name="scalelevel_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


# --- Library ---------------------------------------------------------------------------------


class CapabilityCategory(TenantModel):
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    source_key = models.CharField(max_length=80, blank=True)

    class Meta:
        ordering = ["position", "name", "id"]
        verbose_name_plural = "capability categories"
        constraints = [
            _org_uuid("capabilitycategory"),
            models.UniqueConstraint(
                "organization", Lower("name"), name="capabilitycategory_org_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Capability(TenantModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        RETIRED = "retired", _("Retired")

    key = models.SlugField(max_length=100)
    name = models.CharField(max_length=200)
    category = models.ForeignKey(
        CapabilityCategory, on_delete=models.PROTECT, related_name="capabilities"
    )
    description = models.TextField(blank=True)
    tags = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    data_steward = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Adopted capabilities keep the catalogue key and the revision they were copied from.
    source_key = models.CharField(max_length=100, blank=True)
    source_revision = models.PositiveIntegerField(null=True, blank=True)
    # The catalogue revision whose update the organisation declined (no longer offered).
    source_revision_declined = models.PositiveIntegerField(null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "capabilities"
        constraints = [
            _org_uuid("capability"),
            models.UniqueConstraint(fields=["organization", "key"], name="capability_org_key"),
            models.UniqueConstraint("organization", Lower("name"), name="capability_org_name"),
        ]
        indexes = [
            models.Index(fields=["organization", "category"], name="capability_org_category"),
            models.Index(fields=["organization", "status"], name="capability_org_status"),
            models.Index(fields=["organization", "source_key"], name="capability_org_source"),
        ]

    def __str__(self) -> str:
        return self.name


class CapabilityLevel(TenantModel):
    """What a capability looks like at one level of the scale, with observable indicators."""

    capability = models.ForeignKey(Capability, on_delete=models.CASCADE, related_name="levels")
    level = models.PositiveSmallIntegerField()
    descriptor = models.TextField()
    indicators = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["capability_id", "level"]
        constraints = [
            _org_uuid("capabilitylevel"),
            models.UniqueConstraint(
                fields=["organization", "capability", "level"], name="capabilitylevel_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.capability_id} · {self.level}"


class FrameworkVersion(TenantModel):
    """A published state of the library and scale. Requirements (and ratings) point at the
    version in force when they were set, so they stay interpretable after later changes."""

    number = models.PositiveIntegerField()
    note = models.CharField(max_length=300, blank=True)
    snapshot = models.JSONField(default=dict)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_by_label = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            _org_uuid("frameworkversion"),
            models.UniqueConstraint(
                fields=["organization", "number"], name="frameworkversion_org_number"
            ),
        ]

    def __str__(self) -> str:
        return f"v{self.number}"


# --- Job roles and scorecards ----------------------------------------------------------------


class JobRole(TenantModel):
    key = models.SlugField(max_length=100)
    name = models.CharField(max_length=200)
    family = models.CharField(max_length=100, blank=True)
    grade = models.CharField(max_length=50, blank=True)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["family", "name", "id"]
        constraints = [
            _org_uuid("jobrole"),
            models.UniqueConstraint(fields=["organization", "key"], name="jobrole_org_key"),
            models.UniqueConstraint("organization", Lower("name"), name="jobrole_org_name"),
        ]

    def __str__(self) -> str:
        return self.name


class RoleRequirement(TenantModel):
    role = models.ForeignKey(JobRole, on_delete=models.CASCADE, related_name="requirements")
    capability = models.ForeignKey(
        Capability, on_delete=models.PROTECT, related_name="requirements"
    )
    target_level = models.PositiveSmallIntegerField()
    weight = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    is_core = models.BooleanField(default=True)
    framework_version = models.ForeignKey(
        FrameworkVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-is_core", "capability__name", "id"]
        constraints = [
            _org_uuid("rolerequirement"),
            models.UniqueConstraint(
                fields=["organization", "role", "capability"], name="rolerequirement_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "capability"], name="rolerequirement_org_cap"),
        ]

    def __str__(self) -> str:
        return f"{self.role_id} → {self.capability_id} @ {self.target_level}"


class KeyResult(TenantModel):
    class Direction(models.TextChoices):
        INCREASE = "increase", _("Increase")
        DECREASE = "decrease", _("Decrease")
        MAINTAIN = "maintain", _("Maintain")

    role = models.ForeignKey(JobRole, on_delete=models.CASCADE, related_name="key_results")
    position = models.PositiveSmallIntegerField(default=0)
    outcome = models.CharField(max_length=300)
    kpi_unit = models.CharField(max_length=50)
    kpi_target = models.DecimalField(max_digits=14, decimal_places=2)
    kpi_direction = models.CharField(
        max_length=10, choices=Direction.choices, default=Direction.INCREASE
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [_org_uuid("keyresult")]
        indexes = [models.Index(fields=["organization", "role"], name="keyresult_org_role")]

    def __str__(self) -> str:
        return self.outcome


class RoleAssignment(TenantModel):
    """An employee holding a job role; one current (`ended_at` empty) role per employee."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    role = models.ForeignKey(JobRole, on_delete=models.PROTECT, related_name="assignments")
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "id"]
        constraints = [
            _org_uuid("roleassignment"),
            models.UniqueConstraint(
                fields=["organization", "employee"],
                condition=models.Q(ended_at__isnull=True),
                name="roleassignment_one_current",
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "role"], name="roleassignment_org_role"),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} as {self.role_id}"
