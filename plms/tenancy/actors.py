"""Who is acting: a member through the browser, or an integrator through an API key.

Services receive an `Actor` and decide with it; they never see the request.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from plms.common.errors import NotFound, PermissionDenied
from plms.tenancy.models import ApiKey, Membership, Organization

if TYPE_CHECKING:
    from plms.people.models import Employee


@dataclass(frozen=True)
class Actor:
    organization: Organization
    membership: Membership | None = None
    api_key: ApiKey | None = None
    employee: Employee | None = None
    system: bool = False

    @property
    def user(self) -> Any:
        return self.membership.user if self.membership is not None else None

    @property
    def is_admin(self) -> bool:
        """HR admins and the system; API keys act as administrators within their scopes."""
        return (
            self.system
            or self.api_key is not None
            or (self.membership is not None and self.membership.is_admin)
        )

    @property
    def label(self) -> str:
        if self.api_key is not None:
            return f"API key {self.api_key.name}"
        return str(self.user) if self.user is not None else "system"

    def require_admin(self) -> None:
        if not self.is_admin:
            raise PermissionDenied("Only HR admins may do this.")


def actor_from_request(request) -> Actor:
    request = getattr(request, "_request", request)
    return Actor(
        organization=request.organization,
        membership=request.membership,
        api_key=request.api_key,
        employee=request.employee,
    )


def system_actor(organization: Organization) -> Actor:
    """For management commands and Momentum tasks acting on the organization's behalf."""
    return Actor(organization=organization, system=True)


def same_organization(actor: Actor, *objects: object) -> None:
    """The tenancy guard of every service: each of `objects` (None is skipped) belongs to the
    actor's organization, else `NotFound`, so another organization's object looks missing
    rather than forbidden."""
    for obj in objects:
        if obj is not None and getattr(obj, "organization_id", None) != actor.organization.pk:
            raise NotFound()
