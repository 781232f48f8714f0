"""Sign-in events in the audit log of each organization they concern.

A person may belong to several organizations: a sign-in, a failed second factor or a session
ended is written to the log of every organization the person is an active member of (each
organization sees its own people's sign-ins); an SSO refusal to the log of the organization
whose identity provider was used. Where from (address, browser) is kept with the event.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.http import HttpRequest

from plms.audit.services import audit_record
from plms.tenancy.actors import Actor
from plms.tenancy.context import organization_scope
from plms.tenancy.models import Membership, Organization
from plms.tenancy.selectors import memberships_for_user

USER_AGENT_LENGTH = 300


def request_origin(request: HttpRequest | None) -> dict[str, str]:
    if request is None:
        return {}
    return {
        "ip_address": request.META.get("REMOTE_ADDR", ""),
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_LENGTH],
    }


def sign_in_event(
    *,
    action: str,
    user: Any = None,
    organizations: Iterable[Organization] | None = None,
    request: HttpRequest | None = None,
    actor_label: str = "",
    changes: Mapping[str, Any] | None = None,
    reason: str = "",
) -> int:
    """Record `action` about `user` (or about an unknown person named by `actor_label`).

    `organizations` defaults to the user's active memberships. Returns how many organizations'
    logs received it.
    """
    memberships: dict[int, Membership] = {}
    if user is not None:
        memberships = {m.organization_id: m for m in memberships_for_user(user=user)}
    targets = (
        list(organizations)
        if organizations is not None
        else [m.organization for m in memberships.values()]
    )
    details = {**request_origin(request), **dict(changes or {})}
    for organization in targets:
        with organization_scope(organization):
            membership = memberships.get(organization.pk)
            actor = Actor(
                organization=organization, membership=membership, system=membership is None
            )
            audit_record(
                actor=actor,
                action=action,
                obj=user if user is not None else organization,
                changes={"actor": actor_label, **details} if actor_label else details,
                reason=reason,
            )
    return len(targets)
