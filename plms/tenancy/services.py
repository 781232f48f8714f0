"""Writes of the tenancy directory: organizations, memberships, API keys."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from plms.common.errors import ApplicationError
from plms.tenancy.context import organization_scope
from plms.tenancy.error_codes import INVALID, INVALID_ROLE, INVALID_SCOPE, SLUG_TAKEN
from plms.tenancy.models import ApiKey, Membership, Organization
from plms.tenancy.scopes import ALL_SCOPES
from plms.tenancy.selectors import API_KEY_PREFIX, hash_secret
from plms.tenancy.signals import api_key_changed, membership_changed

User = get_user_model()


@transaction.atomic
def organization_create(
    *, slug: str, name: str, admin_email: str, admin_password: str | None = None
) -> tuple[Organization, Membership]:
    """Create an organization and its first HR admin (an existing user joins as admin)."""
    slug = slugify(slug)
    if not slug:
        raise ApplicationError(INVALID, "A slug is required.", fields={"slug": "Required."})
    if Organization.objects.filter(slug=slug).exists():
        raise ApplicationError(
            SLUG_TAKEN, f"The slug {slug!r} is taken.", fields={"slug": "Already in use."}
        )
    organization = Organization.objects.create(slug=slug, name=name.strip() or slug)
    user = user_get_or_create(email=admin_email, password=admin_password)
    membership = membership_set(organization=organization, user=user, role=Membership.Role.ADMIN)
    return organization, membership


def user_get_or_create(*, email: str, password: str | None = None, full_name: str = ""):
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=password, full_name=full_name)
    elif password:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def membership_set(*, organization: Organization, user, role: str) -> Membership:
    if role not in Membership.Role.values:
        raise ApplicationError(INVALID_ROLE, f"Unknown role {role!r}.", fields={"role": "Unknown."})
    with organization_scope(organization):
        membership, created = Membership.objects.get_or_create(
            organization=organization, user=user, defaults={"role": role}
        )
        if created:
            membership_changed.send(
                Membership, membership=membership, change="created", before=None
            )
        elif membership.role != role:
            before, membership.role = membership.role, role
            membership.save(update_fields=["role"])
            membership_changed.send(
                Membership, membership=membership, change="role_changed", before=before
            )
    return membership


def api_key_create(
    *,
    organization: Organization,
    name: str,
    scopes: Iterable[str],
    created_by=None,
    expires_at: datetime | None = None,
) -> tuple[ApiKey, str]:
    """Create a key and return it with its secret; the secret is never retrievable again."""
    scopes = sorted(set(scopes))
    unknown = [scope for scope in scopes if scope not in ALL_SCOPES]
    if unknown:
        raise ApplicationError(
            INVALID_SCOPE,
            f"Unknown scope(s): {', '.join(unknown)}.",
            fields={"scopes": [f"Unknown scope {scope!r}." for scope in unknown]},
        )
    if not name.strip():
        raise ApplicationError(INVALID, "A name is required.", fields={"name": "Required."})
    if expires_at is not None and expires_at <= timezone.now():
        raise ApplicationError(
            INVALID, "The expiry must be in the future.", fields={"expires_at": "In the past."}
        )
    prefix = secrets.token_hex(6)
    secret = f"{API_KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    with organization_scope(organization):
        key = ApiKey.objects.create(
            organization=organization,
            name=name.strip(),
            prefix=prefix,
            hashed_secret=hash_secret(secret),
            scopes=scopes,
            created_by=created_by,
            expires_at=expires_at,
        )
        api_key_changed.send(ApiKey, key=key, change="created", by=created_by)
    return key, secret


def api_key_revoke(*, key: ApiKey, by=None) -> ApiKey:
    with organization_scope(key.organization_id):
        revoked = ApiKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        key.refresh_from_db(fields=["revoked_at"])
        if revoked:
            api_key_changed.send(ApiKey, key=key, change="revoked", by=by)
    return key
