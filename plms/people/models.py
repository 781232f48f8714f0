"""Employees, departments and reporting lines of an organization."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from plms.tenancy.models import TenantModel


def _org_uuid(name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(fields=["organization", "uuid"], name=f"{name}_org_uuid")


class Department(TenantModel):
    name = models.CharField(max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            _org_uuid("department"),
            models.UniqueConstraint("organization", Lower("name"), name="department_org_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Employee(TenantModel):
    """A person in the organization; `user` is set once they have signed in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employees",
    )
    email = models.EmailField()
    external_id = models.CharField(max_length=100, blank=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100, blank=True)
    title = models.CharField(max_length=200, blank=True)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="employees"
    )
    manager = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="direct_reports"
    )
    # Share of the primary manager in matrix reporting; with secondary managers it and their
    # weights total 100.
    manager_weight = models.PositiveSmallIntegerField(
        default=100, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    start_date = models.DateField(null=True, blank=True)
    active = models.BooleanField(default=True)
    # The day the person left: set when they are deactivated (by HR, an identity provider or
    # an HRIS sync), cleared when they come back, correctable by HR. Erasure of leavers
    # counts the organisation's retention period from it.
    left_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        constraints = [
            _org_uuid("employee"),
            models.UniqueConstraint(fields=["organization", "email"], name="employee_org_email"),
            models.UniqueConstraint(
                fields=["organization", "user"],
                condition=models.Q(user__isnull=False),
                name="employee_org_user",
            ),
            models.UniqueConstraint(
                fields=["organization", "external_id"],
                condition=~models.Q(external_id=""),
                name="employee_org_external_id",
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "manager"], name="employee_org_manager"),
            models.Index(fields=["organization", "department"], name="employee_org_department"),
            # Matches the directory's stable order, so a page is an index range scan.
            models.Index(
                fields=["organization", "last_name", "first_name", "id"],
                name="employee_org_name_order",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def record_leaving(self, *, was_active: bool) -> bool:
        """Keep `left_on` in step with `active` (every way people are written calls it): a
        person who stops being active left today, unless a date was given; one who is active
        again has not left. Whether `left_on` changed."""
        before = self.left_on
        if self.active:
            self.left_on = None
        elif was_active and self.left_on is None:
            self.left_on = timezone.localdate()
        return self.left_on != before


class SecondaryManager(TenantModel):
    """A matrix (dotted-line) manager of an employee, with their weight in percent."""

    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="secondary_manager_links"
    )
    manager = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="secondary_report_links"
    )
    weight = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(99)]
    )

    class Meta:
        ordering = ["-weight", "id"]
        constraints = [
            _org_uuid("secondarymanager"),
            models.UniqueConstraint(
                fields=["organization", "employee", "manager"], name="secondarymanager_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "manager"], name="secondarymanager_org_mgr"),
        ]


class Invitation(TenantModel):
    """An e-mailed link that lets an employee create their sign-in."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    token_hash = models.CharField(max_length=64)
    role = models.CharField(max_length=16, default="member")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            _org_uuid("invitation"),
            models.UniqueConstraint(fields=["organization", "token_hash"], name="invitation_token"),
        ]
