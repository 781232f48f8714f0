"""Organizations (tenants), memberships, API keys and the base of every tenant-owned model.

`Organization`, `Membership` and `ApiKey` are the *directory*: they are read to find out which
organization a request acts for, before one is active, so they are not row-level secured and are
only queried by explicit organization or user. Every other table with data of an organization
derives from `TenantModel` and is row-level secured.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plms.tenancy.context import require_organization_id


class Organization(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=63, unique=True)
    name = models.CharField(max_length=200)
    time_zone = models.CharField(max_length=64, default="UTC")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's access to an organization. An inactive membership (the person was deactivated)
    keeps its role for a reactivation but grants nothing: `memberships_for_user` skips it."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("HR admin")
        MEMBER = "member", _("Member")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["organization__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="membership_org_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.organization} ({self.role})"

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN


class ApiKey(models.Model):
    """An integrator's key. Only a SHA-256 of the secret is stored; the key is shown once."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    hashed_secret = models.CharField(max_length=64)
    scopes = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organization_id", "-created_at", "id"]
        indexes = [models.Index(fields=["organization", "created_at"], name="apikey_org_created")]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)


class CurrentOrganizationId(models.Expression):
    """The active organization's id, read when the SQL is compiled (so when the query runs).

    Querysets may be built anywhere (class bodies, introspection by libraries); they raise
    `NoOrganizationError` only when evaluated with no organization active.
    """

    output_field = models.BigIntegerField()

    def as_sql(self, compiler, connection):
        return "%s", [require_organization_id()]


class TenantManager(models.Manager):
    """Returns only the current organization's rows; raises when no organization is active."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(organization_id=CurrentOrganizationId())


class TenantModel(models.Model):
    """Base of every tenant-owned model.

    - `organization` is filled from the active scope and may not differ from it;
    - `uuid` is the public id used in URLs and the API;
    - `objects` is scoped and fails closed; `dangerously_unscoped` is the greppable escape hatch
      (see `plms.tenancy.context.dangerously_all_organizations` for the database side).

    Every unique constraint of a subclass leads with `organization` (checked at start-up), and
    its table gets row-level security through `plms.tenancy.rls.EnableRowLevelSecurity` in
    its migration (checked by `manage.py check_rls`).
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", editable=False
    )
    uuid = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = TenantManager()
    dangerously_unscoped = models.Manager()  # noqa: DJ012 (a manager, not a field)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        current = require_organization_id()
        if self.organization_id is None:
            self.organization_id = current
        elif self.organization_id != current:
            raise ValueError(
                f"{type(self).__name__} belongs to organization {self.organization_id}, "
                f"not to the active organization {current}."
            )
        super().save(*args, **kwargs)
