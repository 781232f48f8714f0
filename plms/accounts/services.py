"""Writes of sign-in: withdrawing and restoring a person's access to one organization.

An identity provider or HRIS that deactivates an employee means the person has left: their
membership of the organization ends (so no session of theirs acts in it any more and, with no
other organization, sign-in is refused) and every API key they created for it is revoked. A
reactivation gives the sign-in back as a plain member; an HR admin grants the admin role again
deliberately, and revoked keys stay revoked.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from plms.audit.services import audit_record
from plms.people.models import Employee
from plms.tenancy.actors import Actor
from plms.tenancy.models import ApiKey, Membership
from plms.tenancy.services import membership_set


@transaction.atomic
def member_sign_in_revoke(*, actor: Actor, employee: Employee, reason: str) -> bool:
    """End `employee`'s membership and revoke their API keys in the actor's organization.

    Returns whether anything was withdrawn (an employee who never signed in has nothing).
    """
    actor.require_admin()
    if employee.user_id is None or employee.organization_id != actor.organization.pk:
        return False
    organization = actor.organization
    memberships = Membership.objects.filter(organization=organization, user_id=employee.user_id)
    roles = sorted(memberships.values_list("role", flat=True))
    revoked_keys = ApiKey.objects.filter(
        organization=organization, created_by_id=employee.user_id, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    memberships.delete()
    if not roles and not revoked_keys:
        return False
    audit_record(
        actor=actor,
        action="member.sign_in_revoked",
        obj=employee,
        changes={"role": roles[0] if roles else None, "api_keys_revoked": revoked_keys},
        reason=reason,
    )
    return True


@transaction.atomic
def member_sign_in_restore(*, actor: Actor, employee: Employee, reason: str) -> bool:
    """Give a reactivated employee who had signed in their membership back, as a member."""
    actor.require_admin()
    if employee.user_id is None or employee.organization_id != actor.organization.pk:
        return False
    organization = actor.organization
    if Membership.objects.filter(organization=organization, user_id=employee.user_id).exists():
        return False
    membership_set(organization=organization, user=employee.user, role=Membership.Role.MEMBER)
    audit_record(
        actor=actor,
        action="member.sign_in_restored",
        obj=employee,
        changes={"role": Membership.Role.MEMBER.value},
        reason=reason,
    )
    return True
