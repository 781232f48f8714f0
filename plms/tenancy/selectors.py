"""Reads of the tenancy directory (organizations, memberships, API keys)."""

from __future__ import annotations

import hashlib
import hmac
import uuid
from datetime import timedelta

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from plms.tenancy.context import organization_scope, user_scope
from plms.tenancy.models import ApiKey, Membership, Organization
from plms.tenancy.signals import api_key_changed

API_KEY_PREFIX = "plms"
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def organization_get(*, slug: str) -> Organization | None:
    """The organization with this slug (organizations are not tenant rows: no scope needed)."""
    return Organization.objects.filter(slug=slug).first()


def memberships_for_user(*, user) -> list[Membership]:
    """The memberships that grant `user` access: inactive ones (deactivated people) do not.

    Read through the directory's policy for the user's own rows (`user_scope`), which works
    before any organization is active. Every signed-in request asks, so they are kept in the
    cache (`MEMBERSHIPS_SECONDS`): saving or deleting one of the user's memberships forgets
    theirs, saving or deleting any organization forgets everyone's (`memberships_forget`,
    `organizations_changed`, connected in `plms.tenancy.apps`)."""
    if user is None or user.pk is None:
        return []
    key = _memberships_key(user.pk)
    found = cache.get_many([key, ORGANIZATIONS_VERSION_KEY])
    version = found.get(ORGANIZATIONS_VERSION_KEY)
    cached = found.get(key)
    if cached is not None and version is not None and cached[0] == version:
        memberships = cached[1]
    else:
        with user_scope(user.pk):
            memberships = list(
                Membership.objects.filter(user=user, active=True).select_related("organization")
            )
        if version is None:
            version = uuid.uuid4().hex
            if not cache.add(ORGANIZATIONS_VERSION_KEY, version, None):
                version = None  # another request has just set it: cache the next read
        if version is not None and user.pk not in _changing:
            cache.set(key, (version, memberships), MEMBERSHIPS_SECONDS)
    for membership in memberships:
        membership.user = user  # what `Actor.user` reads: the same user, not a query again
    return memberships


MEMBERSHIPS_SECONDS = 300
ORGANIZATIONS_VERSION_KEY = "plms:tenancy:organizations-version"


def _memberships_key(user_id: int) -> str:
    return f"plms:tenancy:memberships:{user_id}"


# Users whose memberships a transaction of this process changed and has not committed: what
# it reads of them may yet be rolled back, so it is not cached.
_changing: set[int] = set()


def memberships_forget(*, user_id: int) -> None:
    """Forget a user's cached memberships: now, and when the transaction commits (a request
    that read them while the change was under way does not keep the old ones). Until then
    this process does not cache theirs (the change may be rolled back)."""
    key = _memberships_key(user_id)
    cache.delete(key)
    _changing.add(user_id)

    def committed() -> None:
        _changing.discard(user_id)
        cache.delete(key)

    transaction.on_commit(committed, robust=True)


def organizations_changed() -> None:
    """Forget every cached membership (they carry their organization): now and on commit."""

    def bump() -> None:
        cache.set(ORGANIZATIONS_VERSION_KEY, uuid.uuid4().hex, None)

    bump()
    transaction.on_commit(bump, robust=True)


def membership_exists(*, user, organization: Organization) -> bool:
    """Whether `user` has a membership of `organization`, active or not (before a scope)."""
    with user_scope(user.pk):
        return Membership.objects.filter(user=user, organization=organization).exists()


def membership_for_session(
    *, user, organization_id: int | None, memberships: list[Membership] | None = None
) -> Membership | None:
    """The membership the session acts in: the chosen one if still valid, else the first.

    `memberships` is the user's `memberships_for_user`, when the caller has read it already."""
    if memberships is None:
        memberships = memberships_for_user(user=user)
    for membership in memberships:
        if membership.organization_id == organization_id:
            return membership
    return memberships[0] if memberships else None


def _api_key_by_prefix(prefix: str) -> ApiKey | None:
    """The key with this prefix, whatever its organization: on PostgreSQL through
    `tenancy_api_key_by_prefix` (the directory's policy shows no key outside an organization)."""
    if connection.vendor != "postgresql":
        return ApiKey.objects.select_related("organization").filter(prefix=prefix).first()
    key = next(
        iter(ApiKey.objects.raw("SELECT * FROM tenancy_api_key_by_prefix(%s)", [prefix])), None
    )
    if key is not None:
        key.organization = Organization.objects.get(pk=key.organization_id)
    return key


def api_key_for_secret(*, secret: str) -> tuple[ApiKey | None, str | None]:
    """Resolve a presented key (`plms_<prefix>_<secret>`) to an active key, or an error text."""
    parts = secret.split("_", 2)
    if len(parts) != 3 or parts[0] != API_KEY_PREFIX:
        return None, "Malformed API key."
    key = _api_key_by_prefix(parts[1])
    if key is None or not hmac.compare_digest(key.hashed_secret, hash_secret(secret)):
        return None, "Invalid API key."
    now = timezone.now()
    if key.revoked_at is not None:
        return None, "This API key has been revoked."
    if key.expires_at is not None and key.expires_at <= now:
        return None, "This API key has expired."
    if key.last_used_at is None or key.last_used_at < now - LAST_USED_RESOLUTION:
        # At most one write a minute per key; the filter makes concurrent requests race safely.
        first_use = key.last_used_at is None
        with organization_scope(key.organization_id):
            claimed = ApiKey.objects.filter(pk=key.pk, last_used_at=key.last_used_at).update(
                last_used_at=now
            )
        if first_use and claimed:
            api_key_changed.send(ApiKey, key=key, change="first_used", by=None)
    return key, None
