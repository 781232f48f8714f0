"""Writing the audit log. Services call `audit_record` in the same transaction as the change.

One table holds both the history of objects (a goal's changes, a capability's edits) and the
organisation-wide security and data events (sign-in, failed sign-in, lockout, membership and
role changes, API keys, exports, imports, calibration, erasure). It is append-only: the model
refuses updates and deletes, and the application's database role has neither privilege on the
table (only the retention purge, a function owned by the owner role, removes old entries).

`audit_record` is the one way in; its keyword arguments are a stable contract:

    audit_record(action="auth.sign_in", organization=org, user=user, request=request)
    audit_record(actor=actor, action="goal.updated", obj=goal, changes=diff(before, after))
"""

from __future__ import annotations

import contextvars
import datetime
import decimal
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import models

from plms.audit.models import AuditEvent
from plms.tenancy.actors import Actor
from plms.tenancy.context import current_organization_id, organization_scope
from plms.tenancy.models import Organization

if TYPE_CHECKING:
    from django.http import HttpRequest

USER_AGENT_LENGTH = 300

# The request being served (AuditOriginMiddleware): where audit entries come from.
_current_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "plms_audit_request", default=None
)


@contextmanager
def use_request(request: HttpRequest) -> Iterator[None]:
    token = _current_request.set(request)
    try:
        yield
    finally:
        _current_request.reset(token)


def current_request_user() -> Any:
    """The signed-in user of the request being served, or None (tasks, commands, anonymous)."""
    request = _current_request.get()
    user = getattr(request, "user", None) if request is not None else None
    # An API request's user is the key's principal (DRF), not a person.
    return user if isinstance(user, get_user_model()) and user.is_authenticated else None


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(getattr(value, "uuid", value.pk))
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of `fields`, for a before/after diff."""
    return {name: _jsonable(getattr(obj, name)) for name in fields}


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        name: {"before": before.get(name), "after": after.get(name)}
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    }


def request_origin(request: HttpRequest | None) -> tuple[str | None, str]:
    """The client address and user agent of `request` (the address as the web server saw it:
    behind a proxy, the proxy must set REMOTE_ADDR, e.g. gunicorn's --forwarded-allow-ips);
    without one, those of the request being served, if any."""
    request = request if request is not None else _current_request.get()
    if request is None:
        return None, ""
    request = getattr(request, "_request", request)
    address = request.META.get("REMOTE_ADDR") or None
    agent = request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_LENGTH]
    return address, agent


def audit_record(
    *,
    action: str,
    actor: Actor | None = None,
    organization: Organization | None = None,
    obj: models.Model | None = None,
    request: HttpRequest | None = None,
    user: Any = None,
    actor_label: str = "",
    object_label: str = "",
    changes: Mapping[str, Any] | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one event to `organization`'s audit log (the actor's when not given).

    - `actor`: who acted, when an `Actor` exists; otherwise `user` (e.g. at sign-in) or
      nobody (a failed sign-in for an unknown address: pass `actor_label`, e.g. the address);
    - `obj`: the object acted on (its type, public id and name are kept), or `object_label`
      for something that is not a model (an export file, an import);
    - `request`: where from (client address and user agent); by default the request being
      served, so services need not pass it.

    Works with or without an active organization scope (sign-in happens before one).
    """
    if organization is None:
        if actor is None:
            raise ValueError("audit_record needs an actor or an organization.")
        organization = actor.organization
    address, agent = request_origin(request)
    if actor is not None:
        actor_user = actor.user
        label = actor_label or actor.label
    else:
        actor_user = user
        label = actor_label or (str(user) if user is not None else "anonymous")
    event = AuditEvent(
        organization_id=organization.pk,
        actor_user=actor_user,
        actor_label=label[:200],
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_uuid=getattr(obj, "uuid", None) if obj is not None else None,
        object_repr=(str(obj) if obj is not None else object_label)[:300],
        changes=_jsonable(dict(changes or {})),
        reason=reason,
        ip_address=address,
        user_agent=agent,
    )
    if current_organization_id() == organization.pk:
        event.save()
    else:
        with organization_scope(organization):
            event.save()
    return event


def audit_record_many(
    *,
    actor: Actor,
    action: str,
    objects: Iterable[models.Model],
    reason: str = "",
    request: HttpRequest | None = None,
) -> int:
    """`audit_record` for many objects in one statement (e.g. each person whose confidential
    data a list showed); returns how many entries were written."""
    address, agent = request_origin(request)
    events = [
        AuditEvent(
            organization_id=actor.organization.pk,
            actor_user=actor.user,
            actor_label=actor.label[:200],
            action=action,
            object_type=obj._meta.label_lower,
            object_uuid=getattr(obj, "uuid", None),
            object_repr=str(obj)[:300],
            changes={},
            reason=reason,
            ip_address=address,
            user_agent=agent,
        )
        for obj in objects
    ]
    AuditEvent.objects.bulk_create(events)
    return len(events)
