"""Personal-data rights: a person's data export, and each organisation's retention rules."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plms.people.models import Employee
from plms.tenancy.models import TenantModel


class RetentionPolicy(TenantModel):
    """How long an organisation keeps what it no longer needs (one row per organisation; the
    defaults apply until HR saves their own)."""

    leavers_days = models.PositiveIntegerField(
        _("erase leavers after (days)"),
        default=730,
        help_text=_("A deactivated person becomes an anonymous record this long after leaving."),
    )
    audit_days = models.PositiveIntegerField(
        _("keep the audit log (days)"), default=730, help_text=_("At least 30.")
    )
    webhook_history_days = models.PositiveIntegerField(_("keep webhook history (days)"), default=90)
    notifications_days = models.PositiveIntegerField(_("keep notifications (days)"), default=365)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization"], name="retentionpolicy_org"),
            models.UniqueConstraint(
                fields=["organization", "uuid"], name="retentionpolicy_org_uuid"
            ),
        ]

    def __str__(self) -> str:
        return "Retention rules"


class PersonalDataExport(TenantModel):
    """Everything PLMS holds about one person, as a ZIP built in the background; it can be
    downloaded once, then its content is dropped."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready to download")
        DOWNLOADED = "downloaded", _("Downloaded")
        FAILED = "failed", _("Failed")

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_by_label = models.CharField(max_length=200)
    # Management planning (successor slates, potential, talent pools) is left out unless HR asks.
    include_planning = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    content = models.BinaryField(null=True, blank=True, editable=False)
    size = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)
    downloaded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "uuid"], name="personaldataexport_org_uuid"
            ),
        ]
        indexes = [
            models.Index(
                fields=["organization", "employee", "-created_at"], name="pdexport_org_employee"
            )
        ]

    def __str__(self) -> str:
        return f"Personal data of {self.employee}"

    @property
    def filename(self) -> str:
        return f"personal-data-{self.employee.uuid}.zip"
