"""People who sign in. A user may belong to several organizations (see tenancy.Membership)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plms.tenancy.models import TenantModel


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username: str):
        """Sign-in by e-mail ignores case (addresses are stored in lower case)."""
        return self.get(email__iexact=(username or "").strip())

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return (self.full_name.split(" ")[0] if self.full_name else self.email).strip()


class UserSession(models.Model):
    """One signed-in browser of a person: what "Your sessions" lists and what ends one.

    The row mirrors a session of Django's session store (`session_key`); ending a session
    deletes both, so the browser's cookie no longer signs anyone in. Not a tenant table: a
    person's sessions span their organizations.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="user_sessions"
    )
    session_key = models.CharField(max_length=64, unique=True)
    user_agent = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    # How the session was signed in: "password", "password+totp", "password+recovery_code",
    # "sso".
    method = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_seen_at", "-id"]
        indexes = [models.Index(fields=["user", "-last_seen_at"], name="usersession_user_seen")]

    def __str__(self) -> str:
        return f"{self.user} ({self.ip_address or 'unknown address'})"


class SignInPolicy(TenantModel):
    """How an organization's people must sign in (one row per organization, optional)."""

    class TwoFactor(models.TextChoices):
        OFF = "off", _("Optional for everyone")
        ADMINS = "admins", _("Required for HR admins")
        EVERYONE = "everyone", _("Required for everyone")

    two_factor = models.CharField(max_length=16, choices=TwoFactor.choices, default=TwoFactor.OFF)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization"], name="signinpolicy_one_per_org"),
            models.UniqueConstraint(fields=["organization", "uuid"], name="signinpolicy_org_uuid"),
        ]

    def __str__(self) -> str:
        return f"Sign-in policy of {self.organization}"


class SsoConnection(TenantModel):
    """An organization's identity provider for single sign-on (one per organization).

    OpenID Connect: `issuer` (the discovery document is `<issuer>/.well-known/openid-configuration`
    unless `metadata_url` names another), `client_id` and the encrypted `client_secret`.
    SAML 2.0: the identity provider's metadata, from `metadata_url` or pasted into
    `saml_idp_metadata`; `issuer` is then the provider's entity id.
    Sign-in is offered to e-mail addresses in `email_domains`; `attribute_mapping` names the
    claims that carry the e-mail address and the name.
    """

    class Protocol(models.TextChoices):
        OIDC = "oidc", _("OpenID Connect")
        SAML = "saml", _("SAML 2.0")

    protocol = models.CharField(max_length=8, choices=Protocol.choices, default=Protocol.OIDC)
    display_name = models.CharField(max_length=100, default="single sign-on")
    issuer = models.CharField(max_length=500, blank=True)
    metadata_url = models.URLField(max_length=500, blank=True)
    client_id = models.CharField(max_length=255, blank=True)
    client_secret_encrypted = models.TextField(blank=True)
    email_domains = models.JSONField(default=list, blank=True)
    attribute_mapping = models.JSONField(default=dict, blank=True)
    enabled = models.BooleanField(default=True)
    # New people (no membership yet) get one at their first sign-in, linked to their employee
    # record when HR, SCIM or an HRIS created one.
    jit_membership = models.BooleanField(default=False)
    # Password sign-in is refused for the organization's members (HR admins keep it, with
    # two-factor, as the way back in when the identity provider is down or misconfigured).
    sso_only = models.BooleanField(default=False)
    saml_idp_metadata = models.TextField(blank=True)
    # Accept a response nobody asked for (a tile at the identity provider). Off, every response
    # must answer a request this organization sent.
    saml_allow_idp_initiated = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization"], name="ssoconnection_one_per_org"),
            models.UniqueConstraint(fields=["organization", "uuid"], name="ssoconnection_org_uuid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_protocol_display()} for {self.organization}"

    @property
    def discovery_url(self) -> str:
        return self.metadata_url or (self.issuer.rstrip("/") + "/.well-known/openid-configuration")

    def claim(self, name: str) -> str:
        """The claim that carries `name` ("email", "full_name", "subject")."""
        defaults = {"email": "email", "full_name": "name", "subject": "sub"}
        return (self.attribute_mapping or {}).get(name) or defaults[name]
